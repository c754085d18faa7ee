package dev.ddlab.sim.build;

import dev.ddlab.sim.image.ImageLayer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A node's build cache, keyed as BuildKit keys its cache: a step's key is the hash of its parent's
 * key, the instruction (after substitution) and, for COPY and ADD, the checksum of the files it
 * copies; for RUN also the environment it runs in. A record keeps what the step made (its layer, or
 * none) and when, so that a cache hit yields the same layer and the same history time.
 */
final class BuildCache {
  /**
   * One cache record.
   *
   * @param id BuildKit-style record ID (25 lower-case letters and digits)
   * @param key the step's cache key
   * @param layer the layer the step made, or null for a step that adds none
   * @param createdNanos when the step ran
   * @param description what {@code docker buildx du} would show ("mount / from exec …")
   */
  record Record(String id, String key, ImageLayer layer, long createdNanos, String description) {
    long size() {
      return layer == null ? 0 : layer.size();
    }
  }

  private final Map<String, Record> records = new LinkedHashMap<>();

  Optional<Record> get(String key) {
    return Optional.ofNullable(records.get(key));
  }

  void put(Record r) {
    records.put(r.key(), r);
  }

  List<Record> all() {
    return List.copyOf(records.values());
  }

  /** Removes the records {@code which} selects; returns them. */
  List<Record> remove(Predicate<Record> which) {
    List<Record> out = new ArrayList<>();
    records
        .values()
        .removeIf(
            r -> {
              if (which.test(r)) {
                out.add(r);
                return true;
              }
              return false;
            });
    return out;
  }
}

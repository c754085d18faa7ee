package dev.ddlab.sim.image;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One node's references: normalised tag and digest references ("docker.io/library/alpine:latest",
 * "docker.io/library/alpine@sha256:…") to image IDs (moby {@code reference/store.go}).
 */
public final class ReferenceStore {
  /** Tag and digest references to image IDs. */
  private final Map<String, String> refs = new TreeMap<>();

  /**
   * What typed references parse to (a pure function, so a bounded memo): every container create, ps
   * and rmi looks an image up by the name the learner typed.
   */
  private final Map<String, String> canonical =
      new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
          return size() > 256;
        }
      };

  /** Parsed forms of the reference strings (parsing is the costly part of a lookup). */
  private final Map<String, Reference> parsed = new HashMap<>();

  /** References added, moved or deleted (a {@code docker ps} listing's version reads it). */
  private long changes;

  public long changes() {
    return changes;
  }

  /** The image a typed reference ("alpine", "alpine:3.19", "x@sha256:…") names, or null. */
  public String get(String typed) {
    String key = canonical.computeIfAbsent(typed, ReferenceStore::canonicalRef);
    return key.isEmpty() ? null : refs.get(key);
  }

  /** The image a normalised reference names, or null. */
  String get(Reference ref) {
    return refs.get(ref.toString());
  }

  /**
   * Points a normalised reference at an image.
   *
   * @return the image it pointed at before, or null
   */
  String add(Reference ref, String id) {
    changes++;
    return refs.put(ref.toString(), id);
  }

  void delete(Reference ref) {
    changes++;
    refs.remove(ref.toString());
  }

  /** References to an image, sorted as the reference store sorts them (familiar string). */
  public List<Reference> references(String id) {
    List<Reference> out = new ArrayList<>();
    refs.forEach(
        (ref, target) -> {
          if (target.equals(id)) {
            out.add(parsed.computeIfAbsent(ref, Reference::parse));
          }
        });
    out.sort(Comparator.comparing(Reference::familiarString));
    return out;
  }

  /** "name:tag" references of an image, as RepoTags shows them. */
  public List<String> repoTags(String id) {
    return familiar(id, false);
  }

  /** "name@sha256:…" references of an image, as RepoDigests shows them. */
  public List<String> repoDigests(String id) {
    return familiar(id, true);
  }

  private List<String> familiar(String id, boolean digests) {
    List<String> out = new ArrayList<>();
    for (Reference r : references(id)) {
      if ((r.digest() != null) == digests) {
        out.add(r.familiarString());
      }
    }
    return out;
  }

  /** The key of {@code refs} that a typed reference means, or "" when it does not parse. */
  private static String canonicalRef(String typed) {
    Reference r = Reference.tryParse(typed);
    return r == null ? "" : r.withDefaultTag().toString();
  }
}

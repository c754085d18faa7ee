package dev.ddlab.sim.container;

import dev.ddlab.engine.dto.ContainerPruneResponse;
import dev.ddlab.sim.filters.PruneFilters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * moby's daemon/prune.go (ContainersPrune): POST /containers/prune removes every stopped container
 * created before {@code until} and carrying the {@code label}s, and counts their writable layers.
 */
final class Prune {
  private final Daemon daemon;

  Prune(Daemon daemon) {
    this.daemon = daemon;
  }

  ContainerPruneResponse prune(Map<String, List<String>> filters) {
    PruneFilters.validate(filters, PruneFilters.UNTIL_AND_LABELS);
    long until = PruneFilters.until(filters, daemon.clock.nowNanos());
    List<String> deleted = new ArrayList<>();
    long reclaimed = 0;
    for (Container c : daemon.all()) {
      if (c.isRunning() || c.createdNanos > until) {
        continue;
      }
      if (!PruneFilters.labelsAllow(filters, c.config.labels())) {
        continue;
      }
      reclaimed += c.rootFs.sizeRw();
      daemon.delete.cleanup(c, false);
      deleted.add(c.id);
    }
    daemon.events.emit("container", "prune", "", Map.of("reclaimed", Long.toString(reclaimed)));
    return new ContainerPruneResponse(deleted, reclaimed);
  }
}

package dev.ddlab.sim.container;

import dev.ddlab.engine.EngineException;
import dev.ddlab.engine.dto.ContainerPruneResponse;
import dev.ddlab.go.GoTime;
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
    long until = Long.MAX_VALUE;
    List<String> labels = null;
    if (filters != null) {
      for (String key : filters.keySet()) {
        if (!key.equals("until") && !key.equals("label")) {
          throw EngineException.badRequest("Invalid filter '" + key + "'");
        }
      }
      if (filters.containsKey("until")) {
        until = GoTime.parseBound(filters.get("until").get(0), Long.MAX_VALUE);
      }
      labels = filters.get("label");
    }
    List<String> deleted = new ArrayList<>();
    long reclaimed = 0;
    for (Container c : daemon.all()) {
      if (c.isRunning() || c.createdNanos > until) {
        continue;
      }
      if (labels != null && !Containers.labelsMatch(c.config.labels(), labels)) {
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

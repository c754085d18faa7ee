package dev.ddlab.sim.container;

import dev.ddlab.engine.dto.ChangeItem;
import dev.ddlab.sim.fs.ContainerRootFs;
import java.util.List;

/**
 * moby's daemon/changes.go: GET /containers/{id}/changes (docker diff), the writable layer's
 * changes; mounts are not part of it.
 */
final class Changes {
  private final Daemon daemon;

  Changes(Daemon daemon) {
    this.daemon = daemon;
  }

  List<ChangeItem> changes(String ref) {
    Container c = daemon.get(ref);
    return ((ContainerRootFs) c.fs).changes();
  }
}

package dev.ddlab.sim.container;

import dev.ddlab.engine.EngineException;

/**
 * moby's daemon/rename.go: POST /containers/{id}/rename. The name moves in the daemon's name index
 * and in the container's DNS records on its networks.
 */
final class Rename {
  private final Daemon daemon;

  Rename(Daemon daemon) {
    this.daemon = daemon;
  }

  void rename(String ref, String newName) {
    Container c = daemon.get(ref);
    String n = Names.validate(newName);
    if (n.equals(c.name)) {
      throw EngineException.badRequest(
          "Renaming a container with the same name as its current name");
    }
    try {
      daemon.names.checkFree(n);
    } catch (EngineException e) {
      throw EngineException.conflict("Error when allocating new name: " + e.getMessage());
    }
    String old = c.name;
    daemon.names.release(old);
    daemon.changed(c);
    c.name = n;
    daemon.names.reserve(n, c);
    daemon.network.rename(c.id, n);
    daemon.event(c, "rename", "oldName", "/" + old);
  }
}

package dev.ddlab.sim.container;

import dev.ddlab.engine.EngineException;

/**
 * moby's daemon/pause.go and unpause.go: the container's freezer cgroup. Paused processes keep
 * their state; their timers wait until the thaw.
 */
final class Pause {
  private final Daemon daemon;

  Pause(Daemon daemon) {
    this.daemon = daemon;
  }

  void pause(String ref) {
    Container c = daemon.get(ref);
    switch (c.status) {
      case PAUSED -> throw EngineException.conflict("Container " + c.id + " is already paused");
      case RESTARTING -> throw Errors.restarting(c);
      case RUNNING -> {}
      default -> throw Errors.notRunning(c.id);
    }
    c.context.freeze();
    daemon.changed(c);
    c.status = Container.Status.PAUSED;
    daemon.event(c, "pause");
  }

  void unpause(String ref) {
    Container c = daemon.get(ref);
    if (c.status != Container.Status.PAUSED) {
      throw EngineException.conflict("Container " + c.id + " is not paused");
    }
    daemon.changed(c);
    c.status = Container.Status.RUNNING;
    daemon.event(c, "unpause");
    c.context.thaw();
  }
}

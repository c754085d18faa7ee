package dev.ddlab.sim.container;

import dev.ddlab.engine.EngineException;

/** moby's daemon/errors.go: the state errors several operations answer with the same words. */
final class Errors {
  private Errors() {}

  /** 409 "Container x is not running" (x as the caller names it: an ID). */
  static EngineException notRunning(String id) {
    return EngineException.conflict("Container " + id + " is not running");
  }

  /** 409 "Container x is restarting, wait until the container is running". */
  static EngineException restarting(Container c) {
    return EngineException.conflict(
        "Container " + c.id + " is restarting, wait until the container is running");
  }
}

package dev.ddlab.sim.container;

import dev.ddlab.engine.EngineException;
import dev.ddlab.sim.runtime.Signal;

/**
 * moby's daemon/restart.go: POST /containers/{id}/restart. A running container is stopped as docker
 * stop does (so its errors read "Cannot restart container x: …"), then started with a fresh restart
 * manager; the {@code restart} event comes last.
 */
final class Restart {
  private final Daemon daemon;

  Restart(Daemon daemon) {
    this.daemon = daemon;
  }

  void restart(String ref, String signal, Integer timeoutSeconds) {
    Container c = daemon.get(ref);
    if (c.isRunning()) {
      Signal s;
      try {
        s = Stop.stopSignal(c, signal);
      } catch (EngineException e) {
        throw EngineException.serverError(
            "Cannot restart container " + ref + ": " + e.getMessage());
      }
      daemon.stop.containerStop(c, s, timeoutSeconds).await(Daemon.WAIT_LIMIT);
    }
    c.resetRestartManager();
    daemon.start.containerStart(c);
    daemon.event(c, "restart");
  }
}

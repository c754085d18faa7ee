package dev.ddlab.sim.container;

import dev.ddlab.engine.EngineException;
import dev.ddlab.sim.runtime.Signal;

/**
 * moby's daemon/kill.go: POST /containers/{id}/kill, and killWithSignal, the one way a signal
 * reaches a container's PID 1 (docker kill, stop's signal and its SIGKILL, rm -f).
 */
final class Kill {
  private final Daemon daemon;

  Kill(Daemon daemon) {
    this.daemon = daemon;
  }

  /** As ContainerKill: the signal is read first (default SIGKILL), then the state checked. */
  void kill(String ref, String signal) {
    Container c = daemon.get(ref);
    Signal s = parseSignal(signal, Signal.SIGKILL);
    if (!c.isRunning()) {
      throw EngineException.conflict(
          "Cannot kill container: " + ref + ": Container " + c.id + " is not running");
    }
    killWithSignal(c, s);
  }

  /** A signal by name or number; {@code whenEmpty} for none; 400 "Invalid signal: FOO". */
  static Signal parseSignal(String signal, Signal whenEmpty) {
    if (signal == null || signal.isEmpty()) {
      return whenEmpty;
    }
    Signal s = Signal.parse(signal);
    if (s == null) {
      throw EngineException.badRequest("Invalid signal: " + signal);
    }
    return s;
  }

  /**
   * Marks the container stopped by hand (unless the daemon is shutting down), then sends the signal
   * with its {@code kill} event. A restarting container has no process: its restart manager is
   * cancelled and its pending restart dropped, without an event. A running one keeps its restart
   * manager (a kill does not cancel it, a stop does).
   */
  void killWithSignal(Container c, Signal s) {
    if (!daemon.shuttingDown) {
      c.hasBeenManuallyStopped = true;
    }
    if (c.status == Container.Status.RESTARTING) {
      c.restartManager.cancel();
      daemon.monitor.cancelRestart(c);
      return;
    }
    daemon.event(c, "kill", "signal", Integer.toString(s.number()));
    if (c.main != null) {
      c.main.signal(s);
    }
  }
}

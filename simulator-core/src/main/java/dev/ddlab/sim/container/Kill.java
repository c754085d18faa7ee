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

  /**
   * As Docker 24's ContainerKill: the signal is read first (default SIGKILL), then the container
   * found and its state checked; the API router prefixes every error with "Cannot kill container:
   * REF: " (keeping its status).
   */
  void kill(String ref, String signal) {
    try {
      Signal s = parseSignal(signal, Signal.SIGKILL);
      Container c = daemon.get(ref);
      if (!c.isRunning()) {
        throw EngineException.conflict("Container " + c.id + " is not running");
      }
      killWithSignal(c, s);
    } catch (EngineException e) {
      throw new EngineException(
          e.status(), "Cannot kill container: " + ref + ": " + e.getMessage());
    }
  }

  /**
   * A signal by name or number, {@code whenEmpty} for none, as Docker 24 reads it:
   * moby/sys/signal's ParseSignal (400 "invalid signal: FOO"; Engine 20.10 wrote "Invalid signal")
   * then ValidSignalForPlatform (400 "the linux daemon does not support signal 99").
   */
  static Signal parseSignal(String signal, Signal whenEmpty) {
    if (signal == null || signal.isEmpty()) {
      return whenEmpty;
    }
    if (signal.chars().allMatch(Character::isDigit)) {
      long n = signal.length() > 9 ? Long.MAX_VALUE : Long.parseLong(signal);
      if (n == 0) {
        throw EngineException.badRequest("invalid signal: " + signal);
      }
      Signal s = n <= 64 ? Signal.byNumber((int) n) : null;
      if (s == null) {
        throw EngineException.badRequest("the linux daemon does not support signal " + n);
      }
      return s;
    }
    Signal s = Signal.parse(signal);
    if (s == null) {
      throw EngineException.badRequest("invalid signal: " + signal);
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

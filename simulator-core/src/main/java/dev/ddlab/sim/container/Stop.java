package dev.ddlab.sim.container;

import dev.ddlab.engine.Pending;
import dev.ddlab.sim.clock.VirtualClock;
import dev.ddlab.sim.runtime.Signal;
import java.time.Duration;

/**
 * moby's daemon/stop.go: POST /containers/{id}/stop. The stop signal (the request's, else the
 * container's StopSignal, SIGTERM by default), then SIGKILL after the timeout (the request's, else
 * StopTimeout, 10 s); events kill, [kill 9], die, stop. docker restart and the daemon's shutdown
 * use the same stop.
 */
final class Stop {
  private final Daemon daemon;

  Stop(Daemon daemon) {
    this.daemon = daemon;
  }

  /**
   * As moby's ContainerStop: a stopped container is left alone (304) before the signal is read; a
   * bad signal is a 400 "Invalid signal: FOO".
   */
  void stop(String ref, String signal, Integer timeoutSeconds) {
    stopAsync(ref, signal, timeoutSeconds).await(Daemon.WAIT_LIMIT);
  }

  /**
   * The stop signal is sent and the SIGKILL armed now; the answer comes when the container is down,
   * so that several stops sent together run in parallel on the virtual clock (docker/cli's
   * parallelOperation). Hanging up does not cancel the stop, as in moby.
   */
  Pending<Void> stopAsync(String ref, String signal, Integer timeoutSeconds) {
    Container c = daemon.get(ref);
    if (!c.isRunning()) {
      SimPending<Void> p = new SimPending<>(daemon.clock);
      p.complete(null); // 304 Not Modified
      return p;
    }
    return containerStop(c, stopSignal(c, signal), timeoutSeconds);
  }

  /** The signal a stop sends: the request's, else the container's StopSignal (SIGTERM). */
  static Signal stopSignal(Container c, String signal) {
    return Kill.parseSignal(signal, Containers.stopSignal(c.config));
  }

  /**
   * Stops a running container: sends {@code signal} and schedules the SIGKILL after the timeout
   * (none for -1); the answer comes once it is down. The restart manager is cancelled; a restarting
   * container only loses its pending restart.
   */
  SimPending<Void> containerStop(Container c, Signal signal, Integer timeoutSeconds) {
    SimPending<Void> done = new SimPending<>(daemon.clock);
    c.restartManager.cancel();
    if (c.status == Container.Status.RESTARTING) {
      daemon.kill.killWithSignal(c, signal);
      daemon.event(c, "stop");
      done.complete(null);
      return done;
    }
    int timeout =
        timeoutSeconds != null
            ? timeoutSeconds
            : c.config.stopTimeout() != null ? c.config.stopTimeout() : 10;
    c.stopping = true;
    VirtualClock.Timer[] kill = {null};
    boolean[] down = {false};
    Runnable finish =
        () -> {
          if (down[0]) {
            return;
          }
          down[0] = true;
          if (kill[0] != null) {
            kill[0].cancel();
          }
          c.stopping = false;
          daemon.event(c, "stop");
          done.complete(null);
        };
    Container.Watcher w =
        new Container.Watcher() {
          @Override
          public boolean exited(int status) {
            finish.run();
            return true;
          }

          @Override
          public void removed(int exitCode) {
            finish.run();
          }
        };
    c.watch(w);
    daemon.kill.killWithSignal(c, signal);
    if (down[0] || timeout < 0) {
      return done;
    }
    kill[0] =
        daemon.clock.schedule(
            Duration.ofSeconds(timeout),
            () -> {
              kill[0] = null;
              if (down[0]) {
                return;
              }
              daemon.kill.killWithSignal(c, Signal.SIGKILL);
              if (!down[0]) {
                c.unwatch(w); // nothing left that could exit
                finish.run();
              }
            });
    return done;
  }
}

package dev.ddlab.sim.container;

import java.util.ArrayList;
import java.util.List;

/**
 * The containers' side of dockerd stopping and starting (moby's daemon/daemon.go: Shutdown with
 * shutdownContainer, and restore).
 */
final class Lifecycle {
  private final Daemon daemon;

  Lifecycle(Daemon daemon) {
    this.daemon = daemon;
  }

  /**
   * dockerd stopping: running containers get their stop signal, then SIGKILL after their timeout
   * (in parallel, on virtual time; each the same stop as docker stop's, as moby's
   * shutdownContainer); pending restarts are dropped. Policies are not applied.
   */
  void shutdown() {
    daemon.shuttingDown = true;
    List<Container> running = new ArrayList<>();
    List<SimPending<Void>> stops = new ArrayList<>();
    for (Container c : daemon.all()) {
      if (c.status == Container.Status.RESTARTING) {
        daemon.monitor.cancelRestart(c);
      } else if (c.isRunning()) {
        running.add(c);
        stops.add(daemon.stop.containerStop(c, Containers.stopSignal(c.config), null));
      }
    }
    for (SimPending<Void> p : stops) {
      p.await(Daemon.WAIT_LIMIT);
    }
    for (Container c : running) {
      c.hangUpAttachments();
    }
  }

  /**
   * dockerd starting (restore): containers whose policy says so come back (always; unless-stopped
   * unless stopped by hand; on-failure after a non-zero exit within its retry count); auto-remove
   * containers that stopped are removed. Each gets a fresh restart manager.
   */
  void boot() {
    daemon.shuttingDown = false;
    for (Container c : daemon.all()) {
      if (c.isRunning()) {
        continue;
      }
      if (c.hostConfig.autoRemove() && c.hasBeenStartedBefore) {
        daemon.delete.cleanup(c, true);
        continue;
      }
      c.resetRestartManager();
      if (!c.hasBeenStartedBefore) {
        continue;
      }
      long d =
          c.restartManager.shouldRestart(
              c.exitCode, c.hasBeenManuallyStopped, c.finishedNanos - c.startedNanos);
      if (d >= 0) {
        daemon.start.startInBackground(c);
      }
    }
  }
}

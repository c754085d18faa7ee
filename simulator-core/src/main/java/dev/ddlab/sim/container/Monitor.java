package dev.ddlab.sim.container;

import dev.ddlab.sim.clock.VirtualClock;
import dev.ddlab.sim.runtime.ProcContext;
import java.time.Duration;
import java.util.List;

/**
 * moby's daemon/monitor.go: what the daemon does when a container's PID 1 exits
 * (handleContainerExit) — endpoints and volume mounts released, state Exited with the status,
 * attached clients closed, {@code die}, waiters told — and then the restart manager's decision:
 * restart after its delay, remove an auto-remove container, or leave it exited. A stop, kill or
 * daemon shutdown in progress means no restart.
 */
final class Monitor {
  private final Daemon daemon;

  Monitor(Daemon daemon) {
    this.daemon = daemon;
  }

  /** PID 1 of the run in {@code ctx} exited with {@code status} (a stale run's exit is ignored). */
  /**
   * The OOM killer ran in the container's cgroup (memory.max): containerd's OOM event, which moby
   * publishes as the "oom" event and records as State.OOMKilled; the killed process's exit follows.
   */
  void oom(Container c, ProcContext ctx) {
    if (c.context != ctx) {
      return;
    }
    c.oomKilled = true;
    daemon.event(c, "oom");
  }

  void exited(Container c, ProcContext ctx, int status) {
    if (c.context != ctx
        || (c.status != Container.Status.RUNNING && c.status != Container.Status.PAUSED)) {
      return;
    }
    long now = daemon.clock.nowNanos();
    c.main = null;
    if (c.logs != null) {
      c.logs.flush(now);
    }
    if (daemon.network.sharedWith(c.id) == null) {
      daemon.network.stop(c.id);
    }
    daemon.mounts.unmounted(c);
    daemon.health.stop(c);
    daemon.changed(c);
    c.status = Container.Status.EXITED;
    c.exitCode = status;
    c.finishedNanos = now;
    c.exits++;
    if (c.execIds != null) {
      c.execIds.clear();
    }
    for (ProcAttachment a : c.attached()) {
      a.exited(status);
    }
    daemon.event(c, "die", "exitCode", Integer.toString(status));
    boolean stopped = c.stopping || daemon.shuttingDown;
    if (c.watchers != null) {
      for (Container.Watcher w : List.copyOf(c.watchers)) {
        if (w.exited(status)) {
          c.unwatch(w);
        }
      }
    }
    if (stopped) {
      return;
    }
    long delay =
        c.restartManager.shouldRestart(status, c.hasBeenManuallyStopped, now - c.startedNanos);
    if (delay >= 0) {
      daemon.changed(c);
      c.status = Container.Status.RESTARTING;
      c.restartCount++;
      c.restartTimer =
          daemon.clock.schedule(
              Duration.ofNanos(delay),
              VirtualClock.Cost.START, // the clock charges a container's start
              () -> {
                c.restartTimer = null;
                if (c.status == Container.Status.RESTARTING && !daemon.shuttingDown) {
                  daemon.start.startInBackground(c);
                }
              });
    } else if (c.hostConfig.autoRemove()) {
      daemon.delete.cleanup(c, true);
    }
  }

  /** Drops a pending restart: the container stays exited. */
  void cancelRestart(Container c) {
    if (c.restartTimer != null) {
      c.restartTimer.cancel();
      c.restartTimer = null;
    }
    daemon.changed(c);
    c.status = Container.Status.EXITED;
  }
}

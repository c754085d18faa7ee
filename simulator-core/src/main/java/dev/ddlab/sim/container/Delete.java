package dev.ddlab.sim.container;

import dev.ddlab.engine.EngineException;
import dev.ddlab.sim.runtime.Signal;
import java.util.List;
import java.util.Locale;

/**
 * moby's daemon/delete.go: DELETE /containers/{id}. A running container needs force (then it is
 * killed with SIGKILL, without a restart); cleanup is the removal that --rm, prune and the daemon's
 * boot share: attached clients hung up, endpoints and name released, volumes released (anonymous
 * ones removed with -v), {@code destroy}, waiters for the removal told.
 */
final class Delete {
  private final Daemon daemon;

  Delete(Daemon daemon) {
    this.daemon = daemon;
  }

  void remove(String ref, boolean force, boolean removeVolumes) {
    Container c = daemon.get(ref);
    if (c.status == Container.Status.REMOVING) {
      throw EngineException.conflict("removal of container " + c.id + " is already in progress");
    }
    if (c.isRunning()) {
      if (!force) {
        String procedure = "Stop the container before attempting removal or force remove";
        if (c.status == Container.Status.PAUSED) {
          procedure = "Unpause and then " + procedure.toLowerCase(Locale.ROOT);
        }
        throw EngineException.conflict(
            "You cannot remove a " + c.status.text + " container " + c.id + ". " + procedure);
      }
      c.restartManager.cancel();
      c.stopping = true;
      daemon.kill.killWithSignal(c, Signal.SIGKILL);
      c.stopping = false;
    }
    cleanup(c, removeVolumes);
  }

  /** cleanupContainer: removes a stopped container (nothing happens when it is already gone). */
  void cleanup(Container c, boolean removeVolumes) {
    if (daemon.byId(c.id) == null) {
      return;
    }
    daemon.changed(c);
    c.status = Container.Status.REMOVING;
    c.hangUpAttachments();
    daemon.network.unregister(c.id);
    daemon.forget(c);
    c.rootFs.disk(null);
    if (c.logs != null) {
      c.logs.release(); // the log file goes with the container
    }
    daemon.mounts.release(c, removeVolumes);
    daemon.changed(c);
    c.status = Container.Status.DEAD;
    daemon.event(c, "destroy");
    if (c.watchers != null) {
      List<Container.Watcher> gone = List.copyOf(c.watchers);
      c.watchers = null;
      gone.forEach(w -> w.removed(c.exitCode));
    }
  }
}

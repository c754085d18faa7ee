package dev.ddlab.sim.container;

import dev.ddlab.engine.EngineException;
import dev.ddlab.engine.Pending;
import dev.ddlab.engine.dto.WaitResponse;
import java.util.List;

/**
 * moby's daemon/wait.go over container.State.Wait: POST /containers/{id}/wait. The answer is a
 * {@link Pending} completed by a {@link Container.Watcher} that the {@link Monitor} tells of each
 * exit and {@link Delete} of the removal; nothing but the caller's letting time run moves it.
 */
final class Wait {
  private final Daemon daemon;

  Wait(Daemon daemon) {
    this.daemon = daemon;
  }

  /** Blocks in virtual time; a container nothing will stop is a 500 rather than a hang. */
  WaitResponse await(String ref, String condition) {
    Pending<WaitResponse> p = waitAsync(ref, condition);
    if (!p.await(Daemon.WAIT_LIMIT)) {
      p.cancel();
      throw EngineException.serverError(
          "container "
              + daemon.get(ref).id
              + " is still running and nothing is scheduled to stop it");
    }
    return p.get();
  }

  /**
   * As moby's State.Wait: "not-running" answers at once for a container that is not running (a
   * restarting one counts as running), else at its next exit like "next-exit"; "removed" at its
   * removal. Each answer carries the exit code of that moment.
   */
  Pending<WaitResponse> waitAsync(String ref, String condition) {
    Container c = daemon.get(ref);
    String cond = condition == null || condition.isEmpty() ? "not-running" : condition;
    if (!List.of("not-running", "next-exit", "removed").contains(cond)) {
      throw EngineException.badRequest("invalid condition: \"" + cond + "\"");
    }
    SimPending<WaitResponse> p = new SimPending<>(daemon.clock);
    if (cond.equals("not-running") && !c.isRunning()) {
      p.complete(new WaitResponse(c.exitCode, null));
      return p;
    }
    boolean onExit = !cond.equals("removed");
    Container.Watcher w =
        new Container.Watcher() {
          @Override
          public boolean exited(int status) {
            if (onExit) {
              p.complete(new WaitResponse(status, null));
            }
            return onExit;
          }

          @Override
          public void removed(int exitCode) {
            p.complete(new WaitResponse(exitCode, null));
          }
        };
    c.watch(w);
    p.onCancel(() -> c.unwatch(w));
    return p;
  }
}

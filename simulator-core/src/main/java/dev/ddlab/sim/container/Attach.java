package dev.ddlab.sim.container;

import dev.ddlab.engine.Attachment;
import dev.ddlab.engine.EngineException;

/**
 * moby's daemon/attach.go: POST /containers/{id}/attach. The client gets what PID 1 writes from now
 * on (see {@link Container#output}) and, with stdin on an OpenStdin container, writes to it.
 */
final class Attach {
  private final Daemon daemon;

  Attach(Daemon daemon) {
    this.daemon = daemon;
  }

  Attachment attach(String ref, boolean stdin) {
    Container c = daemon.get(ref);
    switch (c.status) {
      case PAUSED ->
          throw EngineException.conflict(
              "You cannot attach to a paused container, unpause it first");
      case RESTARTING ->
          throw EngineException.conflict(
              "You cannot attach to a restarting container, wait until it is running");
      // moby attaches to an exited container (docker start -a attaches, then starts it; the
      // docker attach command refuses a stopped one itself)
      case DEAD, REMOVING ->
          throw EngineException.conflict(
              "You cannot attach to a stopped container, start it first");
      default -> {}
    }
    ProcAttachment a =
        new ProcAttachment(
            daemon.clock,
            () -> c.main,
            stdin && c.config.openStdin(),
            c.config.tty(),
            closed -> {
              if (c.attachments != null) {
                c.attachments.remove(closed);
              }
            });
    c.attachments().add(a);
    daemon.event(c, "attach");
    return a;
  }
}

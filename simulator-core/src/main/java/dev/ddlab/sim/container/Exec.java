package dev.ddlab.sim.container;

import dev.ddlab.engine.Attachment;
import dev.ddlab.engine.EngineException;
import dev.ddlab.engine.dto.ExecConfig;
import dev.ddlab.engine.dto.ExecInspect;
import dev.ddlab.fs.UserDb;
import dev.ddlab.sim.clock.VirtualClock;
import dev.ddlab.sim.runtime.Executables;
import dev.ddlab.sim.runtime.Signal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * moby's daemon/exec.go: POST /containers/{id}/exec, /exec/{id}/start, GET /exec/{id}/json. An exec
 * process joins the container's namespaces with the container's environment, working directory and
 * user unless the exec sets its own; its parent is the container's shim. Events exec_create,
 * exec_start, exec_die.
 */
final class Exec {
  /** moby's execCommandGC runs every five minutes. */
  static final Duration GC_PERIOD = Duration.ofMinutes(5);

  private final Daemon daemon;

  /** The next pass, while one is due (a pass clears it; nothing cancels it). */
  private VirtualClock.Timer gc;

  Exec(Daemon daemon) {
    this.daemon = daemon;
  }

  String create(String ref, ExecConfig config) {
    Container c = daemon.get(ref);
    switch (c.status) {
      case RUNNING -> {}
      case PAUSED ->
          throw EngineException.conflict(
              "Container " + ref + " is paused, unpause the container before exec");
      case RESTARTING -> throw Errors.restarting(c);
      default -> throw Errors.notRunning(c.id);
    }
    if (config.cmd() == null || config.cmd().isEmpty()) {
      throw EngineException.badRequest("No exec command specified");
    }
    String id = daemon.ids.hex(64);
    daemon.execs.put(id, new ExecInstance(id, c.id, config));
    c.execIds().add(id);
    daemon.event(c, "exec_create: " + String.join(" ", config.cmd()), "execID", id);
    return id;
  }

  Attachment start(String execId, boolean detach, boolean tty) {
    return start(execId, detach, tty, x -> {});
  }

  /**
   * An exec the daemon runs for itself (a health probe): attached to stdout and stderr, and {@code
   * onClose} told when the stream ends.
   */
  ProcAttachment start(String execId, Consumer<ProcAttachment> onClose) {
    return start(execId, false, false, onClose);
  }

  /** Kills a running exec's process (a probe past its timeout). */
  void kill(String execId) {
    ExecInstance e = daemon.execs.get(execId);
    if (e != null && e.running && e.proc != null) {
      e.proc.signal(Signal.SIGKILL);
    }
  }

  private ProcAttachment start(
      String execId, boolean detach, boolean tty, Consumer<ProcAttachment> onClose) {
    ExecInstance e = instance(execId);
    if (e.started) {
      throw EngineException.conflict("Error: Exec command " + execId + " is already running");
    }
    Container c = daemon.byId(e.containerId);
    if (c == null || c.status != Container.Status.RUNNING) {
      throw Errors.notRunning(e.containerId);
    }
    e.started = true;
    ExecConfig cfg = e.config;
    String cwd =
        cfg.workingDir() != null && !cfg.workingDir().isEmpty() ? cfg.workingDir() : c.workingDir();
    String user = cfg.user() != null && !cfg.user().isEmpty() ? cfg.user() : c.user();
    String userSpec = cfg.user() != null && !cfg.user().isEmpty() ? cfg.user() : c.config.user();
    boolean withTty = tty || cfg.tty();
    ProcAttachment a =
        new ProcAttachment(daemon.clock, () -> e.proc, cfg.attachStdin(), withTty, onClose);
    UserDb.ExecUser execUser;
    try {
      execUser = UserDb.execUser(c.fs, userSpec);
    } catch (IllegalArgumentException unknown) {
      // moby's execSetPlatformOpt fails before runc is asked: its text on the stream, 126
      a.output(unknown.getMessage() + "\r\n");
      died(c, e, a, 126);
      return a;
    }
    Map<String, String> env =
        Containers.processEnv(c, c.context.hostname(), withTty, execUser, cfg.env());
    daemon.event(c, "exec_start: " + String.join(" ", cfg.cmd()), "execID", e.id);
    Executables.Resolution r =
        Executables.resolve(c.fs, cfg.cmd(), env, cwd, daemon.kernel.programs());
    if (!r.ok()) {
      a.output(
          "OCI runtime exec failed: exec failed: unable to start container process: "
              + r.runcMessage()
              + ": unknown\r\n");
      died(c, e, a, 126);
      return a;
    }
    e.running = true;
    e.proc =
        daemon.kernel.start(
            c.context,
            null,
            r,
            env,
            cwd,
            user,
            withTty ? pty(cfg.consoleSize()) : null,
            a.stdout(),
            t -> a.output(true, t),
            status -> died(c, e, a, status),
            c.shimPid);
    if (e.running && !cfg.attachStdin()) {
      e.proc.closeInput();
    }
    if (detach) {
      a.close();
    }
    return a;
  }

  private void died(Container c, ExecInstance e, ProcAttachment a, int status) {
    e.running = false;
    e.exitCode = status;
    e.proc = null;
    collectLater();
    if (c.execIds != null) {
      c.execIds.remove(e.id);
    }
    daemon.event(c, "exec_die", "execID", e.id, "exitCode", Integer.toString(status));
    a.exited(status);
  }

  /**
   * moby's execCommandGC: an exec that has ended stays inspectable until a pass has seen it ended
   * and the next one (five minutes later) forgets it, so a health check every second does not keep
   * every probe it ran. The pass runs as upkeep, and only while there are execs to forget.
   */
  private void collectLater() {
    if (gc == null) {
      gc = daemon.clock.scheduleUpkeep(GC_PERIOD, this::collect);
    }
  }

  private void collect() {
    gc = null;
    boolean more = false;
    for (var it = daemon.execs.values().iterator(); it.hasNext(); ) {
      ExecInstance e = it.next();
      if (e.canRemove) {
        it.remove();
      } else if (!e.running && e.started) {
        e.canRemove = true;
        more = true;
      }
    }
    if (more) {
      collectLater();
    }
  }

  ExecInspect inspect(String execId) {
    ExecInstance e = instance(execId);
    return new ExecInspect(
        false,
        e.containerId,
        "",
        e.exitCode,
        e.id,
        e.config.attachStderr(),
        e.config.attachStdin(),
        e.config.attachStdout(),
        e.running,
        e.proc == null || !e.running ? 0 : e.proc.hostPid());
  }

  /** getExecConfig: the exec instance, or 404 "No such exec instance: x". */
  private ExecInstance instance(String execId) {
    ExecInstance e = daemon.execs.get(execId);
    if (e == null) {
      throw EngineException.notFound("No such exec instance: " + execId);
    }
    return e;
  }

  /**
   * An exec's TTY, of the ConsoleSize the client sent (Docker 24's daemon sizes it before the
   * process starts), else 0 × 0 until the client's resize.
   */
  private static dev.ddlab.sim.runtime.Pty pty(List<Long> size) {
    return size == null || size.size() != 2
        ? new dev.ddlab.sim.runtime.Pty(0, 0)
        : new dev.ddlab.sim.runtime.Pty(size.get(0), size.get(1));
  }
}

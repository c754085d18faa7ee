package dev.ddlab.sim.container;

import dev.ddlab.engine.EngineException;
import dev.ddlab.engine.dto.HostConfig;
import dev.ddlab.fs.FileNode;
import dev.ddlab.fs.UserDb;
import dev.ddlab.sim.runtime.Executables;
import dev.ddlab.sim.runtime.Kernel;
import dev.ddlab.sim.runtime.Namespaces;
import dev.ddlab.sim.runtime.NetNamespace;
import dev.ddlab.sim.runtime.PidNamespace;
import dev.ddlab.sim.runtime.ProcContext;
import dev.ddlab.sim.runtime.SimProc;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * moby's daemon/start.go (with the namespaces of oci_linux.go): POST /containers/{id}/start, and
 * the start that docker restart, the restart manager and the daemon's boot share. The container's
 * network namespace is joined or made and its endpoints created, PID 1 is looked up (execve's
 * errors are runc's, with exit codes 127, 126, 128) and started in new namespaces; its exit goes to
 * the {@link Monitor}.
 */
final class Start {
  private final Daemon daemon;

  /**
   * The user the last start resolved, with the spec and the /etc/passwd and /etc/group nodes it was
   * read from. A file written again is a new node, so the same nodes are the same files: a node's
   * containers mostly start from one image's files, and such a start reads and splits neither file
   * again (it was a seventh of what a run+rm pair allocated).
   */
  private record KeptUser(String spec, FileNode passwd, FileNode group, UserDb.ExecUser user) {}

  private KeptUser keptUser;

  Start(Daemon daemon) {
    this.daemon = daemon;
  }

  void start(String ref) {
    Container c = daemon.get(ref);
    switch (c.status) {
      case RUNNING, RESTARTING -> {
        return; // 304 Not Modified
      }
      case PAUSED ->
          throw EngineException.conflict("cannot start a paused container, try unpause instead");
      case REMOVING, DEAD ->
          throw EngineException.conflict("container is marked for removal and cannot be started");
      default -> {}
    }
    c.resetRestartManager();
    try {
      containerStart(c);
    } catch (EngineException e) {
      // A container that cannot start is cleaned up, and removed with --rm.
      if (c.hostConfig.autoRemove()) {
        daemon.delete.cleanup(c, true);
      }
      throw e;
    }
  }

  /** moby's createSpec (WithUser): {@code --user} resolved in the container's files. */
  private UserDb.ExecUser execUser(Container c) {
    String spec = c.config.user();
    FileNode passwd = c.fs.stat("/etc/passwd").orElse(null);
    FileNode group = c.fs.stat("/etc/group").orElse(null);
    KeptUser k = keptUser;
    if (k != null && k.passwd() == passwd && k.group() == group && Objects.equals(k.spec(), spec)) {
      return k.user();
    }
    UserDb.ExecUser u = UserDb.execUser(c.fs, spec);
    u = new UserDb.ExecUser(u.uid(), u.gid(), u.name(), u.home(), List.copyOf(u.groups()));
    keptUser = new KeptUser(spec, passwd, group, u);
    return u;
  }

  /**
   * A start nobody waits for (the restart manager's, the daemon's boot): a container that cannot
   * start stays exited, as moby logs the error and moves on.
   */
  void startInBackground(Container c) {
    try {
      containerStart(c);
    } catch (EngineException e) {
      daemon.changed(c);
      c.status = Container.Status.EXITED;
    }
  }

  /**
   * Starts a created or exited container. A failure leaves its state as it was, with State.Error
   * and the exit code runc would give (docker ps shows it Created or Exited as before).
   */
  void containerStart(Container c) {
    String shared = daemon.network.sharedWith(c.id);
    String mode = daemon.network.mode(c.id);
    Kernel kernel = daemon.kernel;
    UserDb.ExecUser user;
    try {
      // moby's createSpec (WithUser): the user is resolved in the container's files first
      user = execUser(c);
    } catch (IllegalArgumentException e) {
      daemon.changed(c); // State.Error, shown by inspect
      c.error = e.getMessage();
      if (c.exitCode == 0) {
        c.exitCode = 128;
      }
      throw EngineException.serverError(e.getMessage());
    }
    NetNamespace netNs;
    if (shared != null) {
      Container target = daemon.byId(shared);
      if (target == null || !target.isRunning() || target.context == null) {
        throw EngineException.conflict("cannot join network of a non running container: " + shared);
      }
      netNs = target.context.netNs();
    } else if (mode.equals("host")) {
      netNs = kernel.host().netNs();
    } else {
      netNs = kernel.newNetNamespace();
    }
    if (shared == null) {
      try {
        daemon.network.start(c.id, netNs);
      } catch (EngineException e) {
        daemon.changed(c); // State.Error, shown by inspect
        c.error = e.getMessage();
        if (c.exitCode == 0) {
          c.exitCode = 128;
        }
        throw e;
      }
    }
    daemon.mounts.writeEtcFiles(c);
    String hostname = mode.equals("host") ? kernel.host().hostname() : c.config.hostname();
    Map<String, String> env = Containers.processEnv(c, hostname, c.config.tty(), user, null);
    String cwd = c.workingDir();
    List<String> argv = new ArrayList<>();
    argv.add(c.path);
    argv.addAll(c.args);
    Executables.Resolution r =
        Executables.startable(Executables.resolve(c.fs, argv, env, cwd, kernel.programs()), argv);
    if (!r.ok()) {
      daemon.network.stop(c.id);
      String message =
          "failed to create task for container: failed to create shim task: OCI runtime create"
              + " failed: runc create failed: unable to start container process: "
              + r.runcMessage()
              + ": unknown";
      daemon.changed(c);
      c.error = message;
      c.exitCode =
          switch (r.failure()) {
            case NOT_FOUND_IN_PATH, NO_SUCH_FILE -> 127;
            case PERMISSION_DENIED -> 126;
            default -> 128;
          };
      throw EngineException.badRequest(message);
    }
    boolean hostNet = mode.equals("host");
    HostConfig hc = c.hostConfig;
    PidNamespace pidNs = "host".equals(hc.pidMode()) ? kernel.hostPids() : kernel.newPidNamespace();
    Namespaces hostNs = Kernel.HOST_NAMESPACES;
    Namespaces ns =
        new Namespaces(
            pidNs.inode(),
            netNs.inode(),
            kernel.newInode(),
            hostNet || "host".equals(hc.utsMode()) ? hostNs.uts() : kernel.newInode(),
            "host".equals(hc.ipcMode()) ? hostNs.ipc() : kernel.newInode(),
            hostNs.user(),
            kernel.newInode());
    ProcContext ctx = kernel.newContext(c.id, c.fs, hostname, pidNs, netNs, ns);
    ctx.cgroup().pidsMax(hc.pidsLimit() == null ? 0 : hc.pidsLimit());
    ctx.cgroup().memoryMax(hc.memory());
    if (hc.ulimits() != null) {
      dev.ddlab.sim.runtime.Rlimits limits = ctx.rlimits();
      for (dev.ddlab.engine.dto.Ulimit u : hc.ulimits()) {
        limits = limits.with(u.name(), u.soft(), u.hard());
      }
      ctx.rlimits(limits);
    }
    ctx.cgroup().onOom(() -> daemon.monitor.oom(c, ctx));
    c.context = ctx;
    c.shimPid = kernel.reserveHostPid();
    daemon.changed(c);
    c.status = Container.Status.RUNNING;
    c.startedNanos = daemon.clock.nowNanos();
    c.error = "";
    c.exitCode = 0;
    c.oomKilled = false;
    c.hasBeenStartedBefore = true;
    c.hasBeenManuallyStopped = false;
    c.stopping = false;
    daemon.mounts.mounted(c);
    daemon.event(c, "start");
    daemon.health.started(c);
    SimProc p =
        kernel.start(
            ctx,
            null,
            r,
            env,
            cwd,
            c.user(),
            // a TTY of the create's ConsoleSize (Docker 24's daemon sizes it before the process
            // starts; the client's resizes follow)
            c.config.tty()
                ? new dev.ddlab.sim.runtime.Pty(
                    c.hostConfig.consoleSize().get(0), c.hostConfig.consoleSize().get(1))
                : null,
            c.stdout(daemon.clock),
            text -> c.output(daemon.clock.nowNanos(), true, text),
            status -> daemon.monitor.exited(c, ctx, status),
            c.shimPid);
    // PID 1 may have exited already (and the container restarted) while it started.
    if (c.context == ctx
        && (c.status == Container.Status.RUNNING || c.status == Container.Status.PAUSED)) {
      daemon.changed(c); // State.Pid, shown by inspect
      c.main = p;
      if (!c.config.openStdin()) {
        p.closeInput();
      }
    }
  }
}

package dev.ddlab.sim.shell;

import dev.ddlab.fs.FileSystem;
import dev.ddlab.sim.clock.VirtualClock;
import dev.ddlab.sim.runtime.Proc.ProcessInfo;
import dev.ddlab.sim.runtime.Signal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a host tool sees of its node and shell ({@link HostShell}): the host filesystem, the login's
 * processes as {@code ps} shows them (this login shell and the tool itself), the virtual clock, its
 * job's kill and the terminal's Ctrl-C.
 */
final class HostTools implements ToolContext {
  private static final int UID = 1000;

  private final HostShell shell;
  private final String argv0;
  private final Map<String, String> env;
  private final Io io;
  private final int pid;

  private final boolean background;

  /** What the tool does when its job is killed (its interrupt), and whether it was. */
  private final List<Runnable> stops = new ArrayList<>();

  private boolean stopped;

  HostTools(
      HostShell shell, String argv0, Map<String, String> env, Io io, int pid, boolean background) {
    this.shell = shell;
    this.background = background;
    this.argv0 = argv0;
    this.env = env;
    this.io = io;
    this.pid = pid;
  }

  @Override
  public String argv0() {
    return argv0;
  }

  @Override
  public FileSystem fs() {
    return shell.node().fs();
  }

  @Override
  public String cwd() {
    return shell.cwd();
  }

  @Override
  public Map<String, String> env() {
    return env;
  }

  @Override
  public Io io() {
    return io;
  }

  @Override
  public boolean busybox() {
    return false;
  }

  @Override
  public String hostname() {
    return shell.node().hostname();
  }

  @Override
  public String user() {
    return HostShell.USER;
  }

  @Override
  public int uid() {
    return UID;
  }

  @Override
  public int gid() {
    return UID;
  }

  @Override
  public VirtualClock clock() {
    return shell.node().clock();
  }

  @Override
  public List<ProcessInfo> processes() {
    long now = shell.node().clock().nowNanos();
    return List.of(
        new ProcessInfo(shell.shellPid(), 1, shell.shellPid(), HostShell.USER, "-bash", now, 'S'),
        new ProcessInfo(
            pid, shell.shellPid(), pid, HostShell.USER, String.join(" ", argv0), now, 'R'));
  }

  @Override
  public int pid() {
    return pid;
  }

  @Override
  public boolean kill(int target, Signal signal) {
    return shell.jobControl().kill(target, signal);
  }

  @Override
  public boolean tty() {
    return shell.toTerminal(io);
  }

  /**
   * The terminal's width, for ls's columns: ToolContext.columns() on terminal's branch (no
   * {@code @Override} here until it lands, so both orders of landing compile).
   */
  public int columns() {
    return shell.terminalColumns();
  }

  @Override
  public dev.ddlab.sim.network.dataplane.NetStack netStack() {
    return shell.node().netStack();
  }

  @Override
  public void onInterrupt(Runnable stop) {
    if (!background) {
      shell.onForegroundInterrupt(stop);
    } else {
      stops.add(stop);
    }
  }

  /** The tool's job was killed: it stops as on Ctrl-C, and its pending steps do not run. */
  void stop() {
    stopped = true;
    stops.forEach(Runnable::run);
  }

  /** A step of the tool after virtual time, dropped once its job was killed. */
  private void later(Duration d, boolean cpu, Runnable next) {
    Runnable step =
        () -> {
          if (!stopped) {
            next.run();
          }
        };
    if (cpu) {
      shell.runtime().compute(d, background, step);
    } else {
      shell.runtime().after(d, background, step);
    }
  }

  @Override
  public void compute(Duration d, Runnable next) {
    later(d, true, next);
  }

  @Override
  public Web web() {
    Web w = shell.node().web();
    if (w == null) {
      return null;
    }
    return new Web() {
      @Override
      public dev.ddlab.sim.runtime.HttpResponse get(String host, int port, String path) {
        return w.get(host, port, path);
      }

      @Override
      public void get(
          String host,
          int port,
          String path,
          java.util.function.Consumer<dev.ddlab.sim.runtime.HttpOutcome> done) {
        // the exchange's virtual time passes before the tool answers (Ctrl-C cancels the wait)
        dev.ddlab.sim.runtime.HttpOutcome o = w.fetch(host, port, path);
        later(java.time.Duration.ofNanos(o.elapsedNanos()), false, () -> done.accept(o));
      }
    };
  }
}

package dev.ddlab.sim.runtime;

import dev.ddlab.fs.FileSystem;
import dev.ddlab.sim.clock.SeededRandom;
import dev.ddlab.sim.clock.VirtualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * The runtime's process: a {@link Program} driven through {@link Proc}. It lives in one PID
 * namespace (its container's, or the host's) and always also has a host PID. Exiting closes its
 * sockets, cancels its timers and reparents its children; when a namespace's PID 1 exits the kernel
 * kills every other process of that namespace, as Linux does.
 */
public final class SimProc implements Proc {
  private final Kernel kernel;
  private final ProcContext ctx;
  private Program program;
  private final int pid;
  private final int hostPid;
  private int ppid;
  private final int hostPpid;
  private List<String> argv;
  private Map<String, String> env;
  private String cwd;
  private final String user;
  private boolean tty;
  private final Pty pty;
  private final boolean stdinTty;
  private Consumer<String> out;
  private Consumer<String> err;
  private final IntConsumer onExit;
  private final long startedNanos;
  private List<VirtualClock.Timer> timers;
  private boolean exited;

  /** The signal being delivered now ({@link #signaled}), or null. */
  private Signal delivering;

  private boolean signaled;
  private int status = -1;
  private char state = 'S';
  private long rss;
  private String title;

  SimProc(
      Kernel kernel,
      ProcContext ctx,
      Program program,
      int pid,
      int hostPid,
      int ppid,
      int hostPpid,
      List<String> argv,
      Map<String, String> env,
      String cwd,
      String user,
      Pty pty,
      boolean stdinTty,
      boolean tty,
      Consumer<String> out,
      Consumer<String> err,
      IntConsumer onExit) {
    this.kernel = kernel;
    this.ctx = ctx;
    this.program = program;
    this.pid = pid;
    this.hostPid = hostPid;
    this.ppid = ppid;
    this.hostPpid = hostPpid;
    this.argv = List.copyOf(argv);
    this.env = env;
    this.cwd = cwd;
    this.user = user;
    this.tty = tty;
    this.pty = pty;
    this.stdinTty = stdinTty;
    this.out = out;
    this.err = err;
    this.onExit = onExit;
    this.startedNanos = kernel.clock().nowNanos();
  }

  public ProcContext context() {
    return ctx;
  }

  public Program program() {
    return program;
  }

  public int ppid() {
    return ppid;
  }

  public int hostPpid() {
    return hostPpid;
  }

  public long startedNanos() {
    return startedNanos;
  }

  /** ps state letter: S sleeping, T stopped, Z zombie (never kept), D for frozen (cgroup). */
  public char state() {
    return ctx.frozen() ? 'D' : state;
  }

  /** What ps shows as CMD: argv, or the title a program set (nginx: master process …). */
  public String command() {
    return title != null ? title : String.join(" ", argv);
  }

  /** Rewrites the command line ps shows, as nginx and redis-server do. */
  public void title(String title) {
    this.title = title;
  }

  /**
   * fork(2) without exec: a child process running {@code child} (nginx workers). Output goes to
   * this process's streams.
   */
  public SimProc fork(List<String> childArgv, Program child, IntConsumer onChildExit) {
    Executables.Resolution r =
        new Executables.Resolution(child, childArgv, null, null, childArgv.get(0));
    return kernel.start(
        ctx,
        this,
        r,
        env,
        cwd,
        user,
        pty,
        stdinTty,
        tty,
        inheritedOut(),
        this::err,
        onChildExit,
        0);
  }

  /** The exit status, or -1 while running. */
  public int status() {
    return status;
  }

  @Override
  public List<String> argv() {
    return argv;
  }

  @Override
  public Map<String, String> env() {
    return env;
  }

  @Override
  public String cwd() {
    return cwd;
  }

  @Override
  public void cwd(String path) {
    this.cwd = path;
  }

  @Override
  public int pid() {
    return pid;
  }

  @Override
  public int hostPid() {
    return hostPid;
  }

  @Override
  public String user() {
    return user;
  }

  @Override
  public String hostname() {
    return ctx.hostname();
  }

  @Override
  public FileSystem fs() {
    return ctx.fs();
  }

  @Override
  public boolean tty() {
    return tty;
  }

  @Override
  public Pty pty() {
    return pty;
  }

  @Override
  public boolean stdinTty() {
    return stdinTty && pty != null;
  }

  @Override
  public void out(String text) {
    if (!exited && !text.isEmpty()) {
      out.accept(text);
    }
  }

  @Override
  public void err(String text) {
    if (!exited && !text.isEmpty()) {
      err.accept(text);
    }
  }

  @Override
  public void exit(int code) {
    if (exited) {
      return;
    }
    exited = true;
    status = code & 0xff;
    signaled = delivering != null && status == 128 + delivering.number();
    if (timers != null) {
      for (VirtualClock.Timer t : timers) {
        t.cancel();
      }
      timers = null;
    }
    if (ctx.netNs() != null) {
      ctx.netNs().closeAll(this);
    }
    ctx.cgroup().unchargeMemory(rss);
    rss = 0;
    kernel.reap(this);
    onExit.accept(status);
  }

  @Override
  public boolean exited() {
    return exited;
  }

  @Override
  public boolean signaled() {
    return signaled;
  }

  @Override
  public VirtualClock clock() {
    return kernel.clock();
  }

  @Override
  public SeededRandom random() {
    return kernel.random();
  }

  @Override
  public VirtualClock.Timer after(Duration delay, Runnable action) {
    return timer(delay, false, action);
  }

  @Override
  public VirtualClock.Timer afterCpu(Duration delay, Runnable action) {
    return timer(delay, true, action);
  }

  private VirtualClock.Timer timer(Duration delay, boolean cpu, Runnable action) {
    if (timers == null) {
      timers = new ArrayList<>(2);
    }
    VirtualClock.Timer[] self = new VirtualClock.Timer[1];
    Runnable fire =
        () -> {
          if (timers != null) {
            timers.remove(self[0]);
          }
          if (!exited) {
            ctx.runOrDefer(
                () -> {
                  if (!exited) {
                    action.run();
                  }
                });
          }
        };
    VirtualClock clock = kernel.clock();
    self[0] = cpu ? clock.scheduleCpu(delay, fire) : clock.schedule(delay, fire);
    timers.add(self[0]);
    return self[0];
  }

  @Override
  public Proc spawn(List<String> argv, Map<String, String> env, ProcIo io, IntConsumer onExit) {
    if (exited || argv.isEmpty()) {
      return null;
    }
    Executables.Resolution r = Executables.resolve(ctx.fs(), argv, env, cwd, kernel.programs());
    if (!r.ok()) {
      return null;
    }
    Consumer<String> o = io != null && io.out() != null ? io.out() : inheritedOut();
    Consumer<String> e = io != null && io.err() != null ? io.err() : this::err;
    boolean childTty = tty && (io == null || io.out() == null);
    boolean childStdinTty = stdinTty && (io == null || !io.inRedirected());
    return kernel.start(
        ctx, this, r, env, cwd, user, pty, childStdinTty, childTty, o, e, onExit, 0);
  }

  @Override
  public boolean exec(List<String> newArgv) {
    return !exited && !newArgv.isEmpty() && exec(newArgv, env) == null;
  }

  @Override
  public boolean redirect(ProcIo io) {
    if (exited) {
      return false;
    }
    if (io.out() != null) {
      out = io.out();
      tty = false; // what it runs next writes to a file, not the terminal
    }
    if (io.err() != null) {
      err = io.err();
    }
    return true;
  }

  @Override
  public Executables.Failure exec(List<String> newArgv, Map<String, String> newEnv) {
    if (exited || newArgv.isEmpty()) {
      return Executables.Failure.NOT_FOUND_IN_PATH;
    }
    Executables.Resolution r =
        Executables.resolve(ctx.fs(), newArgv, newEnv, cwd, kernel.programs());
    if (!r.ok()) {
      return r.failure();
    }
    program = r.program();
    argv = List.copyOf(r.argv());
    env = newEnv;
    title = null;
    program.start(this);
    return null;
  }

  @Override
  public Cgroup cgroup() {
    return ctx.cgroup();
  }

  @Override
  public Rlimits rlimits() {
    return ctx.rlimits();
  }

  @Override
  public boolean rss(long bytes) {
    if (exited) {
      return true; // what it held went with it
    }
    if (!ctx.cgroup().resize(rss, bytes)) {
      signal(Signal.SIGKILL); // the OOM killer: the process that allocates is the largest one
      return false;
    }
    rss = bytes;
    return true;
  }

  @Override
  public OutputEnd stdoutEnd() {
    return out instanceof OutputEnd e ? e : null;
  }

  /**
   * This process's stdout as a child inherits it: the child's writes go where this process's go,
   * and its write meets the same end (a container's stream that is full holds back the {@code seq}
   * of {@code sh -c 'seq 1 200000'} as it would hold back the shell).
   */
  private Consumer<String> inheritedOut() {
    class Inherited implements Consumer<String>, OutputEnd {
      @Override
      public void accept(String text) {
        out(text);
      }

      @Override
      public boolean broken() {
        OutputEnd e = stdoutEnd();
        return e != null && e.broken();
      }

      @Override
      public void whenWritable(Runnable next) {
        OutputEnd e = stdoutEnd();
        if (e == null) {
          next.run();
        } else {
          e.whenWritable(next);
        }
      }

      @Override
      public String failure() {
        OutputEnd e = stdoutEnd();
        return e == null ? null : e.failure();
      }

      @Override
      public void reported() {
        OutputEnd e = stdoutEnd();
        if (e != null) {
          e.reported();
        }
      }
    }
    return new Inherited();
  }

  /** The memory this process holds, for docker stats and ps. */
  public long rss() {
    return rss;
  }

  @Override
  public List<ProcessInfo> processes() {
    List<ProcessInfo> rows = new ArrayList<>();
    boolean host = ctx.isHost();
    for (SimProc p : host ? kernel.hostPids().processes() : ctx.pidNs().processes()) {
      int shownPid = host ? p.hostPid : p.pid;
      int shownPpid = host ? p.hostPpid : p.ppid;
      rows.add(
          new ProcessInfo(
              shownPid, shownPpid, p.hostPid, p.user, p.command(), p.startedNanos, p.state()));
    }
    return rows;
  }

  @Override
  public boolean kill(int target, Signal signal) {
    SimProc p = ctx.isHost() ? kernel.byHostPid(target) : ctx.pidNs().get(target);
    if (p == null) {
      return false;
    }
    p.signal(signal);
    return true;
  }

  /** Delivers a signal: SIGKILL, SIGSTOP and SIGCONT are the kernel's; others go to the program. */
  public void signal(Signal signal) {
    if (exited) {
      return;
    }
    switch (signal) {
      case SIGKILL -> {
        delivering = Signal.SIGKILL;
        exit(128 + Signal.SIGKILL.number());
        delivering = null;
      }
      case SIGSTOP, SIGTSTP -> state = 'T';
      case SIGCONT -> state = 'S';
      default ->
          ctx.runOrDefer(
              () -> {
                if (!exited) {
                  delivering = signal;
                  try {
                    program.signal(this, signal);
                  } finally {
                    delivering = null;
                  }
                }
              });
    }
  }

  /** A line of input for the program (deferred while the container is paused). */
  public void input(String line) {
    ctx.runOrDefer(
        () -> {
          if (!exited) {
            program.stdin(this, line);
          }
        });
  }

  @Override
  public void feed(String data) {
    ctx.runOrDefer(
        () -> {
          if (!exited) {
            program.stdinData(this, data);
          }
        });
  }

  /** End of input (Ctrl-D, a closed pipe). */
  public void closeInput() {
    ctx.runOrDefer(
        () -> {
          if (!exited) {
            program.stdinClosed(this);
          }
        });
  }

  @Override
  public String prompt() {
    return exited ? "" : program.prompt(this);
  }

  @Override
  public boolean readingInput() {
    return !exited && program.readingInput(this);
  }

  @Override
  public boolean echoes() {
    return exited || program.echoes(this);
  }

  void reparentTo(int newPpid) {
    this.ppid = newPpid;
  }

  @Override
  public void listen(int port, HttpHandler handler, java.util.List<String> addresses, int backlog) {
    if (ctx.netNs() == null) {
      throw new UnsupportedOperationException("no network namespace");
    }
    if (!exited) {
      ctx.netNs().listen(port, handler, this, addresses, backlog);
    }
  }

  @Override
  public java.util.Collection<NetNamespace.Listener> listeners() {
    return ctx.netNs() == null ? java.util.List.of() : ctx.netNs().listeners().values();
  }

  @Override
  public HttpResponse http(String host, int port, HttpRequest request) {
    return kernel.net().http(ctx, host, port, request);
  }

  @Override
  public void http(
      String host, int port, HttpRequest request, java.util.function.Consumer<HttpOutcome> done) {
    HttpOutcome o = kernel.net().exchange(ctx, host, port, request);
    after(java.time.Duration.ofNanos(o.elapsedNanos()), () -> done.accept(o));
  }

  @Override
  public void tcp(
      String host,
      int port,
      byte[] data,
      long limitNanos,
      java.util.function.Consumer<TcpOutcome> done) {
    TcpOutcome o = kernel.net().stream(ctx, host, port, data, limitNanos);
    after(java.time.Duration.ofNanos(o.elapsedNanos()), () -> done.accept(o));
  }

  @Override
  public Optional<String> resolve(String name) {
    return kernel.net().resolve(ctx, name);
  }

  @Override
  public NetAccess.Echo echo(String ip) {
    return kernel.net().echo(ctx, ip);
  }

  @Override
  public NetAccess.EchoReply ping(
      String ip, int id, int seq, int size, int ttl, NetAccess.PmtuDisc pmtu) {
    return kernel.net().ping(ctx, ip, id, seq, size, ttl, pmtu);
  }

  @Override
  public <T> Optional<T> netns(Class<T> type) {
    return kernel.net().namespace(ctx, type);
  }

  @Override
  public Optional<String> sourceAddress(String dst) {
    return kernel.net().sourceAddress(ctx, dst);
  }

  @Override
  public boolean reachesInternet() {
    return kernel.net().reachesInternet(ctx);
  }

  @Override
  public String toString() {
    return "SimProc[" + pid + "/" + hostPid + " " + String.join(" ", argv) + "]";
  }
}

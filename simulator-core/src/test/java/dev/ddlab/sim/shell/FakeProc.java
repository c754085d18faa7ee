package dev.ddlab.sim.shell;

import dev.ddlab.fs.FileSystem;
import dev.ddlab.fs.Paths;
import dev.ddlab.sim.clock.SeededRandom;
import dev.ddlab.sim.clock.VirtualClock;
import dev.ddlab.sim.runtime.Proc;
import dev.ddlab.sim.runtime.Program;
import dev.ddlab.sim.runtime.ProgramRegistry;
import dev.ddlab.sim.runtime.Signal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * A minimal process world for testing container shells without the container runtime: one PID
 * namespace, PATH lookup to programs by file attribute or busybox applet, timers on a virtual
 * clock.
 */
final class FakeProc implements Proc {
  /** The namespace shared by a process tree. */
  static final class World {
    final VirtualClock clock = new VirtualClock();
    final ProgramRegistry programs = ShellPrograms.install(new ProgramRegistry());
    final FileSystem fs;
    final TreeMap<Integer, FakeProc> table = new TreeMap<>();
    final StringBuilder terminal = new StringBuilder();
    int nextPid = 1;
    String hostname = "6cd20d508db0";

    World(FileSystem fs) {
      this.fs = fs;
      programs.register(
          "sleep",
          () ->
              new Program() {
                @Override
                public void start(Proc p) {
                  p.after(Duration.ofSeconds(Long.parseLong(p.argv().get(1))), () -> p.exit(0));
                }
              });
    }

    /** Starts PID 1 on the terminal. */
    FakeProc init(List<String> argv, boolean tty) {
      return start(
          null,
          argv,
          Map.of(
              "PATH",
              "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
              "HOME",
              "/root"),
          tty,
          terminal::append,
          terminal::append,
          st -> {});
    }

    FakeProc start(
        FakeProc parent,
        List<String> argv,
        Map<String, String> env,
        boolean tty,
        Consumer<String> out,
        Consumer<String> err,
        IntConsumer onExit) {
      String name = argv.get(0);
      String path = name.contains("/") ? name : ShellProgram.lookPath(fs, name, env.get("PATH"));
      if (path == null || !fs.exists(path)) {
        return null;
      }
      String program = fs.stat(path).get().program();
      List<String> args = argv;
      if ("busybox".equals(program)) {
        program = Paths.name(argv.get(0));
      }
      Program p = programs.create(program).orElse(null);
      if (p == null) {
        return null;
      }
      FakeProc proc =
          new FakeProc(
              this,
              nextPid++,
              parent == null ? 0 : parent.pid,
              args,
              env,
              parent == null ? "/" : parent.cwd,
              tty,
              out,
              err,
              onExit,
              p);
      table.put(proc.pid, proc);
      p.start(proc);
      return proc;
    }

    String read() {
      String s = terminal.toString();
      terminal.setLength(0);
      return s;
    }
  }

  final World world;
  final int pid;
  final int ppid;
  final List<String> argv;
  final Map<String, String> env;
  String cwd;
  final boolean tty;
  final Consumer<String> out;
  final Consumer<String> err;
  final IntConsumer onExit;
  final Program program;
  final long started;
  boolean exited;
  int status = -1;
  final List<VirtualClock.Timer> timers = new ArrayList<>();

  FakeProc(
      World world,
      int pid,
      int ppid,
      List<String> argv,
      Map<String, String> env,
      String cwd,
      boolean tty,
      Consumer<String> out,
      Consumer<String> err,
      IntConsumer onExit,
      Program program) {
    this.world = world;
    this.pid = pid;
    this.ppid = ppid;
    this.argv = List.copyOf(argv);
    this.env = env;
    this.cwd = cwd;
    this.tty = tty;
    this.out = out;
    this.err = err;
    this.onExit = onExit;
    this.program = program;
    this.started = world.clock.nowNanos();
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
    cwd = path;
  }

  @Override
  public int pid() {
    return pid;
  }

  @Override
  public int hostPid() {
    return 4000 + pid;
  }

  @Override
  public String user() {
    return "root";
  }

  @Override
  public String hostname() {
    return world.hostname;
  }

  @Override
  public FileSystem fs() {
    return world.fs;
  }

  @Override
  public boolean tty() {
    return tty;
  }

  @Override
  public void out(String text) {
    if (!exited) out.accept(text);
  }

  @Override
  public void err(String text) {
    if (!exited) err.accept(text);
  }

  @Override
  public void exit(int s) {
    if (exited) {
      return;
    }
    exited = true;
    status = s;
    signaled = delivering != null && s == 128 + delivering.number();
    timers.forEach(VirtualClock.Timer::cancel);
    world.table.remove(pid);
    onExit.accept(s);
  }

  @Override
  public boolean exited() {
    return exited;
  }

  /** The signal being delivered now, or null; whether one ended the process (as SimProc). */
  private Signal delivering;

  private boolean signaled;

  @Override
  public boolean signaled() {
    return signaled;
  }

  @Override
  public VirtualClock clock() {
    return world.clock;
  }

  @Override
  public SeededRandom random() {
    return new SeededRandom(1);
  }

  @Override
  public VirtualClock.Timer after(Duration delay, Runnable action) {
    VirtualClock.Timer t =
        world.clock.schedule(
            delay,
            () -> {
              if (!exited) action.run();
            });
    timers.add(t);
    return t;
  }

  @Override
  public Proc spawn(List<String> argv, Map<String, String> env, ProcIo io, IntConsumer onExit) {
    boolean piped = io != null && io.out() != null;
    return world.start(
        this,
        argv,
        env,
        tty && !piped,
        piped ? io.out() : this::out,
        io != null && io.err() != null ? io.err() : this::err,
        onExit);
  }

  @Override
  public List<ProcessInfo> processes() {
    List<ProcessInfo> rows = new ArrayList<>();
    for (FakeProc p : world.table.values()) {
      rows.add(
          new ProcessInfo(
              p.pid,
              p.ppid,
              p.hostPid(),
              "root",
              String.join(" ", p.argv),
              p.started,
              p.program instanceof ShellProgram ? 'S' : 'R'));
    }
    return rows;
  }

  @Override
  public boolean kill(int target, Signal signal) {
    FakeProc p = world.table.get(target);
    if (p == null) {
      return false;
    }
    p.delivering = signal;
    try {
      if (signal == Signal.SIGKILL) {
        p.exit(137);
      } else {
        p.program.signal(p, signal);
      }
    } finally {
      p.delivering = null;
    }
    return true;
  }

  @Override
  public void input(String line) {
    if (!exited) program.stdin(this, line);
  }

  @Override
  public void feed(String data) {
    if (!exited) program.stdinData(this, data);
  }

  @Override
  public void closeInput() {
    if (!exited) program.stdinClosed(this);
  }

  /** What the terminal shows for one typed line: the output, then the prompt. */
  String type(String line) {
    input(line);
    return world.read();
  }

  @Override
  public String prompt() {
    return exited ? "" : program.prompt(this);
  }
}

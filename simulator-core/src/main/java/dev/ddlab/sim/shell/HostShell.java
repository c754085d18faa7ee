package dev.ddlab.sim.shell;

import dev.ddlab.client.CliResult;
import dev.ddlab.client.CommandIo;
import dev.ddlab.engine.Attachment;
import dev.ddlab.fs.FileSystem;
import dev.ddlab.sim.clock.VirtualClock;
import dev.ddlab.sim.runtime.Cgroup;
import dev.ddlab.sim.runtime.Signal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * The login shell of a node's host (bash as user ubuntu): the language of {@link Interpreter}, the
 * {@link Tools} over the node's host filesystem, and the node's own commands: {@code docker},
 * {@code systemctl}/{@code service} for the daemon, {@code ssh} to the session's other nodes,
 * {@code sleep} on the virtual clock.
 */
public final class HostShell {
  /** What the host shell needs from its node. */
  public interface Node {
    String hostname();

    FileSystem fs();

    VirtualClock clock();

    /** The docker CLI bound to this node's engine, or null when this host has none. */
    default DockerCommand docker() {
      return null;
    }

    /** The Docker daemon's service, or null when none is installed. */
    default HostDaemon daemon() {
      return null;
    }

    /**
     * Why this machine will not run {@code argv}, or null to run it (a learner's client in front of
     * a remote engine refuses {@code systemctl restart docker}); the shell prints it, status 1.
     */
    default String refusal(List<String> argv) {
      return null;
    }

    /** Another node of the session by name, for ssh; null when unknown. */
    default HostShell peer(String name) {
      return null;
    }

    /** The node's kernel network stack (ip, iptables, ss); null for none. */
    default dev.ddlab.sim.network.dataplane.NetStack netStack() {
      return null;
    }

    /** HTTP from this host (curl localhost:8080 through published ports); null for none. */
    default ToolContext.Web web() {
      return null;
    }

    /** A fresh host PID (background jobs). */
    int allocatePid();

    /**
     * The memory group this login's sits under (the session's budget, shared by every node); null
     * for none.
     */
    default Cgroup memoryBudget() {
      return null;
    }
  }

  /** The docker command of this node (the CLI over its Engine). */
  @FunctionalInterface
  public interface DockerCommand {
    CliResult run(List<String> args, CommandIo io);
  }

  /** Where an attaching docker command ({@code run -it}) hands its attachment. */
  @FunctionalInterface
  public interface AttachHandler {
    /**
     * The terminal now talks to {@code a}; call {@code done} with the CLI's exit code at the end.
     */
    void attach(Attachment a, IntConsumer done);
  }

  public static final String USER = "ubuntu";
  public static final String HOME = "/home/ubuntu";
  private static final int UID = 1000;

  private final Node node;
  private final Interpreter sh;
  private final Runtime runtime = new Runtime();
  private final ShellHistory history = new ShellHistory();
  private final PendingInput continuation;
  private String cwd = HOME;
  private boolean busy;
  private boolean closed;
  private AttachHandler attachHandler;
  private java.util.function.Consumer<String> terminalOut;

  /** The terminal's rows and columns: xterm's 24 of 80 until {@link #resize}. */
  private List<Long> terminalSize = List.of(24L, 80L);

  private final List<VirtualClock.Timer> foregroundTimers = new ArrayList<>();

  /** What {@code read} takes from the terminal; null for a shell without one (ssh NODE CMD). */
  private TerminalInput terminalInput = new TerminalInput();

  /** What foreground tools do when interrupted (tcpdump prints its counts and stops capturing). */
  private final List<Runnable> foregroundStops = new ArrayList<>();

  /** Streaming docker commands writing into a pipe ({@code docker logs -f web | grep GET}). */
  private final PipedStreams pipedStreams = new PipedStreams();

  /**
   * Moves what streaming docker commands printed into their pipes, and what background ones printed
   * to the terminal: the session calls it whenever virtual time moved, as it reads an attached
   * stream.
   */
  public void pumpStreams() {
    pipedStreams.pump();
    jobControl.pump();
  }

  /**
   * Waits, at most {@code max} of its engine's time, for a real daemon's stream feeding a pipe
   * ({@code docker run busybox yes | head -3} through the bridge): the nanoseconds it waited, or -1
   * when there is none or nothing came. The session calls it when nothing else is due.
   */
  public long awaitStreams(Duration max) {
    return pipedStreams.await(max);
  }

  private IntConsumer foregroundDone;

  /** The foreground's running {@code sleep}, if any. */
  private TimedCommands.Sleep foregroundSleep;

  private final int shellPid;
  private final JobControl jobControl;

  /**
   * The tasks this login may run (its {@code ulimit -u}); its forks count here, the containers' in
   * their own cgroups.
   */
  public static final long LOGIN_TASKS_MAX = 4096;

  /** The memory this login may hold (its share of the node's RAM, as a cgroup's memory.max). */
  public static final long LOGIN_MEMORY_MAX = 64L * 1024 * 1024;

  private final Cgroup tasks;
  private long rss;

  public HostShell(Node node) {
    this(node, Dialect.BASH, "bash", null);
    sh.interactive(true);
    resize(24, 80); // bash sets LINES and COLUMNS on a terminal (checkwinsize)
  }

  /**
   * A shell of the node's host: the login's bash, or (with {@code env}) a shell a command started
   * ({@code bash -c …}, {@code sh} is dash as on Ubuntu) with the environment it was given.
   */
  private HostShell(Node node, Dialect dialect, String name, Map<String, String> given) {
    this.node = node;
    this.tasks = new Cgroup(node.memoryBudget(), LOGIN_TASKS_MAX).memoryMax(LOGIN_MEMORY_MAX);
    Map<String, String> env = new LinkedHashMap<>();
    env.put("HOME", HOME);
    env.put("USER", USER);
    env.put("LOGNAME", USER);
    env.put("SHELL", "/bin/bash");
    env.put("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
    env.put("PWD", HOME);
    env.put("TERM", "xterm-256color");
    env.put("LANG", "C.UTF-8");
    env.put("HOSTNAME", node.hostname());
    this.sh = new Interpreter(dialect, name, runtime, given != null ? given : env);
    this.continuation = new PendingInput(sh::parse);
    this.shellPid = node.allocatePid();
    sh.pid(shellPid);
    if (!node.fs().isDirectory(HOME)) {
      cwd = "/";
    }
    sh.builtin("history", (s, a, io) -> HistoryBuiltin.run(history, a, io));
    sh.builtin("help", (s, a, io) -> HostHelp.help(io));
    this.jobControl =
        new JobControl(
            sh, Dialect.BASH, (pid, sig) -> false, foregroundStops::add, () -> attachHandler);
    sh.builtin("kill", (s, a, io) -> jobControl.kill(a, io));
    sh.runtimeBuiltin("wait");
    sh.runtimeBuiltin("fg");
  }

  public Interpreter interpreter() {
    return sh;
  }

  public Node node() {
    return node;
  }

  public void onAttach(AttachHandler handler) {
    this.attachHandler = handler;
  }

  /**
   * The prompt the terminal shows now: "ubuntu@node1:~$ ", "> " mid-command, "" while busy (or what
   * {@code read -p} asks while it waits).
   */
  public String prompt() {
    if (busy) {
      return readingTerminal() ? terminalInput.prompt() : "";
    }
    if (continuation.waiting()) {
      return "> ";
    }
    String host = node.hostname();
    if (cwd != promptCwd || host != promptHost) { // built again only when either moved
      promptCwd = cwd;
      promptHost = host;
      promptText = USER + "@" + host + ":" + tildePath(cwd) + "$ ";
    }
    return promptText;
  }

  /** The idle prompt as last built, and the directory and host name it was built for. */
  private String promptCwd;

  private String promptHost;
  private String promptText;

  private static String tildePath(String path) {
    if (path.equals(HOME)) {
      return "~";
    }
    if (path.startsWith(HOME + "/")) {
      return "~" + path.substring(HOME.length());
    }
    return path;
  }

  public String cwd() {
    return cwd;
  }

  /** The terminal's new size (resized, stty): for stty, tput, ConsoleSize and bash's variables. */
  public void resize(long rows, long columns) {
    terminalSize = List.of(rows, columns);
    sh.setVar("LINES", Long.toString(rows));
    sh.setVar("COLUMNS", Long.toString(columns));
  }

  public boolean busy() {
    return busy;
  }

  /**
   * Whether the foreground has spent the session's CPU slice ({@link VirtualClock#cpuSlice}) and
   * waits for {@link VirtualClock#resumeCpu} (the ticker's next beat, the next typed line): the
   * terminal stays busy and nothing of the line runs meanwhile. So is a foreground with no timer of
   * its own (the docker CLI waiting for a container) while CPU steps are parked: what it waits for
   * computes. Never with the slice off.
   */
  public boolean suspended() {
    if (!busy) {
      return false;
    }
    boolean timed = false;
    for (VirtualClock.Timer t : foregroundTimers) {
      if (t.isParked()) {
        return true;
      }
      timed |= t.isPending();
    }
    return !timed && node.clock().cpuParked();
  }

  /** Whether the user typed exit (the terminal then ends or starts a new login). */
  /**
   * The login has ended (exit, end of input, the OOM killer, a replaced terminal): what its bash
   * held leaves its memory group, and so the session's budget.
   */
  public void logout() {
    closed = true;
    tasks.unchargeMemory(rss);
    rss = 0;
  }

  public boolean closed() {
    return closed;
  }

  public List<String> history() {
    return history.lines();
  }

  /**
   * Types one line. When the input is incomplete (open quote, trailing pipe) the shell keeps it and
   * shows "> "; otherwise it runs, and {@code done} gets the status when the command finishes (at
   * once, or later for sleep and attached containers).
   */
  public void type(String line, Io io, IntConsumer done) {
    String input = continuation.offer(line);
    if (input == null) {
      done.accept(sh.lastStatus());
      return;
    }
    terminalOut = io.out();
    if (!input.isBlank()) {
      history.add(input);
    }
    busy = true;
    foregroundDone =
        st -> {
          busy = false;
          foregroundSleep = null;
          terminalInput.foregroundDone();
          foregroundTimers.clear();
          foregroundStops.clear();
          for (Interpreter.Job j : sh.jobTable().drainFinished()) {
            io.err().accept(Jobs.notice(j, true) + "\n");
          }
          done.accept(st);
        };
    IntConsumer finish = foregroundDone;
    sh.execute(
        input,
        io,
        st -> {
          if (foregroundDone == finish) {
            foregroundDone = null;
            finish.accept(st);
          }
        });
  }

  /** Ctrl-C: drops a pending continuation or stops the foreground command (status 130). */
  public void interrupt(Io io) {
    if (continuation.waiting()) {
      continuation.clear();
      return;
    }
    if (sh.ignores(Signal.SIGINT)) {
      return; // trap '' INT: the shell and what it runs ignore Ctrl-C
    }
    if (busy && foregroundDone != null) {
      terminalInput.interrupt();
      TimedCommands.Sleep sleep = foregroundSleep;
      foregroundSleep = null;
      if (sh.traps(Signal.SIGINT)
          && !sh.inLoop()
          && sleep != null
          && sleep.interrupt().getAsBoolean()) {
        return; // with an INT trap bash goes on once the sleep died of SIGINT (130), no trap
      }
      // With job control the foreground job gets the signal, not bash, so an INT trap does not run;
      // without a trap (or in a loop) bash acts as if it got SIGINT too and the line ends
      endForeground(130);
    } else if (!busy && sh.traps(Signal.SIGINT)) {
      sh.deliver(Signal.SIGINT, io, true, () -> {}); // Ctrl-C at the prompt runs the trap
    }
  }

  /**
   * Ends the line in the foreground as Ctrl-C does (what it runs stops, the rest of the line is
   * dropped), with {@code status} as {@code $?}: 130 for Ctrl-C, 124 when the session ends a line
   * that computes without end ({@code TerminalSession}'s CPU bound, as {@code timeout} would).
   */
  public void endForeground(int status) {
    if (!busy || foregroundDone == null) {
      return;
    }
    if (terminalInput != null) {
      terminalInput.interrupt(); // a child shell (bash -c, sh script) reads no terminal
    }
    foregroundSleep = null;
    sh.interrupt();
    sh.lastStatus(status);
    foregroundTimers.forEach(VirtualClock.Timer::cancel);
    List<Runnable> stops = List.copyOf(foregroundStops);
    foregroundStops.clear();
    stops.forEach(Runnable::run);
    IntConsumer d = foregroundDone;
    foregroundDone = null;
    if (d != null) { // a stop may have ended the line already (a child shell's own end)
      d.accept(status);
    }
  }

  /**
   * A timer Ctrl-C cancels. Those that fired are dropped first: a foreground loop yields a thousand
   * times a virtual second and must not hold every timer it ever had.
   */
  private void foregroundTimer(VirtualClock.Timer t) {
    foregroundTimers.removeIf(x -> !x.isPending());
    foregroundTimers.add(t);
  }

  /**
   * Whether the foreground waits for a time it knows ({@code sleep 7200}, a tool's next tick): a
   * terminal then lets the nodes' upkeep run until it, where an open-ended wait ({@code docker
   * events}) gets only the usual budget.
   */
  public boolean sleeping() {
    for (VirtualClock.Timer t : foregroundTimers) {
      if (t.isPending()) {
        return true;
      }
    }
    return false;
  }

  /** Whether the foreground waits in a {@code sleep} (for a ticker to move), not a yield. */
  public boolean sleepCommand() {
    return busy && foregroundSleep != null && foregroundSleep.timer().isPending();
  }

  /** Timers Ctrl-C would cancel now (for tests). */
  int foregroundTimers() {
    return foregroundTimers.size();
  }

  /** Whether the foreground waits for the next line typed at the terminal ({@code read}). */
  public boolean readingTerminal() {
    return busy && terminalInput != null && terminalInput.waiting();
  }

  /** Whether that read keeps the terminal from echoing the line ({@code read -s}). */
  public boolean readingSilently() {
    return readingTerminal() && terminalInput.silent();
  }

  /**
   * A line typed while the foreground runs: the waiting {@code read}'s, or typeahead for the next
   * one; {@code null} is Ctrl-D, the end of input for a waiting read.
   */
  public void typedWhileBusy(String line) {
    if (terminalInput == null) {
      return;
    }
    if (line == null) {
      terminalInput.endOfInput();
    } else {
      terminalInput.offer(line);
    }
  }

  /** Notices of background jobs that ended while the shell was idle. */
  public String drainJobNotices() {
    jobControl.pump();
    StringBuilder sb = new StringBuilder();
    for (Interpreter.Job j : sh.jobTable().drainFinished()) {
      sb.append(Jobs.notice(j, true)).append('\n');
    }
    return sb.toString();
  }

  /** Runs a command line non-interactively (ssh NODE COMMAND), in the home directory. */
  public void runRemote(String command, Io io, IntConsumer done) {
    HostShell remote = new HostShell(node);
    remote.sh.interactive(false);
    remote.terminalInput = null; // ssh without -t: its stdin is no terminal
    remote.sh.execute(
        command,
        io,
        status -> {
          remote.logout();
          done.accept(status);
        });
  }

  // ---- builtins of the host --------------------------------------------------------------------

  // ---- the runtime: how the host finds and runs commands ---------------------------------------

  private final class Runtime implements ShellRuntime {
    @Override
    public FileSystem fs() {
      return node.fs();
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
    public int allocatePid() {
      return node.allocatePid();
    }

    @Override
    public Cgroup cgroup() {
      return tasks;
    }

    @Override
    public dev.ddlab.sim.runtime.Rlimits rlimits() {
      return dev.ddlab.sim.runtime.Rlimits.login(LOGIN_TASKS_MAX);
    }

    /** The host's tools run in the shell: a job running one keeps its task (its process). */
    @Override
    public boolean programsAreTasks() {
      return false;
    }

    @Override
    public boolean rss(long bytes) {
      if (closed) {
        return true; // a login that has ended holds nothing
      }
      if (!tasks.resize(rss, bytes)) {
        logout(); // the OOM killer killed this login's bash: the terminal starts a new login
        return false;
      }
      rss = bytes;
      return true;
    }

    @Override
    public void after(Duration delay, boolean background, Runnable action) {
      foreground(node.clock().schedule(delay, action), background);
    }

    @Override
    public void afterCpu(Duration delay, boolean background, Runnable action) {
      foreground(node.clock().scheduleCpu(delay, action), background);
    }

    /** A timer of the foreground is one Ctrl-C cancels. */
    private void foreground(VirtualClock.Timer t, boolean background) {
      if (!background) {
        foregroundTimer(t);
      }
    }

    @Override
    public void exit(int status) {
      logout();
    }

    /** The terminal's next line ({@link TerminalInput}), after {@code prompt} on the terminal. */
    @Override
    public void readLine(
        String prompt, boolean silent, Io io, java.util.function.Consumer<String> then) {
      if (terminalInput == null || !busy) {
        then.accept(null);
        return;
      }
      terminalInput.read(prompt, silent, then);
    }

    @Override
    public boolean has(String name) {
      return commandNames().contains(name);
    }

    @Override
    public int run(
        List<String> argv, Map<String, String> env, Io io, boolean background, IntConsumer done) {
      String refused = node.refusal(argv);
      if (refused != null) {
        io.errln(refused);
        done.accept(1);
        return 0;
      }
      String cmd = argv.get(0);
      List<String> args = argv.subList(1, argv.size());
      switch (cmd) {
        case "bash", "sh", "dash" -> {
          return HostShells.run(HostShell.this, cmd, args, env, io, background, done);
        }
        case "xargs" -> {
          ToolInput.read(
              "xargs",
              args,
              io.in() != null ? io.in() : new Stdin(""),
              held -> io.in() == null || io.in().toolHolds(held) && sh.charge(),
              (runArgs, input, d) ->
                  Xargs.run(
                      runArgs,
                      input.rest(),
                      io,
                      false,
                      name ->
                          name.contains("/")
                              ? Xargs.byPath(node.fs(), sh.runtime().cwd(), name)
                              : has(name) || sh.builtinNames().contains(name)
                                  ? null
                                  : Xargs.NOT_FOUND,
                      (argv2, d2) -> sh.runArgv(argv2, io.withInput(null), d2),
                      d),
              done);
          return 0;
        }
        case "sudo" -> {
          List<String> rest = new ArrayList<>(args);
          while (!rest.isEmpty() && rest.get(0).startsWith("-")) {
            rest.remove(0);
          }
          if (rest.isEmpty()) {
            io.errln("usage: sudo -h | -K | -k | -V");
            done.accept(1);
            return 0;
          }
          if (rest.get(0).equals("usermod")) { // root may lock the password file
            done.accept(UsermodCommand.run(rest.subList(1, rest.size()), io, node.fs(), true));
            return 0;
          }
          sh.runArgv(rest, io, done);
          return 0;
        }
        case "docker" -> {
          return docker(args, env, io, background, done);
        }
        case "docker-compose" -> {
          // Compose v2 installs docker-compose as the same program (the v1 spelling)
          List<String> compose = new ArrayList<>();
          compose.add("compose");
          compose.addAll(args);
          return docker(compose, env, io, background, done);
        }
        case "sleep" -> {
          return TimedCommands.sleep(
                  args,
                  io,
                  node.clock(),
                  timer(background),
                  k -> {
                    if (!background) {
                      foregroundSleep = k;
                    }
                  },
                  done)
              ? node.allocatePid()
              : 0;
        }
        case "timeout" -> {
          TimedCommands.timeout(
              args,
              io,
              node.clock(),
              name -> has(name) && (!sh.isBuiltin(name) || Tools.get(name) != null),
              timer(background),
              (argv2, io2, d) -> run(argv2, env, io2, background, d),
              done);
          return 0;
        }
        case "wait" -> {
          jobControl.waitFor(args, io, done);
          return 0;
        }
        case "fg" -> {
          jobControl.fg(args, io, done);
          return 0;
        }
        case "systemctl" -> {
          done.accept(HostServices.systemctl(node.daemon(), args, io));
          return 0;
        }
        case "service" -> {
          done.accept(HostServices.service(node.daemon(), args, io));
          return 0;
        }
        case "usermod" -> {
          done.accept(UsermodCommand.run(args, io, node.fs(), false));
          return 0;
        }
        case "stty", "tput" -> {
          done.accept(TtyCommands.run(cmd, args, io, terminalSize, HostShell.this::resize));
          return 0;
        }
        case "ssh" -> {
          return SshClient.run(node, args, io, done);
        }
        case "env" -> {
          // coreutils' env: PROG runs with the changed environment, as the host's programs run
          EnvCommand.Parsed p = EnvCommand.parse(args, env, false);
          if (p.failed()) {
            io.errln(p.error());
            done.accept(p.status());
          } else if (p.prog().isEmpty()) {
            EnvCommand.print(p, io);
            done.accept(0);
          } else if (sh.builtinNames().contains(p.prog().get(0))
              && Tools.get(p.prog().get(0)) == null) {
            sh.runArgv(p.prog(), io, done); // /usr/bin/echo, printf, true …: as the builtin
          } else if (!has(p.prog().get(0))) {
            done.accept(
                EnvCommand.cannotRun(
                    io,
                    false,
                    p.prog().get(0),
                    dev.ddlab.sim.runtime.Executables.Failure.NO_SUCH_FILE));
          } else {
            return run(p.prog(), p.env(), io, background, done);
          }
          return 0;
        }
        default -> {
          if (cmd.contains("/")) {
            return HostShells.file(HostShell.this, argv, env, io, background, done);
          }
          Tool tool = Tools.get(cmd);
          if (tool == null) {
            io.errln(HostShells.cannotRun(sh, cmd, null));
            done.accept(127);
            return 0;
          }
          int pid = node.allocatePid();
          HostTools[] tools = {new HostTools(HostShell.this, cmd, env, io, pid, background)};
          IntConsumer end = JobControl.once(done);
          Runnable unregister =
              JobControl.onKill(
                  io,
                  background,
                  st -> {
                    tools[0].stop();
                    end.accept(st);
                  });
          IntConsumer finish =
              st -> {
                unregister.run();
                end.accept(st);
              };
          if (io.in() != null && io.in().open() && tool.readsStdin(args)) {
            // a pipe whose writer is still writing: the tool reads it as it comes (ToolInput)
            ToolInput.read(
                cmd,
                args,
                io.in(),
                held -> io.in().toolHolds(held) && sh.charge(),
                (runArgs, input, d) -> {
                  tools[0] =
                      new HostTools(HostShell.this, cmd, env, io.withInput(input), pid, background);
                  tool.run(tools[0], runArgs, d);
                },
                finish);
          } else {
            tool.run(tools[0], args, finish);
          }
          return pid;
        }
      }
    }
  }

  /** Where a command's timer goes: Ctrl-C cancels a foreground one. */
  private java.util.function.Consumer<VirtualClock.Timer> timer(boolean background) {
    return t -> {
      if (!background) {
        foregroundTimer(t);
      }
    };
  }

  // ---- what the host's tools see of their shell (HostTools) ------------------------------------

  /** The terminal's columns ({@link #resize}). */
  int terminalColumns() {
    return terminalSize.get(1).intValue();
  }

  int shellPid() {
    return shellPid;
  }

  JobControl jobControl() {
    return jobControl;
  }

  /** Whether {@code io} writes to the terminal itself. */
  boolean toTerminal(Io io) {
    return io.out() == terminalOut;
  }

  /** A foreground tool's stop on Ctrl-C (tcpdump prints its counts). */
  void onForegroundInterrupt(Runnable stop) {
    foregroundStops.add(stop);
  }

  ShellRuntime runtime() {
    return runtime;
  }

  /**
   * A new shell process on this host ({@code bash -c …}, {@code sh script}) with {@code env}, in
   * this shell's working directory, reading no terminal.
   */
  HostShell child(Dialect dialect, String name, Map<String, String> env) {
    HostShell c = new HostShell(node, dialect, name, env);
    c.cwd = cwd;
    c.terminalInput = null;
    c.sh.interactive(false);
    return c;
  }

  /**
   * Runs {@code text} to its end as a {@code -c} string or a script, with the {@code $0},
   * positional parameters and options of its command line; Ctrl-C (this shell's foreground) or a
   * kill of the job stops it.
   */
  void runBatch(String text, ShellInvocation inv, Io io, IntConsumer done) {
    sh.name(inv.zero);
    sh.positional(inv.params);
    sh.options().bits(inv.options.bits());
    sh.options().commandString(inv.command != null);
    IntConsumer end = JobControl.once(done);
    busy = true;
    foregroundDone =
        st -> {
          busy = false;
          logout();
          end.accept(st);
        };
    sh.runToEnd(
        text,
        io,
        fin -> {
          IntConsumer d = foregroundDone;
          foregroundDone = null;
          if (d != null) {
            d.accept(fin);
          }
        });
  }

  /** The commands the host knows, for completion and {@code type}. */
  public List<String> commandNames() {
    List<String> names = new ArrayList<>(Tools.all().keySet());
    names.addAll(
        List.of(
            "sudo",
            "sleep",
            "timeout",
            "systemctl",
            "service",
            "ssh",
            "usermod",
            "xargs",
            "bash",
            "sh",
            "dash"));
    names.addAll(TtyCommands.NAMES);
    if (node.docker() != null) {
      names.add("docker");
      names.add("docker-compose");
    }
    names.addAll(sh.builtinNames());
    return names.stream().distinct().sorted().toList();
  }

  private int docker(
      List<String> args, Map<String, String> env, Io io, boolean background, IntConsumer done) {
    DockerCommand docker = node.docker();
    if (docker == null) {
      io.errln(
          Dialect.BASH.notFound(
              "bash",
              args.isEmpty() || !args.get(0).equals("compose") ? "docker" : "docker-compose"));
      done.accept(127);
      return 0;
    }
    CommandIo cio =
        new DockerStdio(
            io, env, io.out() == terminalOut ? terminalSize : CommandIo.NO_TTY, background);
    CliResult r;
    try {
      r = docker.run(List.copyOf(args), cio);
    } catch (RuntimeException e) {
      // A CLI bug must not take the terminal down; show it as Docker would show an internal error.
      io.errln(
          "docker: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
      done.accept(1);
      return 0;
    }
    if (!r.isAttached()) {
      done.accept(r.exitCode());
      return 0;
    }
    Attachment a = r.attachment();
    if (io.out() instanceof Pipe) {
      // docker logs -f web | grep GET: the stream goes into the pipe as time passes
      pipedStreams.add(a, io, r.brokenPipe(), background ? stop -> {} : foregroundStops::add, done);
      return node.allocatePid();
    }
    if (background) {
      // A background job (docker compose up &, docker run … &): its output reaches the terminal as
      // virtual time moves (pumpStreams) and at each prompt.
      jobControl.addStream(a, io, done);
      return node.allocatePid();
    }
    if (attachHandler != null) {
      // timeout 3 docker events: its job's end closes the stream the terminal shows
      Runnable unregister = io.job() == null ? () -> {} : io.job().onKill(st -> a.close());
      a.resize(terminalSize.get(1).intValue(), terminalSize.get(0).intValue()); // as the CLI does
      attachHandler.attach(
          a,
          st -> {
            unregister.run();
            done.accept(st);
          });
    } else {
      // No terminal to hand the stream to (ssh, command substitution): wait for the end.
      a.follow(Duration.ofDays(2), io.out());
      Integer code = a.exitCode();
      a.close();
      done.accept(code == null ? 0 : code);
    }
    return 0;
  }
}

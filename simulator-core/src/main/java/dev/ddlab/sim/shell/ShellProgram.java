package dev.ddlab.sim.shell;

import dev.ddlab.fs.FileNode;
import dev.ddlab.fs.FileSystem;
import dev.ddlab.fs.FsException;
import dev.ddlab.fs.Paths;
import dev.ddlab.sim.runtime.Cgroup;
import dev.ddlab.sim.runtime.Executables;
import dev.ddlab.sim.runtime.Proc;
import dev.ddlab.sim.runtime.Program;
import dev.ddlab.sim.runtime.Signal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntConsumer;

/**
 * A shell running as a process inside a container: bash, busybox ash ({@code sh}) or dash. It reads
 * command lines from stdin (or {@code -c}, or a script file), runs builtins itself and everything
 * else as child processes found on $PATH in the container's filesystem, so what exists is what the
 * image holds: {@code ping} in ubuntu is "bash: ping: command not found".
 *
 * <p>Interactive shells do not print their prompt: {@link #prompt} reports it and the terminal
 * shows it before the next line (see {@code Attachment#prompt}).
 */
public final class ShellProgram implements Program {
  private final Dialect dialect;
  private Proc proc;
  private Interpreter sh;
  private boolean interactive;
  private boolean busy;
  private boolean eofPending;
  private Proc foreground;

  /** The foreground's children that read a pipe (stages of a pipeline), not the terminal. */
  private final List<Proc> piped = new ArrayList<>();

  private final Deque<String> queued = new ArrayDeque<>();
  private final PendingInput continuation = new PendingInput(input -> sh.parse(input));
  private final List<String> history = new ArrayList<>();
  // running a script file: busybox names its line in "not found" (a -c string it does not)
  private boolean scriptFile;

  // lines of a script read from stdin so far
  private int linesRead;
  private java.util.function.Consumer<String> terminalOut;
  private java.util.function.Consumer<String> terminalErr;
  private JobControl jobControl;

  /** A {@code read} of the shell's own input waiting for the next line, or null. */
  private java.util.function.Consumer<String> reader;

  /** The waiting {@link #reader} is a {@code read -s}: the terminal does not echo. */
  private boolean readerSilent;

  /** What Ctrl-C stops besides the foreground child (a {@code wait}). */
  private final List<Runnable> foregroundStops = new ArrayList<>();

  public ShellProgram(Dialect dialect) {
    this.dialect = dialect;
  }

  private String shellName() {
    return switch (dialect) {
      case BASH -> "bash";
      case ASH, DASH -> "sh";
    };
  }

  @Override
  public void start(Proc p) {
    this.proc = p;
    this.terminalOut = p::out;
    this.terminalErr = p::err;
    Map<String, String> env = new LinkedHashMap<>(p.env());
    boolean pathGiven = env.containsKey("PATH");
    if (!pathGiven && dialect == Dialect.ASH) {
      env.put("PATH", "/sbin:/usr/sbin:/bin:/usr/bin"); // busybox's bb_PATH_root_path, exported
    }
    env.put("PWD", p.cwd());
    if (dialect != Dialect.DASH) {
      env.put("SHLVL", Integer.toString(shellLevel(env.get("SHLVL")) + 1));
    }
    sh = new Interpreter(dialect, shellName(), new Runtime(), env);
    if (!pathGiven && dialect != Dialect.ASH) {
      // bash's and dash's compiled-in PATH: the shell's own variable, not exported
      sh.setVar(
          "PATH",
          dialect == Dialect.BASH
              ? "/usr/local/bin:/usr/local/sbin:/usr/bin:/usr/sbin:/bin:/sbin:."
              : "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
    }
    sh.pid(p.pid());
    jobControl = new JobControl(sh, dialect, proc::kill, foregroundStops::add, () -> null);
    sh.builtin("kill", (s, a, io) -> jobControl.kill(a, io));
    sh.runtimeBuiltin("wait");
    if (dialect == Dialect.BASH) {
      sh.builtin(
          "history",
          (s, a, io) -> {
            for (int i = 0; i < history.size(); i++) {
              io.println(String.format("%5d  %s", i + 1, history.get(i)));
            }
            return 0;
          });
    }
    ShellInvocation inv =
        ShellInvocation.read(dialect, shellName(), p.argv().subList(1, p.argv().size()));
    if (inv.error != null) {
      p.err(inv.error + "\n");
      p.exit(inv.status);
      return;
    }
    sh.options().bits(inv.options.bits());
    sh.positional(inv.params);
    String command = inv.command;
    String script = inv.script;
    if (command != null) {
      sh.options().commandString(true);
      sh.name(inv.zero);
      if (dialect == Dialect.BASH && loneExternal(command)) {
        // bash -c with one simple command execs it (ONESHOT) and lowers SHLVL first
        // (adjust_shell_level(-1)): 'bash -c env' shows SHLVL=0, 'bash -c "echo $SHLVL"' 1
        sh.setVar("SHLVL", Integer.toString(shellLevel(sh.var("SHLVL")) - 1));
      }
      runBatch(command);
      return;
    }
    if (script != null) {
      String path = Paths.resolve(p.cwd(), script);
      String text;
      try {
        text = new String(p.fs().read(path), StandardCharsets.UTF_8);
      } catch (FsException e) {
        p.err(
            shellName()
                + ": "
                + (dialect == Dialect.DASH ? "0: " : "")
                + "can't open "
                + script
                + (dialect == Dialect.BASH ? ": " + e.getMessage() : "")
                + "\n");
        if (dialect == Dialect.BASH) {
          p.err("");
        }
        p.exit(dialect == Dialect.BASH ? 127 : 2);
        return;
      }
      sh.name(script); // $0, and the name its errors start with
      scriptFile = true;
      runBatch(text);
      return;
    }
    interactive = p.tty() || inv.interactive;
    sh.interactive(interactive);
  }

  /** Runs a -c string or a script to the end, then exits with its status. */
  private void runBatch(String text) {
    busy = true;
    sh.runToEnd(
        text,
        new Io(null, terminalOut, terminalErr),
        end -> {
          busy = false;
          sh.terminate();
          proc.exit(end);
        });
  }

  /**
   * A command that cannot run, in the shell's words and with where it stands: bash out of a
   * terminal "bash: line 2: foo: command not found" (a script's path for "bash"), busybox "s.sh:
   * line 2: foo: not found" in a script file and "sh: foo: not found" otherwise, dash "sh: 2: foo:
   * not found". {@code reason} null: not found.
   */
  private String cannotRun(String command, String reason) {
    String why =
        reason != null ? reason : dialect == Dialect.BASH ? "command not found" : "not found";
    int line = sh.place.line();
    return switch (dialect) {
      case BASH -> ErrorPlace.name(sh) + ": " + command + ": " + why;
      case ASH ->
          sh.name()
              + (scriptFile && !interactive && line > 0 ? ": line " + line : "")
              + ": "
              + command
              + ": "
              + why;
      case DASH ->
          sh.name() + ": " + (interactive || line == 0 ? 1 : line) + ": " + command + ": " + why;
    };
  }

  /**
   * Whether a {@code -c} string is one simple command naming a program (not a builtin, function or
   * keyword), which bash runs without forking. Only the lone command is handled: bash 5.2 also
   * execs the last command of a longer string.
   */
  private boolean loneExternal(String command) {
    Ast.CommandList list;
    try {
      list = Parser.parse(command, Dialect.BASH, true);
    } catch (RuntimeException e) {
      return false;
    }
    if (list.items().size() != 1 || list.items().get(0).background()) {
      return false;
    }
    Ast.AndOr andOr = list.items().get(0).command();
    if (andOr.pipelines().size() != 1
        || andOr.pipelines().get(0).negated()
        || andOr.pipelines().get(0).commands().size() != 1
        || !(andOr.pipelines().get(0).commands().get(0) instanceof Ast.SimpleCommand c)
        || c.words().isEmpty()
        || !c.words().get(0).isPlainLiteral()) {
      return false;
    }
    StringBuilder name = new StringBuilder();
    for (Ast.Part p : c.words().get(0).parts()) {
      name.append(((Ast.Literal) p).text());
    }
    String n = name.toString();
    return !n.isEmpty() && !sh.isBuiltin(n); // a keyword parses as a compound command
  }

  /** The SHLVL a shell inherits as ash and bash read it: a number, else 0. */
  private static int shellLevel(String inherited) {
    try {
      return inherited == null ? 0 : Math.max(0, Integer.parseInt(inherited.strip()));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static String home(Proc p) {
    String user = p.user();
    if (user == null || user.isEmpty() || user.equals("root") || user.equals("0")) {
      return "/root";
    }
    return "/home/" + user;
  }

  @Override
  public void stdin(Proc p, String line) {
    take(line, true);
  }

  /**
   * Piped data: its lines, and a last piece without its newline (the end of the input follows) as
   * it is, so {@code read} takes it and ends with 1, as ash and bash do.
   */
  @Override
  public void stdinData(Proc p, String data) {
    List<String> lines = Program.lines(data);
    for (int i = 0; i < lines.size(); i++) {
      take(lines.get(i), i < lines.size() - 1 || data.endsWith("\n"));
    }
  }

  /** A line of input ({@code newline}: it had its newline) for whatever reads it now. */
  private void take(String line, boolean newline) {
    if (foreground != null && !foreground.exited()) {
      if (newline) {
        foreground.input(line);
      } else {
        foreground.feed(line);
      }
      return;
    }
    String text = newline ? line + "\n" : line;
    if (reader != null) {
      java.util.function.Consumer<String> r = reader;
      reader = null;
      r.accept(text);
      return;
    }
    if (busy) {
      queued.add(text);
      return;
    }
    runLine(line);
  }

  private void runLine(String line) {
    String input = continuation.offer(line);
    if (input == null) {
      return;
    }
    if (!input.isBlank() && interactive) {
      history.add(input);
    }
    if (!interactive) {
      sh.place.linesBefore(linesRead); // bash < s.sh: "bash: line 3: …" counts every line read
      linesRead += (int) input.chars().filter(ch -> ch == '\n').count() + 1;
    }
    busy = true;
    sh.execute(
        input,
        new Io(null, terminalOut, terminalErr),
        st -> {
          busy = false;
          if (sh.exited() || proc.exited()) {
            return;
          }
          if (interactive) {
            for (Interpreter.Job j : sh.jobTable().drainFinished()) {
              proc.err(Jobs.notice(j, true) + "\n");
            }
          }
          drain();
        });
  }

  /** Lines typed while a command ran are read once the shell is back at its prompt. */
  private void drain() {
    while (!busy && !proc.exited()) {
      String next = queued.poll();
      next = next == null || !next.endsWith("\n") ? next : next.substring(0, next.length() - 1);
      if (next == null) {
        if (eofPending) {
          eofPending = false;
          stdinClosed(proc);
        }
        return;
      }
      runLine(next);
    }
  }

  @Override
  public void stdinClosed(Proc p) {
    if (foreground != null && !foreground.exited()) {
      foreground.closeInput();
      return;
    }
    if (reader != null) {
      java.util.function.Consumer<String> r = reader;
      reader = null;
      eofPending = true;
      r.accept(null);
      return;
    }
    if (busy) {
      eofPending = true;
      return;
    }
    if (interactive && dialect == Dialect.BASH) {
      p.out("exit\n");
    }
    sh.leave(new Io(null, terminalOut, terminalErr), sh.lastStatus(), p::exit);
  }

  @Override
  public void signal(Proc p, Signal signal) {
    if (sh.traps(signal)) {
      trapped(p, signal);
      return;
    }
    if (signal == Signal.SIGINT && busy) {
      sh.interrupt(); // a loop stops with its foreground child, as the process group gets SIGINT
      List<Runnable> stops = List.copyOf(foregroundStops);
      foregroundStops.clear();
      stops.forEach(Runnable::run);
      List.copyOf(piped).forEach(c -> p.kill(c.pid(), Signal.SIGINT)); // the pipeline's stages
    }
    if (signal == Signal.SIGINT && foreground != null && !foreground.exited()) {
      p.kill(foreground.pid(), Signal.SIGINT);
      return;
    }
    if (interactive) {
      if (signal == Signal.SIGINT) {
        continuation.clear();
        return;
      }
      if (signal == Signal.SIGTERM || signal == Signal.SIGQUIT) {
        return; // interactive shells ignore these
      }
    }
    Program.super.signal(p, signal);
  }

  /**
   * A signal the shell traps: the foreground child gets it (unless ignored, as a child inherits an
   * ignored signal) and the script goes on; the trap runs before the next command, or now at the
   * prompt.
   */
  private void trapped(Proc p, Signal signal) {
    if (sh.ignores(signal)) {
      return;
    }
    // the trap is due before the child's end lets the next command start; an interactive shell
    // with a terminal runs its job in a process group of its own, which alone gets a Ctrl-C
    if (!(busy && interactive && p.tty() && signal == Signal.SIGINT)) {
      sh.deliver(signal, new Io(null, terminalOut, terminalErr), !busy, () -> {});
    }
    if (foreground != null && !foreground.exited()) {
      p.kill(foreground.pid(), signal);
    }
    List<Runnable> stops = List.copyOf(foregroundStops);
    foregroundStops.clear();
    stops.forEach(Runnable::run);
  }

  @Override
  public boolean readingInput(Proc p) {
    if (foreground != null && !foreground.exited()) {
      return foreground.readingInput();
    }
    return reader != null;
  }

  @Override
  public boolean echoes(Proc p) {
    if (foreground != null && !foreground.exited()) {
      return foreground.echoes();
    }
    return reader == null || !readerSilent;
  }

  @Override
  public String prompt(Proc p) {
    if (foreground != null && !foreground.exited()) {
      return foreground.prompt(); // a shell started from this one: its prompt
    }
    if (!interactive || busy || p.exited()) {
      return "";
    }
    if (continuation.waiting()) {
      return "> ";
    }
    boolean root = home(p).equals("/root");
    String cwd = p.cwd();
    String home = sh.var("HOME");
    String w =
        home != null && cwd.equals(home)
            ? "~"
            : home != null && cwd.startsWith(home + "/") ? "~" + cwd.substring(home.length()) : cwd;
    return switch (dialect) {
      case BASH -> (root ? "root" : p.user()) + "@" + p.hostname() + ":" + w + (root ? "# " : "$ ");
      case ASH -> w + (root ? " # " : " $ ");
      case DASH -> root ? "# " : "$ ";
    };
  }

  /** Whether the program an executable runs is busybox (busybox wording for its tools). */
  static boolean isBusybox(FileSystem fs, String path) {
    try {
      return fs.stat(path).map(n -> "busybox".equals(n.program())).orElse(false);
    } catch (FsException e) {
      return false;
    }
  }

  /** Whether a process was started from busybox (its argv[0], looked up in $PATH when bare). */
  static boolean startedAsBusybox(dev.ddlab.sim.runtime.Proc proc) {
    String argv0 = proc.argv().get(0);
    String path = argv0.contains("/") ? argv0 : lookPath(proc.fs(), argv0, proc.env().get("PATH"));
    return path != null && isBusybox(proc.fs(), path);
  }

  /** $PATH lookup: the first executable file named {@code name}, or null. */
  static String lookPath(FileSystem fs, String name, String pathVar) {
    String list =
        pathVar == null || pathVar.isEmpty()
            ? "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
            : pathVar;
    for (String dir : list.split(":")) {
      if (dir.isEmpty()) {
        continue;
      }
      String candidate = Paths.resolve("/", dir + "/" + name);
      try {
        Optional<FileNode> n = fs.stat(candidate);
        if (n.isPresent() && n.get().isExecutable()) {
          return candidate;
        }
      } catch (FsException e) {
        // a broken link: keep looking
      }
    }
    return null;
  }

  private final class Runtime implements ShellRuntime, Builtins.PathLookup {
    @Override
    public FileSystem fs() {
      return proc.fs();
    }

    @Override
    public String cwd() {
      return proc.cwd();
    }

    @Override
    public void cwd(String path) {
      proc.cwd(path);
    }

    @Override
    public int allocatePid() {
      return proc.pid();
    }

    @Override
    public Cgroup cgroup() {
      return proc.cgroup();
    }

    @Override
    public dev.ddlab.sim.runtime.Rlimits rlimits() {
      return proc.rlimits();
    }

    @Override
    public boolean rss(long bytes) {
      return proc.rss(bytes);
    }

    @Override
    public void after(Duration delay, boolean background, Runnable action) {
      proc.after(delay, action);
    }

    @Override
    public void afterCpu(Duration delay, boolean background, Runnable action) {
      proc.afterCpu(delay, action);
    }

    @Override
    public void exit(int status) {
      proc.exit(status);
    }

    @Override
    public boolean has(String name) {
      return which(name) != null;
    }

    @Override
    public void readLine(
        String prompt, boolean silent, Io io, java.util.function.Consumer<String> then) {
      String line = queued.poll();
      if (line != null) {
        then.accept(line); // with its newline, unless it was the input's last piece without one
      } else if (eofPending || proc.exited()) {
        then.accept(null);
      } else {
        if (prompt != null && proc.tty()) {
          io.err().accept(prompt);
        }
        reader = then;
        readerSilent = silent;
        foregroundStops.add( // Ctrl-C ends the read as the end of input would
            () -> {
              if (reader == then) {
                reader = null;
                then.accept(null);
              }
            });
      }
    }

    /**
     * ENOEXEC: a file without {@code #!} that names no program runs as a script of a new shell
     * ({@code $0} is the path the command found); any other argv as it is.
     */
    private List<String> scriptOrSelf(List<String> argv, String found) {
      if (!Executables.shellScript(proc.fs(), Paths.resolve(proc.cwd(), found))) {
        return argv;
      }
      List<String> script = new ArrayList<>(argv.size() + 1);
      script.add(dialect == Dialect.BASH ? "/bin/bash" : "/bin/sh");
      script.add(found);
      script.addAll(argv.subList(1, argv.size()));
      return script;
    }

    @Override
    public boolean replaceWith(List<String> argv, Map<String, String> env, Io io) {
      if (io.out() instanceof Pipe || io.err() instanceof Pipe || io.piped() || io.background()) {
        return false; // the process keeps the terminal's stdio or files only
      }
      String name = argv.get(0);
      String found = name.contains("/") ? name : which(name);
      if (found == null) {
        return false;
      }
      if ((io.out() != terminalOut || io.err() != terminalErr)
          && !proc.redirect( // exec >log 2>&1; exec server: the server writes to the log
              new Proc.ProcIo(
                  io.out() == terminalOut ? null : io.out(),
                  io.err() == terminalErr ? null : io.err()))) {
        return false;
      }
      return proc.exec(scriptOrSelf(argv, found), env) == null;
    }

    @Override
    public String which(String name) {
      if (name.contains("/")) {
        String p = Paths.resolve(proc.cwd(), name);
        return proc.fs().exists(p) ? p : null;
      }
      return lookPath(proc.fs(), name, sh.var("PATH"));
    }

    @Override
    public int run(
        List<String> argv, Map<String, String> env, Io io, boolean background, IntConsumer done) {
      String name = argv.get(0);
      if (name.equals("wait")) {
        jobControl.waitFor(argv.subList(1, argv.size()), io, done);
        return 0;
      }
      if (name.contains("/")) {
        PathExec p = PathExec.of(proc.fs(), Paths.resolve(proc.cwd(), name));
        if (p != PathExec.RUNS) {
          io.errln(cannotRun(name, p.why(dialect)));
          done.accept(p.status);
          return 0;
        }
      }
      String found = name.contains("/") ? name : lookPath(proc.fs(), name, env.get("PATH"));
      if (found == null) {
        io.errln(cannotRun(name, null));
        done.accept(127);
        return 0;
      }
      argv = scriptOrSelf(argv, found);
      if (dialect == Dialect.BASH) {
        env = new LinkedHashMap<>(env); // bash hands a program its own path as $_, last
        env.remove("_");
        env.put("_", found);
      }
      boolean[] finished = {false};
      Proc[] child = {null};
      Proc c =
          proc.spawn(
              argv,
              env,
              // null: the child writes to the shell's own stdout/stderr, i.e. the terminal.
              new Proc.ProcIo(
                  io.out() instanceof Pipe p
                      ? p.writer(
                          () -> {
                            if (child[0] != null && !child[0].exited()) {
                              proc.kill(child[0].pid(), Signal.SIGPIPE); // a write met no reader
                            }
                          })
                      : io.out() == terminalOut ? null : io.out(),
                  io.err() == terminalErr ? null : io.err(),
                  io.piped()),
              st -> {
                finished[0] = true;
                piped.remove(child[0]);
                if (foreground == child[0]) {
                  foreground = null;
                }
                done.accept(st);
              });
      if (c == null) {
        if (!finished[0]) {
          io.errln(cannotRun(name, null));
          done.accept(127);
        }
        return 0;
      }
      child[0] = c;
      if (!finished[0] && !background && io.piped()) {
        piped.add(c); // a stage reading a pipe: not the terminal's, but Ctrl-C reaches it
      } else if (!finished[0] && !background) {
        foreground = c;
      }
      if (io.piped() && !finished[0]) {
        if (ShellPrograms.readsStdin(argv)) {
          // it reads the input as it comes, until its end or its own; one that does not leaves it
          io.in().pump(c::feed, c::closeInput, () -> finished[0]);
        } else {
          c.closeInput();
        }
      }
      return c.pid();
    }
  }
}

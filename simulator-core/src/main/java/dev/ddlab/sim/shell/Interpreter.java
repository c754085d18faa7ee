package dev.ddlab.sim.shell;

import dev.ddlab.sim.runtime.Rlimits;
import dev.ddlab.sim.runtime.Signal;
import dev.ddlab.sim.shell.Ast.AndOr;
import dev.ddlab.sim.shell.Ast.Command;
import dev.ddlab.sim.shell.Ast.CommandList;
import dev.ddlab.sim.shell.Ast.Connector;
import dev.ddlab.sim.shell.Ast.FunctionDef;
import dev.ddlab.sim.shell.Ast.Item;
import dev.ddlab.sim.shell.Ast.Pipeline;
import dev.ddlab.sim.shell.Ast.SimpleCommand;
import dev.ddlab.sim.shell.Ast.Word;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * Runs parsed shell input on a {@link ShellRuntime}. One interpreter serves the host shell and the
 * container shells; only the runtime and the dialect differ.
 *
 * <p>Execution is continuation-passing: a command may finish later (a {@code sleep} timer, a
 * container the terminal is attached to), so every step takes the code to run when it is done.
 * Synchronous commands simply call it at once. The stages of a pipeline run together ({@link
 * Stages}), each waiting on its pipes or on virtual time.
 */
public final class Interpreter {
  /** A command the shell runs itself that may finish later ({@code read}, {@code eval}). */
  @FunctionalInterface
  interface AsyncBuiltin {
    void run(List<String> args, Io io, IntConsumer done);
  }

  /** A command the shell runs itself; returns the exit status. */
  @FunctionalInterface
  public interface Builtin {
    int run(Interpreter sh, List<String> args, Io io);
  }

  /**
   * A background job ({@code cmd &}) and its state: {@code status} is null while it runs; {@code
   * signaled} when a signal ended it ({@code kill %1}: status 128 + the signal).
   */
  public record Job(int number, int pid, String command, Integer status, boolean signaled) {
    Job(int number, int pid, String command) {
      this(number, pid, command, null, false);
    }
  }

  private final Dialect dialect;
  private String name;
  final ErrorPlace place = new ErrorPlace(); // where the running command stands, for its errors
  private final ShellRuntime runtime;
  private ShellVars vars;
  private final Jobs jobs = new Jobs(this);
  private final Redirections redirections = new Redirections(this);
  private Fds fds = new Fds(); // the running (sub)shell's: what exec made of its open files
  private final SimpleCommands simple = new SimpleCommands(this);
  private final RunQueue queue = new RunQueue(this::resumer);

  private final Pipelines pipelines = new Pipelines(this);
  private final Expansions expansions = new Expansions(this);
  private final Traps traps = new Traps(this);
  private final ShellOptions options;

  private int lastStatus;
  private int pid;
  private boolean exited;
  private boolean returning;
  private boolean aborted;
  private boolean interactive;

  /**
   * How deep functions may call each other. bash has no limit of its own (FUNCNEST unset) and dies
   * of a full stack; the simulator stops earlier, with bash's FUNCNEST message, so that a function
   * that calls itself for ever ends the command instead of the JVM's thread.
   */
  static final int MAX_FUNCTION_NESTING = 1000;

  public Interpreter(
      Dialect dialect, String name, ShellRuntime runtime, Map<String, String> environment) {
    this.dialect = dialect;
    this.name = name;
    this.runtime = runtime;
    this.vars = new ShellVars(dialect, environment);
    this.options = new ShellOptions(dialect);
    Builtins.installCommon(this);
    builtin("set", (sh, args, io) -> sh.options.set(sh, args, io));
    builtin("trap", (sh, args, io) -> sh.traps.trap(args, io));
    builtin("break", (sh, args, io) -> sh.compound.loopControl("break", args, io));
    builtin("continue", (sh, args, io) -> sh.compound.loopControl("continue", args, io));
    TestCommand.install(this);
    Sourcing sourcing = new Sourcing(this);
    asyncBuiltin("eval", (args, io, done) -> sourcing.run("eval", args, io, done));
    asyncBuiltin(".", (args, io, done) -> sourcing.run(".", args, io, done));
    if (dialect != Dialect.DASH) {
      asyncBuiltin("source", (args, io, done) -> sourcing.run("source", args, io, done));
    }
    asyncBuiltin("read", (args, io, done) -> ReadBuiltin.run(this, args, io, done));
    asyncBuiltin("exec", (args, io, done) -> ExecBuiltin.run(this, args, io, done));
  }

  void asyncBuiltin(String name, AsyncBuiltin b) {
    simple.asyncBuiltin(name, b);
  }

  // ---- state ------------------------------------------------------------------------------------

  public Dialect dialect() {
    return dialect;
  }

  /** The name the shell prefixes its errors with ("bash", "sh"). */
  public String name() {
    return name;
  }

  /** {@code $0} and the name errors start with: a script's path when the shell runs one. */
  void name(String n) {
    name = n;
  }

  public ShellRuntime runtime() {
    return runtime;
  }

  public int lastStatus() {
    return lastStatus;
  }

  public void pid(int pid) {
    this.pid = pid;
  }

  int pid() {
    return pid;
  }

  Pipelines pipelines() {
    return pipelines;
  }

  RunQueue queue() {
    return queue;
  }

  public String var(String key) {
    return vars.get(key);
  }

  public void setVar(String key, String value) {
    vars.put(key, value);
  }

  /** The names of the shell's variables. */
  java.util.Set<String> variableNames() {
    return vars.names();
  }

  public void export(String key) {
    vars.export(key);
  }

  public void unset(String key) {
    vars.unset(key);
  }

  /** The positional parameters ({@code $1} …) of the running function or script. */
  public List<String> positional() {
    return vars.positional();
  }

  void positional(List<String> args) {
    vars.positional(args);
  }

  FunctionDef function(String name) {
    return simple.function(name);
  }

  boolean unsetFunction(String name) {
    return simple.unsetFunction(name);
  }

  /** Whether a function is running (for {@code local} and {@code return}). */
  boolean inFunction() {
    return vars.depth() > 0;
  }

  /**
   * {@code local NAME}: the running function's own NAME until it returns, its old value and export
   * kept to be restored then. bash starts it unset; ash and dash keep the value it had.
   */
  void makeLocal(String name) {
    vars.makeLocal(name);
  }

  /** {@code return}: the running function ends with {@code status}. */
  void returnFromFunction(int status) {
    returning = true;
    lastStatus = status;
  }

  /** Whether the running list must unwind: an exit, a return, or an aborted command line. */
  boolean unwinding() {
    return exited || returning || aborted;
  }

  /** Whether the shell reads commands typed at a terminal (errors then end only the line). */
  public boolean interactive() {
    return interactive;
  }

  public void interactive(boolean interactive) {
    this.interactive = interactive;
  }

  /**
   * An error that ends the whole command line (bash's jump to the top level): an interactive shell
   * goes back to its prompt, any other shell exits with {@code status}.
   */
  void abort(int status) {
    lastStatus = status;
    if (interactive) {
      aborted = true;
    } else {
      exited = true;
    }
  }

  /**
   * A fork failed: the pids cgroup refuses every subshell of the shell alike, so the simulator ends
   * them all with the one that met it ({@link #abort} in every {@link ShellState}: an interactive
   * shell's line, or a shell that is not interactive).
   */
  void abortAll(int status) {
    abort(status);
    if (!interactive && !unforkable) {
      unforkable = true;
      unforkableStatus = status;
    }
  }

  private int unforkableStatus;

  /** A fork failed in a shell that is not interactive: every subshell state is exiting. */
  private boolean unforkable;

  /**
   * The shell's process is ending (its {@code -c} string or script is done): commands its
   * background jobs have queued do not start any more, as they die with a container's PID 1.
   */
  public void terminate() {
    exited = true;
    aborted = true;
    terminated = true;
  }

  private boolean terminated;

  /** The job table. */
  Jobs jobTable() {
    return jobs;
  }

  /** The options {@code set} changes ({@code -e}, {@code -u}, {@code -x}, {@code pipefail}). */
  ShellOptions options() {
    return options;
  }

  /** The shell process's resource limits: what it started with, or what {@code ulimit} set. */
  Rlimits rlimits() {
    return ownLimits != null ? ownLimits : runtime.rlimits();
  }

  void rlimits(Rlimits limits) {
    ownLimits = limits;
  }

  private Rlimits ownLimits;

  /** The exported variables, as a child process's environment. */
  public Map<String, String> environment() {
    return vars.environment();
  }

  public void builtin(String name, Builtin b) {
    simple.builtin(name, b);
  }

  /**
   * Declares a builtin its runtime runs, because it waits on virtual time ({@code wait} and {@code
   * fg} on the host): {@code type} calls it a shell builtin.
   */
  public void runtimeBuiltin(String name) {
    simple.runtimeBuiltin(name);
  }

  public boolean isBuiltin(String name) {
    return simple.isBuiltin(name);
  }

  public java.util.Set<String> builtinNames() {
    return simple.builtinNames();
  }

  public boolean exited() {
    return exited;
  }

  /** Called by the {@code exit} builtin: stop running further commands. */
  void markExited(int status) {
    exited = true;
    lastStatus = status;
  }

  /**
   * {@code exit} or {@code set -e}: the list unwinds; outside a subshell the shell then ends, once
   * its EXIT trap has run ({@link #endLine}).
   */
  void exitShell(int status) {
    markExited(status);
    exitPending |= !inSubshell();
  }

  private boolean exitPending;

  /** Whether a trap is set for {@code signal} ({@code trap '' INT} ignores it). */
  public boolean traps(Signal signal) {
    return traps.isSet(signal);
  }

  /** Whether a loop is running ({@code while}, {@code until}, {@code for}). */
  public boolean inLoop() {
    return compound.depth() > 0;
  }

  public boolean ignores(Signal signal) {
    return traps.ignores(signal);
  }

  /**
   * A signal the shell traps arrived: its trap runs before the next command starts, or now ({@code
   * then} after it) when the shell waits at its prompt.
   */
  public void deliver(Signal signal, Io io, boolean idle, Runnable then) {
    traps.deliver(signal);
    if (idle) {
      traps.runDue(io, then);
    } else {
      then.run();
    }
  }

  /** The shell ends with {@code status} (its script's end, Ctrl-D): its EXIT trap runs first. */
  public void leave(Io io, int status, IntConsumer then) {
    traps.runExit(io, status, then);
  }

  /**
   * Runs a trap's command: {@code $?} is the status before it and stays so, unless the trap exits.
   */
  void runTrap(String command, Io io, IntConsumer then) {
    CommandList list;
    try {
      list = Parser.parse(command, dialect, true);
    } catch (ShellSyntaxException e) {
      io.errln(dialect.syntaxError(name, e));
      then.accept(lastStatus);
      return;
    }
    int before = lastStatus;
    boolean wasExited = exited;
    exited = false;
    aborted = false;
    returning = false;
    run(
        list,
        io,
        st -> {
          boolean exitedHere = exited;
          exited = wasExited || exitedHere;
          lastStatus = exitedHere ? lastStatus : before;
          then.accept(lastStatus);
        });
  }

  // ---- entry points ---------------------------------------------------------------------------

  /**
   * Parses and runs one input. Syntax errors are printed as the dialect prints them (status 2);
   * {@link ShellSyntaxException#incomplete()} is rethrown so an interactive caller can ask for a
   * continuation line; a shell that reads no more lines ({@code ssh NODE 'echo "'}) reports it.
   */
  public void execute(String input, Io io, IntConsumer done) {
    CommandList list;
    startLine();
    try {
      list = parse(input);
    } catch (ShellSyntaxException e) {
      if (e.incomplete() && interactive) {
        throw e;
      }
      io.errln(dialect.syntaxError(name, e));
      lastStatus = 2;
      done.accept(2);
      return;
    }
    fds.top(io);
    run(list, io, st -> endLine(io, st, done));
  }

  /**
   * Runs a shell's whole input, a {@code -c} string or a script, to its end: its commands, then its
   * EXIT trap ({@link #leave}); {@code ended} gets the status the shell exits with. A syntax error
   * is printed in the shell's words ({@link #execute}) and ends it with 2. The host's {@code bash
   * -c} ({@link HostShells}) and a container's {@code sh -c} or script ({@link ShellProgram}) both
   * run so.
   */
  public void runToEnd(String text, Io io, IntConsumer ended) {
    interactive = false; // it reads no continuation line: an open quote is a syntax error
    execute(text, io, st -> leave(io, st, ended));
  }

  /**
   * The line ran: traps of signals that came at its end run, and an {@code exit} ends the shell.
   */
  private void endLine(Io io, int status, IntConsumer done) {
    if (traps.due()) {
      traps.runDue(io, () -> endLine(io, status, done));
      return;
    }
    if (!exitPending) {
      done.accept(status);
      return;
    }
    traps.runExit(
        io,
        lastStatus,
        st -> {
          exitPending = false;
          lastStatus = st;
          runtime.exit(st);
          done.accept(st);
        });
  }

  /**
   * A new command line starts: whatever an interrupted or aborted one left (function frames, loop
   * control, an abort) is gone.
   */
  private void startLine() {
    vars.leaveAll();
    aborted = false;
    returning = false;
    breakLevels = 0;
    continueLevels = 0;
  }

  /**
   * Parses one input, remembering the last parse: a typed line is parsed once to see whether it is
   * complete and again to run it.
   */
  CommandList parse(String input) {
    if (!input.equals(lastInput)) {
      lastParsed = Parser.parse(input, dialect, !interactive);
      lastInput = input;
    }
    return lastParsed;
  }

  private String lastInput;
  private CommandList lastParsed;

  /** Runs a parsed list; {@code done} receives the status of its last command. */
  public void run(CommandList list, Io io, IntConsumer done) {
    runItems(list.items(), 0, io, done);
  }

  private void runItems(List<Item> items, int i, Io io, IntConsumer done) {
    if (io.killed()) {
      done.accept(io.job().killStatus());
      return;
    }
    if (i >= items.size() || stopping()) {
      done.accept(lastStatus);
      return;
    }
    if (io.out() instanceof Pipe p && p.sigpiped()) {
      done.accept(128 + 13); // a write to a pipe whose reader is gone killed the stage (SIGPIPE)
      return;
    }
    Item item = items.get(i);
    if (item.background()) {
      if (jobs.start(item.command(), io)) {
        finished(0);
      }
      runItems(items, i + 1, io, done);
      return;
    }
    runAndOr(
        item.command(),
        0,
        io,
        status -> {
          finished(status);
          queue.step(() -> runItems(items, i + 1, io, done));
        });
  }

  void runAndOr(AndOr andOr, int i, Io io, IntConsumer done) {
    boolean last = i == andOr.pipelines().size() - 1;
    Pipeline p = andOr.pipelines().get(i);
    pipelines.run(
        p,
        last ? io : io.asTested(true),
        status -> {
          finished(status);
          if (last && status != 0 && !p.negated() && !io.tested() && errexits(status, io)) {
            done.accept(status);
            return;
          }
          int next = i + 1;
          while (next < andOr.pipelines().size() && !stopping() && !io.killed()) {
            Connector c = andOr.connectors().get(next - 1);
            boolean run = c == Connector.AND ? status == 0 : status != 0;
            if (run) {
              runAndOr(andOr, next, io, done);
              return;
            }
            next++;
          }
          done.accept(status);
        });
  }

  /**
   * A command finished with {@code status}; after an exit or an aborted line the status that ended
   * it stays (a fork that failed in a job ends the line with 126 even if the foreground command
   * succeeded).
   */
  private void finished(int status) {
    if (!exited && !aborted) {
      lastStatus = status;
    }
    if (!holds()) {
      outOfMemory();
    }
  }

  /**
   * Charges what the shell holds, its variables and its open pipes' buffers (the kernel charges a
   * pipe's pages to the writer's cgroup), as its resident size; false when the OOM killer killed
   * it.
   */
  boolean charge() {
    if (exited || holds()) {
      return true;
    }
    outOfMemory();
    return false;
  }

  /** Whether what the shell holds fits its memory (no OOM kill). */
  boolean holds() {
    return runtime.rss(vars.bytes() + pipelines.bytes());
  }

  /**
   * The OOM killer killed this shell for the memory its variables hold ({@code x=$x$x} in a loop):
   * it runs nothing more, and what it held is freed.
   */
  void outOfMemory() {
    vars.clear();
    pipelines.clear();
    lastStatus = 128 + 9;
    terminate();
  }

  void runCommand(Command c, Io io, IntConsumer done) {
    queue.step(() -> startCommand(c, io, Stages.afterWrite(this, io, done)));
  }

  private void startCommand(Command c, Io io, IntConsumer done) {
    if (aborted || exited) {
      done.accept(lastStatus); // queued before the command line or the shell ended
      return;
    }
    if (io.killed()) {
      done.accept(io.job().killStatus()); // queued before its job was killed
      return;
    }
    if (traps.due()) {
      traps.runDue(io, () -> startCommand(c, io, done)); // a trapped signal came meanwhile
      return;
    }
    if (c instanceof SimpleCommand cmd) {
      simple.run(cmd, io, done);
      return;
    }
    if (c instanceof FunctionDef f) {
      simple.define(f);
      done.accept(0);
      return;
    }
    List<Word> targets = new ArrayList<>();
    c.redirects().forEach(r -> targets.add(r.word()));
    withExpander(
        targets,
        io,
        done,
        (ex, subStatus) -> {
          if (c.redirects().isEmpty()) {
            compound.run(c, io, done); // its body is handed what it was: an exec in it lasts
            return;
          }
          Io own = fds.resolve(io);
          Io redirected = redirections.applyOrFail(c.redirects(), ex, own, done);
          if (redirected != null) {
            compound.run(c, Fds.keys(io, own, redirected), redirections.restoring(done));
          }
        });
  }

  /**
   * {@code set -e}: a command no condition tests failed, so the shell exits with its status ({@code
   * (false)} ends only the subshell, whose status then ends the shell). False when the option is
   * off or the list is already unwinding ({@code return}, {@code break}, an exit).
   */
  private boolean errexits(int status, Io io) {
    if (!options.errexit() || stopping() || io.job() != null) {
      return false; // a background job is a subshell of its own: its end is not the shell's
    }
    exitShell(status);
    return true;
  }

  /** Runs the command substitutions in {@code words}, then expands them ({@link Expansions}). */
  void withExpander(List<Word> words, Io io, IntConsumer done, Expansions.Expanded then) {
    expansions.withExpander(words, io, done, then);
  }

  // ---- loop control and interrupts --------------------------------------------------------------

  private final CompoundCommands compound = new CompoundCommands(this);
  private int breakLevels;
  private int continueLevels;
  private int interrupts;

  /** Whether the current list must stop: after {@code exit}, {@code break} or {@code continue}. */
  boolean stopping() {
    return exited || returning || aborted || breakLevels > 0 || continueLevels > 0;
  }

  /** Ctrl-C: loops and lists that are running stop at their next step. */
  public void interrupt() {
    interrupts++;
    pipelines.interrupted();
  }

  int interrupts() {
    return interrupts;
  }

  /**
   * What a loop does after its body: {@code BREAK} (leave it), {@code CONTINUE} (next round) or
   * {@code NONE}; consumes one level of a pending {@code break N} / {@code continue N}.
   */
  LoopControl takeLoopControl() {
    if (breakLevels > 0) {
      breakLevels--;
      return LoopControl.BREAK;
    }
    if (continueLevels > 0) {
      continueLevels--;
      if (continueLevels > 0) {
        return LoopControl.BREAK;
      }
      return LoopControl.CONTINUE;
    }
    return LoopControl.NONE;
  }

  enum LoopControl {
    NONE,
    BREAK,
    CONTINUE
  }

  /** {@code break N} / {@code continue N}: leave N loops, or end this round of the Nth. */
  void loopControl(boolean isBreak, int levels) {
    if (isBreak) {
      breakLevels = levels;
    } else {
      continueLevels = levels;
    }
  }

  /**
   * The state a subshell must not leak: variables, exports and the working directory ({@link #save}
   * enters the subshell, {@link #restore} leaves it).
   */
  record Saved(ShellVars.Snapshot vars, String cwd, long options, Fds fds) {}

  private int subshells;

  /** Whether a {@code ( … )} is running, whose {@code exit} must not end the shell itself. */
  boolean inSubshell() {
    return subshells > 0;
  }

  Saved save() {
    subshells++;
    Saved saved = new Saved(vars.snapshot(), runtime.cwd(), options.bits(), fds);
    fds = fds.copy(); // ( exec >log ) lasts only in the subshell
    return saved;
  }

  /** Back to the state saved when the subshell began; an {@code exit} in it ends only it. */
  void restore(Saved saved) {
    subshells--;
    reset(saved);
  }

  // ---- the state of each (sub)shell that runs at once ------------------------------------------

  /** The state the running code belongs to: the shell's own, or a pipeline stage's. */
  private ShellState state = new ShellState();

  /**
   * A subshell's state, copied from the running one: a stage of a pipeline, which runs while the
   * other stages and the shell wait ({@code x=1 | echo $x} prints an empty line; {@code exit 3 |
   * echo hi} prints hi). Nothing it changes is seen by the others ({@link ShellState}).
   */
  ShellState fork() {
    ShellState s = new ShellState();
    s.vars = new ShellVars(vars);
    s.functions = new java.util.TreeMap<>(simple.functions());
    s.traps = new java.util.TreeMap<>(traps.table());
    s.cwd = runtime.cwd();
    s.options = options.bits();
    s.lastStatus = lastStatus;
    s.subshells = subshells + 1;
    s.loops = compound.forkLoops();
    s.fds = fds.copy();
    return s;
  }

  /** The state running now, for code that must later run in it ({@link #resumer}). */
  ShellState state() {
    return state;
  }

  /**
   * {@code next} wrapped to run in the state running now, whoever calls it (a pipe's reader woken
   * by its writer, a timer, a program that exited); the caller's state is back after it.
   */
  Runnable resumer(Runnable next) {
    return resumer(state, next);
  }

  Runnable resumer(ShellState in, Runnable next) {
    return () -> {
      ShellState was = state;
      switchTo(in);
      try {
        next.run();
      } finally {
        switchTo(was);
      }
    };
  }

  /** {@link #resumer(Runnable)} for a continuation that takes a status. */
  IntConsumer resumer(IntConsumer next) {
    return resumer(state, next);
  }

  IntConsumer resumer(ShellState in, IntConsumer next) {
    return st -> resumer(in, () -> next.accept(st)).run();
  }

  private void switchTo(ShellState s) {
    if (s == state) {
      return;
    }
    ShellState out = state;
    out.vars = vars;
    out.functions = simple.functions();
    out.traps = traps.table();
    out.cwd = runtime.cwd();
    out.options = options.bits();
    out.lastStatus = lastStatus;
    out.exited = exited;
    out.returning = returning;
    out.breakLevels = breakLevels;
    out.continueLevels = continueLevels;
    out.subshells = subshells;
    out.loops = compound.loops();
    out.fds = fds;
    state = s;
    vars = s.vars;
    simple.functions(s.functions);
    traps.table(s.traps);
    if (!s.cwd.equals(runtime.cwd())) {
      runtime.cwd(s.cwd);
    }
    options.bits(s.options);
    lastStatus = unforkable ? unforkableStatus : s.lastStatus;
    exited = s.exited || terminated || unforkable; // every subshell ended with the shell
    returning = s.returning;
    breakLevels = s.breakLevels;
    continueLevels = s.continueLevels;
    subshells = s.subshells;
    fds = s.fds != null ? s.fds : fds;
    if (s.loops != null) {
      compound.loops(s.loops);
    }
  }

  private void reset(Saved saved) {
    if (terminated) {
      return; // the shell itself ended (the OOM killer, its script's end): nothing to give back
    }
    vars.restore(saved.vars());
    fds = saved.fds();
    runtime.cwd(saved.cwd());
    options.bits(saved.options()); // ( set -e ) stays in the subshell
    exited = false;
    breakLevels = 0;
    continueLevels = 0;
  }

  void lastStatus(int status) {
    finished(status);
  }

  /** The variables, for the classes the interpreter owns. */
  ShellVars vars() {
    return vars;
  }

  Redirections redirections() {
    return redirections;
  }

  /** What {@code exec} made of the running (sub)shell's open files. */
  Fds fds() {
    return fds;
  }

  /** Runs on {@code next} from now ({@code $( … )} on a copy); returns the one it ran on. */
  Fds fds(Fds next) {
    Fds was = fds;
    fds = next;
    return was;
  }

  /** Whether a {@code return} ended the running function; the flag is cleared. */
  boolean takeReturn() {
    boolean r = returning;
    returning = false;
    return r;
  }

  /**
   * Runs {@code argv} as a command line would (builtins first), for {@code sudo} and {@code ssh}.
   */
  public void runArgv(List<String> argv, Io io, IntConsumer done) {
    simple.runArgv(argv, io, done);
  }
}

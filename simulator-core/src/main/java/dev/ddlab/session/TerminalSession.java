package dev.ddlab.session;

import dev.ddlab.cli.CliContext;
import dev.ddlab.cli.DockerCli;
import dev.ddlab.engine.Attachment;
import dev.ddlab.engine.Engine;
import dev.ddlab.events.EventBus;
import dev.ddlab.fs.FileSystem;
import dev.ddlab.introspect.Introspection;
import dev.ddlab.sim.clock.VirtualClock;
import dev.ddlab.sim.runtime.HttpOutcome;
import dev.ddlab.sim.runtime.HttpResponse;
import dev.ddlab.sim.runtime.NetException;
import dev.ddlab.sim.shell.HostShell;
import dev.ddlab.sim.shell.Io;
import dev.ddlab.sim.shell.ToolContext;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * A session's terminals over a {@link SessionBackend}: one terminal per node and the transcript. A
 * terminal is either at the node's host shell or attached to a container's stream (after {@code
 * docker run -it}, {@code exec -it}, {@code start -ai}, {@code attach}); typed lines go there until
 * the stream closes or Ctrl-P Ctrl-Q detaches. The same machinery serves simulated nodes ({@link
 * SimSession}) and the learner's client in front of a real engine ({@link #over}).
 *
 * <p>After each line the session lets virtual time run until the terminal waits for input again (a
 * prompt is shown, or the attached stream closed), so {@code sleep 10} takes ten virtual seconds
 * and nothing else; a program that never gives the prompt back leaves the terminal busy without
 * moving time beyond the timers it is waiting for.
 */
public class TerminalSession implements Session {
  /** The longest virtual time one typed line may take (covers {@code sleep 1d}). */
  static final Duration SETTLE_LIMIT = Duration.ofHours(48);

  /**
   * The longest virtual time a line whose host foreground sleeps to a known time may take ({@code
   * sleep 432000}, five days, ends within its line; {@code sleep infinity} does not), still within
   * {@link #SETTLE_BUDGET}.
   */
  static final Duration SLEEP_LIMIT = Duration.ofDays(7);

  /**
   * A foreground program that keeps printing as time passes (ping, a log follower) is left running
   * after this many timed outputs, as a learner watches a few lines before Ctrl-C.
   */
  static final int STREAMING_STEPS = 5;

  /**
   * What one typed line (or key, or the ticker's beat that lets a line go on) may cost the server,
   * in {@link VirtualClock.Cost} units the clock charges for every timer that fires: its command's
   * own waits ({@link VirtualClock#advanceUntil}: a foreground {@code docker run}'s minute, a
   * build's steps) and the settle after it. Spent, the settle stops and the terminal is left busy
   * as a learner sees a command that has not ended (or, without a ticker, a line that only computes
   * is ended, {@link #CPU_BOUND_NOTICE}). 100,000 units: 100,000 ticks of upkeep (two hours of an
   * idle two-node swarm for {@code sleep 7200}), 20,000 steps of a command ({@code while true; do
   * date >> log; done}), 2,000 health probes or store actions, 250 containers restarted; mixed as
   * they come. Before session 10 these were three budgets (events of work, steps, "churn" counted
   * by hand at each costly upkeep), and the docker CLI's own minute of waiting had none: {@code
   * docker run --name web2 nginx} behind a restart loop hung the typed fuzz.
   */
  static final long SETTLE_BUDGET = 100_000;

  /** The CPU steps a line that only computes runs before it is ended: the budget in CPU steps. */
  static final long CPU_BOUND_STEPS = SETTLE_BUDGET / VirtualClock.Cost.CPU.units;

  /**
   * Of {@link #SETTLE_BUDGET}, what a foreground that waits without a known end ({@code docker
   * events} in a ticking swarm, a read of a pipe nobody writes) may spend: a fifth.
   */
  static final long WAIT_BUDGET = SETTLE_BUDGET / 5;

  /**
   * What the terminal shows when a line whose foreground mostly computes ({@code yes | grep -m 2 y}
   * with no y, {@code while true; do :; done}: CPU steps cost over half of what it spent) spent
   * {@link #SETTLE_BUDGET} in a session without a ticker (a script, a golden, the grader, the
   * fuzz): bash would run it until Ctrl-C, the session ends it as {@code timeout} would, with
   * status 124.
   */
  static final String CPU_BOUND_NOTICE =
      "ddlab: dòng lệnh chỉ tính toán mà không kết thúc (bash sẽ chạy nó đến khi bạn nhấn Ctrl-C);"
          + " ddlab dừng nó sau "
          + CPU_BOUND_STEPS
          + " bước, mã thoát 124 như timeout\n";

  /**
   * In a session that follows a ticker ({@link #followTicker}), the most virtual time a typed line
   * may move on its own: a command's own work (a build's steps, a service converging, about half a
   * second) still ends within its line, a longer wait follows the ticker at the page's speed.
   */
  static final Duration TICKER_HORIZON = Duration.ofSeconds(1);

  /** How long a foreground {@code docker run} without a terminal waits within its line. */
  private static final Duration FOREGROUND_WAIT = Duration.ofSeconds(60);

  private static final String DETACH = "\u0010\u0011";
  private static final String EOF = "\u0004";

  private final String id;
  private final String template;
  private final long seed;
  private final VirtualClock clock;
  private final SessionBackend backend;
  private final Map<String, Terminal> terminals = new LinkedHashMap<>();
  private final Transcript transcript;

  /** A wall-clock ticker moves virtual time ({@link #followTicker}). */
  private boolean followTicker;

  /**
   * A session over {@code backend}'s nodes, on {@code clock}.
   *
   * @param id the session's id ("sim-…", "real-…")
   */
  protected TerminalSession(
      String id, String template, long seed, VirtualClock clock, SessionBackend backend) {
    this.id = id;
    this.template = template;
    this.seed = seed;
    this.clock = clock;
    this.backend = backend;
    this.transcript = new Transcript(backend.memoryBudget(), Transcript.OUTPUT_CHARS);
    for (NodeBackend node : backend.nodes()) {
      terminals.put(node.name(), new Terminal(node));
    }
  }

  /**
   * A session over nodes that are not simulated (the learner's client in front of a real engine,
   * from the bridge): its virtual clock starts at {@code startEpochNanos} (the wall clock, for a
   * real engine) and is moved by whoever drives the session.
   */
  public static Session over(
      String id, String template, long seed, long startEpochNanos, SessionBackend backend) {
    return new TerminalSession(id, template, seed, new VirtualClock(startEpochNanos), backend);
  }

  /** The session's virtual clock (its simulated nodes share it). */
  VirtualClock clock() {
    return clock;
  }

  // ---- Session ----------------------------------------------------------------------------------

  @Override
  public String id() {
    return id;
  }

  @Override
  public long seed() {
    return seed;
  }

  @Override
  public String template() {
    return template;
  }

  @Override
  public List<String> nodes() {
    return List.copyOf(terminals.keySet());
  }

  @Override
  public NodeBackend node(String node) {
    return terminal(node).node;
  }

  @Override
  public String prompt(String node) {
    Terminal t = terminals.get(node);
    return t == null ? "" : t.prompt();
  }

  @Override
  public boolean isAttached(String node) {
    Terminal t = terminals.get(node);
    return t != null && t.attached != null;
  }

  @Override
  public TranscriptEntry type(String node, String line) {
    Terminal t = terminals.get(node);
    String shown = shown(line);
    if (t == null) {
      return record(
          new TranscriptEntry(
              node, "", shown, "ddlab: no such node: " + node + "\n", 1, clock().nowNanos()),
          null);
    }
    String prompt = t.prompt();
    String typed = null;
    if (!t.echoes()) {
      shown = ""; // a password or key typed where the terminal does not echo
      typed = TranscriptEntry.standIn(line); // what a grader's replay types there: never the secret
    }
    long time = clock().nowNanos();
    int[] exit = {0};
    Runnable after = null;
    clock().budget(SETTLE_BUDGET);
    try {
      if (t.attached != null) {
        exit[0] = t.typeAttached(line);
      } else {
        after = t.typeHost(line, exit);
      }
    } catch (RuntimeException e) {
      // A simulator bug must not end the learner's session: report it like a crashed command.
      t.out.append("ddlab: internal error: " + e + "\n");
      exit[0] = 1;
    }
    backend.deliverEvents();
    return record(
        new TranscriptEntry(node, prompt, shown, t.drain(), exit[0], time, typed),
        after == null ? null : t);
  }

  @Override
  public TranscriptEntry interrupt(String node) {
    Terminal t = terminals.get(node);
    if (t == null) {
      return record(
          new TranscriptEntry(
              node, "", "^C", "ddlab: no such node: " + node + "\n", 1, clock().nowNanos()),
          null);
    }
    String prompt = t.prompt();
    long time = clock().nowNanos();
    clock().budget(SETTLE_BUDGET);
    Integer code = t.interrupt();
    backend.deliverEvents();
    // what the line returned (an INT trap may let it go on): known later when it still runs
    return record(
        new TranscriptEntry(node, prompt, "^C", t.drain(), code == null ? 0 : code, time),
        code == null ? t : null);
  }

  /**
   * Keeps the entry in the transcript (its output perhaps cut, {@link Transcript}) and returns it
   * whole: the terminal shows all of it.
   */
  private TranscriptEntry record(TranscriptEntry e, Terminal pendingOn) {
    int index = transcript.add(e);
    if (pendingOn != null) {
      pendingOn.pendingEntries.add(index);
    }
    return e;
  }

  /**
   * How a typed line shows in the transcript: control keys in caret notation; the line itself when
   * it has none (a transcript keeps every line: a copy of each was ~70 bytes a line more).
   */
  private static String shown(String line) {
    boolean control = false;
    for (int i = 0; i < line.length() && !control; i++) {
      char c = line.charAt(i);
      control = c < 0x20 && c != '\t';
    }
    if (!control) {
      return line;
    }
    StringBuilder sb = new StringBuilder();
    for (char c : line.toCharArray()) {
      if (c < 0x20 && c != '\t') {
        sb.append('^').append((char) (c + 64));
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  @Override
  public boolean echoes(String node) {
    Terminal t = terminals.get(node);
    return t == null || t.echoes();
  }

  @Override
  public String unshownOutput(String node) {
    Terminal t = terminals.get(node);
    return t == null ? "" : t.out.unshown();
  }

  @Override
  public boolean outputPending(String node) {
    Terminal t = terminals.get(node);
    return t != null && t.out.pending();
  }

  @Override
  public int shownOutput(String node) {
    Terminal t = terminals.get(node);
    return t == null ? 0 : t.out.shownOfTaken();
  }

  @Override
  public void followTicker() {
    followTicker = true;
    clock.cpuSlice(VirtualClock.CPU_SLICE); // a line's work parks after a slice; the ticker resumes
  }

  @Override
  public void resize(String node, int columns, int rows) {
    Terminal t = terminals.get(node);
    if (t != null && (t.columns != columns || t.rows != rows)) {
      t.columns = columns;
      t.rows = rows;
      t.shell.resize(rows, columns);
      if (t.attached != null) {
        t.attached.resize(columns, rows);
      }
    }
  }

  @Override
  public List<String> complete(String node, String line) {
    Terminal t = terminals.get(node);
    if (t == null || t.attached != null) {
      return List.of();
    }
    try {
      return Completion.complete(t.shell, t.cli, line);
    } catch (RuntimeException e) {
      return List.of();
    }
  }

  @Override
  public List<TranscriptEntry> transcript() {
    return transcript.entries();
  }

  /**
   * Keeps only the last {@code n} to {@code 2n} entries of this session's transcript from now on:
   * for {@code ddlab bench}, whose sessions type millions of lines that nobody replays (it opened
   * its nodes again instead, seconds of set-up a figure). A learner's session never calls this and
   * keeps every command, as grading replays them.
   */
  public void keepLastEntries(int n) {
    transcript.keepLast(n);
  }

  @Override
  public long nowNanos() {
    return clock.nowNanos();
  }

  @Override
  public EventBus events() {
    return backend.events();
  }

  @Override
  public Introspection introspection() {
    return backend.introspection();
  }

  @Override
  public NetworkFaults networkFaults() {
    return backend.networkFaults();
  }

  @Override
  public void advance(Duration d) {
    clock.resumeCpu();
    clock.advance(d);
    for (Terminal t : terminals.values()) {
      t.collect();
    }
    backend.deliverEvents();
  }

  @Override
  public String addNode() {
    NodeBackend n = backend.addNode();
    terminals.put(n.name(), new Terminal(n));
    return n.name();
  }

  @Override
  public void removeNode(String node) {
    if (terminals.containsKey(node)) {
      backend.removeNode(node);
      terminals.remove(node);
    }
  }

  @Override
  public void close() {
    for (Terminal t : terminals.values()) {
      if (t.attached != null) {
        t.attached.close();
      }
    }
    backend.close();
    transcript.release();
  }

  private Terminal terminal(String node) {
    Terminal t = terminals.get(node);
    if (t == null) {
      throw new IllegalArgumentException("no such node: " + node);
    }
    return t;
  }

  // ---- one node's terminal ------------------------------------------------------------------

  private final class Terminal implements HostShell.Node {
    final NodeBackend node;
    final Engine engine;
    final DockerCli cli;
    HostShell shell;
    Attachment attached;
    IntConsumer attachDone;

    /** The terminal's size ({@link #resize}): xterm's 80 columns of 24 rows until the page's. */
    int columns = 80;

    int rows = 24;

    /**
     * The transcript entries whose command has not finished yet (an attaching docker run, a line
     * going on after Ctrl-C), given its status when it does.
     */
    final List<Integer> pendingEntries = new java.util.ArrayList<>();

    final TerminalOutput out = new TerminalOutput();
    final Io io = new Io(null, out::append, out::append);

    Terminal(NodeBackend node) {
      this.node = node;
      this.engine = node.engine();
      this.cli =
          new DockerCli(
              engine,
              CliContext.of(
                  node.hostFs(),
                  () -> shell.cwd(),
                  () -> followTicker ? TICKER_HORIZON : FOREGROUND_WAIT));
      this.shell = newShell();
    }

    private HostShell newShell() {
      if (shell != null) {
        shell.logout();
      }
      HostShell s = new HostShell(this);
      s.resize(rows, columns);
      s.onAttach(
          (a, done) -> {
            attached = a;
            attachDone = done;
          });
      return s;
    }

    boolean echoes() {
      return attached != null ? attached.echoes() : !shell.readingSilently();
    }

    String prompt() {
      if (attached != null) {
        return attached.isClosed() ? "" : attached.prompt();
      }
      return shell.prompt();
    }

    String drain() {
      if (attached == null && !shell.busy()) {
        out.append(shell.drainJobNotices());
      }
      return out.take();
    }

    /**
     * Moves what an attached stream printed while time passed into this terminal's bounded output,
     * so a container that never stops printing holds no growing buffer between keys.
     */
    void collect() {
      if (attached != null) {
        out.append(attached.read());
        if (followTicker && attached.isClosed()) {
          clock.budget(SETTLE_BUDGET);
          settle(); // the stream ended as the ticker moved time: the line goes on, the prompt back
        }
      }
      shell.pumpStreams(); // streaming docker commands feeding a pipeline
    }

    /** A line at the host shell; returns non-null when its command is still running. */
    Runnable typeHost(String line, int[] exit) {
      clock.resumeCpu();
      if (line.contains(DETACH)) {
        exit[0] = shell.interpreter().lastStatus();
        return null; // Ctrl-P Ctrl-Q means nothing at the host prompt
      }
      boolean eof = line.equals(EOF);
      if (shell.busy() && !(eof && !shell.readingTerminal())) {
        // The line goes to the foreground's read of the terminal (read name, a loop reading
        // lines), now or as typeahead for its next read; Ctrl-D ends a waiting read's input.
        shell.typedWhileBusy(eof ? null : line);
        settle();
        if (shell.closed()) {
          out.append("exit\n");
          shell = newShell();
        }
        exit[0] = 0;
        return null;
      }
      if (eof) {
        out.append("exit\n");
        shell = newShell();
        return null;
      }
      Integer[] status = {null};
      shell.type(
          line,
          io,
          st -> {
            status[0] = st;
            pendingEntries.forEach(i -> transcript.exitCode(i, st));
            pendingEntries.clear();
          });
      settle();
      if (shell.closed()) {
        out.append("exit\n");
        shell = newShell();
      }
      if (status[0] != null) {
        exit[0] = status[0];
        return null;
      }
      exit[0] = 0;
      return () -> {};
    }

    /** A line typed into the attached stream. */
    int typeAttached(String line) {
      clock.resumeCpu();
      Attachment a = attached;
      if (line.contains(DETACH)) {
        a.close();
        out.append(a.read());
        out.append("read escape sequence\n");
        finishAttach(0);
        settle();
        return 0;
      }
      a.write(line.equals(EOF) ? EOF : line + "\n");
      Integer code = settle();
      return code == null ? 0 : code;
    }

    /**
     * Ctrl-C; returns what the line returned, or null when it still runs (its foreground ignores or
     * traps INT and goes on).
     */
    Integer interrupt() {
      if (attached != null) {
        attached.write("\u0003");
        settle();
        if (attached != null && attached.prompt().isEmpty() && !attached.isClosed()) {
          // Nothing in the stream took the Ctrl-C (no TTY): the client lets go of it.
          attached.close();
          out.append(attached.read());
          finishAttach(130);
          settle();
        }
        return 130;
      }
      if (shell.busy()) {
        shell.interrupt(io);
        settle();
        return shell.busy() ? null : shell.interpreter().lastStatus();
      }
      // at a "> " continuation prompt, Ctrl-C drops the pending input (found by FuzzTest)
      shell.interrupt(io);
      out.append("\n");
      return 130;
    }

    /**
     * Lets virtual time run until this terminal waits for input again. Returns the exit code of an
     * attached stream that closed meanwhile, else null.
     */
    Integer settle() {
      long limit = clock.nowNanos() + SETTLE_LIMIT.toNanos();
      long horizon = followTicker ? clock.nowNanos() + TICKER_HORIZON.toNanos() : Long.MAX_VALUE;
      long sleepLimit = clock.nowNanos() + SLEEP_LIMIT.toNanos();
      Integer closedWith = null;
      int streamed = 0;
      long engineWait = FOREGROUND_WAIT.toNanos(); // what a real stream may still be waited for
      while (true) {
        clock.runDue();
        shell.pumpStreams(); // a stream into a pipe that ended now ends its stage now
        if (attached != null) {
          out.append(attached.read());
          if (attached.isClosed()) {
            out.append(attached.read()); // a real stream's last frames, come since the read
            Integer code = attached.exitCode();
            closedWith = code == null ? 0 : code;
            finishAttach(closedWith);
            continue;
          }
          if (!attached.prompt().isEmpty() || attached.readingInput()) {
            return closedWith; // at its prompt, or a read waits for the next typed line
          }
        } else if (!shell.busy() || shell.readingTerminal() || shell.suspended()) {
          return closedWith; // at the prompt, or a read waits for the next typed line
        }
        if (followTicker && attached == null && shell.sleepCommand()) {
          return closedWith; // a host sleep takes the ticker's time, at the page's speed
        }
        long spent = clock.spentInBudget();
        if (clock.overBudget()
            && !followTicker
            && attached == null
            && !shell.sleepCommand()
            && clock.cpuSpentInBudget() * 2 > spent) {
          out.append(CPU_BOUND_NOTICE);
          shell.endForeground(124); // a line that computes without end, where no ticker slices it
          continue;
        }
        long next = clock.nextDueNanos();
        if (next < 0
            && !followTicker
            && attached == null
            && !clock.overBudget()
            && engineWait > 0) {
          // nothing is due but maybe a real daemon's stream feeding a pipe, which comes on in its
          // own time: the line waits for it at most the CLI's minute of that time, and each turn
          // costs a step, so a stream without end stops at the line's budget
          long waited = shell.awaitStreams(Duration.ofNanos(engineWait));
          if (waited >= 0) {
            engineWait -= waited;
            clock.charge(VirtualClock.Cost.WORK, 1);
            continue;
          }
        }
        if (next < 0
            || next > horizon
            || next > (attached == null && shell.sleeping() ? sleepLimit : limit)
            || streamed >= STREAMING_STEPS
            || clock.overBudget()
            || (attached == null && !shell.sleeping() && spent > WAIT_BUDGET)) {
          return closedWith;
        }
        long before = out.written();
        clock.advanceTo(next);
        if (attached != null) {
          out.append(attached.read());
        }
        shell.pumpStreams();
        if (out.written() > before) {
          streamed++;
        }
      }
    }

    private void finishAttach(int code) {
      attached = null;
      IntConsumer done = attachDone;
      attachDone = null;
      if (done != null) {
        done.accept(code);
      }
    }

    // ---- HostShell.Node ----------------------------------------------------------------------

    @Override
    public String hostname() {
      return node.name();
    }

    @Override
    public FileSystem fs() {
      return node.hostFs();
    }

    @Override
    public VirtualClock clock() {
      return clock;
    }

    @Override
    public HostShell.DockerCommand docker() {
      return cli::run;
    }

    @Override
    public dev.ddlab.sim.shell.HostDaemon daemon() {
      return node.daemon().orElse(null);
    }

    @Override
    public String refusal(List<String> argv) {
      return node.daemon().isPresent() ? null : RemoteEngine.refusal(argv, engine.host());
    }

    @Override
    public HostShell peer(String name) {
      Terminal t = terminals.get(name);
      if (t == null) {
        for (Terminal other : terminals.values()) {
          if (other.node.address().equals(name)) {
            t = other;
          }
        }
      }
      return t == null ? null : t.shell;
    }

    @Override
    public ToolContext.Web web() {
      return new ToolContext.Web() {
        @Override
        public HttpResponse get(String h, int port, String path) {
          return fetch(h, port, path).orThrow();
        }

        @Override
        public HttpOutcome fetch(String h, int port, String path) {
          try {
            HttpAnswer a = node.get(h, port, path);
            return HttpOutcome.ok(
                new HttpResponse(
                    a.status(),
                    a.reason(),
                    a.headers(),
                    new String(a.body(), StandardCharsets.UTF_8)),
                a.elapsedNanos());
          } catch (PortUnreachable e) {
            return HttpOutcome.failed(
                new NetException(
                    NetException.Kind.valueOf(e.kind().name()), e.host(), e.elapsedNanos()));
          }
        }
      };
    }

    @Override
    public dev.ddlab.sim.network.dataplane.NetStack netStack() {
      return node.netStack();
    }

    @Override
    public int allocatePid() {
      return node.allocatePid();
    }

    @Override
    public dev.ddlab.sim.runtime.Cgroup memoryBudget() {
      return node.memoryBudget();
    }
  }
}

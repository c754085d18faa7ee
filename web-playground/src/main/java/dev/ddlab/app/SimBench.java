package dev.ddlab.app;

import dev.ddlab.bridge.bench.WarmUp;
import dev.ddlab.engine.ContainersApi;
import dev.ddlab.engine.Engine;
import dev.ddlab.engine.dto.ContainerConfig;
import dev.ddlab.engine.dto.HostConfig;
import dev.ddlab.session.SimSession;
import dev.ddlab.session.TranscriptEntry;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The figures of {@code ddlab bench} measured in this JVM: each operation of the course's first
 * chapters typed at a simulated node's prompt (or called on its Engine), in steady state after a
 * warm-up, the median of {@link #MEASURED_ROUNDS} rounds. Every typed command's exit code is
 * checked, and the row count of each listing, so that a failing command can never look fast. Wall
 * time on purpose: this is a benchmark, never a test, and nothing here runs inside the simulator.
 */
final class SimBench {
  /**
   * One measured figure; {@code target} is NaN when the issue sets none; {@code settled} is false
   * when the JIT was still compiling at the end of the warm-up's longest ({@link WarmUp}); {@code
   * cpu} is the measuring thread's CPU time per operation (NaN for a figure that is not a time).
   */
  record Figure(
      String name,
      String unit,
      double value,
      double target,
      boolean settled,
      double cpu,
      double waited,
      double gc,
      double alloc) {
    Figure(String name, String unit, Steady steady, double target) {
      this(
          name,
          unit,
          steady.micros(),
          target,
          steady.warmUp().settled(),
          steady.cpuMicros(),
          steady.waited(),
          steady.gc(),
          steady.allocBytes());
    }

    /** A figure that is not a time: no thread CPU, waiting, GC share or allocation. */
    Figure(String name, String unit, double value, double target) {
      this(name, unit, value, target, true, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }
  }

  /**
   * Microseconds per operation in steady state: the median round's wall time, the median round's
   * thread CPU time, and how the warm-up ended; over all measured rounds, the share of their wall
   * time the measuring thread waited for a CPU (other threads and processes had its core) and the
   * share spent in GC pauses. Wall time is what a user waits; the thread's CPU is the simulator's
   * own work, in which GC pauses and other processes do not count (six JVMs measuring run+rm agreed
   * within 8% on CPU while forks' wall medians were 27 or 49 µs). {@code allocBytes} is the median
   * round's bytes allocated by the measuring thread per operation: it does not move with the
   * machine's load, only with what the JIT made of the path (an object scalar-replaced in one fork
   * and allocated in another), so forks that differ in it were compiled differently.
   */
  record Steady(
      double micros,
      double cpuMicros,
      WarmUp.Result warmUp,
      double waited,
      double gc,
      double allocBytes) {}

  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  /** The per-round trace of {@code ddlab bench --trace DIR}, or null. */
  private static final BenchTrace TRACE = BenchTrace.open();

  /** What to measure: the options of {@code ddlab bench}. */
  record Options(
      int pairs,
      int nodes,
      int containers,
      double warmUpSeconds,
      double warmUpMaxSeconds,
      java.util.regex.Pattern only) {
    Options(int pairs, int nodes, int containers, double warmUpSeconds, double warmUpMaxSeconds) {
      this(pairs, nodes, containers, warmUpSeconds, warmUpMaxSeconds, null);
    }

    /** Whether the figure of this name is measured ({@code --only}: its pattern finds it). */
    boolean measures(String figure) {
      return only == null || only.matcher(figure).find();
    }
  }

  /**
   * Rounds counted; the median is reported, so one GC pause does not decide the figure (nine, not
   * five: with five, two slow rounds out of a burst already moved the median); {@code
   * -Dddlab.bench.rounds=N} for an experiment (150 consecutive rounds of one figure showed the
   * machine's slow spells come and go within a fork, {@link BenchSchedule}).
   */
  static final int MEASURED_ROUNDS = Integer.getInteger("ddlab.bench.rounds", 9);

  /** Rounds run first and not counted, however short the warm-up time. */
  static final int WARM_UP_ROUNDS = 3;

  static final double TARGET_PAIR_MICROS = 50;
  static final double TARGET_NODE_BYTES = 1024 * 1024;

  /** Containers of the smaller {@code ps -a} figure (the "100 and 1,000"). */
  static final int SMALL_PS = 100;

  private final Options options;

  SimBench(Options options) {
    this.options = options;
  }

  /** The run+rm pair typed at the prompt. */
  static final String SHELL_PAIR = "docker run -d alpine sleep 1d + docker rm -f (shell+CLI)";

  /** The same pair through the Engine. */
  static final String ENGINE_PAIR = "the same pair through Engine directly";

  /** Measures every figure, handing each to {@code sink} once all are known. */
  void run(Consumer<Figure> sink) throws InterruptedException {
    run(sink, pass -> {});
  }

  /**
   * Measures every figure: each set up and warmed up in turn, then their rounds interleaved ({@link
   * BenchSchedule}), {@code afterPass} called after each pass of one round of every figure; then
   * hands each figure to {@code sink} in order, then the heap figures.
   *
   * <p>The Engine pair is warmed up first. Warmed up after the shell pair (until 7 Dec), it started
   * on code C2 had compiled for the shell's profile (the CLI's configs take other branches:
   * LogCompilation shows {@code Start.containerStart} deoptimised by an unstable-if trap and
   * compiled again while the Engine pair warmed up), and its forks landed in two states with the
   * same allocation (19–20 and 26–30 µs of thread CPU; 6 of the lead's 10 quiet forks slow).
   * Measured alone ({@code --only}, 10:28–10:38 7 Dec, load 8–12) 11 of 12 forks were 19.2–20.3 µs
   * and one 26.2; measured first, one fork of three was still slow in both pair figures
   * (docs/design/containers.md), so the order is not the cause of that state.
   */
  void run(Consumer<Figure> sink, java.util.function.IntConsumer afterPass)
      throws InterruptedException {
    List<Subject> subjects = new ArrayList<>();
    int pairs = Math.max(10, options.pairs());
    subjects.add(new Subject(ENGINE_PAIR, "µs/pair", TARGET_PAIR_MICROS, pairs, this::enginePairs));
    subjects.add(new Subject(SHELL_PAIR, "µs/pair", TARGET_PAIR_MICROS, pairs, this::shellPairs));
    List<Integer> sizes = new ArrayList<>();
    if (options.containers() > SMALL_PS) {
      sizes.add(SMALL_PS);
    }
    sizes.add(Math.max(1, options.containers()));
    for (int n : sizes) {
      listing(n, subjects);
    }
    subjects.removeIf(f -> !options.measures(f.name));
    if (TRACE != null) {
      TRACE.phase(
          "the JVM's start until the first figure",
          ManagementFactory.getRuntimeMXBean().getUptime() / 1e3);
    }
    long[] measuring = {0};
    try {
      BenchSchedule.interleave(
          subjects,
          MEASURED_ROUNDS,
          () -> {
            WarmUp.Result settled =
                WarmUp.run(
                    BenchSchedule.settlePass(subjects),
                    WARM_UP_ROUNDS,
                    0,
                    options.warmUpMaxSeconds());
            if (TRACE != null) {
              TRACE.warmedUp("(every figure, short rounds in turn)", settled, 0);
              TRACE.begin();
            }
            measuring[0] = System.nanoTime();
          },
          pass -> {
            long t0 = System.nanoTime();
            afterPass.accept(pass);
            if (TRACE != null) {
              TRACE.phase(
                  "the calibration after pass " + (pass + 1), (System.nanoTime() - t0) / 1e9);
            }
          });
    } finally {
      subjects.forEach(Subject::close);
    }
    if (TRACE != null && !subjects.isEmpty()) {
      TRACE.phase("the interleaved measured rounds", (System.nanoTime() - measuring[0]) / 1e9);
      TRACE.end("the interleaved measured rounds");
    }
    for (Subject f : subjects) {
      sink.accept(f.figure());
    }
    String perNode = "heap per idle node (" + options.nodes() + " nodes)";
    String perContainer = "heap per container (" + options.containers() + " running sleep)";
    if (!options.measures(perNode) && !options.measures(perContainer)) {
      return;
    }
    long h0 = System.nanoTime();
    double[] heap = heap(Math.max(1, options.nodes()), Math.max(1, options.containers()));
    if (TRACE != null) {
      TRACE.phase("the heap figures", (System.nanoTime() - h0) / 1e9);
    }
    sink.accept(new Figure(perNode, "bytes", heap[0], TARGET_NODE_BYTES));
    sink.accept(new Figure(perContainer, "bytes", heap[1], Double.NaN));
  }

  /** What a figure measures once set up: its operation, what runs before each round, its end. */
  record Setup(Runnable op, Runnable between, Runnable close) {}

  /**
   * A time figure of the default suite: set up when it is warmed up ({@code setUp}), its state
   * (node, session) kept until every figure's rounds are taken, as {@link BenchSchedule} measures
   * them in turn.
   */
  private final class Subject implements BenchSchedule.Subject {
    private final String name;
    private final String unit;
    private final double target;
    private final int perRound;
    private final java.util.function.Supplier<Setup> setUp;
    private Setup setup;
    private Rounds rounds;

    Subject(
        String name,
        String unit,
        double target,
        int perRound,
        java.util.function.Supplier<Setup> setUp) {
      this.name = name;
      this.unit = unit;
      this.target = target;
      this.perRound = perRound;
      this.setUp = setUp;
    }

    @Override
    public void warm() {
      long t0 = System.nanoTime();
      setup = setUp.get();
      if (TRACE != null) {
        TRACE.phase("the set-up of " + name, (System.nanoTime() - t0) / 1e9);
      }
      rounds =
          new Rounds(
              name,
              perRound,
              options.warmUpSeconds(),
              options.warmUpMaxSeconds(),
              setup.op(),
              setup.between());
      rounds.warm();
    }

    @Override
    public void settle() {
      rounds.settle();
    }

    @Override
    public void round() {
      rounds.round();
    }

    Figure figure() {
      return new Figure(name, unit, rounds.steady(), target);
    }

    void close() {
      if (setup != null) {
        setup.close().run();
        setup = null;
      }
    }
  }

  /**
   * Microseconds per operation in steady state, the way JMH would measure it: warm-up rounds of
   * {@code perRound} operations for at least the warm-up time and until the JIT has settled ({@link
   * WarmUp}), then the median of {@link #MEASURED_ROUNDS} more.
   */
  Steady steady(int perRound, Runnable op) {
    return steady(perRound, options.warmUpSeconds(), options.warmUpMaxSeconds(), op);
  }

  /**
   * The least warm-up of the other suites' figures ({@code --net}, {@code --build}…), in seconds.
   */
  static final int WARM_UP_SECONDS = 3;

  /**
   * The least warm-up per figure of the default suite by default ({@code ddlab bench --warmup}), in
   * seconds. The warm-up goes on until the JIT has been quiet for two windows ({@link WarmUp})
   * anyway, so the least only decides figures whose code an earlier figure already compiled; it was
   * 3 s, then 2 s, and a default run of 5 forks took 12 min 22 s on a quiet machine (7 Dec, lead's
   * pair), over the 10 minutes a run may take.
   */
  static final int FIGURE_WARM_UP_SECONDS = 1;

  /** As {@link #steady(int, Runnable)}, the microseconds only (other suites use it). */
  static double steadyMicros(int perRound, double warmUpSeconds, Runnable op) {
    return steady(perRound, warmUpSeconds, WarmUp.MAX_SECONDS, op).micros();
  }

  /** As {@link #steady(int, Runnable)} with the given least and longest warm-up. */
  static Steady steady(int perRound, double warmUpSeconds, double maxSeconds, Runnable op) {
    return steady(perRound, warmUpSeconds, maxSeconds, op, () -> {});
  }

  /**
   * As {@link #steady(int, double, double, Runnable)}, running {@code between} before each round,
   * outside the measured time: warm-up, then {@link #MEASURED_ROUNDS} consecutive rounds (the other
   * suites; the default suite interleaves its figures' rounds, {@link BenchSchedule}).
   */
  static Steady steady(
      int perRound, double warmUpSeconds, double maxSeconds, Runnable op, Runnable between) {
    Rounds rounds = new Rounds(null, perRound, warmUpSeconds, maxSeconds, op, between);
    rounds.warm();
    for (int r = 0; r < MEASURED_ROUNDS; r++) {
      rounds.round();
    }
    return rounds.steady();
  }

  /**
   * One figure's warm-up and measured rounds, taken one round at a time so that a fork can measure
   * its figures' rounds interleaved ({@link BenchSchedule}); the figure is the median round.
   */
  static final class Rounds {
    private final String name;
    private final int perRound;
    private final double warmUpSeconds;
    private final double maxSeconds;
    private final Runnable op;
    private final Runnable between;
    private final double[] wall = new double[MEASURED_ROUNDS];
    private final double[] cpu = new double[MEASURED_ROUNDS];
    private final double[] alloc = new double[MEASURED_ROUNDS];
    private WarmUp.Result warm;
    private int n;
    private int taken;
    private double wallNanos;
    private double waitedNanos;
    private double gcNanos;

    /** {@code name} labels the trace's rounds (null: none). */
    Rounds(
        String name,
        int perRound,
        double warmUpSeconds,
        double maxSeconds,
        Runnable op,
        Runnable between) {
      this.name = name;
      this.perRound = perRound;
      this.warmUpSeconds = warmUpSeconds;
      this.maxSeconds = maxSeconds;
      this.op = op;
      this.between = between;
    }

    /**
     * Warm-up rounds of {@code perRound} operations for at least the warm-up time and until the JIT
     * has settled ({@link WarmUp}); then the measured rounds' size from the warm-up's last span.
     */
    void warm() {
      RoundClock clock = new RoundClock();
      warm =
          WarmUp.run(
              () -> {
                between.run();
                clock.add(perRound, SimBench.round(perRound, op));
              },
              WARM_UP_ROUNDS,
              warmUpSeconds,
              maxSeconds);
      between.run();
      double micros = clock.microsPerOp();
      n = roundSize(perRound, Double.isNaN(micros) ? SimBench.round(perRound, op) : micros);
      if (TRACE != null && name != null) {
        TRACE.warmedUp(name, warm, n);
      }
    }

    /** One unmeasured round of {@code perRound} operations (the JIT settling over figures). */
    void settle() {
      between.run();
      SimBench.round(perRound, op);
    }

    /** The next measured round. */
    void round() {
      between.run();
      BenchTrace trace = TRACE;
      BenchTrace.Sample before = trace == null ? null : trace.sample();
      long wait0 = BenchTrace.runQueueNanos();
      long gc0 = BenchTrace.gcMillis();
      long a0 = THREADS.getCurrentThreadAllocatedBytes();
      long c0 = THREADS.getCurrentThreadCpuTime();
      int r = taken++;
      wall[r] = SimBench.round(n, op);
      cpu[r] = (THREADS.getCurrentThreadCpuTime() - c0) / 1e3 / n;
      alloc[r] = (THREADS.getCurrentThreadAllocatedBytes() - a0) / (double) n;
      wallNanos += wall[r] * 1e3 * n;
      waitedNanos += BenchTrace.runQueueNanos() - wait0;
      gcNanos += (BenchTrace.gcMillis() - gc0) * 1e6;
      if (trace != null) {
        trace.round(name == null ? "" : name, r, before, trace.sample(), n);
      }
    }

    /** The median round's figures, once every round was taken. */
    Steady steady() {
      if (taken != MEASURED_ROUNDS) {
        throw new IllegalStateException(taken + " of " + MEASURED_ROUNDS + " rounds taken");
      }
      double[] w = wall.clone();
      double[] c = cpu.clone();
      double[] a = alloc.clone();
      Arrays.sort(w);
      Arrays.sort(c);
      Arrays.sort(a);
      int mid = MEASURED_ROUNDS / 2;
      return new Steady(w[mid], c[mid], warm, waitedNanos / wallNanos, gcNanos / wallNanos, a[mid]);
    }
  }

  /**
   * The least wall time of a measured round, in seconds ({@code -Dddlab.bench.round=S} to try
   * another). Rounds of a fixed count were 50 ms for run+rm, shorter than the time between two
   * young collections (~270 ms) and about as long as one pause (20–80 ms with 2 cores): whether the
   * median round held a pause depended on how often a fork collected, and a fork's median landed on
   * 27 or 49 µs per pair. A round this long holds several collections, each its share (0.5 s until
   * 7 Dec; 0.4 s still holds one to two of run+rm's, and nine of them take 0.9 s less per figure).
   */
  static final double ROUND_SECONDS =
      Double.parseDouble(System.getProperty("ddlab.bench.round", "0.4"));

  /**
   * The wall time per operation of the warm-up's latest rounds, to size the measured rounds by:
   * over the last span of at least {@link #SPAN_MICROS} of rounds (the operations only, not what
   * runs between rounds: a figure's session opened again). One warm round was the measure until 7
   * Dec: of a cheap listing figure that is 5–18 operations, 10–200 µs without a collection or a
   * wait for a CPU in it, so measured rounds meant to last 0.4 s lasted 1–2 s (a fork at load 17, 7
   * Dec: 9–19 s of measured rounds per listing figure, 108 s of the fork's 208).
   */
  static final class RoundClock {
    /** The shortest span of rounds an estimate is taken over: a young collection or two in it. */
    static final double SPAN_MICROS = 500_000;

    private double micros;
    private long ops;
    private double perOp = Double.NaN;

    /** A round of {@code ops} operations took {@code microsPerOp} each. */
    void add(int ops, double microsPerOp) {
      this.micros += microsPerOp * ops;
      this.ops += ops;
      if (this.micros >= SPAN_MICROS) {
        perOp = this.micros / this.ops;
        this.micros = 0;
        this.ops = 0;
      }
    }

    /** Microseconds per operation over the last complete span, or NaN before one is complete. */
    double microsPerOp() {
      return perOp;
    }
  }

  /**
   * Operations per measured round: {@code perRound}, or as many as take {@link #ROUND_SECONDS} at
   * {@code microsPerOp} (a warm round's wall time per operation), at most a million.
   */
  static int roundSize(int perRound, double microsPerOp) {
    double ops = Math.ceil(ROUND_SECONDS * 1e6 / Math.max(microsPerOp, 1e-3));
    return (int) Math.max(perRound, Math.min(ops, 1_000_000));
  }

  /** Wall microseconds per operation of one round. */
  private static double round(int perRound, Runnable op) {
    long t0 = System.nanoTime();
    for (int i = 0; i < perRound; i++) {
      op.run();
    }
    return (System.nanoTime() - t0) / 1e3 / perRound;
  }

  /** A command typed at node1's prompt that must succeed; its output. */
  static String ok(SimSession s, String command) {
    TranscriptEntry e = s.type("node1", command);
    if (e.exitCode() != 0) {
      throw new IllegalStateException(
          "`" + command + "` exited " + e.exitCode() + ": " + e.output().strip());
    }
    return e.output();
  }

  /** As {@link #ok}, and its output has exactly {@code lines} lines (a table's header and rows). */
  static void rows(SimSession s, String command, int lines) {
    checkLines(command, ok(s, command), lines);
  }

  /** Fails unless {@code command}'s output {@code out} has exactly {@code lines} lines. */
  private static void checkLines(String command, String out, int lines) {
    long n = lineCount(out);
    if (n != lines) {
      throw new IllegalStateException(
          "`" + command + "` printed " + n + " lines where " + lines + " were expected");
    }
  }

  /**
   * The lines of {@code text} as {@link String#lines} counts them (ended by \n, \r or \r\n; a last
   * line without an end counts), without making a string of each: {@code out.lines().count()} was
   * 12–15% of the CPU of {@code docker ps} with 1,000 containers (JFR) and a sixth of what it
   * allocated, the bench's own work measured as the simulator's. A text without \r (every table) is
   * counted with {@link String#indexOf(int, int)}, which the JIT makes a vector search in every
   * JVM: a loop of {@code charAt} over the 100 KB table was 99% of the samples of {@code docker ps}
   * with 1,000 containers, unchanged (JFR, 7 Dec), a figure of the bench's own loop.
   */
  static long lineCount(String text) {
    int len = text.length();
    long n = 0;
    if (text.indexOf('\r') < 0) {
      for (int i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
        n++;
      }
      return len > 0 && text.charAt(len - 1) != '\n' ? n + 1 : n;
    }
    for (int i = 0; i < len; i++) {
      char c = text.charAt(i);
      if (c == '\n' || c == '\r') {
        n++;
        if (c == '\r' && i + 1 < len && text.charAt(i + 1) == '\n') {
          i++;
        }
      }
    }
    boolean open = len > 0 && text.charAt(len - 1) != '\n' && text.charAt(len - 1) != '\r';
    return open ? n + 1 : n;
  }

  /**
   * The session a figure types into, its transcript bounded to its last {@link #KEPT_ENTRIES}
   * entries ({@link SimSession#keepLastEntries}): a learner's transcript keeps every typed command
   * (grading replays it), ~300 bytes a line, and a figure types millions (a 60 s warm-up of run+rm
   * is 4 million lines). Traced forks (6 Dec) filled their 1 GB heap that way: 3.2 million entries
   * live, full collections back to back, every later figure measuring the collector. Until session
   * 14 the session was opened again every 300,000 lines instead, a node of 1,000 containers set up
   * again (0.3–0.7 s) and its set-up code compiled again in the rounds after it. Now only a typist
   * given {@code linesPerSession} opens its session again (the shell pair: its host shell's history
   * keeps each distinct {@code docker rm -f ID}, ~100 bytes a line, on a node cheap to set up).
   */
  static final class Typist implements AutoCloseable {
    private final java.util.function.Supplier<SimSession> open;
    private final long linesPerSession;
    private SimSession session;
    private long lines;

    /** A typist whose session is never opened again. */
    Typist(java.util.function.Supplier<SimSession> open) {
      this(open, Long.MAX_VALUE);
    }

    Typist(java.util.function.Supplier<SimSession> open, long linesPerSession) {
      this.open = open;
      this.linesPerSession = linesPerSession;
      this.session = opened();
    }

    private SimSession opened() {
      SimSession s = open.get();
      s.keepLastEntries(KEPT_ENTRIES);
      return s;
    }

    /** The session, typing {@code command} at node1's prompt: it must succeed; its output. */
    String ok(String command) {
      lines++;
      return SimBench.ok(session, command);
    }

    /**
     * As {@link SimBench#rows} in the session; an output that is the very text counted last (the
     * same object: the CLI printed its kept table, the transcript kept it as it is) has the lines
     * it had and is not counted again. So every distinct output is checked, and an unchanged
     * listing's figure is the simulator's work, not the bench's scan of the same 100 KB on every
     * call.
     */
    void rows(String command, int count) {
      lines++;
      String out = SimBench.ok(session, command);
      if (out == counted && count == countedLines) {
        return;
      }
      checkLines(command, out, count);
      counted = out;
      countedLines = count;
    }

    /** The output {@link #rows} counted last, and its lines. */
    private String counted;

    private long countedLines;

    SimSession session() {
      return session;
    }

    private String renamed;
    private boolean named;

    /**
     * Renames one running container through node1's Engine, to one of two names in turn. While
     * nothing changes, {@code docker ps} is served from the daemon's kept listing and its kept
     * table (a figure of that cache); after this, every row is built and the table written again,
     * as after any change a listing shows: the listing's real work.
     */
    void renameOne() {
      if (renamed == null) {
        renamed = session.engine("node1").containers().list(false, 1, false, Map.of()).get(0).id();
      }
      named = !named;
      session.engine("node1").containers().rename(renamed, named ? "renamed-a" : "renamed-b");
    }

    /** Between rounds: a fresh session when this one has typed its share. */
    void between() {
      if (lines >= linesPerSession) {
        long t0 = System.nanoTime();
        session.close();
        session = opened();
        lines = 0;
        renamed = null;
        if (TRACE != null) {
          TRACE.phase("a session opened again", (System.nanoTime() - t0) / 1e9);
        }
      }
    }

    @Override
    public void close() {
      session.close();
    }
  }

  /**
   * Entries a {@link Typist}'s transcript keeps at least (at most twice as many): the bench reads
   * each output as it is typed, nobody replays its sessions.
   */
  static final int KEPT_ENTRIES = 1_000;

  /**
   * Lines the shell pair's session types before it is opened again: its host shell's history keeps
   * every typed line, and each {@code docker rm -f ID} is a new string (~30 MB of history then). It
   * was every {@link Typist}'s until session 14, when a figure of 2–5 µs (an unchanged listing,
   * images, inspect, logs, events) opened a node of 1,000 containers again (0.3–0.7 s to set up)
   * every few rounds, set-up code compiled in the middle of its warm-up; a listing's commands are
   * the same string each time, a reference a line in the history.
   */
  static final long SHELL_LINES_PER_SESSION = 300_000;

  /** The run+rm pair typed at node1's prompt, on a session of its own. */
  private Setup shellPairs() {
    Typist t =
        new Typist(
            () -> {
              SimSession s = SimSession.open("single", 1);
              ok(s, "docker pull alpine");
              return s;
            },
            SHELL_LINES_PER_SESSION);
    return new Setup(
        () -> {
          String id = t.ok("docker run -d alpine sleep 1d").strip();
          t.ok("docker rm -f " + id);
        },
        t::between,
        t::close);
  }

  /** Create+start+remove(force) through the Engine API, on a session of its own. */
  private Setup enginePairs() {
    SimSession s = SimSession.open("single", 2);
    ok(s, "docker pull alpine");
    ContainersApi c = s.engine("node1").containers();
    return new Setup(
        () -> {
          String id = c.create(null, sleepConfig(), HostConfig.none(), null, null).id();
          c.start(id);
          c.remove(id, true, false);
        },
        () -> {},
        s::close);
  }

  static ContainerConfig sleepConfig() {
    return ContainerConfig.command("alpine", List.of("sleep", "1d"));
  }

  /**
   * The listing and reading commands on a node with {@code count} running containers (plus one
   * exited container with 100 log lines): ps, ps -a, images, inspect, logs, events; each figure on
   * a fresh node of its own, so that none measures what an earlier one left (kept outputs, a long
   * transcript).
   */
  private void listing(int count, List<Subject> subjects) {
    String c = " with " + count + " containers";
    boolean reading = count == options.containers() || options.containers() <= SMALL_PS;
    int perRound = Math.max(5, 20_000 / (count + 100));
    List<Listed> figures =
        new ArrayList<>(
            List.of(
                new Listed(
                    "docker ps -a" + c + ", unchanged",
                    perRound,
                    (t, events) -> t.rows("docker ps -a", count + 2))));
    if (reading) { // ps, the listing's real work and the reading commands once, on the larger node
      figures.addAll(
          List.of(
              new Listed(
                  "docker ps" + c + ", unchanged",
                  perRound,
                  (t, events) -> t.rows("docker ps", count + 1)),
              new Listed(
                  "docker ps" + c + ", one renamed before each",
                  perRound,
                  (t, events) -> {
                    t.renameOne();
                    t.rows("docker ps", count + 1);
                  }),
              new Listed("docker images" + c, 200, (t, events) -> t.rows("docker images", 3)),
              new Listed("docker inspect lg" + c, 200, (t, events) -> t.ok("docker inspect lg")),
              new Listed(
                  "docker logs lg (100 lines)" + c,
                  200,
                  (t, events) -> t.rows("docker logs lg", 100)),
              new Listed(
                  "docker events --since 0 --until <now>" + c + ", unchanged",
                  Math.max(5, perRound / 2),
                  (t, events) -> t.ok(events)),
              new Listed(
                  "docker events --since 0 --until <now>" + c + ", one new event before each",
                  Math.max(5, perRound / 2),
                  (t, events) -> {
                    t.renameOne(); // a rename event: the 256 kept events move by one
                    t.ok(events);
                  })));
    }
    for (Listed f : figures) {
      subjects.add(
          new Subject(
              f.name(),
              "µs/call",
              Double.NaN,
              f.perRound(),
              () -> {
                long[] until = {0};
                Typist t = new Typist(() -> listingNode(count, until));
                // typed as the same string each time: the shell's history keeps a reference a line
                String events = "docker events --since 0 --until " + until[0];
                return new Setup(() -> f.op().accept(t, events), t::between, t::close);
              }));
    }
  }

  /**
   * A figure of a listing node: its name, operations per round, and the operation (given the node's
   * {@code docker events --since 0 --until} command).
   */
  private record Listed(
      String name, int perRound, java.util.function.BiConsumer<Typist, String> op) {}

  /**
   * A node with {@code count} running containers and one exited container, lg, that printed 100
   * lines; {@code until} gets its virtual time in seconds.
   */
  private static SimSession listingNode(int count, long[] until) {
    SimSession s = SimSession.open("single", 3);
    ok(s, "docker pull alpine");
    ok(s, "docker pull nginx");
    startSleepers(s.engine("node1"), count);
    StringBuilder lines = new StringBuilder();
    for (int i = 1; i <= 100; i++) {
      lines.append(' ').append(i);
    }
    ok(s, "docker run --name lg alpine sh -c 'for i in" + lines + "; do echo line $i; done'");
    until[0] = s.engine("node1").system().nowNanos() / 1_000_000_000L;
    return s;
  }

  static void startSleepers(Engine engine, int count) {
    ContainersApi c = engine.containers();
    for (int i = 0; i < count; i++) {
      String id = c.create(null, sleepConfig(), HostConfig.none(), null, null).id();
      c.start(id);
    }
  }

  /** Bytes per idle node and per running container, from the heap after GC. */
  private static double[] heap(int nodeCount, int containerCount) throws InterruptedException {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    long before = usedAfterGc(memory);
    try (SimSession many = SimSession.open("single", 4)) {
      for (int i = 1; i < nodeCount; i++) {
        many.addNode();
      }
      long afterNodes = usedAfterGc(memory);
      double perNode = (afterNodes - before) / (double) nodeCount;
      ok(many, "docker pull alpine");
      long beforeContainers = usedAfterGc(memory);
      startSleepers(many.engine("node1"), containerCount);
      long afterContainers = usedAfterGc(memory);
      double perContainer = (afterContainers - beforeContainers) / (double) containerCount;
      return new double[] {perNode, perContainer};
    }
  }

  private static long usedAfterGc(MemoryMXBean memory) throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(50);
    }
    return memory.getHeapMemoryUsage().getUsed();
  }
}

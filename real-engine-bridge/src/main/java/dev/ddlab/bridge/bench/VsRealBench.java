package dev.ddlab.bridge.bench;

import dev.ddlab.cli.CliContext;
import dev.ddlab.cli.DockerCli;
import dev.ddlab.client.CliResult;
import dev.ddlab.client.CommandIo;
import dev.ddlab.engine.Engine;
import dev.ddlab.engine.EngineException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * {@code ddlab bench --vs-real}: the same commands through ddlab's docker CLI on a simulated node
 * and on a real daemon, side by side in one run, with each figure's ratio — {@code run -d} + {@code
 * rm -f}; then, with 100 and with 1,000 containers, {@code ps -a}, {@code ps}, {@code images},
 * {@code inspect}, {@code logs} and {@code events}. Every command's exit code is checked (a failing
 * one stops the benchmark rather than look fast), and so is the row count of the simulator's {@code
 * ps -a}. Wall-clock measurements of a benchmark, never of a test.
 */
public final class VsRealBench {
  /**
   * Wall times of one operation's runs, in microseconds: the fastest, the median and the slowest.
   * The median is the figure: a mean over a few runs is whatever a garbage collection or a
   * neighbour's burst adds to one of them (with 1,000 containers, {@code ps -a}'s runs on a loaded
   * machine spread from 0.7 ms to 20 ms around a median of 0.8 ms).
   */
  public record Spread(double min, double median, double max, int runs) {
    static Spread of(long[] nanos) {
      long[] sorted = nanos.clone();
      Arrays.sort(sorted);
      int n = sorted.length;
      double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + (double) sorted[n / 2]) / 2;
      return new Spread(sorted[0] / 1000.0, median / 1000.0, sorted[n - 1] / 1000.0, n);
    }
  }

  /** One operation on each engine; its figures are the medians. */
  public record Figure(String operation, Spread simulator, Spread real) {
    public double simulatorMicros() {
      return simulator.median();
    }

    public double realMicros() {
      return real.median();
    }

    public double ratio() {
      return real.median() / simulator.median();
    }
  }

  /** The goal of issue 15: the simulator at least this many times faster at every operation. */
  public static final double TARGET_RATIO = 100;

  /** The node sizes {@code ps} and the reading commands are measured at by default. */
  public static final List<Integer> DEFAULT_SIZES = List.of(100, 1000);

  private static final int SIM_WARMUP = 500;
  private static final int SIM_ROUNDS = 2000;

  /**
   * How long each operation warms up on the simulator at least before it is measured; it goes on
   * until the JIT is quiet ({@link WarmUp}).
   */
  private static final double SIM_WARMUP_SECONDS = 1;

  /** The image both loops run. */
  public static final String IMAGE = "alpine:latest";

  /** An engine cannot run the loops (an image is missing, a command failed): what to do. */
  public static final class Unusable extends RuntimeException {
    Unusable(String message) {
      super(message);
    }
  }

  private VsRealBench() {}

  /** {@link #run(Supplier, Engine, int, List, double, PrintWriter)} at the default sizes. */
  public static List<Figure> run(Supplier<Engine> sims, Engine real, int n, PrintWriter out) {
    return run(sims, real, n, DEFAULT_SIZES, WarmUp.MAX_SECONDS, out);
  }

  /**
   * Runs every operation on both engines and prints each figure and the ratio.
   *
   * @param sims makes a simulated node with {@link #IMAGE} (the application layer wires it): one
   *     for the run+rm loop, a fresh one for the listings. The simulator's virtual clock does not
   *     move while commands run, so on the loop's node {@code events --since T0} would also return
   *     the loop's last events, all stamped T0, where the real daemon returns only the listing
   *     node's: a fresh node makes both print the same events.
   * @param real the daemon to compare with
   * @param n repetitions of each operation on the real daemon (the simulator does many more)
   * @param sizes the numbers of containers the listing commands are measured with
   * @param maxWarmUpSeconds the longest warm-up of each simulator figure ({@link WarmUp})
   * @throws Unusable when an engine lacks {@link #IMAGE} or a command fails
   */
  public static List<Figure> run(
      Supplier<Engine> sims,
      Engine real,
      int n,
      List<Integer> sizes,
      double maxWarmUpSeconds,
      PrintWriter out) {
    Engine sim = sims.get();
    requireImage(sim);
    requireImage(real);
    String prefix = "bench" + ProcessHandle.current().pid() + "-";
    List<Figure> figures = new ArrayList<>();
    try {
      // the simulator gets a JIT warm-up and many more rounds: its figure is microseconds
      DockerCli simCli = new DockerCli(sim, CliContext.none());
      WarmUp.run(
          () -> {
            docker(simCli, "run", "-d", "--name", prefix + "warm", "alpine", "sleep", "1000");
            docker(simCli, "rm", "-f", prefix + "warm");
          },
          SIM_WARMUP,
          SIM_WARMUP_SECONDS,
          maxWarmUpSeconds);
      Spread simRun = runRm(sim, prefix, Math.max(n, SIM_ROUNDS));
      Spread realRun = runRm(real, prefix, n);
      figures.add(new Figure("run -d + rm -f", simRun, realRun));
      Engine listing = sims.get();
      requireImage(listing);
      Node simNode = new Node(listing, prefix, true, maxWarmUpSeconds);
      Node realNode = new Node(real, prefix, false, maxWarmUpSeconds);
      for (int size : sizes) {
        simNode.grow(size);
        realNode.grow(size);
        int simRepeats = Math.max(101, SIM_ROUNDS * 10 / (size + 10));
        int realRepeats = Math.max(n, 3);
        List<String[]> simOps = simNode.operations();
        List<String[]> realOps = realNode.operations();
        for (int i = 0; i < simOps.size(); i++) {
          Spread simTimes = simNode.time(simOps.get(i), simRepeats);
          Spread realTimes = realNode.time(realOps.get(i), realRepeats);
          figures.add(
              new Figure(label(simOps.get(i)) + " (" + size + " containers)", simTimes, realTimes));
        }
      }
    } finally {
      removeAll(real, prefix);
    }
    out.printf(
        Locale.ROOT,
        "each figure: the median wall time of its runs (min–max beside it), µs; the simulator's"
            + " after a warm-up until its JIT is quiet%n"
            + "%-48s %27s %31s %8s%n",
        "operation",
        "simulator",
        "real dockerd",
        "ratio");
    for (Figure f : figures) {
      out.printf(
          Locale.ROOT,
          "%-48s %9.1f (%6.1f–%8.1f) %11.1f (%8.1f–%9.1f) %7.0f×%s%n",
          f.operation(),
          f.simulator().median(),
          f.simulator().min(),
          f.simulator().max(),
          f.real().median(),
          f.real().min(),
          f.real().max(),
          f.ratio(),
          f.ratio() >= TARGET_RATIO ? "" : "  (below " + (int) TARGET_RATIO + "×)");
    }
    out.flush();
    return figures;
  }

  /**
   * The first word of an operation that renames a container before the command that follows it
   * (both timed): the command's answer then changed, so neither engine can hand back what it kept.
   */
  static final String RENAME_FIRST = "+rename";

  /** The command as printed: the bench's own names and times shown as the roles they play. */
  private static String label(String[] op) {
    if (op[0].equals(RENAME_FIRST)) {
      String[] command = Arrays.copyOfRange(op, 1, op.length);
      return label(command)
          + (command[0].equals("events")
              ? ", one new event before each"
              : ", one renamed before each");
    }
    return switch (op[0]) {
      case "inspect" -> "inspect CONTAINER";
      case "logs" -> "logs CONTAINER (100 lines)";
      case "events" -> "events --since T0 --until NOW";
      default -> String.join(" ", op);
    };
  }

  /**
   * One engine's node for the listing commands: {@code size} created containers, one exited
   * container with 100 lines of log, and the operations typed against them.
   */
  private static final class Node {
    private final Engine engine;
    private final DockerCli cli;
    private final String prefix;
    private final boolean exactRows;
    private final double maxWarmUpSeconds;
    private int created;
    private String since;

    Node(Engine engine, String prefix, boolean exactRows, double maxWarmUpSeconds) {
      this.engine = engine;
      this.maxWarmUpSeconds = maxWarmUpSeconds;
      this.cli = new DockerCli(engine, CliContext.none());
      this.prefix = prefix;
      this.exactRows = exactRows;
    }

    void grow(int size) {
      if (since == null) {
        // to the nanosecond: the simulator's virtual clock barely moves, and a whole second would
        // take in every event of the run+rm loop before it
        long now = engine.system().nowNanos();
        since = String.format(Locale.ROOT, "%d.%09d", now / 1_000_000_000L, now % 1_000_000_000L);
        StringBuilder lines = new StringBuilder();
        for (int i = 1; i <= 100; i++) {
          lines.append(' ').append(i);
        }
        docker(
            cli,
            "run",
            "--name",
            prefix + "lg",
            "alpine",
            "sh",
            "-c",
            "for i in" + lines + "; do echo line $i; done");
      }
      for (; created < size; created++) {
        docker(cli, "create", "--name", prefix + "ps" + created, "alpine", "true");
      }
    }

    /**
     * The same operations in the same order on every node, with this node's times: each listing
     * typed again as it is (which a simulated daemon answers from what it kept) and, for {@code ps
     * -a} and {@code events}, again after a rename before each (the answer changed: the listing's
     * and the events path's real work).
     */
    List<String[]> operations() {
      String until = Long.toString(engine.system().nowNanos() / 1_000_000_000L + 1);
      return List.of(
          new String[] {"ps", "-a"},
          new String[] {RENAME_FIRST, "ps", "-a"},
          new String[] {"ps"},
          new String[] {"images"},
          new String[] {"inspect", prefix + "ps0"},
          new String[] {"logs", prefix + "lg"},
          new String[] {"events", "--since", since, "--until", until},
          new String[] {RENAME_FIRST, "events", "--since", since, "--until", until});
    }

    private boolean renamed;

    /** Runs {@code op} (a rename first for {@link #RENAME_FIRST}); the command's output. */
    private String run(String[] op) {
      if (!op[0].equals(RENAME_FIRST)) {
        return docker(cli, op);
      }
      rename();
      return docker(cli, Arrays.copyOfRange(op, 1, op.length));
    }

    /** Renames the first container from ps0 to ps0b, or back. */
    private void rename() {
      renamed = !renamed;
      String a = prefix + "ps0";
      String b = prefix + "ps0b";
      docker(cli, "rename", renamed ? a : b, renamed ? b : a);
    }

    /**
     * Microseconds per run of {@code op}, after unmeasured ones (on the simulator for at least
     * {@link #SIM_WARMUP_SECONDS} and until the JIT is quiet: with 20 runs only, the first size
     * measured the JIT, not the simulator); checks ps -a's rows.
     */
    Spread time(String[] op, int repeats) {
      int warm = Math.min(repeats, 20);
      if (exactRows) {
        WarmUp.run(() -> check(op, run(op)), warm, SIM_WARMUP_SECONDS, maxWarmUpSeconds);
      } else {
        for (int i = 0; i < warm; i++) {
          check(op, run(op));
        }
      }
      long[] nanos = new long[repeats];
      for (int i = 0; i < repeats; i++) {
        long start = System.nanoTime();
        run(op);
        nanos[i] = System.nanoTime() - start;
      }
      if (renamed) {
        rename(); // ps0 by its name again for the operations that follow
      }
      return Spread.of(nanos);
    }

    private void check(String[] op, String output) {
      int from = op[0].equals(RENAME_FIRST) ? 1 : 0;
      if (op.length == from + 2 && op[from].equals("ps") && op[from + 1].equals("-a")) {
        long rows = output.lines().count() - 1;
        // the real daemon is shared: others' containers may be listed too
        if (exactRows ? rows != created + 1 : rows < created + 1) {
          throw new Unusable(
              "docker ps -a listed " + rows + " containers where " + (created + 1) + " exist");
        }
      }
    }
  }

  private static void requireImage(Engine engine) {
    try {
      engine.images().inspect(IMAGE);
    } catch (EngineException e) {
      if (!e.isNotFound()) {
        throw e;
      }
      throw new Unusable(
          "the daemon at "
              + engine.host()
              + " has no image "
              + IMAGE
              + ", which the benchmark runs: import it with `./ddlab real-engine up` (ddlab's"
              + " private daemon, offline) or `docker pull alpine`, then try again");
    }
  }

  private static Spread runRm(Engine engine, String prefix, int n) {
    DockerCli cli = new DockerCli(engine, CliContext.none());
    docker(cli, "run", "-d", "--name", prefix + "warm", "alpine", "sleep", "1000");
    docker(cli, "rm", "-f", prefix + "warm");
    long[] nanos = new long[n];
    for (int i = 0; i < n; i++) {
      long start = System.nanoTime();
      docker(cli, "run", "-d", "--name", prefix + i, "alpine", "sleep", "1000");
      docker(cli, "rm", "-f", prefix + i);
      nanos[i] = System.nanoTime() - start;
    }
    return Spread.of(nanos);
  }

  /** Runs one command; its standard output. A failure is {@link Unusable}, never a figure. */
  private static String docker(DockerCli cli, String... args) {
    Output out = new Output();
    StringBuilder err = new StringBuilder();
    CliResult r =
        cli.run(
            Arrays.asList(args),
            new CommandIo() {
              @Override
              public void out(String text) {
                out.add(text);
              }

              @Override
              public void err(String text) {
                err.append(text);
              }
            });
    if (r.exitCode() != 0) {
      throw new Unusable("docker " + String.join(" ", args) + " failed: " + err.toString().strip());
    }
    return out.text();
  }

  /**
   * A command's standard output as a terminal would take it: a command that prints once (an
   * inspect's JSON, a table) is kept as its own string, not copied into a buffer and out again.
   */
  private static final class Output {
    private String only;
    private StringBuilder more;

    void add(String text) {
      if (more != null) {
        more.append(text);
      } else if (only == null) {
        only = text;
      } else {
        more = new StringBuilder(only).append(text);
        only = null;
      }
    }

    String text() {
      return more != null ? more.toString() : only == null ? "" : only;
    }
  }

  private static void removeAll(Engine engine, String prefix) {
    for (var c : engine.containers().list(true, 0, false, java.util.Map.of())) {
      if (c.names().stream().anyMatch(name -> name.startsWith("/" + prefix))) {
        try {
          engine.containers().remove(c.id(), true, false);
        } catch (EngineException gone) {
          // already removed
        }
      }
    }
  }
}

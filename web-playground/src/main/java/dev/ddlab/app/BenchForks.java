package dev.ddlab.app;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code ddlab bench}'s forks: the figures of {@link SimBench} measured in N fresh JVMs, one after
 * the other (a JIT, heap and GC history of their own, as JMH forks do), then each figure's min,
 * median and max over the forks and its spread, with the machine's load average before and after,
 * so that a reader can tell a quiet run from a loaded one and re-measure.
 */
final class BenchForks {
  /**
   * The line a forked JVM prints per figure: marker, name, unit, value, target, settled, thread
   * CPU, share waited for a CPU, share in GC pauses, bytes allocated per operation.
   */
  static final String MARKER = "#figure";

  private BenchForks() {}

  /**
   * One figure over all forks; {@code unsettled} counts the forks whose JIT was still compiling
   * when the warm-up reached its longest; {@code cpu} holds the forks' thread CPU per operation and
   * {@code alloc} their bytes allocated per operation (each empty for a figure that is not a time).
   */
  record Summary(
      String name,
      String unit,
      double[] values,
      double target,
      int unsettled,
      double[] cpu,
      double[] waited,
      double[] gc,
      double[] alloc) {
    /** A figure measured without a JIT warm-up to judge and without its thread's CPU. */
    Summary(String name, String unit, double[] values, double target) {
      this(
          name,
          unit,
          values,
          target,
          0,
          new double[0],
          new double[0],
          new double[0],
          new double[0]);
    }

    /**
     * What the wall row says of the time the forks' measured rounds were not running the simulator
     * (the range over the forks): waiting for a CPU, and GC pauses. Empty for a figure that is not
     * a time.
     */
    String outsideNote() {
      if (waited.length == 0) {
        return "";
      }
      return "  [waited for a CPU " + range(waited) + ", GC " + range(gc) + "]";
    }

    private static String range(double[] shares) {
      double[] s = shares.clone();
      java.util.Arrays.sort(s);
      String low = String.format(Locale.ROOT, "%.0f%%", 100 * s[0]);
      String high = String.format(Locale.ROOT, "%.0f%%", 100 * s[s.length - 1]);
      return low.equals(high) ? low : low.substring(0, low.length() - 1) + "–" + high;
    }

    /** The same figure as the measuring thread's CPU, when the forks gave it. */
    java.util.Optional<Summary> threadCpu() {
      return cpu.length == 0
          ? java.util.Optional.empty()
          : java.util.Optional.of(new Summary(name, unit, cpu, Double.NaN));
    }

    /**
     * The same figure as the bytes the measuring thread allocated per operation, when the forks
     * gave them: forks apart in it compiled the path differently (load does not move it).
     */
    java.util.Optional<Summary> allocated() {
      return alloc.length == 0
          ? java.util.Optional.empty()
          : java.util.Optional.of(new Summary(name, ALLOC_UNIT, alloc, Double.NaN));
    }

    double min() {
      return sorted()[0];
    }

    double max() {
      double[] s = sorted();
      return s[s.length - 1];
    }

    /** The median (the mean of the middle two for an even count). */
    double median() {
      double[] s = sorted();
      int n = s.length;
      return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    /** (max − min) / median: how far apart the forks are. */
    double spread() {
      double m = median();
      return m == 0 ? 0 : (max() - min()) / m;
    }

    /**
     * The forks' values in groups whose neighbours are within {@link BenchCompare#AGREE} of each
     * other (sorted): one group when the forks agree; two or more when they landed in different
     * states, whose single median would stand for one of them only. Allocation, which load does not
     * move, is grouped within {@link #ALLOC_APART}: any difference there is a JIT state.
     */
    List<double[]> modes() {
      double apart = unit.equals(ALLOC_UNIT) ? ALLOC_APART : BenchCompare.AGREE;
      double[] s = sorted();
      List<double[]> groups = new ArrayList<>();
      int start = 0;
      for (int i = 1; i <= s.length; i++) {
        if (i == s.length || s[i] > s[i - 1] * (1 + apart)) {
          groups.add(java.util.Arrays.copyOfRange(s, start, i));
          start = i;
        }
      }
      return groups;
    }

    /**
     * What the table says of forks that disagree: each group's median and its forks ("modes 27.4 ×1
     * | 49.4 ×2"); empty when they agree.
     */
    String modesNote() {
      List<double[]> groups = modes();
      if (groups.size() < 2) {
        return "";
      }
      StringBuilder sb = new StringBuilder("  (forks disagree: modes");
      for (int i = 0; i < groups.size(); i++) {
        double[] g = groups.get(i);
        sb.append(i == 0 ? " " : " | ")
            .append(
                String.format(
                    Locale.ROOT,
                    "%.1f ×%d",
                    new Summary(name, unit, g, target).median(),
                    g.length));
      }
      return sb.append(')').toString();
    }

    private double[] sorted() {
      double[] s = values.clone();
      java.util.Arrays.sort(s);
      return s;
    }
  }

  /** The machine-readable line of one figure, printed by a forked JVM. */
  static String line(SimBench.Figure f) {
    return String.join(
        "\t",
        MARKER,
        f.name(),
        f.unit(),
        Double.toString(f.value()),
        Double.toString(f.target()),
        Boolean.toString(f.settled()),
        Double.toString(f.cpu()),
        Double.toString(f.waited()),
        Double.toString(f.gc()),
        Double.toString(f.alloc()));
  }

  /** The unit of an allocation figure. */
  static final String ALLOC_UNIT = "B/op";

  /**
   * How far apart two forks' allocation per operation are before the table calls them two states:
   * within one JIT state they agree to a few bytes (`docker ps` with 1,000 containers: 905.7–906.1
   * KB per call in six fresh JVMs), while an object scalar-replaced in one fork and not in another
   * moved it 5% (857.8 KB).
   */
  static final double ALLOC_APART = 0.01;

  /** Each child's heap when the launcher sets none: enough for 1,000 running containers. */
  static final String FORK_HEAP = "1g";

  /** Set in a child JVM of {@link #inFixedHeap}: it measures in place. */
  static final String CHILD_PROPERTY = "ddlab.bench.child";

  /**
   * The command line of a child JVM of this launcher running {@code args}: this JVM's own flags and
   * class path, and a fixed heap touched at start-up, so that no figure measures the heap growing
   * (page faults that thread CPU time counts: the figures of a growing heap were bimodal). The heap
   * is the launcher's {@code -Xmx} when it gave one, else {@link #FORK_HEAP}.
   */
  static List<String> java(List<String> args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(ProcessHandle.current().info().command().orElse("java"));
    String heap = childHeap();
    for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (!a.startsWith("-Xmx") && !a.startsWith("-Xms") && !a.equals("-XX:+AlwaysPreTouch")) {
        cmd.add(a);
      }
    }
    cmd.add("-Xms" + heap);
    cmd.add("-Xmx" + heap);
    cmd.add("-XX:+AlwaysPreTouch");
    cmd.add("-D" + CHILD_PROPERTY + "=true");
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(Main.class.getName());
    cmd.addAll(args);
    return cmd;
  }

  /**
   * A child's heap, as {@code -Xmx} takes it: the launcher's {@code -Xmx}, else {@link #FORK_HEAP}.
   */
  static String childHeap() {
    String heap = lastValue(ManagementFactory.getRuntimeMXBean().getInputArguments(), "-Xmx");
    return heap == null ? FORK_HEAP : heap;
  }

  /**
   * The load and, as the forks have it, the heap: for the launcher of forks, whose own heap is not
   * measured.
   */
  static String loadOfForks() {
    return loadAverage() + ", each fork's heap fixed at " + childHeap() + ", pre-touched";
  }

  /** Whether this JVM is a bench child, or its launcher fixed and pre-touched the heap itself. */
  static boolean measuresInPlace() {
    if (Boolean.getBoolean(CHILD_PROPERTY)) {
      return true;
    }
    List<String> jvm = ManagementFactory.getRuntimeMXBean().getInputArguments();
    return jvm.contains("-XX:+AlwaysPreTouch") && fixedHeap(jvm);
  }

  /**
   * Runs this launcher's {@code args} again in one child JVM ({@link #java}) and relays what it
   * prints, standard output to {@code out} and standard error to {@code err}, line by line as it
   * comes; returns the child's exit code.
   */
  static int inFixedHeap(List<String> args, PrintWriter out, PrintWriter err)
      throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(java(args)).redirectInput(ProcessBuilder.Redirect.INHERIT).start();
    Thread errors = new Thread(() -> relay(p.getErrorStream(), err), "bench-child-stderr");
    errors.setDaemon(true);
    errors.start();
    relay(p.getInputStream(), out);
    int exit = p.waitFor();
    errors.join();
    return exit;
  }

  private static void relay(java.io.InputStream from, PrintWriter to) {
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(from, StandardCharsets.UTF_8))) {
      String l;
      while ((l = r.readLine()) != null) {
        synchronized (to) {
          to.println(l);
          to.flush();
        }
      }
    } catch (IOException e) {
      synchronized (to) {
        to.println("ddlab bench: lost the child's output: " + e.getMessage());
        to.flush();
      }
    }
  }

  /**
   * Runs {@code forks} JVMs of this launcher with {@code childArgs} (which make each measure once
   * and print {@link #line}s) and gathers the figures by name, in the order they came.
   *
   * @throws IllegalStateException when a fork fails: its output says why
   */
  static List<Summary> run(
      int forks,
      List<String> childArgs,
      PrintWriter progress,
      List<BenchCalibration.Fork> calibrations)
      throws IOException, InterruptedException {
    Map<String, List<Double>> values = new LinkedHashMap<>();
    Map<String, String[]> meta = new LinkedHashMap<>();
    Map<String, Integer> unsettled = new LinkedHashMap<>();
    Map<String, List<Double>> cpu = new LinkedHashMap<>();
    Map<String, List<Double>> waited = new LinkedHashMap<>();
    Map<String, List<Double>> gc = new LinkedHashMap<>();
    Map<String, List<Double>> alloc = new LinkedHashMap<>();
    for (int f = 1; f <= forks; f++) {
      long started = System.nanoTime();
      List<String> cmd = java(childArgs);
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      StringBuilder other = new StringBuilder();
      List<BenchCalibration.Sample> samples = new ArrayList<>();
      try (BufferedReader r =
          new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        String l;
        while ((l = r.readLine()) != null) {
          String[] parts = l.split("\t", -1);
          if (parts.length == 10 && parts[0].equals(MARKER)) {
            values
                .computeIfAbsent(parts[1], k -> new ArrayList<>())
                .add(Double.parseDouble(parts[3]));
            meta.putIfAbsent(parts[1], parts);
            unsettled.merge(parts[1], Boolean.parseBoolean(parts[5]) ? 0 : 1, Integer::sum);
            double c = Double.parseDouble(parts[6]);
            if (!Double.isNaN(c)) {
              cpu.computeIfAbsent(parts[1], k -> new ArrayList<>()).add(c);
              waited
                  .computeIfAbsent(parts[1], k -> new ArrayList<>())
                  .add(Double.parseDouble(parts[7]));
              gc.computeIfAbsent(parts[1], k -> new ArrayList<>())
                  .add(Double.parseDouble(parts[8]));
              alloc
                  .computeIfAbsent(parts[1], k -> new ArrayList<>())
                  .add(Double.parseDouble(parts[9]));
            }
          } else if (BenchCalibration.Sample.parse(parts) != null) {
            samples.add(BenchCalibration.Sample.parse(parts));
          } else {
            other.append(l).append('\n');
          }
        }
      }
      int exit = p.waitFor();
      if (exit != 0) {
        throw new IllegalStateException("fork " + f + " failed (exit " + exit + "):\n" + other);
      }
      if (!samples.isEmpty()) {
        calibrations.add(BenchCalibration.Fork.of(samples));
      }
      // how long a run takes is part of whether it can be repeated: the check is two runs in a row
      progress.printf(
          Locale.ROOT,
          "  fork %d of %d done in %.0f s%n",
          f,
          forks,
          (System.nanoTime() - started) / 1e9);
      progress.flush();
    }
    List<Summary> out = new ArrayList<>();
    values.forEach(
        (name, v) ->
            out.add(
                new Summary(
                    name,
                    meta.get(name)[2],
                    v.stream().mapToDouble(Double::doubleValue).toArray(),
                    Double.parseDouble(meta.get(name)[4]),
                    unsettled.get(name),
                    array(cpu, name),
                    array(waited, name),
                    array(gc, name),
                    array(alloc, name))));
    return out;
  }

  /**
   * How much slower each fork's figures were than the fastest fork's: per fork, the geometric mean
   * over the time figures of its thread CPU divided by the figure's least (NaN without any).
   */
  static double[] slowness(List<Summary> figures, int forks) {
    double[] logSum = new double[forks];
    int counted = 0;
    for (Summary s : figures) {
      double[] cpu = s.cpu();
      if (cpu.length != forks) {
        continue;
      }
      double least = java.util.Arrays.stream(cpu).min().getAsDouble();
      if (!(least > 0)) {
        continue;
      }
      for (int f = 0; f < forks; f++) {
        logSum[f] += Math.log(cpu[f] / least);
      }
      counted++;
    }
    double[] out = new double[forks];
    for (int f = 0; f < forks; f++) {
      out[f] = counted == 0 ? Double.NaN : Math.exp(logSum[f] / counted);
    }
    return out;
  }

  private static double[] array(Map<String, List<Double>> values, String name) {
    return values.getOrDefault(name, List.of()).stream().mapToDouble(Double::doubleValue).toArray();
  }

  /** The table: each figure's min, median, max, spread and, where set, its target. */
  static void print(PrintWriter out, List<Summary> figures, int forks, double maxWarmUpSeconds) {
    out.printf(
        Locale.ROOT,
        "  %-56s %11s %11s %11s %-8s %7s%n",
        "figure (over " + forks + (forks == 1 ? " fork)" : " forks)"),
        "min",
        "median",
        "max",
        "unit",
        "spread");
    for (Summary s : figures) {
      row(out, s, forks, maxWarmUpSeconds);
    }
    List<Summary> cpu = figures.stream().flatMap(s -> s.threadCpu().stream()).toList();
    if (!cpu.isEmpty()) {
      out.println(
          "  the measuring thread's CPU per operation (the simulator's own work: GC pauses and"
              + " other processes do not count in it)");
      cpu.forEach(s -> row(out, s, forks, maxWarmUpSeconds));
    }
    List<Summary> alloc = figures.stream().flatMap(s -> s.allocated().stream()).toList();
    if (!alloc.isEmpty()) {
      out.println(
          "  bytes the measuring thread allocated per operation (load does not move them; forks"
              + " apart here compiled the path differently)");
      alloc.forEach(s -> row(out, s, forks, maxWarmUpSeconds));
    }
  }

  /** One figure's line of the table. */
  private static void row(PrintWriter out, Summary s, int forks, double maxWarmUpSeconds) {
    out.printf(
        Locale.ROOT,
        "  %-56s %11.1f %11.1f %11.1f %-8s %6.0f%%%s%s%s%s%n",
        s.name(),
        s.min(),
        s.median(),
        s.max(),
        s.unit(),
        100 * s.spread(),
        Double.isNaN(s.target())
            ? ""
            : String.format(
                Locale.ROOT, "  (target ≤ %.0f, ratio %.2f)", s.target(), s.median() / s.target()),
        unsettledNote(s.unsettled(), forks, maxWarmUpSeconds),
        s.modesNote(),
        s.outsideNote());
  }

  /**
   * What a reader must know of a figure whose JIT had not settled: it measured compilation too
   * (empty when every fork settled).
   */
  static String unsettledNote(int unsettled, int forks, double maxSeconds) {
    if (unsettled == 0) {
      return "";
    }
    return String.format(
        Locale.ROOT,
        "  (JIT still compiling after %s s of warm-up in %d of %d %s)",
        maxSeconds,
        unsettled,
        forks,
        forks == 1 ? "run" : "forks");
  }

  /**
   * The one-minute load average, the processor count and the heap, as the reader should weigh them:
   * a heap that grows while measured makes figures bimodal.
   */
  static String load() {
    List<String> jvm = ManagementFactory.getRuntimeMXBean().getInputArguments();
    long max = Runtime.getRuntime().maxMemory() >> 20;
    String heap =
        fixedHeap(jvm)
            ? "fixed at "
                + max
                + " MiB"
                + (jvm.contains("-XX:+AlwaysPreTouch") ? ", pre-touched" : "")
            : "growing to at most " + max + " MiB";
    return loadAverage() + ", heap " + heap;
  }

  /** The one-minute load average and the processor count. */
  private static String loadAverage() {
    var os = ManagementFactory.getOperatingSystemMXBean();
    return String.format(
        Locale.ROOT,
        "load average %.2f on %d cores",
        os.getSystemLoadAverage(),
        os.getAvailableProcessors());
  }

  /** Whether the JVM's heap is fixed: its {@code -Xms} given and equal to its {@code -Xmx}. */
  private static boolean fixedHeap(List<String> jvm) {
    String initial = lastValue(jvm, "-Xms");
    return initial != null && initial.equals(lastValue(jvm, "-Xmx"));
  }

  /** The value of the last JVM flag starting with {@code flag} ({@code -Xmx1g}: "1g"), or null. */
  private static String lastValue(List<String> jvm, String flag) {
    String value = null;
    for (String a : jvm) {
      if (a.startsWith(flag)) {
        value = a.substring(flag.length());
      }
    }
    return value;
  }
}

package dev.ddlab.app;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The machine-readable result of one {@code ddlab bench} run ({@code --json FILE}) and the
 * comparison of two ({@code --compare A.json B.json}): per figure, the two runs' medians over their
 * forks, the difference and whether it is within the 20%, so that the check "two
 * consecutive runs on a quiet machine agree within 20% on every figure" is mechanical.
 */
final class BenchCompare {
  /** How far two runs' medians may be apart and still agree: |a − b| / min(a, b). */
  static final double AGREE = 0.20;

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private BenchCompare() {}

  /**
   * One figure of a run: what it measures ("wall", "thread CPU", "heap"), each fork's value and,
   * for wall time, each fork's share of its measured rounds spent waiting for a CPU and in GC
   * pauses.
   */
  record Figure(
      String name, String measure, String unit, double[] values, double[] waited, double[] gc) {
    Figure(String name, String measure, String unit, double[] values) {
      this(name, measure, unit, values, new double[0], new double[0]);
    }

    /** The most a fork waited for a CPU, as a share of its rounds' wall time; NaN if not known. */
    double mostWaited() {
      return waited == null || waited.length == 0
          ? Double.NaN
          : java.util.Arrays.stream(waited).max().getAsDouble();
    }

    /** The name and the measure: how two runs' figures are matched. */
    String key() {
      return name + " [" + measure + "]";
    }

    double median() {
      return new BenchForks.Summary(name, unit, values, Double.NaN).median();
    }

    /** The fastest fork's value (the least); NaN without forks. */
    double fastest() {
      return values == null || values.length == 0
          ? Double.NaN
          : java.util.Arrays.stream(values).min().getAsDouble();
    }
  }

  /**
   * One run: its forks, the load before and after, its figures and each fork's calibrations of the
   * machine's speed ({@link BenchCalibration}; null in a run written before they were measured).
   */
  record Run(
      int forks,
      String before,
      String after,
      List<Figure> figures,
      List<BenchCalibration.Fork> calibration) {
    Run(int forks, String before, String after, List<Figure> figures) {
      this(forks, before, after, figures, null);
    }

    /** The median over the forks of each fork's median calibration: arithmetic, memory. */
    double[] machine() {
      if (calibration == null || calibration.isEmpty()) {
        return null;
      }
      return new double[] {
        BenchCalibration.median(
            calibration.stream().mapToDouble(BenchCalibration.Fork::arithmeticMedian).toArray()),
        BenchCalibration.median(
            calibration.stream().mapToDouble(BenchCalibration.Fork::memoryMedian).toArray())
      };
    }
  }

  /**
   * The run's figures as {@link BenchForks} summed them up: wall (or bytes), then thread CPU, then
   * allocation per operation.
   */
  /** As {@link #run(int, String, String, List, List)}, without calibrations. */
  static Run run(int forks, String before, String after, List<BenchForks.Summary> summaries) {
    return run(forks, before, after, summaries, List.of());
  }

  static Run run(
      int forks,
      String before,
      String after,
      List<BenchForks.Summary> summaries,
      List<BenchCalibration.Fork> calibration) {
    List<Figure> figures = new ArrayList<>();
    for (BenchForks.Summary s : summaries) {
      figures.add(
          new Figure(
              s.name(),
              s.unit().equals("bytes") ? "heap" : "wall",
              s.unit(),
              s.values(),
              s.waited(),
              s.gc()));
    }
    for (BenchForks.Summary s : summaries) {
      // with the run's waiting for a CPU: on a loaded machine the thread's CPU moves too
      s.threadCpu()
          .ifPresent(
              c ->
                  figures.add(
                      new Figure(
                          c.name(), "thread CPU", c.unit(), c.values(), s.waited(), s.gc())));
    }
    for (BenchForks.Summary s : summaries) {
      s.allocated()
          .ifPresent(m -> figures.add(new Figure(m.name(), "allocation", m.unit(), m.values())));
    }
    return new Run(forks, before, after, figures, List.copyOf(calibration));
  }

  static void write(Run run, Path file) throws IOException {
    JSON.writeValue(file.toFile(), run);
  }

  static Run read(Path file) throws IOException {
    return JSON.readValue(file.toFile(), Run.class);
  }

  /**
   * One figure of both runs: NaN for a median a run does not have; {@code waitedA}/{@code waitedB}
   * the most a fork of each run waited for a CPU (NaN when not a wall time).
   */
  record Row(String key, String unit, double a, double b, double waitedA, double waitedB) {
    /** |a − b| / min(a, b); NaN when a run lacks the figure. */
    double difference() {
      if (Double.isNaN(a) || Double.isNaN(b)) {
        return Double.NaN;
      }
      double low = Math.min(a, b);
      return low == 0 ? (a == b ? 0 : Double.POSITIVE_INFINITY) : Math.abs(a - b) / low;
    }

    /** Whether both runs have the figure and their medians are within {@link #AGREE}. */
    boolean agrees() {
      double d = difference();
      return !Double.isNaN(d) && d <= AGREE + 1e-9;
    }
  }

  /** The figures of both runs, in A's order then those only B has. */
  static List<Row> rows(Run a, Run b) {
    return rows(a, b, Figure::median);
  }

  /**
   * As {@link #rows(Run, Run)} by each run's fastest fork instead of its median. The lead's quiet
   * pair of 7 Dec (session 11, 5 forks each) had 32 of 35 figures agree by the median and 35 of 35
   * by the fastest fork (worst 10%): every figure has a fast level and a slow one (×1.3–1.9, the
   * same bytes allocated), a slow spell takes some figures of a fork and not others, and the median
   * of five moved with how many forks a run's spells caught (thread CPU of {@code docker images}: A
   * 3.0 3.2 3.9 4.2 4.4, B 2.9 3.0 3.0 4.1 2.9).
   */
  static List<Row> fastestRows(Run a, Run b) {
    return rows(a, b, Figure::fastest);
  }

  private static List<Row> rows(
      Run a, Run b, java.util.function.ToDoubleFunction<Figure> statistic) {
    Map<String, double[]> medians = new LinkedHashMap<>();
    Map<String, String> units = new LinkedHashMap<>();
    for (Figure f : a.figures()) {
      medians.put(
          f.key(),
          new double[] {statistic.applyAsDouble(f), Double.NaN, f.mostWaited(), Double.NaN});
      units.put(f.key(), f.unit());
    }
    for (Figure f : b.figures()) {
      double[] m =
          medians.computeIfAbsent(
              f.key(), k -> new double[] {Double.NaN, Double.NaN, Double.NaN, Double.NaN});
      m[1] = statistic.applyAsDouble(f);
      m[3] = f.mostWaited();
      units.putIfAbsent(f.key(), f.unit());
    }
    List<Row> rows = new ArrayList<>();
    medians.forEach((k, m) -> rows.add(new Row(k, units.get(k), m[0], m[1], m[2], m[3])));
    return rows;
  }

  /**
   * Prints each figure of both runs with its difference and whether it agrees; returns 0 when every
   * figure agrees, else 1.
   */
  static int compare(Run a, Run b, String nameA, String nameB, PrintWriter out) {
    List<Row> rows = rows(a, b);
    out.printf(
        Locale.ROOT,
        "ddlab bench --compare: A = %s (%d forks), B = %s (%d forks)%n",
        nameA,
        a.forks(),
        nameB,
        b.forks());
    out.printf(
        Locale.ROOT, "  A: %s → %s%n  B: %s → %s%n", a.before(), a.after(), b.before(), b.after());
    out.printf(
        Locale.ROOT,
        "  %-72s %11s %11s %-8s %6s  %s%n",
        "figure",
        "A median",
        "B median",
        "unit",
        "diff",
        "within 20%");
    int agree = 0;
    List<String> not = new ArrayList<>();
    for (Row r : rows) {
      double d = r.difference();
      out.printf(
          Locale.ROOT,
          "  %-72s %11s %11s %-8s %6s  %s%n",
          r.key(),
          number(r.a()),
          number(r.b()),
          r.unit(),
          Double.isNaN(d) ? "—" : String.format(Locale.ROOT, "%.0f%%", 100 * d),
          Double.isNaN(d)
              ? "no (only in " + (Double.isNaN(r.a()) ? "B" : "A") + ")"
              : r.agrees() ? "yes" : "NO" + waitedNote(r) + machineNear(a, b, r));
      if (r.agrees()) {
        agree++;
      } else {
        not.add(r.key());
      }
    }
    out.printf(
        Locale.ROOT,
        "  %d of %d figures agree within 20%% (|A − B| / min(A, B))%s%n",
        agree,
        rows.size(),
        not.isEmpty() ? "" : "; not: " + String.join(", ", not));
    out.println(fastest(a, b));
    out.println(machine(a, b));
    out.flush();
    return not.isEmpty() ? 0 : 1;
  }

  /**
   * The same check by each run's fastest fork, beside the verdict (which stays the medians'): when
   * the fastest forks agree where the medians do not, the runs differ in how many forks a slow
   * state caught, not in what the code costs.
   */
  static String fastest(Run a, Run b) {
    List<Row> rows = fastestRows(a, b);
    List<String> not = new ArrayList<>();
    for (Row r : rows) {
      if (!r.agrees()) {
        not.add(
            r.key()
                + String.format(
                    Locale.ROOT,
                    " (%s vs %s, %.0f%%)",
                    number(r.a()),
                    number(r.b()),
                    100 * r.difference()));
      }
    }
    return String.format(
        Locale.ROOT,
        "  by each run's fastest fork instead of the median (slow JVM states left out; not the"
            + " verdict): %d of %d agree within 20%%%s",
        rows.size() - not.size(),
        rows.size(),
        not.isEmpty() ? "" : "; not: " + String.join(", ", not));
  }

  /**
   * For a wall figure that disagrees: how long each run's forks waited for a CPU at most, which
   * tells a loaded run from a change in the simulator.
   */
  private static String waitedNote(Row r) {
    if (Double.isNaN(r.waitedA()) || Double.isNaN(r.waitedB())) {
      return "";
    }
    return String.format(
        Locale.ROOT,
        " (forks waited for a CPU up to %.0f%% in A, %.0f%% in B)",
        100 * r.waitedA(),
        100 * r.waitedB());
  }

  /**
   * Whether the machine itself moved between the runs or within one: the runs' calibrations ({@link
   * BenchCalibration}), and the forks of each run more than {@link BenchCalibration#APART} slower
   * than its fastest. It does not change the verdict; it says whom to blame.
   */
  static String machine(Run a, Run b) {
    double[] ma = a.machine();
    double[] mb = b.machine();
    if (ma == null || mb == null) {
      return "  calibration: not in "
          + (ma == null && mb == null ? "either run" : ma == null ? "A" : "B")
          + " (written before ddlab bench measured the machine's speed)";
    }
    double arithmetic = BenchCalibration.apart(ma[0], mb[0]);
    double memory = BenchCalibration.apart(ma[1], mb[1]);
    boolean moved =
        arithmetic > BenchCalibration.APART
            || memory > BenchCalibration.APART
            || !slowForks(a).isEmpty()
            || !slowForks(b).isEmpty();
    return String.format(
            Locale.ROOT,
            "  calibration (the machine's speed, µs of fixed loops, median over forks):"
                + " arithmetic A %.0f, B %.0f (%.0f%%); memory A %.0f, B %.0f (%.0f%%)%n",
            ma[0],
            mb[0],
            100 * arithmetic,
            ma[1],
            mb[1],
            100 * memory)
        + (moved
            ? "  the machine itself moved"
                + (slowForks(a).isEmpty() ? "" : "; slower forks in A: " + slowForks(a))
                + (slowForks(b).isEmpty() ? "" : "; slower forks in B: " + slowForks(b))
                + (arithmetic > BenchCalibration.APART || memory > BenchCalibration.APART
                    ? "; between the runs"
                    : "")
                + ": figures apart by about as much are its weather, not ddlab's; measure the"
                + " pair again"
            : "  the machine ran at one speed in both runs (calibrations within "
                + Math.round(100 * BenchCalibration.APART)
                + "%): a figure apart is ddlab's");
  }

  /**
   * For a figure that disagrees: the machine's speed right after it in each run (the median over
   * the forks of the calibration measured after the figure), and whether that moved as much; empty
   * for runs whose figures' rounds were interleaved (calibrations after each pass, not a figure).
   */
  static String machineNear(Run a, Run b, Row r) {
    String figure = r.key().substring(0, r.key().lastIndexOf(" ["));
    double[] ma = after(a, figure);
    double[] mb = after(b, figure);
    if (ma == null || mb == null) {
      return "";
    }
    double apart =
        Math.max(BenchCalibration.apart(ma[0], mb[0]), BenchCalibration.apart(ma[1], mb[1]));
    return String.format(
        Locale.ROOT,
        " (the machine right after it: arithmetic A %.0f, B %.0f; memory A %.0f, B %.0f µs: %s)",
        ma[0],
        mb[0],
        ma[1],
        mb[1],
        apart > BenchCalibration.APART
            ? String.format(Locale.ROOT, "moved %.0f%%, the machine's weather", 100 * apart)
            : "the same machine, ddlab's");
  }

  /** The median over a run's forks of the calibration measured after {@code figure}, or null. */
  private static double[] after(Run r, String figure) {
    if (r.calibration() == null) {
      return null;
    }
    List<double[]> found = new ArrayList<>();
    for (BenchCalibration.Fork f : r.calibration()) {
      double[] m = f.after(figure);
      if (m != null) {
        found.add(m);
      }
    }
    if (found.isEmpty()) {
      return null;
    }
    return new double[] {
      BenchCalibration.median(found.stream().mapToDouble(m -> m[0]).toArray()),
      BenchCalibration.median(found.stream().mapToDouble(m -> m[1]).toArray())
    };
  }

  /** The forks of a run whose calibration is more than APART over its fastest fork's, 1-based. */
  private static List<Integer> slowForks(Run r) {
    List<Integer> out = new ArrayList<>();
    List<BenchCalibration.Fork> forks = r.calibration();
    double fastA =
        forks.stream().mapToDouble(BenchCalibration.Fork::arithmeticMedian).min().orElse(0);
    double fastM = forks.stream().mapToDouble(BenchCalibration.Fork::memoryMedian).min().orElse(0);
    for (int f = 0; f < forks.size(); f++) {
      if (forks.get(f).arithmeticMedian() > fastA * (1 + BenchCalibration.APART)
          || forks.get(f).memoryMedian() > fastM * (1 + BenchCalibration.APART)) {
        out.add(f + 1);
      }
    }
    return out;
  }

  private static String number(double v) {
    return Double.isNaN(v) ? "—" : String.format(Locale.ROOT, "%.1f", v);
  }
}

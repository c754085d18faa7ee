package dev.ddlab.app;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The machine's own speed, measured by each fork of {@code ddlab bench} before, between and after
 * its figures: the measuring thread's CPU time of two fixed workloads that no change to ddlab moves
 * and whose compiled code cannot differ from one JVM to the next (a small loop over primitives,
 * nothing allocated, nothing inlined from elsewhere). An arithmetic loop (the core's speed: its
 * clock, a busy SMT sibling) and a walk through an 8 MiB cycle of indices (the memory's latency: a
 * neighbour filling the shared cache). A fork whose figures are all slower together with its
 * calibration ran on a slower machine; a figure slower alone is ddlab's (a JIT state, a change).
 */
final class BenchCalibration {
  /** The line a forked JVM prints per calibration: marker, when, arithmetic, memory (µs). */
  static final String MARKER = "#calibration";

  /**
   * How far two calibrations may be apart (|a − b| / min) and still be the same machine: thread CPU
   * of these loops agreed within 3% between samples of one quiet fork.
   */
  static final double APART = 0.10;

  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  /** Iterations of the arithmetic loop: ~10 ms of one core. */
  private static final int ARITHMETIC_STEPS = 8_000_000;

  /** Steps of the memory walk: ~10–20 ms. */
  private static final int WALK_STEPS = 200_000;

  /** Repetitions per calibration; the median is kept (~0.15 s a calibration, ~2 s a fork). */
  private static final int REPEATS = 3;

  /** A single cycle through 2^21 ints (8 MiB), the same in every JVM (Sattolo, fixed seed). */
  private static final int[] CYCLE = cycle(1 << 21);

  /** What the JIT must not drop. */
  private static long sink;

  private BenchCalibration() {}

  /** One calibration: thread-CPU microseconds of the arithmetic loop and of the memory walk. */
  record Sample(String when, double arithmetic, double memory) {
    String line() {
      return String.join("\t", MARKER, when, Double.toString(arithmetic), Double.toString(memory));
    }

    /** The sample of a {@link #line}, or null when {@code parts} is not one. */
    static Sample parse(String[] parts) {
      if (parts.length != 4 || !parts[0].equals(MARKER)) {
        return null;
      }
      return new Sample(parts[1], Double.parseDouble(parts[2]), Double.parseDouble(parts[3]));
    }
  }

  /** Measures now; {@code when} says where in the fork (before, after a figure). */
  static Sample measure(String when) {
    // the first runs compile the loops (on-stack replacement, then the whole method)
    for (int i = 0; i < 3; i++) {
      sink += arithmetic(i, ARITHMETIC_STEPS / 4) + walk(i, WALK_STEPS / 4);
    }
    double[] a = new double[REPEATS];
    double[] m = new double[REPEATS];
    for (int r = 0; r < REPEATS; r++) {
      long c0 = THREADS.getCurrentThreadCpuTime();
      sink += arithmetic(r, ARITHMETIC_STEPS);
      long c1 = THREADS.getCurrentThreadCpuTime();
      sink += walk(r, WALK_STEPS);
      long c2 = THREADS.getCurrentThreadCpuTime();
      a[r] = (c1 - c0) / 1e3;
      m[r] = (c2 - c1) / 1e3;
    }
    return new Sample(when, median(a), median(m));
  }

  private static long arithmetic(long seed, int steps) {
    long x = seed * 0x9E3779B97F4A7C15L + 1;
    long acc = 0;
    for (int i = 0; i < steps; i++) {
      x ^= x << 13;
      x ^= x >>> 7;
      x ^= x << 17;
      acc += (x * 0xBF58476D1CE4E5B9L) >>> (i & 31);
    }
    return acc;
  }

  private static long walk(int start, int steps) {
    int[] next = CYCLE;
    int p = start;
    for (int i = 0; i < steps; i++) {
      p = next[p];
    }
    return p;
  }

  private static int[] cycle(int n) {
    int[] next = new int[n];
    for (int i = 0; i < n; i++) {
      next[i] = i;
    }
    java.util.SplittableRandom random = new java.util.SplittableRandom(15);
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i);
      int t = next[i];
      next[i] = next[j];
      next[j] = t;
    }
    return next;
  }

  static double median(double[] values) {
    double[] s = values.clone();
    Arrays.sort(s);
    int n = s.length;
    return n == 0 ? Double.NaN : n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  }

  /**
   * One fork's calibrations, in the order measured, each with when it was measured ("before",
   * "after FIGURE"; null in a run written without them).
   */
  record Fork(double[] arithmetic, double[] memory, List<String> when) {
    Fork(double[] arithmetic, double[] memory) {
      this(arithmetic, memory, null);
    }

    static Fork of(List<Sample> samples) {
      return new Fork(
          samples.stream().mapToDouble(Sample::arithmetic).toArray(),
          samples.stream().mapToDouble(Sample::memory).toArray(),
          samples.stream().map(Sample::when).toList());
    }

    /** The calibration measured right after {@code figure}: {arithmetic, memory}, or null. */
    double[] after(String figure) {
      int i = when == null ? -1 : when.indexOf("after " + figure);
      return i < 0 ? null : new double[] {arithmetic[i], memory[i]};
    }

    double arithmeticMedian() {
      return median(arithmetic);
    }

    double memoryMedian() {
      return median(memory);
    }
  }

  /** |a − b| / min(a, b). */
  static double apart(double a, double b) {
    return Math.abs(a - b) / Math.min(a, b);
  }

  /**
   * Each fork's calibration and how much slower than the run's fastest fork it and the fork's
   * figures were: {@code slowness[f]} is the geometric mean over the time figures of the fork's
   * thread CPU divided by the figure's fastest fork's (NaN when unknown). Then which forks ran on a
   * slower machine, if any.
   */
  static void print(java.io.PrintWriter out, List<Fork> forks, double[] slowness) {
    if (forks.isEmpty()) {
      return;
    }
    double fastA = forks.stream().mapToDouble(Fork::arithmeticMedian).min().getAsDouble();
    double fastM = forks.stream().mapToDouble(Fork::memoryMedian).min().getAsDouble();
    out.println(
        "  the machine's speed per fork (thread CPU of fixed loops no ddlab change moves, µs,"
            + " median of the fork's samples [min–max]; × the fastest fork):");
    List<String> slower = new ArrayList<>();
    for (int f = 0; f < forks.size(); f++) {
      Fork k = forks.get(f);
      double ra = k.arithmeticMedian() / fastA;
      double rm = k.memoryMedian() / fastM;
      out.printf(
          Locale.ROOT,
          "    fork %d: arithmetic %.0f [%.0f–%.0f] ×%.2f, memory %.0f [%.0f–%.0f] ×%.2f%s%n",
          f + 1,
          k.arithmeticMedian(),
          min(k.arithmetic()),
          max(k.arithmetic()),
          ra,
          k.memoryMedian(),
          min(k.memory()),
          max(k.memory()),
          rm,
          f < slowness.length && !Double.isNaN(slowness[f])
              ? String.format(Locale.ROOT, "; its figures' thread CPU ×%.2f", slowness[f])
              : "");
      if (ra > 1 + APART || rm > 1 + APART) {
        slower.add(Integer.toString(f + 1));
      }
    }
    out.println(
        slower.isEmpty()
            ? "  the machine ran at one speed in every fork (calibrations within "
                + Math.round(100 * APART)
                + "%)"
            : "  the machine itself was slower in fork "
                + String.join(", ", slower)
                + " (calibration more than "
                + Math.round(100 * APART)
                + "% over the fastest fork): figures slower there by about as much are the"
                + " machine's, not ddlab's");
  }

  private static double min(double[] v) {
    return Arrays.stream(v).min().orElse(Double.NaN);
  }

  private static double max(double[] v) {
    return Arrays.stream(v).max().orElse(Double.NaN);
  }
}

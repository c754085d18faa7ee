package dev.ddlab.bridge.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.function.LongSupplier;

/**
 * A benchmark's warm-up that ends when the JIT has settled rather than after a fixed time. The
 * shell, CLI and engine paths are large: on this machine's two cores the JIT spends about 25 s of
 * compiler CPU on a {@code run}+{@code rm} loop before it settles, which takes 10–20 s of wall time
 * (more under load), while the thread's CPU per pair falls from 430 µs to 24 µs. A figure measured
 * after a fixed 3 s warm-up was taken mid-compilation, and whether a fork's JIT had finished or not
 * decided its figure: two runs of {@code ddlab bench} disagreed by 50%.
 *
 * <p>The JIT counts as settled when, over {@link #QUIET_WINDOWS} consecutive windows of at least
 * {@link #WINDOW_NANOS} of rounds each, it compiled for at most {@link #QUIET_SHARE} of the
 * window's wall time: the compiler threads' time on a CPU ({@link #compilerMillis}, from {@code
 * /proc/self/task/}<i>tid</i>{@code /schedstat}) and the compilations finished ({@link
 * CompilationMXBean#getTotalCompilationTime}). The finished compilations alone were not enough:
 * that counter moves when a compilation ends, so a window in the middle of a long C2 compilation
 * looked quiet; traced forks (6 Dec, load 4–6) then measured with C2 busy for 0.7–1.3 s of their
 * nine rounds, thread CPU per run+rm pair 51–76 µs against 26–27 µs in forks whose JIT had
 * finished, and some figures came out bimodal in CPU.
 */
public final class WarmUp {
  /**
   * The share of a window's wall time the JIT may still spend compiling when it counts as quiet.
   */
  static final double QUIET_SHARE = 0.01;

  /**
   * Consecutive quiet windows that make the JIT settled: with one, a pause between two bursts of
   * compiling (the compiler threads share two cores with the benchmark) ended warm-ups that the
   * measured rounds then found compiling again.
   */
  static final int QUIET_WINDOWS = 2;

  /** The shortest span of rounds the quiet is judged over. */
  static final long WINDOW_NANOS = 500_000_000L;

  /**
   * The longest warm-up by default, whatever the JIT does: a figure taken then says it was not
   * settled.
   */
  public static final double MAX_SECONDS = 60;

  /** How a warm-up ended: its length and whether the JIT had settled. */
  public record Result(double seconds, boolean settled) {}

  private WarmUp() {}

  /**
   * Runs {@code round} at least {@code minRounds} times and for at least {@code minSeconds}, then
   * until the JIT is quiet over a window of rounds, or until {@code maxSeconds} have passed ({@link
   * #MAX_SECONDS} by default).
   */
  public static Result run(Runnable round, int minRounds, double minSeconds, double maxSeconds) {
    return run(round, minRounds, minSeconds, maxSeconds, System::nanoTime, jitMillis());
  }

  /** As {@link #run(Runnable, int, double, double)} with the clock and the JIT's counter given. */
  static Result run(
      Runnable round,
      int minRounds,
      double minSeconds,
      double maxSeconds,
      LongSupplier nanoTime,
      LongSupplier jitMillis) {
    long start = nanoTime.getAsLong();
    long windowStart = start;
    long windowJit = jitMillis.getAsLong();
    int quiet = 0; // consecutive quiet windows
    for (int r = 1; ; r++) {
      round.run();
      long now = nanoTime.getAsLong();
      if (now - windowStart >= WINDOW_NANOS) {
        long jit = jitMillis.getAsLong();
        quiet = (jit - windowJit) * 1e6 <= QUIET_SHARE * (now - windowStart) ? quiet + 1 : 0;
        windowStart = now;
        windowJit = jit;
      }
      if (r < minRounds || now - start < minSeconds * 1e9) {
        continue;
      }
      if (quiet >= QUIET_WINDOWS) {
        return new Result((now - start) / 1e9, true);
      }
      if (now - start >= maxSeconds * 1e9) {
        return new Result((now - start) / 1e9, false);
      }
    }
  }

  /**
   * The JIT's total compilation time so far, in milliseconds; a constant (so every window is quiet)
   * where the JVM does not report it.
   */
  private static LongSupplier jitMillis() {
    CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    LongSupplier compilers = compilerMillis();
    if (jit == null || !jit.isCompilationTimeMonitoringSupported()) {
      return compilers;
    }
    return () -> jit.getTotalCompilationTime() + compilers.getAsLong();
  }

  /**
   * The JIT compiler threads' time on a CPU so far, in milliseconds, counted while they compile
   * (not when a compilation ends); constant 0 where {@code /proc} does not show it. A compiler
   * thread that ends keeps what it counted.
   */
  public static LongSupplier compilerMillis() {
    java.nio.file.Path tasks = java.nio.file.Path.of("/proc/self/task");
    if (!java.nio.file.Files.isDirectory(tasks)) {
      return () -> 0L;
    }
    java.util.Map<String, Long> last = new java.util.HashMap<>();
    long[] total = {0};
    return () -> {
      synchronized (last) {
        try (var list = java.nio.file.Files.list(tasks)) {
          for (java.nio.file.Path t : list.toList()) {
            Long ns = compilerNanos(t);
            if (ns != null) {
              long before = last.getOrDefault(t.getFileName().toString(), 0L);
              total[0] += Math.max(0, ns - before);
              last.put(t.getFileName().toString(), ns);
            }
          }
        } catch (java.io.IOException | RuntimeException e) {
          // the listing failed: this call counts nothing new
        }
        return total[0] / 1_000_000;
      }
    };
  }

  /** The on-CPU nanoseconds of thread {@code task} when it is a JIT compiler thread, else null. */
  private static Long compilerNanos(java.nio.file.Path task) {
    try {
      String name = java.nio.file.Files.readString(task.resolve("comm")).strip();
      if (!name.contains("CompilerThre")) {
        return null;
      }
      String stat = java.nio.file.Files.readString(task.resolve("schedstat")).strip();
      return Long.parseLong(stat.substring(0, stat.indexOf(' ')));
    } catch (java.io.IOException | RuntimeException gone) {
      return null; // ended meanwhile, or no schedstat
    }
  }
}

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
 * <p>The JIT counts as settled when, over a window of at least {@link #WINDOW_NANOS} of rounds, it
 * compiled for at most {@link #QUIET_SHARE} of the window's wall time ({@link
 * CompilationMXBean#getTotalCompilationTime}, summed over the compiler threads).
 */
public final class WarmUp {
  /**
   * The share of a window's wall time the JIT may still spend compiling when it counts as quiet.
   */
  static final double QUIET_SHARE = 0.01;

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
    for (int r = 1; ; r++) {
      round.run();
      long now = nanoTime.getAsLong();
      if (r < minRounds || now - start < minSeconds * 1e9) {
        if (now - windowStart >= WINDOW_NANOS) {
          windowStart = now;
          windowJit = jitMillis.getAsLong();
        }
        continue;
      }
      if (now - windowStart >= WINDOW_NANOS) {
        long jit = jitMillis.getAsLong();
        if ((jit - windowJit) * 1e6 <= QUIET_SHARE * (now - windowStart)) {
          return new Result((now - start) / 1e9, true);
        }
        windowStart = now;
        windowJit = jit;
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
    if (jit == null || !jit.isCompilationTimeMonitoringSupported()) {
      return () -> 0L;
    }
    return jit::getTotalCompilationTime;
  }
}

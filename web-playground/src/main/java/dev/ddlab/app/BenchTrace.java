package dev.ddlab.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code ddlab bench --trace DIR}: what happened around each measured round of a fork, to tell a
 * slow round's cause: its wall time, the measuring thread's CPU, the whole process's CPU (GC and
 * compiler threads included), the garbage collections and JIT time in it, the measuring thread's
 * voluntary and involuntary context switches, and the machine's busy time (other processes and the
 * other core). After each figure, every thread of the process with the CPU it used during the
 * measured rounds ({@code /proc/self/task}: GC and compiler threads are not Java threads). One TSV
 * file per fork, named by its process id. Diagnostics only: nothing of it changes a figure.
 */
final class BenchTrace {
  private static final long TICK_NANOS = 10_000_000L; // USER_HZ 100, as Linux reports /proc

  private final PrintWriter out;
  private final com.sun.management.OperatingSystemMXBean os;
  private final List<GarbageCollectorMXBean> gcs = ManagementFactory.getGarbageCollectorMXBeans();
  private final java.lang.management.CompilationMXBean jit =
      ManagementFactory.getCompilationMXBean();
  private final java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private final java.util.function.LongSupplier compilers =
      dev.ddlab.bridge.bench.WarmUp.compilerMillis();
  private Map<String, Long> threadTicks = Map.of();
  private final long opened = System.nanoTime();

  private BenchTrace(PrintWriter out) {
    this.out = out;
    this.os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    out.println(
        "figure\tround\twall_us_op\tthread_cpu_us_op\tprocess_cpu_us_op\tgc_count\tgc_ms\tjit_ms"
            + "\tcompiler_cpu_ms\trunqueue_wait_ms\tvol_cs\tinvol_cs\tmachine_busy_ms\twall_ms"
            + "\tat_s");
    out.flush();
  }

  /** The trace this JVM writes, or null when {@code ddlab.bench.trace} names no directory. */
  static BenchTrace open() {
    String dir = System.getProperty(PROPERTY);
    if (dir == null || dir.isEmpty()) {
      return null;
    }
    try {
      Path d = Files.createDirectories(Path.of(dir));
      Path file = d.resolve("fork-" + ProcessHandle.current().pid() + ".tsv");
      return new BenchTrace(
          new PrintWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), false));
    } catch (IOException e) {
      throw new IllegalStateException("cannot write the bench trace in " + dir + ": " + e, e);
    }
  }

  /** The system property a fork reads its trace directory from. */
  static final String PROPERTY = "ddlab.bench.trace";

  /** The collectors' pause time so far, in milliseconds (0 where the JVM does not tell). */
  static long gcMillis() {
    long millis = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      millis += Math.max(0, gc.getCollectionTime());
    }
    return millis;
  }

  /** The counters at one moment. */
  record Sample(
      long wall,
      long threadCpu,
      long processCpu,
      long gcCount,
      long gcMillis,
      long jitMillis,
      long compilerMillis,
      long runQueueNanos,
      long[] switches,
      long machineBusyTicks) {}

  Sample sample() {
    long count = 0;
    long millis = 0;
    for (GarbageCollectorMXBean gc : gcs) {
      count += Math.max(0, gc.getCollectionCount());
      millis += Math.max(0, gc.getCollectionTime());
    }
    return new Sample(
        System.nanoTime(),
        threads.getCurrentThreadCpuTime(),
        os.getProcessCpuTime(),
        count,
        millis,
        jit == null ? 0 : jit.getTotalCompilationTime(),
        compilers.getAsLong(),
        runQueueNanos(),
        switches(),
        machineBusyTicks());
  }

  /**
   * A figure's warm-up ended (its length, whether the JIT settled, the measured rounds' size), at
   * this many seconds into the fork.
   */
  void warmedUp(String figure, dev.ddlab.bridge.bench.WarmUp.Result warmUp, int ops) {
    out.println(
        String.format(
            Locale.ROOT,
            "# warm-up of %s: %.1f s, %s, %d operations a measured round, at %.1f s",
            figure,
            warmUp.seconds(),
            warmUp.settled() ? "settled" : "unsettled",
            ops,
            (System.nanoTime() - opened) / 1e9));
    out.flush();
  }

  /**
   * A phase of the fork took {@code seconds} (a figure's set-up, a session opened again, a
   * calibration, the measured rounds, the heap figures), written with the seconds since the fork
   * began: where a fork's time goes.
   */
  void phase(String what, double seconds) {
    out.println(
        String.format(
            Locale.ROOT,
            "# phase: %s: %.2f s, at %.1f s",
            what,
            seconds,
            (System.nanoTime() - opened) / 1e9));
    out.flush();
  }

  /** The measured rounds begin: each thread's CPU is counted from here to {@link #end}. */
  void begin() {
    threadTicks = threadTicks();
  }

  /**
   * One round of {@code figure} between two samples, of {@code ops} operations, written at once
   * with the seconds since the fork began (rounds of figures measured in turn interleave).
   */
  void round(String figure, int round, Sample a, Sample b, int ops) {
    out.println(
        figure
            + String.format(
                Locale.ROOT,
                "\t%d\t%.2f\t%.2f\t%.2f\t%d\t%d\t%d\t%d\t%.1f\t%d\t%d\t%d\t%.1f\t%.2f",
                round,
                (b.wall - a.wall) / 1e3 / ops,
                (b.threadCpu - a.threadCpu) / 1e3 / ops,
                (b.processCpu - a.processCpu) / 1e3 / ops,
                b.gcCount - a.gcCount,
                b.gcMillis - a.gcMillis,
                b.jitMillis - a.jitMillis,
                b.compilerMillis - a.compilerMillis,
                (b.runQueueNanos - a.runQueueNanos) / 1e6,
                b.switches[0] - a.switches[0],
                b.switches[1] - a.switches[1],
                (b.machineBusyTicks - a.machineBusyTicks) * TICK_NANOS / 1_000_000,
                (b.wall - a.wall) / 1e6,
                (b.wall - opened) / 1e9));
    out.flush();
  }

  /** The measured rounds since {@link #begin} are over: each thread's CPU over them. */
  void end(String what) {
    Map<String, Long> now = threadTicks();
    Map<String, Long> used = new TreeMap<>();
    now.forEach(
        (name, ticks) -> {
          long d = ticks - threadTicks.getOrDefault(name, 0L);
          if (d > 0) {
            used.merge(name, d, Long::sum);
          }
        });
    StringBuilder sb = new StringBuilder("# threads' CPU ms over ").append(what).append(':');
    used.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .forEach(e -> sb.append(' ').append(e.getKey()).append('=').append(e.getValue() * 10));
    out.println(sb);
    out.flush();
  }

  /** The measuring thread's voluntary and involuntary context switches so far. */
  private static long[] switches() {
    long[] s = new long[2];
    try {
      for (String l : Files.readAllLines(Path.of("/proc/thread-self/status"))) {
        if (l.startsWith("voluntary_ctxt_switches:")) {
          s[0] = Long.parseLong(l.substring(l.indexOf(':') + 1).strip());
        } else if (l.startsWith("nonvoluntary_ctxt_switches:")) {
          s[1] = Long.parseLong(l.substring(l.indexOf(':') + 1).strip());
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux: zeros
    }
    return s;
  }

  /**
   * The measuring thread's time so far runnable but waiting for a CPU, in nanoseconds (the second
   * field of {@code /proc/thread-self/schedstat}): time other threads and processes had its core.
   */
  static long runQueueNanos() {
    try {
      String[] f = Files.readString(Path.of("/proc/thread-self/schedstat")).strip().split(" ");
      return Long.parseLong(f[1]);
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  /** The machine's busy clock ticks over all cores so far (everything but idle and iowait). */
  private static long machineBusyTicks() {
    try {
      String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
      long busy = 0;
      for (int i = 1; i < f.length && i <= 8; i++) {
        if (i != 4 && i != 5) {
          busy += Long.parseLong(f[i]);
        }
      }
      return busy;
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  /** Each thread of this process (by name and id) with its CPU ticks so far. */
  private static Map<String, Long> threadTicks() {
    Map<String, Long> ticks = new HashMap<>();
    try (var tasks = Files.list(Path.of("/proc/self/task"))) {
      for (Path t : tasks.toList()) {
        try {
          String stat = Files.readString(t.resolve("stat"));
          int close = stat.lastIndexOf(')');
          String name = stat.substring(stat.indexOf('(') + 1, close);
          String[] f = stat.substring(close + 2).split(" ");
          // after the name: state is field 3; utime and stime are fields 14 and 15
          long used = Long.parseLong(f[11]) + Long.parseLong(f[12]);
          ticks.put(name + "#" + t.getFileName(), used);
        } catch (IOException | RuntimeException gone) {
          // a thread that ended meanwhile
        }
      }
    } catch (IOException e) {
      // not Linux
    }
    return ticks;
  }
}

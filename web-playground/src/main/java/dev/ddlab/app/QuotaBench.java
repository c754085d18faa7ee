package dev.ddlab.app;

import dev.ddlab.fs.Disk;
import dev.ddlab.session.SimSession;
import dev.ddlab.sim.host.DockerHost;
import dev.ddlab.sim.runtime.Kernel;
import dev.ddlab.sim.shell.HostShell;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.time.Duration;

/**
 * {@code ddlab bench --quota}: the heap one simulated node costs when a learner fills its quotas
 * (shell-and-sessions.md, "What bounds a session's heap"): a 32 MiB variable in the host login, a
 * container holding another, and a container whose 16 KiB-line log fills the node's disk. Prints
 * the used heap after a full GC at each step, the bytes charged, and the node's worst case (its
 * three quotas at the measured heap per charged byte).
 */
final class QuotaBench {
  private QuotaBench() {}

  /** Sixteen characters doubled 21 times: 32 MiB. */
  private static final String X32 =
      "x=aaaaaaaaaaaaaaaa; i=0; while [ $i -lt 21 ]; do x=$x$x; i=$((i+1)); done; ";

  private static final String CHATTY =
      "x=yyyyyyyyyyyyyyyy; i=0; while [ $i -lt 10 ]; do x=$x$x; i=$((i+1)); done;"
          + " while true; do echo $x; done";

  static void run(PrintWriter out) {
    out.println(
        "ddlab bench --quota — heap of one simulated node filled to its quotas ("
            + BenchForks.load()
            + ")");
    try (SimSession s = SimSession.open("single", 1)) {
      s.type("node1", "docker pull -q alpine");
      DockerHost node = s.host("node1");
      Disk disk = node.hostFs().disk();
      long start = heap();
      s.type("node1", X32 + "true");
      report(out, "login: a 32 MiB variable", start, 32L << 20);
      s.type("node1", "docker run -d --name holder alpine sh -c '" + X32 + "sleep 100000'");
      s.advance(Duration.ofSeconds(2));
      long memory = node.kernel().containersCgroup().memory();
      report(
          out,
          "+ a container holding 32 MiB (node memory " + mib(memory) + ")",
          start,
          (32L << 20) + memory);
      s.type("node1", "docker run -d --name chatty alpine sh -c '" + CHATTY + "'");
      s.advance(Duration.ofSeconds(2));
      long charged = (32L << 20) + node.kernel().containersCgroup().memory() + disk.used();
      long delta =
          report(
              out,
              "+ a log filling the disk (" + mib(disk.used()) + " of " + mib(disk.capacity()) + ")",
              start,
              charged);
      double perByte = (double) delta / charged;
      long worst = HostShell.LOGIN_MEMORY_MAX + Kernel.NODE_MEMORY_MAX + disk.capacity();
      out.printf(
          "  heap per charged byte: %.2f; worst case per node (login %s + containers %s + disk %s): about %.0f MB%n",
          perByte,
          mib(HostShell.LOGIN_MEMORY_MAX),
          mib(Kernel.NODE_MEMORY_MAX),
          mib(disk.capacity()),
          worst * perByte / 1e6);
      out.println("  a session costs that per node of its template; after: " + BenchForks.load());
      out.flush();
    }
  }

  private static long report(PrintWriter out, String step, long start, long charged) {
    long delta = heap() - start;
    out.printf("  %-60s heap +%.1f MB (charged %s)%n", step, delta / 1e6, mib(charged));
    out.flush();
    return delta;
  }

  private static String mib(long bytes) {
    return String.format("%.1f MiB", bytes / (double) (1 << 20));
  }

  /** Used heap after full collections (a figure, not a proof: the JVM may keep some garbage). */
  private static long heap() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}

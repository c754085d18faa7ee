package dev.ddlab.app;

import dev.ddlab.fs.Disk;
import dev.ddlab.session.SimSession;
import dev.ddlab.sim.host.Cluster;
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
 * three quotas at the measured heap per charged byte). Then a six-node session ({@code swarm-3m3w})
 * filled from every node (a 32 MiB variable in each login, {@code yes} into a file on each disk),
 * which the session's one budget bounds, and the worst case per session of one and six nodes.
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
      out.flush();
      sixNodes(out, perByte);
      worstPerSession(out, 1, perByte);
      worstPerSession(out, 6, perByte);
      out.println("  after: " + BenchForks.load());
      out.flush();
    }
  }

  /** Every node of swarm-3m3w fills its login's memory and its disk: the session's budget holds. */
  private static void sixNodes(PrintWriter out, double perByte) {
    try (SimSession s = SimSession.open("swarm-3m3w", 1)) {
      Cluster c = s.cluster();
      long start = heap();
      for (DockerHost n : c.nodes()) {
        s.type(n.name(), X32 + "true");
        s.type(n.name(), "yes > big");
      }
      long memory = c.memoryBudget().memory();
      long disk = c.diskBudget().used();
      report(
          out, "swarm-3m3w, six logins of 32 MiB + yes > big on six disks", start, memory + disk);
      out.printf(
          "    session memory %s of %s, disk %s of %s%n",
          mib(memory),
          mib(Cluster.SESSION_MEMORY_BYTES),
          mib(disk),
          mib(Cluster.SESSION_DISK_BYTES));
    }
  }

  /**
   * The most a session of {@code nodes} nodes can be charged: each node's login, containers and
   * disk, and the registry's storage, bounded by the session's memory and disk budgets.
   */
  private static void worstPerSession(PrintWriter out, int nodes, double perByte) {
    long memory =
        Math.min(
            nodes * (HostShell.LOGIN_MEMORY_MAX + Kernel.NODE_MEMORY_MAX),
            Cluster.SESSION_MEMORY_BYTES);
    long disk = Math.min((nodes + 1) * Disk.DEFAULT_BYTES, Cluster.SESSION_DISK_BYTES);
    long unbounded =
        nodes * (HostShell.LOGIN_MEMORY_MAX + Kernel.NODE_MEMORY_MAX + Disk.DEFAULT_BYTES)
            + Disk.DEFAULT_BYTES;
    out.printf(
        "  worst case per session of %d node%s: memory %s + disk %s (registry included) = about %.0f MB"
            + " (the nodes' own quotas alone: %.0f MB)%n",
        nodes,
        nodes == 1 ? "" : "s",
        mib(memory),
        mib(disk),
        (memory + disk) * perByte / 1e6,
        unbounded * perByte / 1e6);
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

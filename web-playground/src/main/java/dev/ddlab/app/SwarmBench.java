package dev.ddlab.app;

import dev.ddlab.engine.Engine;
import dev.ddlab.engine.dto.swarm.Service;
import dev.ddlab.session.SimSession;
import dev.ddlab.session.Template;
import dev.ddlab.sim.swarm.manager.Manager;
import dev.ddlab.sim.swarm.store.StoreAction;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * {@code ddlab bench --swarm}: Raft entries committed per second of wall time on 3 and 5 simulated
 * managers (batches of store writes in flight at the leader, each committed by a majority over the
 * underlay), the wall time a replicated service of 1,000 tasks takes to converge on the 100 nodes
 * of {@code swarm-100}, and heap per node of that swarm; each figure as min, median and max over
 * several runs after a warm-up, with the median's ratio to the goal (≥ 100,000 commits/s, < 1 s).
 * The simulator runs on one thread: beside wall time each figure is also given on that thread's CPU
 * time, which a loaded machine (other processes on the cores) changes much less.
 *
 * <p>The commit loop's first runs measure the JIT compiling it (a cold JVM commits a fifth as many
 * entries per CPU second as the same loop some 150,000 entries later), so {@link #WARM_UP_RUNS}
 * runs come before the measured ones and the first run is printed apart, as the cold figure. The
 * load line says the heap too ({@link BenchForks#load}): a heap that grows while measuring charges
 * the thread's first touches of new pages to the loop, which {@code ddlab bench}'s child JVM with a
 * fixed, pre-touched heap avoids.
 */
final class SwarmBench {
  static final double TARGET_COMMITS_PER_SECOND = 100_000;
  static final double TARGET_CONVERGE_SECONDS = 1.0;
  private static final int BATCH = 2_000;
  private static final int ROUNDS = 5;

  /** Commit runs before the measured ones, per template (the JIT's warm-up: 200,000 entries). */
  private static final int WARM_UP_RUNS = 20;

  private static final int COMMIT_RUNS = 10;
  private static final int CONVERGE_RUNS = 5;
  private static final int REPLICAS = 1_000;
  private static final String LARGE = "swarm-100";

  private SwarmBench() {}

  static void run(PrintWriter out) {
    out.println("ddlab bench --swarm — Swarm on simulated nodes (wall time, this machine)");
    out.println("  before: " + BenchForks.load());
    commits(out, "swarm-3m2w", 3);
    commits(out, "swarm-5m", 5);
    converge(out);
    out.println("  after: " + BenchForks.load());
    out.flush();
  }

  /**
   * A session of {@code template} with its first {@code managers} nodes managers, the rest workers.
   */
  static SimSession swarm(String template, int managers) {
    SimSession s = SimSession.open(template, 1);
    s.type("mgr1", "docker swarm init --advertise-addr 10.0.0.1");
    String manager = "docker swarm join-token -q manager";
    String worker = "docker swarm join-token -q worker";
    String managerToken = null;
    String workerToken = null;
    for (Template.Node n : Template.of(template).nodes()) {
      if (n.name().equals("mgr1")) {
        continue;
      }
      boolean asManager = n.name().startsWith("mgr") && managers > 1;
      if (asManager && managerToken == null) {
        managerToken = s.type("mgr1", manager).output().strip();
      } else if (!asManager && workerToken == null) {
        workerToken = s.type("mgr1", worker).output().strip();
      }
      s.type(
          n.name(),
          "docker swarm join --token "
              + (asManager ? managerToken : workerToken)
              + " 10.0.0.1:2377");
    }
    return s;
  }

  private static Manager leader(SimSession s, int managers) {
    for (int i = 1; i <= managers; i++) {
      Manager m = s.host("mgr" + i).swarm().manager();
      if (m != null && m.isLeader()) {
        return m;
      }
    }
    throw new IllegalStateException("no leader among " + managers + " managers");
  }

  private static void commits(PrintWriter out, String template, int managers) {
    try (SimSession s = swarm(template, managers)) {
      Manager leader = leader(s, managers);
      double[] perSecond = new double[COMMIT_RUNS];
      double[] perCpuSecond = new double[COMMIT_RUNS];
      double coldWall = 0;
      double coldCpu = 0;
      for (int run = -WARM_UP_RUNS; run < COMMIT_RUNS; run++) {
        long t0 = System.nanoTime();
        long c0 = cpu();
        for (int r = 0; r < ROUNDS; r++) {
          round(s, leader);
        }
        double wall = (double) BATCH * ROUNDS / ((System.nanoTime() - t0) / 1e9);
        double onCpu = (double) BATCH * ROUNDS / ((cpu() - c0) / 1e9);
        if (run == -WARM_UP_RUNS) {
          coldWall = wall;
          coldCpu = onCpu;
        } else if (run >= 0) {
          perSecond[run] = wall;
          perCpuSecond[run] = onCpu;
        }
      }
      out.printf(
          Locale.ROOT,
          "  Raft commits, %d managers (%s), runs of %,d entries after %,d warm-up ones"
              + " (the first of them, cold: %,.0f entries/s, %,.0f per CPU second): %s%n",
          managers,
          template,
          BATCH * ROUNDS,
          WARM_UP_RUNS * BATCH * ROUNDS,
          coldWall,
          coldCpu,
          figures(
              perSecond,
              perCpuSecond,
              "%,.0f",
              " entries/s",
              String.format(Locale.ROOT, "≥ %,.0f", TARGET_COMMITS_PER_SECOND),
              TARGET_COMMITS_PER_SECOND,
              "per second of the thread's CPU",
              ""));
      out.flush();
    }
  }

  /** {@link #BATCH} store writes proposed at once, the virtual clock run until all committed. */
  private static void round(SimSession s, Manager leader) {
    List<CompletableFuture<?>> all = new ArrayList<>();
    for (int i = 0; i < BATCH; i++) {
      all.add(leader.propose(List.of(StoreAction.put(StoreAction.LB, "bench", "10.0.0.250/24"))));
    }
    CompletableFuture<?> done = CompletableFuture.allOf(all.toArray(new CompletableFuture<?>[0]));
    if (!Manager.await(s.clock(), done, Duration.ofMinutes(10))) {
      throw new IllegalStateException("the batch did not commit");
    }
  }

  private static void converge(PrintWriter out) {
    int nodes = Template.of(LARGE).nodes().size();
    Runtime rt = Runtime.getRuntime();
    double[] seconds = new double[CONVERGE_RUNS];
    double[] cpuSeconds = new double[CONVERGE_RUNS];
    long joinedHeap = 0;
    long convergedHeap = 0;
    double joinSeconds = 0;
    double coldSeconds = 0;
    double coldCpuSeconds = 0;
    for (int run = -1; run < CONVERGE_RUNS; run++) { // run -1: warm-up
      System.gc();
      long before = rt.totalMemory() - rt.freeMemory();
      long j0 = System.nanoTime();
      try (SimSession s = swarm(LARGE, 3)) {
        joinSeconds = (System.nanoTime() - j0) / 1e9;
        System.gc();
        joinedHeap = rt.totalMemory() - rt.freeMemory() - before;
        Engine mgr1 = s.host("mgr1").engine();
        long t0 = System.nanoTime();
        long c0 = cpu();
        s.type(
            "mgr1",
            "docker service create -d --name bench --replicas " + REPLICAS + " alpine sleep 1d");
        long virtualLimit = s.clock().nowNanos() + Duration.ofMinutes(10).toNanos();
        while (running(mgr1) < REPLICAS) {
          if (s.clock().nowNanos() > virtualLimit) {
            throw new IllegalStateException(REPLICAS + " replicas did not converge");
          }
          s.advance(Duration.ofMillis(500));
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        double onCpu = (cpu() - c0) / 1e9;
        if (run >= 0) {
          seconds[run] = wall;
          cpuSeconds[run] = onCpu;
        } else {
          coldSeconds = wall;
          coldCpuSeconds = onCpu;
        }
        System.gc();
        convergedHeap = rt.totalMemory() - rt.freeMemory() - before;
      }
    }
    out.printf(
        Locale.ROOT,
        "  converge %,d replicas on %d nodes (%s), after a warm-up swarm (cold: %.3f s, %.3f s of"
            + " CPU): %s%n",
        REPLICAS,
        nodes,
        LARGE,
        coldSeconds,
        coldCpuSeconds,
        figures(
            seconds,
            cpuSeconds,
            "%.3f",
            " s",
            String.format(Locale.ROOT, "< %.0f s", TARGET_CONVERGE_SECONDS),
            TARGET_CONVERGE_SECONDS,
            "the thread's CPU",
            " s"));
    out.printf(
        Locale.ROOT,
        "  %s joined (%.1f s to init and join): heap %,.1f MiB, %,.2f MiB per node; with %,d"
            + " replicas running: %,.1f MiB, %,.2f MiB per node%n",
        LARGE,
        joinSeconds,
        joinedHeap / 1048576.0,
        joinedHeap / 1048576.0 / nodes,
        REPLICAS,
        convergedHeap / 1048576.0,
        convergedHeap / 1048576.0 / nodes);
  }

  /**
   * "min / median / max UNIT min/median/max of N runs (goal …: median R× the goal); CPU: min /
   * median / max … (R×)": the runs' figures in wall time, then on the thread's CPU time.
   */
  private static String figures(
      double[] wall,
      double[] cpu,
      String number,
      String unit,
      String goal,
      double target,
      String cpuLabel,
      String cpuUnit) {
    BenchForks.Summary w = new BenchForks.Summary("wall", unit, wall, target);
    BenchForks.Summary c = new BenchForks.Summary("cpu", cpuUnit, cpu, target);
    String three = number + " / " + number + " / " + number;
    return String.format(
        Locale.ROOT,
        three
            + unit
            + " min/median/max of %d runs (goal %s: median %.2f× the goal); %s: "
            + three
            + cpuUnit
            + " (median %.2f×)",
        w.min(),
        w.median(),
        w.max(),
        wall.length,
        goal,
        w.median() / target,
        cpuLabel,
        c.min(),
        c.median(),
        c.max(),
        c.median() / target);
  }

  /** This thread's CPU time in nanoseconds (the simulator's one thread). */
  private static long cpu() {
    return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
  }

  private static long running(Engine e) {
    long n = 0;
    for (Service s : e.services().list(Map.of(), true)) {
      n += s.serviceStatus() == null ? 0 : s.serviceStatus().runningTasks();
    }
    return n;
  }
}

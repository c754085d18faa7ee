package dev.ddlab.app;

import dev.ddlab.bridge.bench.VsRealBench;
import dev.ddlab.bridge.real.RealEngine;
import dev.ddlab.engine.ContainersApi;
import dev.ddlab.engine.Engine;
import dev.ddlab.engine.EngineException;
import dev.ddlab.engine.dto.ContainerConfig;
import dev.ddlab.engine.dto.HostConfig;
import dev.ddlab.session.SimSession;
import dev.ddlab.session.TranscriptEntry;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ddlab bench}: speed and memory of the simulated node, against the foundation issue's
 * targets (≤ 50 µs per {@code docker run -d alpine sleep 1d} + {@code docker rm -f} pair, ≤ 1 MB
 * per idle node). It measures wall time on purpose: this is a benchmark, not a test, and nothing
 * here runs inside the simulator. Other suites are separate classes this command dispatches to.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description =
        "Measure the simulated node: run+rm pairs, ps with 1,000 containers, heap per node.")
public final class BenchCommand implements Callable<Integer> {
  static final double TARGET_PAIR_MICROS = 50;
  static final double TARGET_NODE_BYTES = 1024 * 1024;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--pairs",
      defaultValue = "2000",
      description =
          "run+rm pairs per round (warm-up ≥ 3 s, then 5 rounds; default ${DEFAULT-VALUE}).")
  int pairs;

  @Option(
      names = "--nodes",
      defaultValue = "200",
      description = "idle nodes to weigh (default ${DEFAULT-VALUE}).")
  int nodes;

  @Option(
      names = "--containers",
      defaultValue = "1000",
      description = "containers for ps -a and heap (default ${DEFAULT-VALUE}).")
  int containers;

  @Option(
      names = "--vs-real",
      description =
          "Instead: the same run -d + rm -f loop and ps -a with 100 containers on the simulator"
              + " and on a real daemon (DOCKER_HOST or --docker-host), with the ratio.")
  boolean vsReal;

  @Option(
      names = "--docker-host",
      paramLabel = "URL",
      description = "With --vs-real: the real daemon (e.g. ddlab real-engine up's socket).")
  String dockerHost;

  @Option(
      names = "--real-pairs",
      defaultValue = "50",
      description = "With --vs-real: run+rm pairs per engine (default ${DEFAULT-VALUE}).")
  int realPairs;

  @Option(
      names = "--grade",
      description = "Benchmark grading instead: replay and check generated lab submissions.")
  boolean grade;

  @Option(
      names = "--net",
      description =
          "Benchmark the frame data plane instead: pings between containers and HTTP requests"
              + " through a published port, in frames per second.")
  boolean net;

  @Option(
      names = "--submissions",
      defaultValue = "200",
      description = "submissions to grade with --grade (default ${DEFAULT-VALUE}).")
  int submissions;

  @Option(
      names = "--web",
      description =
          "Measure the web playground instead: WebSocket clients on loopback, each with its own"
              + " session, typing commands (see --clients).")
  boolean web;

  @Option(
      names = "--clients",
      defaultValue = "500",
      description = "with --web: concurrent sessions, at most 2000 (default ${DEFAULT-VALUE}).")
  int clients;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    if (vsReal) {
      return vsReal(out);
    }
    if (grade) {
      dev.ddlab.grader.run.GradeBench.run(
          Math.max(1, submissions), dev.ddlab.grader.cli.Sessions.simulated(), out);
      return 0;
    }
    if (net) {
      NetBench.run(Math.max(10, pairs) * 10, out);
      return 0;
    }
    if (web) {
      return WebBenchCommand.run(clients, out, spec.commandLine().getErr());
    }
    out.println(
        "ddlab bench — simulated node (wall time, this machine; median of "
            + MEASURED_ROUNDS
            + " rounds after ≥ "
            + WARM_UP_SECONDS
            + " s of warm-up)");
    double shellPair = shellPairs(Math.max(10, pairs));
    report(
        out,
        "docker run -d alpine sleep 1d + docker rm -f (shell+CLI)",
        shellPair,
        "µs/pair",
        TARGET_PAIR_MICROS);
    double enginePair = enginePairs(Math.max(10, pairs));
    report(out, "the same pair through Engine directly", enginePair, "µs/pair", TARGET_PAIR_MICROS);
    double ps = psWithContainers(Math.max(1, containers));
    report(out, "docker ps -a with " + containers + " containers", ps, "µs/call", Double.NaN);
    double[] heap = heap(Math.max(1, nodes), Math.max(1, containers));
    report(out, "heap per idle node (" + nodes + " nodes)", heap[0], "bytes", TARGET_NODE_BYTES);
    report(
        out, "heap per container (" + containers + " running sleep)", heap[1], "bytes", Double.NaN);
    out.flush();
    return 0;
  }

  /**
   * The simulator against a real daemon: the loops are the bridge's {@link VsRealBench}; the
   * simulated node (with alpine, as the private daemon has it) is wired here.
   */
  private int vsReal(PrintWriter out) {
    PrintWriter err = spec.commandLine().getErr();
    try (RealEngine real = RealEngine.fromEnvironment(dockerHost);
        SimSession sim = SimSession.open("single", 1)) {
      real.system().ping();
      Engine simulated = sim.engine("node1");
      simulated.images().pull(VsRealBench.IMAGE, null, false, m -> {});
      out.println("ddlab bench --vs-real — simulator vs " + real.host() + " (wall time)");
      VsRealBench.run(simulated, real, Math.max(1, realPairs), out);
      return 0;
    } catch (EngineException | VsRealBench.Unusable e) {
      err.println("ddlab bench --vs-real: " + e.getMessage());
      err.flush();
      return 1;
    }
  }

  private static void report(
      PrintWriter out, String what, double value, String unit, double target) {
    if (Double.isNaN(target)) {
      out.printf(Locale.ROOT, "  %-58s %12.1f %s%n", what, value, unit);
    } else {
      out.printf(
          Locale.ROOT,
          "  %-58s %12.1f %s  (target ≤ %.0f, ratio %.2f)%n",
          what,
          value,
          unit,
          target,
          value / target);
    }
  }

  /**
   * Rounds run first and not counted, for at least {@link #WARM_UP_SECONDS}: the JIT compiles the
   * simulator's hot paths during these (tens of thousands of commands on two cores).
   */
  static final int WARM_UP_ROUNDS = 5;

  static final int WARM_UP_SECONDS = 3;

  /** Rounds counted; the median is reported, so one GC pause does not decide the figure. */
  static final int MEASURED_ROUNDS = 5;

  /**
   * Microseconds per operation in steady state, the way JMH would measure it: warm-up rounds of
   * {@code perRound} operations, then the median of {@link #MEASURED_ROUNDS} more.
   */
  static double steadyMicros(int perRound, Runnable op) {
    long warmUpEnd = System.nanoTime() + WARM_UP_SECONDS * 1_000_000_000L;
    for (int r = 0; r < WARM_UP_ROUNDS || System.nanoTime() < warmUpEnd; r++) {
      round(perRound, op);
    }
    double[] rounds = new double[MEASURED_ROUNDS];
    for (int r = 0; r < MEASURED_ROUNDS; r++) {
      rounds[r] = round(perRound, op);
    }
    Arrays.sort(rounds);
    return rounds[MEASURED_ROUNDS / 2];
  }

  private static double round(int perRound, Runnable op) {
    long t0 = System.nanoTime();
    for (int i = 0; i < perRound; i++) {
      op.run();
    }
    return (System.nanoTime() - t0) / 1e3 / perRound;
  }

  /** Microseconds per run+rm pair typed at node1's prompt. */
  static double shellPairs(int n) {
    try (SimSession s = SimSession.open("single", 1)) {
      s.type("node1", "docker pull alpine");
      return steadyMicros(n, () -> pair(s));
    }
  }

  private static void pair(SimSession s) {
    TranscriptEntry run = s.type("node1", "docker run -d alpine sleep 1d");
    String id = run.output().strip();
    s.type("node1", "docker rm -f " + id);
  }

  /** Microseconds per create+start+remove(force) through the Engine API. */
  static double enginePairs(int n) {
    try (SimSession s = SimSession.open("single", 2)) {
      s.type("node1", "docker pull alpine");
      ContainersApi c = s.engine("node1").containers();
      return steadyMicros(n, () -> enginePair(c));
    }
  }

  private static void enginePair(ContainersApi c) {
    String id = c.create(null, sleepConfig(), HostConfig.none(), null, null).id();
    c.start(id);
    c.remove(id, true, false);
  }

  static ContainerConfig sleepConfig() {
    return ContainerConfig.command("alpine", List.of("sleep", "1d"));
  }

  /** Microseconds per {@code docker ps -a} with {@code count} running containers. */
  static double psWithContainers(int count) {
    try (SimSession s = SimSession.open("single", 3)) {
      s.type("node1", "docker pull alpine");
      startSleepers(s.engine("node1"), count);
      return steadyMicros(20, () -> s.type("node1", "docker ps -a"));
    }
  }

  private static void startSleepers(Engine engine, int count) {
    ContainersApi c = engine.containers();
    for (int i = 0; i < count; i++) {
      String id = c.create(null, sleepConfig(), HostConfig.none(), null, null).id();
      c.start(id);
    }
  }

  /** Bytes per idle node and per running container, from the heap after GC. */
  static double[] heap(int nodeCount, int containerCount) throws InterruptedException {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    long before = usedAfterGc(memory);
    List<SimSession> keep = new ArrayList<>();
    SimSession many = SimSession.open("single", 4);
    keep.add(many);
    for (int i = 1; i < nodeCount; i++) {
      many.addNode();
    }
    long afterNodes = usedAfterGc(memory);
    double perNode = (afterNodes - before) / (double) nodeCount;
    many.type("node1", "docker pull alpine");
    long beforeContainers = usedAfterGc(memory);
    startSleepers(many.engine("node1"), containerCount);
    long afterContainers = usedAfterGc(memory);
    double perContainer = (afterContainers - beforeContainers) / (double) containerCount;
    if (keep.size() != 1) {
      throw new IllegalStateException();
    }
    many.close();
    return new double[] {perNode, perContainer};
  }

  private static long usedAfterGc(MemoryMXBean memory) throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(50);
    }
    return memory.getHeapMemoryUsage().getUsed();
  }
}

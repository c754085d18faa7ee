package dev.ddlab.app;

import dev.ddlab.bridge.bench.VsRealBench;
import dev.ddlab.bridge.bench.WarmUp;
import dev.ddlab.bridge.real.RealEngine;
import dev.ddlab.engine.Engine;
import dev.ddlab.engine.EngineException;
import dev.ddlab.session.SimSession;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ddlab bench}: speed and memory of the simulated node ({@link SimBench}: run+rm pairs, ps,
 * images, inspect, logs, events with 100 and 1,000 containers, heap per node), against the
 * foundation issue's targets (≤ 50 µs per {@code docker run -d alpine sleep 1d} + {@code docker rm
 * -f} pair, ≤ 1 MB per idle node), measured in forked JVMs ({@link BenchForks}: min, median, max,
 * spread, load average). Wall time on purpose: this is a benchmark, not a test. Other suites are
 * separate classes this command dispatches to.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description =
        "Measure the simulated node in forked JVMs: run+rm pairs, ps, images, inspect, logs and"
            + " events with 100 and 1,000 containers, heap per node (min, median, max).")
public final class BenchCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--pairs",
      defaultValue = "2000",
      description = "run+rm pairs per round (warm-up, then 5 rounds; default ${DEFAULT-VALUE}).")
  int pairs;

  @Option(
      names = "--forks",
      defaultValue = "5",
      description =
          "JVMs to measure in, one after the other; 0 measures in this one (default"
              + " ${DEFAULT-VALUE}).")
  int forks;

  @Option(
      names = "--warmup",
      paramLabel = "SECONDS",
      defaultValue = "" + SimBench.FIGURE_WARM_UP_SECONDS,
      description =
          "least warm-up per figure before the measured rounds; it goes on until the JIT is quiet"
              + " (default ${DEFAULT-VALUE}).")
  double warmUpSeconds;

  @Option(
      names = "--warmup-max",
      paramLabel = "SECONDS",
      defaultValue = "" + WarmUp.MAX_SECONDS,
      description =
          "longest warm-up per figure; a figure whose JIT still compiled then says so (default"
              + " ${DEFAULT-VALUE}).")
  double warmUpMaxSeconds;

  @Option(
      names = "--json",
      paramLabel = "FILE",
      description =
          "Also write the run's figures (each fork's value, wall and thread CPU) to FILE as JSON,"
              + " for --compare.")
  java.nio.file.Path json;

  @Option(
      names = "--compare",
      arity = "2",
      paramLabel = "RUN.json",
      description =
          "Instead: compare two runs written with --json, figure by figure (medians, difference,"
              + " whether within 20%%); exit 1 when a figure is not.")
  List<java.nio.file.Path> compare;

  @Option(
      names = "--only",
      paramLabel = "REGEX",
      description =
          "Measure only the figures whose name this regular expression finds (e.g. 'ps -a')."
              + " Each fork measures every selected figure.")
  java.util.regex.Pattern only;

  @Option(names = "--fork-child", hidden = true, description = "(a fork measuring once)")
  boolean forkChild;

  @Option(
      names = "--nodes",
      defaultValue = "200",
      description = "idle nodes to weigh (default ${DEFAULT-VALUE}).")
  int nodes;

  @Option(
      names = "--containers",
      defaultValue = "1000",
      description =
          "containers for ps, images, inspect, logs, events and heap; ps is also measured with"
              + " 100 when more (default ${DEFAULT-VALUE}).")
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
      description =
          "With --vs-real or --soak: the real daemon (e.g. ddlab real-engine up's socket).")
  String dockerHost;

  @Option(
      names = "--real-pairs",
      defaultValue = "50",
      description =
          "With --vs-real: run+rm pairs, and runs of each other operation, on the real daemon"
              + " (default ${DEFAULT-VALUE}).")
  int realPairs;

  @Option(
      names = "--vs-real-sizes",
      split = ",",
      paramLabel = "N",
      defaultValue = "100,1000",
      description =
          "With --vs-real: containers on each node for ps, images, inspect, logs and events"
              + " (default ${DEFAULT-VALUE}).")
  List<Integer> vsRealSizes;

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
      names = "--overlay",
      description =
          "Benchmark the VXLAN data plane instead: pings between tasks on two nodes and HTTP"
              + " requests through the routing mesh, in frames per second.")
  boolean overlay;

  @Option(
      names = "--swarm",
      description =
          "Benchmark Swarm instead: Raft commits per second on 3 and 5 simulated managers, the"
              + " wall time 1,000 replicas take to converge, heap per node.")
  boolean swarm;

  @Option(
      names = "--build",
      description =
          "Benchmark builds instead: builds per second of the course's multi-stage app cold and"
              + " fully cached, and one multi-stage Dockerfile on the simulator and on a real"
              + " daemon (DOCKER_HOST or --docker-host, classic builder) with the ratios.")
  boolean build;

  @Option(
      names = "--quota",
      description =
          "Measure the heap one simulated node costs when a learner fills its quotas (login and"
              + " container memory, the disk through a container's log), a six-node session"
              + " filled from every node, and the worst case per session of 1 and 6 nodes.")
  boolean quota;

  @Option(
      names = "--submissions",
      defaultValue = "200",
      description = "submissions to grade with --grade (default ${DEFAULT-VALUE}).")
  int submissions;

  @Option(
      names = "--web",
      description =
          "Measure the web playground instead: WebSocket clients on loopback, each with its own"
              + " session, all typing at a human pace (open loop: a command every 5 s ± 50%%, key"
              + " by key every 120 ms ± 40%%); keystroke echo and command p50/p99, commands/s, CPU,"
              + " heap per idle session (see --clients, --seconds).")
  boolean web;

  @Option(
      names = "--clients",
      defaultValue = "500",
      description =
          "with --web or --soak: concurrent sessions, every one typing, at most 2000 (default"
              + " ${DEFAULT-VALUE}).")
  int clients;

  @Option(
      names = "--seconds",
      defaultValue = "60",
      description =
          "with --web: seconds measured after the warm-up (--warmup, at least 10 s) (default"
              + " ${DEFAULT-VALUE}).")
  int webSeconds;

  @Option(
      names = "--soak",
      description =
          "Keep --clients sessions typing for --minutes, end them, then check that the heap is"
              + " back near its start and no thread is left; with --docker-host also that 100"
              + " real-engine sessions leave no object on that daemon. PASS/FAIL, exit 1 on FAIL.")
  boolean soak;

  @Option(
      names = "--minutes",
      defaultValue = "5",
      description = "with --soak: minutes of typing (default ${DEFAULT-VALUE}).")
  int minutes;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    if (compare != null) {
      return compare(out);
    }
    if ((vsReal || net || swarm || overlay || build || quota) && !BenchForks.measuresInPlace()) {
      // these measure in this JVM: in a child with a fixed, pre-touched heap instead
      return BenchForks.inFixedHeap(
          spec.commandLine().getParseResult().originalArgs(), out, spec.commandLine().getErr());
    }
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
    if (swarm) {
      SwarmBench.run(out);
      return 0;
    }
    if (overlay) {
      OverlayBench.run(Math.max(10, pairs) * 10, out);
      return 0;
    }
    if (build) {
      return build(out);
    }
    if (quota) {
      QuotaBench.run(out);
      return 0;
    }
    if (web) {
      return WebBenchCommand.web(
          clients, webSeconds, warmUpSeconds, out, spec.commandLine().getErr());
    }
    if (soak) {
      return WebBenchCommand.soak(
          clients, minutes, warmUpSeconds, dockerHost, out, spec.commandLine().getErr());
    }
    SimBench.Options options =
        new SimBench.Options(
            pairs,
            nodes,
            containers,
            Math.max(0, warmUpSeconds),
            Math.max(0, warmUpMaxSeconds),
            only);
    try {
      return simulated(out, options);
    } catch (IllegalStateException e) {
      // a command of the benchmark failed: never a figure, one line saying which
      spec.commandLine().getErr().println("ddlab bench: " + e.getMessage());
      spec.commandLine().getErr().flush();
      return 1;
    }
  }

  private int simulated(PrintWriter out, SimBench.Options options)
      throws java.io.IOException, InterruptedException {
    if (forkChild) {
      // the machine's speed before the figures and after each pass of one measured round of
      // every figure (BenchCalibration; the figures' rounds are interleaved, BenchSchedule)
      out.println(BenchCalibration.measure("before").line());
      new SimBench(options)
          .run(
              f -> {
                out.println(BenchForks.line(f));
                out.flush();
              },
              pass -> {
                out.println(
                    BenchCalibration.measure("after round " + (pass + 1) + " of every figure")
                        .line());
                out.flush();
              });
      out.flush();
      return 0;
    }
    if (forks <= 0) {
      out.println(
          "ddlab bench — simulated node, in this JVM (wall time; median of "
              + SimBench.MEASURED_ROUNDS
              + " rounds after "
              + warmUpText()
              + "; "
              + BenchForks.load()
              + ")");
      new SimBench(options).run(f -> report(out, f));
      out.flush();
      return 0;
    }
    out.println(
        "ddlab bench — simulated node, "
            + forks
            + " forked JVMs (wall time; each fork: median of "
            + SimBench.MEASURED_ROUNDS
            + " rounds after "
            + warmUpText()
            + ")");
    String before = BenchForks.loadOfForks();
    out.println("  before: " + before);
    out.flush();
    List<String> child = new ArrayList<>(List.of("bench", "--fork-child"));
    child.addAll(
        List.of(
            "--pairs",
            Integer.toString(pairs),
            "--nodes",
            Integer.toString(nodes),
            "--containers",
            Integer.toString(containers),
            "--warmup",
            Double.toString(warmUpSeconds),
            "--warmup-max",
            Double.toString(warmUpMaxSeconds)));
    if (only != null) {
      child.addAll(List.of("--only", only.pattern()));
    }
    long started = System.nanoTime();
    List<BenchCalibration.Fork> calibration = new ArrayList<>();
    List<BenchForks.Summary> figures = BenchForks.run(forks, child, out, calibration);
    long seconds = Math.round((System.nanoTime() - started) / 1e9);
    BenchForks.print(out, figures, forks, warmUpMaxSeconds);
    BenchCalibration.print(out, calibration, BenchForks.slowness(figures, forks));
    String after = BenchForks.loadOfForks();
    out.println(
        "  after: " + after + "; the forks took " + seconds / 60 + " min " + seconds % 60 + " s");
    if (json != null) {
      BenchCompare.write(BenchCompare.run(forks, before, after, figures, calibration), json);
      out.println(
          "  figures written to "
              + json
              + " (compare two runs: ./ddlab bench --compare A.json B.json)");
    }
    out.println(
        "  A figure is a result only on a quiet machine (load average well under the cores) with"
            + " a small spread; re-measure with ./ddlab bench --forks 7");
    // last, where a reader of two runs in a row looks: how long one takes (issue 15: at most 10
    // min)
    long total = Math.round((System.nanoTime() - started) / 1e9);
    out.println("  this run took " + total / 60 + " min " + total % 60 + " s");
    out.flush();
    return 0;
  }

  /** {@code --compare A.json B.json}: 0 when every figure agrees within 20%. */
  private int compare(PrintWriter out) {
    try {
      return BenchCompare.compare(
          BenchCompare.read(compare.get(0)),
          BenchCompare.read(compare.get(1)),
          compare.get(0).toString(),
          compare.get(1).toString(),
          out);
    } catch (java.io.IOException e) {
      spec.commandLine().getErr().println("ddlab bench --compare: " + e.getMessage());
      spec.commandLine().getErr().flush();
      return 2;
    }
  }

  /**
   * The simulator against a real daemon: the loops are the bridge's {@link VsRealBench}; the
   * simulated node (with alpine, as the private daemon has it) is wired here.
   */
  private int vsReal(PrintWriter out) {
    PrintWriter err = spec.commandLine().getErr();
    List<SimSession> sessions = new ArrayList<>();
    try (RealEngine real = RealEngine.fromEnvironment(dockerHost)) {
      real.system().ping();
      out.println(
          "ddlab bench --vs-real — simulator vs "
              + real.host()
              + " in one run (wall time; "
              + BenchForks.load()
              + ")");
      // each simulated node as a learner's: a session of the single-node template, with alpine
      java.util.function.Supplier<Engine> nodes =
          () -> {
            SimSession sim = SimSession.open("single", 1);
            sessions.add(sim);
            Engine simulated = sim.engine("node1");
            simulated.images().pull(VsRealBench.IMAGE, null, false, m -> {});
            return simulated;
          };
      VsRealBench.run(
          nodes, real, Math.max(1, realPairs), vsRealSizes, Math.max(0, warmUpMaxSeconds), out);
      return 0;
    } catch (EngineException | VsRealBench.Unusable e) {
      err.println("ddlab bench --vs-real: " + e.getMessage());
      err.flush();
      return 1;
    } finally {
      sessions.forEach(SimSession::close);
    }
  }

  /**
   * Builds per second ({@link BuildBench}); with a reachable real daemon also its classic
   * builder's, with the ratios. Without one the simulator's figures alone, and a line saying why.
   */
  private int build(PrintWriter out) {
    PrintWriter err = spec.commandLine().getErr();
    RealEngine real = null;
    try {
      real = RealEngine.fromEnvironment(dockerHost);
      real.system().ping();
    } catch (EngineException | IllegalArgumentException e) {
      err.println("ddlab bench --build: no real daemon (" + e.getMessage() + ")");
      err.flush();
      if (real != null) {
        real.close();
      }
      real = null;
    }
    try {
      BuildBench.run(real, real == null ? "" : real.host(), Math.max(1, realPairs / 10), out);
      return 0;
    } catch (EngineException | IllegalStateException e) {
      err.println("ddlab bench --build: " + e.getMessage());
      err.flush();
      return 1;
    } finally {
      if (real != null) {
        real.close();
      }
    }
  }

  /** The warm-up as the header states it. */
  private String warmUpText() {
    return String.format(
        Locale.ROOT,
        "a warm-up per figure of at least %s s and until the JIT is quiet (at most %s s), every"
            + " figure warmed up before any is measured, the figures' rounds taken in turn",
        warmUpSeconds,
        warmUpMaxSeconds);
  }

  private void report(PrintWriter out, SimBench.Figure f) {
    String note =
        BenchForks.unsettledNote(f.settled() ? 0 : 1, 1, warmUpMaxSeconds)
            + (Double.isNaN(f.cpu())
                ? ""
                : String.format(
                    Locale.ROOT,
                    "  [thread CPU %.1f; waited for a CPU %.0f%%, GC %.0f%%; allocated %.0f B/op]",
                    f.cpu(),
                    100 * f.waited(),
                    100 * f.gc(),
                    f.alloc()));
    if (Double.isNaN(f.target())) {
      out.printf(Locale.ROOT, "  %-58s %12.1f %s%s%n", f.name(), f.value(), f.unit(), note);
    } else {
      out.printf(
          Locale.ROOT,
          "  %-58s %12.1f %s  (target ≤ %.0f, ratio %.2f)%s%n",
          f.name(),
          f.value(),
          f.unit(),
          f.target(),
          f.value() / f.target(),
          note);
    }
    out.flush();
  }
}

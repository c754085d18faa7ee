package dev.ddlab.bridge.bench;

import dev.ddlab.cli.CliContext;
import dev.ddlab.cli.DockerCli;
import dev.ddlab.client.CliResult;
import dev.ddlab.client.CommandIo;
import dev.ddlab.engine.Engine;
import dev.ddlab.engine.EngineException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * {@code ddlab bench --vs-real}: the same loop through ddlab's docker CLI on a simulated node and
 * on a real daemon — {@code run -d} + {@code rm -f}, N times; {@code ps -a} with 100 containers —
 * and each figure's ratio. Wall-clock measurements of a benchmark, never of a test.
 */
public final class VsRealBench {
  /** Mean wall time per operation on each engine. */
  public record Figure(String operation, double simulatorMicros, double realMicros) {
    public double ratio() {
      return realMicros / simulatorMicros;
    }
  }

  private static final int PS_CONTAINERS = 100;
  private static final int SIM_WARMUP = 500;
  private static final int SIM_ROUNDS = 2000;

  /** The image both loops run. */
  public static final String IMAGE = "alpine:latest";

  /** An engine cannot run the loops (an image is missing, a command failed): what to do. */
  public static final class Unusable extends RuntimeException {
    Unusable(String message) {
      super(message);
    }
  }

  private VsRealBench() {}

  /**
   * Runs both loops on both engines and prints each figure and the ratio.
   *
   * @param sim a simulated node with {@link #IMAGE} (the application layer wires it)
   * @param real the daemon to compare with
   * @throws Unusable when an engine lacks {@link #IMAGE} or a command of a loop fails
   */
  public static List<Figure> run(Engine sim, Engine real, int n, PrintWriter out) {
    requireImage(sim);
    requireImage(real);
    String prefix = "bench" + ProcessHandle.current().pid() + "-";
    List<Figure> figures = new ArrayList<>();
    try {
      // the simulator gets a JIT warm-up and many more rounds: its figure is microseconds
      runRm(sim, prefix, SIM_WARMUP);
      double simRun = runRm(sim, prefix, Math.max(n, SIM_ROUNDS));
      double realRun = runRm(real, prefix, n);
      figures.add(new Figure("run -d + rm -f", simRun, realRun));
      double simPs = psWith(sim, prefix, SIM_ROUNDS / 10);
      double realPs = psWith(real, prefix, Math.max(n, 5));
      figures.add(new Figure("ps -a (" + PS_CONTAINERS + " containers)", simPs, realPs));
    } finally {
      removeAll(real, prefix);
    }
    out.printf(
        Locale.ROOT, "%-28s %14s %14s %10s%n", "operation", "simulator", "real dockerd", "ratio");
    for (Figure f : figures) {
      out.printf(
          Locale.ROOT,
          "%-28s %11.1f µs %11.1f µs %9.0f×%n",
          f.operation(),
          f.simulatorMicros(),
          f.realMicros(),
          f.ratio());
    }
    out.flush();
    return figures;
  }

  private static void requireImage(Engine engine) {
    try {
      engine.images().inspect(IMAGE);
    } catch (EngineException e) {
      if (!e.isNotFound()) {
        throw e;
      }
      throw new Unusable(
          "the daemon at "
              + engine.host()
              + " has no image "
              + IMAGE
              + ", which the benchmark runs: import it with `./ddlab real-engine up` (ddlab's"
              + " private daemon, offline) or `docker pull alpine`, then try again");
    }
  }

  private static double runRm(Engine engine, String prefix, int n) {
    DockerCli cli = new DockerCli(engine, CliContext.none());
    docker(cli, "run", "-d", "--name", prefix + "warm", "alpine", "sleep", "1000");
    docker(cli, "rm", "-f", prefix + "warm");
    long start = System.nanoTime();
    for (int i = 0; i < n; i++) {
      docker(cli, "run", "-d", "--name", prefix + i, "alpine", "sleep", "1000");
      docker(cli, "rm", "-f", prefix + i);
    }
    return (System.nanoTime() - start) / 1000.0 / n;
  }

  private static double psWith(Engine engine, String prefix, int repeats) {
    DockerCli cli = new DockerCli(engine, CliContext.none());
    for (int i = 0; i < PS_CONTAINERS; i++) {
      docker(cli, "create", "--name", prefix + "ps" + i, "alpine", "true");
    }
    for (int i = 0; i < Math.min(repeats, 50); i++) {
      docker(cli, "ps", "-a"); // warm-up
    }
    long start = System.nanoTime();
    for (int i = 0; i < repeats; i++) {
      docker(cli, "ps", "-a");
    }
    double micros = (System.nanoTime() - start) / 1000.0 / repeats;
    removeAll(engine, prefix);
    return micros;
  }

  private static void docker(DockerCli cli, String... args) {
    StringBuilder err = new StringBuilder();
    CliResult r =
        cli.run(
            Arrays.asList(args),
            new CommandIo() {
              @Override
              public void out(String text) {}

              @Override
              public void err(String text) {
                err.append(text);
              }
            });
    if (r.exitCode() != 0) {
      throw new Unusable("docker " + String.join(" ", args) + " failed: " + err.toString().strip());
    }
  }

  private static void removeAll(Engine engine, String prefix) {
    for (var c : engine.containers().list(true, 0, false, java.util.Map.of())) {
      if (c.names().stream().anyMatch(name -> name.startsWith("/" + prefix))) {
        try {
          engine.containers().remove(c.id(), true, false);
        } catch (EngineException gone) {
          // already removed
        }
      }
    }
  }
}

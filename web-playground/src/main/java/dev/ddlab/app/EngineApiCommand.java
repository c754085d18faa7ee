package dev.ddlab.app;

import dev.ddlab.bridge.api.EngineApiServer;
import dev.ddlab.bridge.real.RealEngine;
import dev.ddlab.engine.Engine;
import dev.ddlab.sim.clock.VirtualClock;
import dev.ddlab.sim.host.Cluster;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code ddlab engine-api}: serves an engine as the Docker Engine API until interrupted, so the
 * real docker CLI can drive it. The bridge's {@link EngineApiServer} serves any engine; wiring the
 * simulated node behind it (a cluster whose virtual clock follows wall time) is this layer's job.
 */
@Command(
    name = "engine-api",
    mixinStandardHelpOptions = true,
    description =
        "Serve an engine as the Docker Engine API (v1.41), e.g. for"
            + " DOCKER_HOST=tcp://127.0.0.1:2375 docker ps.")
public final class EngineApiCommand implements Callable<Integer> {
  /** An engine ready to serve, the lock its callers share, and what to close afterwards. */
  record Served(
      Engine engine, Object lock, EngineApiServer.TimeDriver ticker, AutoCloseable resources) {}

  @Spec CommandSpec spec;

  @Option(
      names = "--port",
      defaultValue = "2375",
      description = "TCP port on 127.0.0.1 (default ${DEFAULT-VALUE}; 0 picks a free one).")
  int port;

  @Option(names = "--socket", description = "Also listen on this unix socket.")
  Path socket;

  @Option(
      names = "--template",
      defaultValue = "single",
      description = "Session template of the simulated node (default ${DEFAULT-VALUE}).")
  String template;

  @Option(names = "--seed", defaultValue = "1", description = "Seed of the simulation.")
  long seed;

  @Option(
      names = "--docker-host",
      description =
          "Serve a real daemon (unix:// or tcp://) instead of a simulated node, to compare the"
              + " two through the same server.")
  String dockerHost;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Served served = dockerHost != null ? real(dockerHost) : simulated();
    if (socket != null) {
      Files.deleteIfExists(socket);
    }
    try (AutoCloseable resources = served.resources();
        EngineApiServer server =
            new EngineApiServer(served.engine(), served.lock(), served.ticker(), port, socket)
                .start()) {
      out.println("Engine API listening on tcp://127.0.0.1:" + server.port());
      if (socket != null) {
        out.println("Engine API listening on unix://" + socket);
      }
      out.println(
          "Try: DOCKER_HOST=tcp://127.0.0.1:" + server.port() + " docker version   (Ctrl-C stops)");
      out.flush();
      CountDownLatch stop = new CountDownLatch(1);
      Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
      stop.await();
    }
    return 0;
  }

  private static Served real(String host) {
    RealEngine real = RealEngine.fromEnvironment(host);
    return new Served(real, new Object(), null, real);
  }

  /** node1 of a fresh simulated cluster; its virtual clock follows wall time while served. */
  private Served simulated() {
    if (!"single".equals(template)) {
      throw new ParameterException(
          spec.commandLine(),
          "unknown template: " + template + " (engine-api serves one node: single)");
    }
    // served to a real CLI, virtual time starts at wall time so "Up 2 minutes" and
    // "events --since 1m" mean what the learner expects
    Instant now = Instant.now();
    Cluster cluster =
        Cluster.builder(seed)
            .clock(new VirtualClock(now.getEpochSecond() * 1_000_000_000L + now.getNano()))
            .build();
    cluster.addNode();
    return new Served(
        cluster.node("node1").engine(), new Object(), cluster.clock()::advance, () -> {});
  }
}

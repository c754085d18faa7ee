package dev.ddlab.app;

import dev.ddlab.engine.Engine;
import dev.ddlab.engine.dto.BuildMessage;
import dev.ddlab.engine.dto.BuildRequest;
import dev.ddlab.session.SimSession;
import dev.ddlab.session.TranscriptEntry;
import dev.ddlab.sim.fs.Layer;
import dev.ddlab.sim.fs.LayerBuilder;
import dev.ddlab.sim.fs.TarCodec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * {@code ddlab bench --build}: builds per second. On the simulator the course's multi-stage app
 * ({@code ddd-book/multi-stage}, typed as a learner types it) cold ({@code --no-cache}) and fully
 * cached; then one Dockerfile of the same shape (a base stage, two stages on it side by side, a
 * scratch stage copying from both) on the simulator and on a real daemon's classic builder, in one
 * run, with the ratios (goal: a cached rebuild ≥ 100× faster than the real daemon's). That
 * Dockerfile is on alpine because the private daemon has no golang image and no network. Wall time
 * on purpose: a benchmark, not a test.
 */
final class BuildBench {
  /** The goal of issue 10: a cached rebuild at least this many times faster than the daemon's. */
  static final double CACHED_GOAL = 100;

  /** The course's multi-stage shape on alpine (the private daemon's images), for both engines. */
  static final String SHARED_DOCKERFILE =
      """
      FROM alpine AS base
      WORKDIR /src
      COPY . .
      RUN mkdir -p /out && cp /src/app.txt /out/app

      FROM base AS build-client
      RUN cp /out/app /bin/client

      FROM base AS build-server
      RUN cp /out/app /bin/server

      FROM scratch AS prod
      COPY --from=build-client /bin/client /bin/
      COPY --from=build-server /bin/server /bin/
      ENTRYPOINT [ "/bin/server" ]
      """;

  private BuildBench() {}

  /**
   * Measures and prints; {@code real} is the daemon to compare with, or null for the simulator's
   * figures only.
   */
  static void run(Engine real, String realName, int realRuns, PrintWriter out) {
    out.println(
        "ddlab bench --build — builds per second (wall time; median of "
            + SimBench.MEASURED_ROUNDS
            + " rounds after ≥ "
            + SimBench.WARM_UP_SECONDS
            + " s of warm-up on the simulator; "
            + BenchForks.load()
            + ")");
    try (SimSession s = SimSession.open("single", 1)) {
      typed(s, "git clone -q https://github.com/nigelpoulton/ddd-book.git");
      typed(s, "cd ddd-book/multi-stage");
      typed(s, "docker build -q -t multi:stage .");
      report(
          out,
          "simulator, ddd-book/multi-stage, cold (--no-cache)",
          perSecond(() -> typed(s, "docker build -q --no-cache -t multi:stage .")));
      report(
          out,
          "simulator, ddd-book/multi-stage, fully cached",
          perSecond(() -> typed(s, "docker build -q -t multi:stage .")));
      Engine sim = s.engine("node1");
      byte[] tar = context();
      BuildRequest cold = BuildRequest.of("bench-build:cold").toBuilder().noCache(true).build();
      BuildRequest cached = BuildRequest.of("bench-build:cached");
      build(sim, cached, tar);
      double simCold = perSecond(() -> build(sim, cold, tar));
      double simCached = perSecond(() -> build(sim, cached, tar));
      out.println("  the same multi-stage Dockerfile (alpine) on both engines:");
      report(out, "simulator, cold (--no-cache)", simCold);
      report(out, "simulator, fully cached", simCached);
      if (real == null) {
        out.println("  (no real daemon: give --docker-host or DOCKER_HOST for the ratios)");
        out.flush();
        return;
      }
      BuildRequest realCold = classic(cold);
      BuildRequest realCached = classic(cached);
      build(real, realCached, tar);
      double realColdRate = 1 / medianSeconds(realRuns, () -> build(real, realCold, tar));
      double realCachedRate = 1 / medianSeconds(realRuns, () -> build(real, realCached, tar));
      report(out, realName + " (classic builder), cold (--no-cache)", realColdRate);
      report(out, realName + " (classic builder), fully cached", realCachedRate);
      out.printf(
          Locale.ROOT,
          "  ratio simulator / real: cold %.0f×, cached %.0f× (goal for cached ≥ %.0f×: %s)%n",
          simCold / realColdRate,
          simCached / realCachedRate,
          CACHED_GOAL,
          simCached / realCachedRate >= CACHED_GOAL ? "met" : "not met");
      real.images().remove("bench-build:cold", true, false);
      real.images().remove("bench-build:cached", true, false);
    }
    out.flush();
  }

  private static void typed(SimSession s, String line) {
    TranscriptEntry e = s.type("node1", line);
    if (e.exitCode() != 0) {
      throw new IllegalStateException(line + ": " + e.output());
    }
  }

  /** The build context: the Dockerfile and one file to copy. */
  static byte[] context() {
    LayerBuilder b = Layer.builder(1_700_000_000_000_000_000L);
    b.file("/Dockerfile", SHARED_DOCKERFILE);
    b.file("/app.txt", "a built program\n");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    TarCodec.write(b.build(), out);
    return out.toByteArray();
  }

  /** The request for a daemon reached over its API: the classic builder (version 1). */
  private static BuildRequest classic(BuildRequest r) {
    return r.toBuilder().quiet(true).version("1").build();
  }

  private static void build(Engine e, BuildRequest r, byte[] tar) {
    List<String> errors = new ArrayList<>();
    Consumer<BuildMessage> sink =
        m -> {
          if (m.error() != null) {
            errors.add(m.error());
          }
        };
    e.builds().build(r, new ByteArrayInputStream(tar), sink);
    if (!errors.isEmpty()) {
      throw new IllegalStateException("build failed: " + errors.get(0));
    }
  }

  private static double perSecond(Runnable build) {
    return 1e6 / SimBench.steadyMicros(5, SimBench.WARM_UP_SECONDS, build);
  }

  /** The median wall time of {@code n} runs of {@code op} (a real daemon: no warm-up rounds). */
  private static double medianSeconds(int n, Runnable op) {
    double[] s = new double[Math.max(1, n)];
    for (int i = 0; i < s.length; i++) {
      long t = System.nanoTime();
      op.run();
      s[i] = (System.nanoTime() - t) / 1e9;
    }
    Arrays.sort(s);
    return s[s.length / 2];
  }

  private static void report(PrintWriter out, String what, double perSecond) {
    out.printf(Locale.ROOT, "  %-62s %10.1f builds/s%n", what, perSecond);
    out.flush();
  }
}

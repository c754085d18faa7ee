package dev.ddlab.bridge;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ddlab.bridge.real.DockerHost;
import dev.ddlab.bridge.real.RealEngine;
import dev.ddlab.engine.EngineException;

/**
 * The test convention for a real dockerd: DDLAB_DOCKER_HOST names it; when it does not answer (or
 * anything else a real-Docker test needs is missing, such as the docker CLI) the test is skipped
 * with a clear message, unless DDLAB_REQUIRE_DOCKER=1, then it fails.
 */
public final class RealDocker {
  private RealDocker() {}

  /** A RealEngine on DDLAB_DOCKER_HOST, or a skip/failure explaining why there is none. */
  public static RealEngine engineOrSkip() {
    String host = System.getenv("DDLAB_DOCKER_HOST");
    String why;
    if (host == null || host.isBlank()) {
      why = "DDLAB_DOCKER_HOST is not set (start one with ./ddlab real-engine up)";
    } else {
      RealEngine engine = new RealEngine(DockerHost.of(host));
      try {
        engine.system().ping();
        return engine;
      } catch (EngineException | IllegalArgumentException e) {
        engine.close();
        why = "no Docker daemon answers at DDLAB_DOCKER_HOST=" + host + ": " + e.getMessage();
      }
    }
    throw skipOrFail(why);
  }

  /**
   * Skips the running test because {@code why}, or fails it when DDLAB_REQUIRE_DOCKER=1 (CI, where
   * every real-Docker test must run). Never returns normally: {@code throw skipOrFail(…)}.
   */
  public static RuntimeException skipOrFail(String why) {
    if ("1".equals(System.getenv("DDLAB_REQUIRE_DOCKER"))) {
      fail(why + " — and DDLAB_REQUIRE_DOCKER=1 makes that a failure");
    }
    assumeTrue(false, "real dockerd test skipped: " + why);
    return new IllegalStateException("unreachable");
  }
}

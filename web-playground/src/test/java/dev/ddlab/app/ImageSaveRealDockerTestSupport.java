package dev.ddlab.app;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** The real dockerd of the save/load tests (DDLAB_DOCKER_HOST) and its CLI. */
final class ImageSaveRealDockerTestSupport {
  private ImageSaveRealDockerTestSupport() {}

  static String host() {
    String host = System.getenv("DDLAB_DOCKER_HOST");
    boolean required = "1".equals(System.getenv("DDLAB_REQUIRE_DOCKER"));
    String why = null;
    if (host == null || host.isBlank()) {
      why = "DDLAB_DOCKER_HOST is not set";
    } else {
      try {
        Result r = docker(host, "version", "--format", "{{.Server.Version}}");
        if (r.code != 0) {
          why = "no dockerd at " + host + ": " + r.err.strip();
        }
      } catch (IOException e) {
        why = "cannot run the docker CLI: " + e.getMessage();
      }
    }
    if (why != null) {
      if (required) {
        fail("DDLAB_REQUIRE_DOCKER=1 but " + why);
      }
      Assumptions.abort("real dockerd test skipped: " + why);
    }
    return host;
  }

  record Result(int code, String out, String err) {}

  static Result docker(String host, String... args) throws IOException {
    List<String> cmd = new ArrayList<>(List.of("docker", "-H", host));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).start();
    try {
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return new Result(-1, "", "docker " + String.join(" ", args) + " did not finish");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
    return new Result(
        p.exitValue(),
        new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
        new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
  }

  /** The real daemon's image {@code ref} has this ID and these RootFS layers. */
  static void assertSameImage(String host, String ref, dev.ddlab.engine.dto.ImageInspect expected)
      throws IOException {
    Result id = docker(host, "image", "inspect", "--format", "{{.Id}}", ref);
    org.junit.jupiter.api.Assertions.assertEquals(expected.id(), id.out().strip(), id.err());
    Result layers =
        docker(
            host,
            "image",
            "inspect",
            "--format",
            "{{range .RootFS.Layers}}{{println .}}{{end}}",
            ref);
    org.junit.jupiter.api.Assertions.assertEquals(
        expected.rootFs().layers(), List.of(layers.out().strip().split("\n")));
  }
}

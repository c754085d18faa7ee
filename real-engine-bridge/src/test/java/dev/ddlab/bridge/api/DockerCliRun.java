package dev.ddlab.bridge.api;

import dev.ddlab.bridge.RealDocker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the real docker CLI against an address, as a learner's terminal would. */
record DockerCliRun(int exitCode, String stdout, String stderr) {
  /** The docker CLIs installed here (Debian's, and a newer one if present). */
  static List<Path> clis() {
    List<Path> found = new ArrayList<>();
    for (String p : List.of("/usr/bin/docker", "/usr/local/bin/docker")) {
      if (Files.isExecutable(Path.of(p))) {
        found.add(Path.of(p));
      }
    }
    if (found.isEmpty()) {
      throw RealDocker.skipOrFail("no docker CLI installed (apt-get install docker.io)");
    }
    return found;
  }

  static DockerCliRun run(Path cli, String host, String... args) {
    return run(cli, host, java.util.Map.of(), args);
  }

  /** {@link #run} with more environment variables (DOCKER_BUILDKIT=0 …). */
  static DockerCliRun run(
      Path cli, String host, java.util.Map<String, String> env, String... args) {
    return run(cli, host, env, "", args);
  }

  /** {@link #run} with {@code input} piped into the CLI's stdin, then its end. */
  static DockerCliRun piped(Path cli, String host, String input, String... args) {
    return run(cli, host, java.util.Map.of(), input, args);
  }

  private static DockerCliRun run(
      Path cli, String host, java.util.Map<String, String> env, String input, String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(cli.toString());
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().put("DOCKER_HOST", host);
    pb.environment().remove("DOCKER_CONTEXT");
    pb.environment()
        .put("DOCKER_CONFIG", System.getProperty("java.io.tmpdir") + "/ddlab-docker-cli");
    pb.environment().putAll(env);
    try {
      // output to files, so a CLI that never ends fails the test after a minute, not hangs it
      java.io.File out = java.io.File.createTempFile("ddlab-cli-out", ".txt");
      java.io.File err = java.io.File.createTempFile("ddlab-cli-err", ".txt");
      pb.redirectOutput(out).redirectError(err);
      Process p = pb.start();
      try (java.io.OutputStream in = p.getOutputStream()) {
        in.write(input.getBytes(StandardCharsets.UTF_8));
      }
      boolean ended = p.waitFor(60, TimeUnit.SECONDS);
      if (!ended) {
        p.destroyForcibly();
      }
      String stdout = Files.readString(out.toPath());
      String stderr = Files.readString(err.toPath());
      Files.deleteIfExists(out.toPath());
      Files.deleteIfExists(err.toPath());
      if (!ended) {
        throw new IllegalStateException(
            "docker " + String.join(" ", args) + " did not finish in 60 s: " + stdout + stderr);
      }
      return new DockerCliRun(p.exitValue(), stdout, stderr);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}

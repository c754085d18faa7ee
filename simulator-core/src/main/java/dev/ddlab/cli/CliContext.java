package dev.ddlab.cli;

import dev.ddlab.fs.FileSystem;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * What the docker CLI needs from the node it runs on, besides the {@link dev.ddlab.engine.Engine}:
 * the host filesystem (for {@code save -o}, {@code load -i}, {@code cp} and {@code --env-file}),
 * the shell's working directory, and how long a foreground {@code docker run} without a terminal
 * waits (engine time) before it hands its attachment to the terminal.
 */
public interface CliContext {
  /** The node's filesystem, or null when the CLI has none (then host paths fail). */
  FileSystem hostFs();

  /** The shell's current directory, for relative host paths. */
  default String workingDir() {
    return "/";
  }

  default Duration foregroundWait() {
    return Duration.ofSeconds(60);
  }

  /** A context with a host filesystem and a changing working directory. */
  static CliContext of(FileSystem fs, Supplier<String> cwd) {
    return of(fs, cwd, () -> Duration.ofSeconds(60));
  }

  /**
   * A context with a host filesystem, a changing working directory and a foreground wait of its own
   * (a session whose ticker moves time waits only a moment before the terminal follows the
   * process).
   */
  static CliContext of(FileSystem fs, Supplier<String> cwd, Supplier<Duration> foregroundWait) {
    return new CliContext() {
      @Override
      public Duration foregroundWait() {
        return foregroundWait.get();
      }

      @Override
      public FileSystem hostFs() {
        return fs;
      }

      @Override
      public String workingDir() {
        return cwd.get();
      }
    };
  }

  /** No host filesystem (tests, or a CLI talking to a remote engine). */
  static CliContext none() {
    return () -> null;
  }
}

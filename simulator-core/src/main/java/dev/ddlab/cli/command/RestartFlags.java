package dev.ddlab.cli.command;

import dev.ddlab.engine.dto.swarm.RestartPolicy;
import picocli.CommandLine.Option;

/**
 * The {@code --restart-*} flags of {@code service create} and {@code service update} (docker/cli's
 * {@code restartPolicyOptions}): only the flags given are sent, and the daemon checks the condition
 * ({@code invalid RestartCondition}); swarmkit's defaults (any, 5 s, no limit) apply to the rest.
 */
public final class RestartFlags {
  @Option(
      names = "--restart-condition",
      paramLabel = "condition",
      description =
          "Restart when condition is met (\"none\", \"on-failure\", \"any\") (default \"any\")")
  String condition;

  @Option(
      names = "--restart-delay",
      paramLabel = "duration",
      description = "Delay between restart attempts (ns|us|ms|s|m|h) (default 5s)")
  String delay;

  @Option(
      names = "--restart-max-attempts",
      paramLabel = "uint",
      description = "Maximum number of restarts before giving up")
  String maxAttempts;

  @Option(
      names = "--restart-window",
      paramLabel = "duration",
      description = "Window used to evaluate the restart policy (ns|us|ms|s|m|h)")
  String window;

  boolean changed() {
    return condition != null || delay != null || maxAttempts != null || window != null;
  }

  /** {@code base} with the flags given; {@code base} itself when none is. */
  RestartPolicy apply(RestartPolicy base) {
    if (!changed()) {
      return base;
    }
    RestartPolicy b = base == null ? new RestartPolicy(null, null, null, null) : base;
    return new RestartPolicy(
        condition != null ? condition : b.condition(),
        delay != null ? Long.valueOf(TimeArgs.durationFlag("--restart-delay", delay)) : b.delay(),
        maxAttempts != null ? Long.valueOf(attempts()) : b.maxAttempts(),
        window != null
            ? Long.valueOf(TimeArgs.durationFlag("--restart-window", window))
            : b.window());
  }

  private long attempts() {
    if (!maxAttempts.matches("[0-9]{1,19}")
        || maxAttempts.length() == 19 && maxAttempts.compareTo("9223372036854775807") > 0) {
      throw new FlagError(
          "invalid argument \""
              + maxAttempts
              + "\" for \"--restart-max-attempts\" flag: strconv.ParseUint: parsing \""
              + maxAttempts
              + "\": invalid syntax");
    }
    return Long.parseLong(maxAttempts);
  }
}

package dev.ddlab.cli.command;

import dev.ddlab.engine.dto.HealthConfig;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The {@code --health-*} and {@code --no-healthcheck} flags, as docker/cli has them twice (the
 * container options of run and create, and the service options of service create and update), and
 * their Healthcheck: null when none is given, {@code ["NONE"]} for {@code --no-healthcheck}, else
 * {@code CMD-SHELL} with the command and the durations in nanoseconds.
 */
final class HealthFlags {
  @Option(
      names = "--health-cmd",
      paramLabel = "string",
      description = "Command to run to check health")
  String healthCmd = "";

  @Option(
      names = "--health-interval",
      paramLabel = "duration",
      description = "Time between running the check (ms|s|m|h) (default 0s)")
  String healthInterval;

  @Option(
      names = "--health-retries",
      paramLabel = "int",
      description = "Consecutive failures needed to report unhealthy")
  int healthRetries;

  @Option(
      names = "--health-start-period",
      paramLabel = "duration",
      description =
          "Start period for the container to initialize before starting health-retries countdown (ms|s|m|h) (default 0s)")
  String healthStartPeriod;

  @Option(
      names = "--health-timeout",
      paramLabel = "duration",
      description = "Maximum time to allow one check to run (ms|s|m|h) (default 0s)")
  String healthTimeout;

  @Option(names = "--no-healthcheck", description = "Disable any container-specified HEALTHCHECK")
  boolean noHealthcheck;

  /**
   * The Healthcheck the flags give, or null.
   *
   * @param status the exit status of a bad combination or value (run and create 125, service 1)
   */
  HealthConfig config(int status) {
    long interval = TimeArgs.durationFlag("--health-interval", healthInterval);
    long timeout = TimeArgs.durationFlag("--health-timeout", healthTimeout);
    long startPeriod = TimeArgs.durationFlag("--health-start-period", healthStartPeriod);
    boolean given =
        !healthCmd.isEmpty()
            || interval != 0
            || timeout != 0
            || startPeriod != 0
            || healthRetries != 0;
    if (noHealthcheck) {
      if (given) {
        throw new CliException("--no-healthcheck conflicts with --health-* options", status);
      }
      return new HealthConfig(List.of("NONE"), 0, 0, 0, 0);
    }
    if (!given) {
      return null;
    }
    notNegative("--health-interval", interval, status);
    notNegative("--health-timeout", timeout, status);
    notNegative("--health-retries", healthRetries, status);
    notNegative("--health-start-period", startPeriod, status);
    return new HealthConfig(
        healthCmd.isEmpty() ? null : List.of("CMD-SHELL", healthCmd),
        interval,
        timeout,
        startPeriod,
        healthRetries);
  }

  private static void notNegative(String flag, long value, int status) {
    if (value < 0) {
      throw new CliException(flag + " cannot be negative", status);
    }
  }
}

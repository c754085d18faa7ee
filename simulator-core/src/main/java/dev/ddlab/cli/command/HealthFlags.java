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
  String healthCmd;

  @Option(
      names = "--health-interval",
      paramLabel = "duration",
      description = "Time between running the check (ms|s|m|h) (default 0s)")
  String healthInterval;

  @Option(
      names = "--health-retries",
      paramLabel = "int",
      description = "Consecutive failures needed to report unhealthy")
  Integer healthRetries;

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
    int retries = healthRetries == null ? 0 : healthRetries;
    boolean given =
        (healthCmd != null && !healthCmd.isEmpty())
            || interval != 0
            || timeout != 0
            || startPeriod != 0
            || retries != 0;
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
    notNegative("--health-retries", retries, status);
    notNegative("--health-start-period", startPeriod, status);
    return new HealthConfig(
        healthCmd == null || healthCmd.isEmpty() ? null : List.of("CMD-SHELL", healthCmd),
        interval,
        timeout,
        startPeriod,
        retries);
  }

  /** Whether any of the flags was given (service update changes the Healthcheck only then). */
  boolean changed() {
    return noHealthcheck
        || healthCmd != null
        || healthInterval != null
        || healthTimeout != null
        || healthStartPeriod != null
        || healthRetries != null;
  }

  /**
   * docker/cli's updateHealthcheck: {@code current} with each given flag applied ({@code
   * --no-healthcheck} alone makes it NONE; a NONE test is dropped before the others apply; an empty
   * {@code --health-cmd} clears the test).
   */
  HealthConfig update(HealthConfig current, int status) {
    HealthConfig h = current == null ? new HealthConfig(null, 0, 0, 0, 0) : current;
    if (noHealthcheck) {
      if (healthCmd != null
          || healthInterval != null
          || healthTimeout != null
          || healthStartPeriod != null
          || healthRetries != null) {
        throw new CliException("--no-healthcheck conflicts with --health-* options", status);
      }
      return new HealthConfig(List.of("NONE"), 0, 0, 0, 0);
    }
    List<String> test = h.disabled() ? null : h.test();
    long interval =
        healthInterval == null
            ? h.interval()
            : TimeArgs.durationFlag("--health-interval", healthInterval);
    long timeout =
        healthTimeout == null
            ? h.timeout()
            : TimeArgs.durationFlag("--health-timeout", healthTimeout);
    long startPeriod =
        healthStartPeriod == null
            ? h.startPeriod()
            : TimeArgs.durationFlag("--health-start-period", healthStartPeriod);
    int retries = healthRetries == null ? h.retries() : healthRetries;
    if (healthCmd != null) {
      test = healthCmd.isEmpty() ? null : List.of("CMD-SHELL", healthCmd);
    }
    return new HealthConfig(test, interval, timeout, startPeriod, retries);
  }

  private static void notNegative(String flag, long value, int status) {
    if (value < 0) {
      throw new CliException(flag + " cannot be negative", status);
    }
  }
}

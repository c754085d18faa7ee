package dev.ddlab.cli.command;

import dev.ddlab.go.GoTime;

/**
 * docker/cli's timestamp arguments (--since, --until of logs and events): durations relative to now
 * ("10m", "1h30m", "42s"), RFC 3339 times, dates, or Unix seconds (read by {@link
 * GoTime#timestamp}); sent to the API as Unix seconds with nanoseconds ("1704067200.000000000"),
 * Unix seconds as typed.
 */
final class TimeArgs {
  private TimeArgs() {}

  static String toApi(String value, long nowNanos, String flag) {
    if (value == null || value.isEmpty()) {
      return null;
    }
    if (value.matches("\\d+(\\.\\d+)?")) {
      return value;
    }
    long nanos;
    try {
      nanos = GoTime.timestamp(value, nowNanos);
    } catch (IllegalArgumentException e) {
      throw new CliException(
          "invalid value for \""
              + flag
              + "\": failed to parse value as time or duration: \""
              + value
              + "\"",
          1);
    }
    return String.format(
        "%d.%09d", Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
  }

  /**
   * A duration flag as pflag's DurationVar reads it (Go's time.ParseDuration: "30s", "1m30s",
   * "-1s", "0"); 0 when not given; a value that does not parse is cobra's flag error.
   */
  static long durationFlag(String flag, String value) {
    if (value == null) {
      return 0;
    }
    String v = value;
    long sign = 1;
    if (v.startsWith("-") || v.startsWith("+")) {
      sign = v.startsWith("-") ? -1 : 1;
      v = v.substring(1);
    }
    Long n = v.equals("0") ? Long.valueOf(0) : GoTime.parseDuration(v);
    if (n == null) {
      // Go's ParseDuration: a number without a unit has its own message
      String why = v.matches("[0-9.]+") ? "missing unit in duration" : "invalid duration";
      throw new FlagError(
          "invalid argument \""
              + value
              + "\" for \""
              + flag
              + "\" flag: time: "
              + why
              + " \""
              + value
              + "\"");
    }
    return sign * n;
  }
}

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
}

package dev.ddlab.cli.command;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * docker/cli's timestamp arguments (--since, --until of logs and events): durations relative to now
 * ("10m", "1h30m", "42s"), RFC 3339 times, dates, or Unix seconds; sent to the API as Unix seconds
 * with nanoseconds ("1704067200.000000000").
 */
final class TimeArgs {
  private TimeArgs() {}

  static String toApi(String value, long nowNanos, String flag) {
    if (value == null || value.isEmpty()) {
      return null;
    }
    long nanos;
    Long rel = parseGoDuration(value);
    if (rel != null) {
      nanos = nowNanos - rel;
    } else if (value.matches("\\d+(\\.\\d+)?")) {
      return value;
    } else {
      try {
        Instant i;
        if (value.matches("\\d{4}-\\d{2}-\\d{2}")) {
          i = LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC);
        } else if (value.endsWith("Z") || value.matches(".*[+-]\\d{2}:\\d{2}$")) {
          i = java.time.OffsetDateTime.parse(value).toInstant();
        } else {
          i = LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
        }
        nanos = i.getEpochSecond() * 1_000_000_000L + i.getNano();
      } catch (DateTimeParseException e) {
        throw new CliException(
            "invalid value for \""
                + flag
                + "\": failed to parse value as time or duration: \""
                + value
                + "\"",
            1);
      }
    }
    return String.format(
        "%d.%09d", Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
  }

  /** time.ParseDuration: "1h30m", "10s", "250ms"; null when not a duration. */
  static Long parseGoDuration(String s) {
    if (!s.matches("([0-9]+(\\.[0-9]+)?(ns|us|µs|ms|s|m|h))+")) {
      return null;
    }
    long total = 0;
    var m = java.util.regex.Pattern.compile("([0-9]+(?:\\.[0-9]+)?)(ns|us|µs|ms|s|m|h)").matcher(s);
    while (m.find()) {
      double v = Double.parseDouble(m.group(1));
      long unit =
          switch (m.group(2)) {
            case "ns" -> 1L;
            case "us", "µs" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            default -> 3_600_000_000_000L;
          };
      total += (long) (v * unit);
    }
    return total;
  }
}

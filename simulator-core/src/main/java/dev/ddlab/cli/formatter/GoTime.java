package dev.ddlab.cli.formatter;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Go's time formatting as the CLI shows it (nodes run in UTC). */
public final class GoTime {
  private GoTime() {}

  private static final DateTimeFormatter STRING =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

  /** time.Unix(sec, 0).String(): "2024-01-01 00:00:00 +0000 UTC". */
  public static String unixString(long seconds) {
    return STRING.format(Instant.ofEpochSecond(seconds)) + " +0000 UTC";
  }

  /** RFC 3339 with nanoseconds, trailing zeros dropped (Go's RFC3339Nano). */
  public static String rfc3339Nano(long epochNanos) {
    Instant i =
        Instant.ofEpochSecond(
            Math.floorDiv(epochNanos, 1_000_000_000L), Math.floorMod(epochNanos, 1_000_000_000L));
    String base =
        DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC).format(i);
    int nanos = i.getNano();
    if (nanos == 0) {
      return base + "Z";
    }
    String frac = String.format("%09d", nanos).replaceAll("0+$", "");
    return base + "." + frac + "Z";
  }

  /** Parses RFC 3339 (as the Engine API gives times) to epoch nanos; 0 for Go's zero time. */
  public static long parseRfc3339(String s) {
    if (s == null || s.isEmpty() || s.startsWith("0001-01-01")) {
      return 0;
    }
    Instant i = Instant.parse(s);
    return i.getEpochSecond() * 1_000_000_000L + i.getNano();
  }
}

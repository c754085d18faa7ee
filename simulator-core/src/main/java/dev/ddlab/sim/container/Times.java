package dev.ddlab.sim.container;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Go's time formats as the Engine API writes them, from virtual epoch nanoseconds. */
public final class Times {
  /** Go's zero time.Time, as inspect shows a time that never happened. */
  public static final String ZERO = "0001-01-01T00:00:00Z";

  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

  private Times() {}

  /** RFC3339Nano as Go's time.Time JSON: trailing zeros of the fraction trimmed. */
  public static String rfc3339Nano(long nanos) {
    if (nanos == 0) {
      return ZERO;
    }
    String base = SECONDS.format(instant(nanos));
    long frac = Math.floorMod(nanos, 1_000_000_000L);
    if (frac == 0) {
      return base + "Z";
    }
    String f = String.format("%09d", frac);
    int end = f.length();
    while (end > 0 && f.charAt(end - 1) == '0') {
      end--;
    }
    return base + "." + f.substring(0, end) + "Z";
  }

  /** docker logs -t: RFC3339 with exactly nine fraction digits. */
  public static String rfc3339NanoFixed(long nanos) {
    return SECONDS.format(instant(nanos))
        + "."
        + String.format("%09d", Math.floorMod(nanos, 1_000_000_000L))
        + "Z";
  }

  public static Instant instant(long nanos) {
    return Instant.ofEpochSecond(
        Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
  }

  /**
   * A time bound of the API (since/until of logs and events): Unix seconds with an optional
   * fraction ("1704067200.5"), or an RFC 3339 time. Null or empty gives {@code fallback}.
   */
  public static long parseBound(String text, long fallback) {
    if (text == null || text.isBlank()) {
      return fallback;
    }
    String t = text.trim();
    if (t.matches("-?\\d+(\\.\\d{1,9})?")) {
      int dot = t.indexOf('.');
      long secs = Long.parseLong(dot < 0 ? t : t.substring(0, dot));
      long frac = 0;
      if (dot >= 0) {
        String f = (t.substring(dot + 1) + "000000000").substring(0, 9);
        frac = Long.parseLong(f);
      }
      return secs * 1_000_000_000L + frac;
    }
    try {
      Instant i = Instant.parse(t);
      return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(t);
    }
  }

  /**
   * docker/go-units HumanDuration: "Less than a second", "1 second", "5 seconds", "About a minute",
   * "3 minutes", "About an hour", "5 hours", "3 days", "2 weeks", "3 months", "2 years".
   */
  public static String humanDuration(long nanos) {
    long seconds = nanos / 1_000_000_000L;
    if (seconds < 1) {
      return "Less than a second";
    } else if (seconds == 1) {
      return "1 second";
    } else if (seconds < 60) {
      return seconds + " seconds";
    }
    long minutes = nanos / 60_000_000_000L;
    if (minutes == 1) {
      return "About a minute";
    } else if (minutes < 60) {
      return minutes + " minutes";
    }
    long hours = Math.round(nanos / 3_600_000_000_000.0);
    if (hours == 1) {
      return "About an hour";
    } else if (hours < 48) {
      return hours + " hours";
    } else if (hours < 24 * 7 * 2) {
      return hours / 24 + " days";
    } else if (hours < 24 * 30 * 2) {
      return hours / 24 / 7 + " weeks";
    } else if (hours < 24 * 365 * 2) {
      return hours / 24 / 30 + " months";
    }
    return nanos / 3_600_000_000_000L / 24 / 365 + " years";
  }
}

package dev.ddlab.go;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Go's {@code time} formats as the Engine API and the docker CLI write them, from epoch nanoseconds
 * (virtual time in the simulator). One copy for the daemon side and the client side.
 */
public final class GoTime {
  /** Go's zero time.Time, as inspect shows a time that never happened. */
  public static final String ZERO = "0001-01-01T00:00:00Z";

  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter STRING =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

  private GoTime() {}

  /** RFC3339Nano as Go's time.Time JSON: trailing zeros of the fraction trimmed. */
  public static String rfc3339Nano(long nanos) {
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

  /** {@link #rfc3339Nano}, with 0 meaning "never": Go's zero time (a container never started). */
  public static String rfc3339NanoOrZero(long nanos) {
    return nanos == 0 ? ZERO : rfc3339Nano(nanos);
  }

  /** docker logs -t: RFC3339 with exactly nine fraction digits. */
  public static String rfc3339NanoFixed(long nanos) {
    return SECONDS.format(instant(nanos))
        + "."
        + String.format("%09d", Math.floorMod(nanos, 1_000_000_000L))
        + "Z";
  }

  /** time.Unix(sec, 0).String(): "2024-01-01 00:00:00 +0000 UTC" (nodes run in UTC). */
  public static String unixString(long seconds) {
    return STRING.format(Instant.ofEpochSecond(seconds)) + " +0000 UTC";
  }

  public static Instant instant(long nanos) {
    return Instant.ofEpochSecond(
        Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
  }

  /** Parses RFC 3339 (as the Engine API gives times) to epoch nanos; 0 for empty or Go's zero. */
  public static long parseRfc3339(String s) {
    if (s == null || s.isEmpty() || s.startsWith("0001-01-01")) {
      return 0;
    }
    Instant i = Instant.parse(s);
    return i.getEpochSecond() * 1_000_000_000L + i.getNano();
  }

  /**
   * A time bound of the API (since/until of logs and events): Unix seconds with an optional
   * fraction ("1704067200.5"), or an RFC 3339 time. Null or empty gives {@code fallback}.
   *
   * @throws IllegalArgumentException for anything else
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
}

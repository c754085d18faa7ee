package dev.ddlab.go;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

  private static final Pattern DURATION_PART =
      Pattern.compile("([0-9]+(?:\\.[0-9]+)?)(ns|us|µs|ms|s|m|h)");

  private GoTime() {}

  /** RFC3339Nano as Go's time.Time JSON: trailing zeros of the fraction trimmed. */
  public static String rfc3339Nano(long nanos) {
    String base = seconds(nanos);
    long frac = Math.floorMod(nanos, 1_000_000_000L);
    if (frac == 0) {
      return base + "Z";
    }
    String f = nineDigits(frac);
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
    long second = Math.floorDiv(nanos, 1_000_000_000L);
    Second kept = lastSecond;
    if (kept == null || kept.second != second) {
      char[] c = secondsChars(nanos);
      if (c == null) {
        return seconds(nanos) + "." + nineDigits(Math.floorMod(nanos, 1_000_000_000L)) + "Z";
      }
      kept = new Second(second, c);
      lastSecond = kept;
    }
    char[] all = java.util.Arrays.copyOf(kept.chars, 30);
    all[19] = '.';
    digits(all, 20, 9, (int) Math.floorMod(nanos, 1_000_000_000L));
    all[29] = 'Z';
    return new String(all);
  }

  /**
   * The 19 characters of one second, as {@link #secondsChars} wrote them; the array is never
   * written again, so the record can be shared between threads.
   */
  private record Second(long second, char[] chars) {}

  /**
   * The second {@link #rfc3339NanoFixed} last wrote: a log's or an event list's lines mostly share
   * theirs, and working the calendar out again was half of a {@code docker logs} of 100 lines.
   */
  private static volatile Second lastSecond;

  /**
   * "2024-01-01T00:00:00" of a time in UTC. The calendar is java.time's ({@link
   * LocalDateTime#ofEpochSecond}); only the digits are written here, as a formatter with a zone
   * builds the zone's rules again for every call, and logs -t and events print one per line.
   */
  private static String seconds(long nanos) {
    char[] c = secondsChars(nanos);
    return c == null ? SECONDS.format(instant(nanos)) : new String(c);
  }

  /** The 19 characters of {@link #seconds}, or null outside the years 0–9999. */
  private static char[] secondsChars(long nanos) {
    LocalDateTime t =
        LocalDateTime.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), 0, ZoneOffset.UTC);
    if (t.getYear() < 0 || t.getYear() > 9999) {
      return null;
    }
    char[] c = "0000-00-00T00:00:00".toCharArray();
    digits(c, 0, 4, t.getYear());
    digits(c, 5, 2, t.getMonthValue());
    digits(c, 8, 2, t.getDayOfMonth());
    digits(c, 11, 2, t.getHour());
    digits(c, 14, 2, t.getMinute());
    digits(c, 17, 2, t.getSecond());
    return c;
  }

  /** {@code value} as {@code width} decimal digits at {@code at}, zero-padded. */
  private static void digits(char[] c, int at, int width, int value) {
    for (int i = at + width - 1; i >= at; i--) {
      c[i] = (char) ('0' + value % 10);
      value /= 10;
    }
  }

  /** A fraction of a second as nine digits ({@code %09d} without a Formatter: inspect is hot). */
  private static String nineDigits(long frac) {
    String digits = Long.toString(frac);
    return "000000000".substring(digits.length()) + digits;
  }

  /** time.Unix(sec, 0).String(): "2024-01-01 00:00:00 +0000 UTC" (nodes run in UTC). */
  public static String unixString(long seconds) {
    return STRING.format(Instant.ofEpochSecond(seconds)) + " +0000 UTC";
  }

  /**
   * time.Time's String() of a UTC time: "2024-01-01 00:00:00.5 +0000 UTC" (the fraction's trailing
   * zeros dropped, none when whole).
   */
  public static String timeString(long nanos) {
    String rfc = rfc3339Nano(nanos);
    return rfc.substring(0, 10) + " " + rfc.substring(11, rfc.length() - 1) + " +0000 UTC";
  }

  public static Instant instant(long nanos) {
    return Instant.ofEpochSecond(
        Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
  }

  /** Go's time.Duration String(): "30s", "1m30s", "1h0m0s", "500ms", "1.5s", "0s". */
  public static String durationString(long nanos) {
    if (nanos == 0) {
      return "0s";
    }
    String sign = nanos < 0 ? "-" : "";
    long n = Math.abs(nanos);
    if (n < 1_000_000_000L) {
      if (n < 1_000L) {
        return sign + n + "ns";
      }
      if (n < 1_000_000L) {
        return sign + fraction(n, 1_000L) + "µs";
      }
      return sign + fraction(n, 1_000_000L) + "ms";
    }
    long h = n / 3_600_000_000_000L;
    long m = n / 60_000_000_000L % 60;
    String sec = fraction(n % 60_000_000_000L, 1_000_000_000L) + "s";
    if (h > 0) {
      return sign + h + "h" + m + "m" + sec;
    }
    if (m > 0) {
      return sign + m + "m" + sec;
    }
    return sign + sec;
  }

  /** {@code n / unit} with the fraction's trailing zeros dropped ("1.5", "30"). */
  private static String fraction(long n, long unit) {
    String frac =
        String.format(java.util.Locale.ROOT, "%0" + Long.toString(unit).length() + "d", n % unit)
            .substring(1)
            .replaceAll("0+$", "");
    return (n / unit) + (frac.isEmpty() ? "" : "." + frac);
  }

  /** Parses RFC 3339 (as the Engine API gives times) to epoch nanos; 0 for empty or Go's zero. */
  public static long parseRfc3339(String s) {
    if (s == null || s.isEmpty() || s.startsWith("0001-01-01")) {
      return 0;
    }
    long utc = parseUtc(s);
    if (utc != Long.MIN_VALUE) {
      return utc;
    }
    Instant i = Instant.parse(s);
    return i.getEpochSecond() * 1_000_000_000L + i.getNano();
  }

  /**
   * {@code yyyy-MM-ddTHH:mm:ss[.f…]Z}, the shape every time the simulator writes has, read without
   * a {@link DateTimeFormatter} (a swarm leader's pass reads every task's times: with {@code
   * Instant.parse} that was most of a busy session's CPU); {@link Long#MIN_VALUE} for any other
   * shape, which {@code Instant.parse} then reads or refuses.
   */
  private static long parseUtc(String s) {
    int n = s.length();
    if (n < 20
        || n > 30
        || s.charAt(n - 1) != 'Z'
        || s.charAt(4) != '-'
        || s.charAt(7) != '-'
        || s.charAt(10) != 'T'
        || s.charAt(13) != ':'
        || s.charAt(16) != ':'
        || (n > 20 && (s.charAt(19) != '.' || n == 21))) {
      return Long.MIN_VALUE;
    }
    int year = digits(s, 0, 4);
    int month = digits(s, 5, 7);
    int day = digits(s, 8, 10);
    int hour = digits(s, 11, 13);
    int minute = digits(s, 14, 16);
    int second = digits(s, 17, 19);
    int fraction = n > 20 ? digits(s, 20, n - 1) : 0;
    if (year < 0
        || month < 1
        || month > 12
        || day < 1
        || day > 28 && day > LocalDate.of(year, month, 1).lengthOfMonth()
        || hour < 0
        || hour > 23
        || minute < 0
        || minute > 59
        || second < 0
        || second > 59
        || fraction < 0) {
      return Long.MIN_VALUE;
    }
    for (int k = n - 1 - 20; n > 20 && k < 9; k++) {
      fraction *= 10;
    }
    long days = LocalDate.of(year, month, day).toEpochDay();
    return (days * 86_400L + hour * 3_600L + minute * 60L + second) * 1_000_000_000L + fraction;
  }

  /** The decimal number in {@code s[from, to)}; -1 when a character is not a digit. */
  private static int digits(String s, int from, int to) {
    int v = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
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

  /**
   * time.ParseDuration for the non-negative durations filters and flags take ("1h30m", "10s",
   * "1.5h", "250ms"); null when {@code text} is not one.
   */
  public static Long parseDuration(String text) {
    if (text == null || !text.matches("(" + DURATION_PART.pattern() + ")+")) {
      return null;
    }
    long total = 0;
    Matcher m = DURATION_PART.matcher(text);
    while (m.find()) {
      long unit =
          switch (m.group(2)) {
            case "ns" -> 1L;
            case "us", "µs" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            default -> 3_600_000_000_000L;
          };
      total += (long) (Double.parseDouble(m.group(1)) * unit);
    }
    return total;
  }

  /**
   * moby's pkg/timestamp.GetTimestamp, as the daemon reads a filter such as {@code until=} and the
   * CLI its {@code --since}/{@code --until}: a Go duration before {@code nowNanos} ("24h"), Unix
   * seconds with an optional fraction, a date ("2024-01-31", midnight UTC), or an RFC 3339 time
   * (UTC when it has no zone).
   *
   * @return epoch nanoseconds
   * @throws IllegalArgumentException when {@code text} is none of these
   */
  public static long timestamp(String text, long nowNanos) {
    Long duration = parseDuration(text);
    if (duration != null) {
      return nowNanos - duration;
    }
    if (text.matches("\\d+(\\.\\d{1,9})?")) {
      return parseBound(text, 0);
    }
    try {
      Instant i;
      if (text.matches("\\d{4}-\\d{2}-\\d{2}")) {
        i = LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC);
      } else if (text.endsWith("Z") || text.matches(".*[+-]\\d{2}:\\d{2}$")) {
        i = OffsetDateTime.parse(text).toInstant();
      } else {
        i = LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
      }
      return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(text);
    }
  }
}

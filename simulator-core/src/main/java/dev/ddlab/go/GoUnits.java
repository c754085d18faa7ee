package dev.ddlab.go;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * docker/go-units: human sizes (base 1000), human durations and size parsing, as the daemon and the
 * docker CLI print and read them. One copy for both sides.
 */
public final class GoUnits {
  private GoUnits() {}

  private static final String[] DECIMAL = {"B", "kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"};

  /** units.HumanSizeWithPrecision(size, 3): "7.05MB", "1.2kB", "0B". */
  public static String humanSize(double size) {
    return humanSizeWithPrecision(size, 3);
  }

  /** units.HumanSize: four significant digits ("2.746MB"). */
  public static String humanSize4(double size) {
    return humanSizeWithPrecision(size, 4);
  }

  public static String humanSizeWithPrecision(double size, int precision) {
    int i = 0;
    while (size >= 1000.0 && i < DECIMAL.length - 1) {
      size /= 1000.0;
      i++;
    }
    return formatG(size, precision) + DECIMAL[i];
  }

  private static final String[] BINARY = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};

  /** units.BytesSize: base 1024, four significant digits ("3.741GiB", "632KiB", "0B"). */
  public static String bytesSize(double size) {
    int i = 0;
    while (size >= 1024.0 && i < BINARY.length - 1) {
      size /= 1024.0;
      i++;
    }
    return formatG(size, 4) + BINARY[i];
  }

  /** Go's %.*g for a non-negative value: shortest of %e/%f with trailing zeros removed. */
  public static String formatG(double v, int precision) {
    if (v == 0) {
      return "0";
    }
    BigDecimal b = new BigDecimal(v).round(new MathContext(precision, RoundingMode.HALF_EVEN));
    int exp = b.precision() - b.scale() - 1;
    if (exp < -4 || exp >= precision) {
      BigDecimal mant = b.movePointLeft(exp).stripTrailingZeros();
      String m = mant.toPlainString();
      return m + "e" + (exp < 0 ? "-" : "+") + (Math.abs(exp) < 10 ? "0" : "") + Math.abs(exp);
    }
    String s = b.stripTrailingZeros().toPlainString();
    return s;
  }

  /** units.HumanDuration. */
  public static String humanDuration(long nanos) {
    long seconds = nanos / 1_000_000_000L;
    if (seconds < 1) {
      return "Less than a second";
    }
    if (seconds == 1) {
      return "1 second";
    }
    if (seconds < 60) {
      return seconds + " seconds";
    }
    long minutes = nanos / 60_000_000_000L;
    if (minutes == 1) {
      return "About a minute";
    }
    if (minutes < 60) {
      return minutes + " minutes";
    }
    long hours = (long) (nanos / 3_600_000_000_000.0 + 0.5);
    if (hours == 1) {
      return "About an hour";
    }
    if (hours < 48) {
      return hours + " hours";
    }
    if (hours < 24 * 7 * 2) {
      return hours / 24 + " days";
    }
    if (hours < 24 * 30 * 2) {
      return hours / 24 / 7 + " weeks";
    }
    if (hours < 24 * 365 * 2) {
      return hours / 24 / 30 + " months";
    }
    return (long) (nanos / 3_600_000_000_000.0) / 24 / 365 + " years";
  }

  /**
   * How long {@link #humanDuration} keeps its text: a duration after {@code nanos} at which the
   * text may first change (never later than it really does; in the hour-rounded ranges a little
   * earlier, by a millisecond's margin for the double arithmetic). A listing written at {@code
   * nanos} is the same text for every duration in [{@code nanos}, this).
   */
  public static long humanDurationUntil(long nanos) {
    long seconds = nanos / 1_000_000_000L;
    if (seconds < 1) {
      return 1_000_000_000L;
    }
    if (seconds < 60) {
      return (seconds + 1) * 1_000_000_000L;
    }
    long minutes = nanos / 60_000_000_000L;
    if (minutes < 60) {
      return (minutes + 1) * 60_000_000_000L;
    }
    // the hour count rounds (and the years' count is of whole hours): either may move next
    double hour = 3_600_000_000_000.0;
    long rounded = (long) (nanos / hour + 0.5);
    long whole = (long) (nanos / hour);
    long until =
        Math.min((long) ((rounded + 0.5) * hour), (long) ((whole + 1) * hour)) - 1_000_000L;
    return until > nanos ? until : nanos + 1;
  }

  /** The instant (nanos, as {@code nowNanos}) at which {@link #ago} may first change its text. */
  public static long agoUntil(long createdUnixSeconds, long nowNanos) {
    long created = createdUnixSeconds * 1_000_000_000L;
    return created + humanDurationUntil(nowNanos - created);
  }

  /** "2 minutes ago" from a Unix-seconds timestamp and the engine's now. */
  public static String ago(long createdUnixSeconds, long nowNanos) {
    return humanDuration(nowNanos - createdUnixSeconds * 1_000_000_000L) + " ago";
  }

  /**
   * go-units' RAMInBytes (-m/--memory, --memory-swap, --shm-size): a number, an optional space and
   * a suffix b, k, m, g, t or p (binary multiples), the latter five optionally followed by "b" or
   * "ib", any case. Errors in go-units' words: "invalid size: '…'" without a number, "invalid
   * suffix: '…'" for an unknown suffix, strconv's text for a malformed number.
   */
  public static long ramInBytes(String size) {
    int sep = -1;
    for (int i = size.length() - 1; i >= 0; i--) {
      char c = size.charAt(i);
      if ((c >= '0' && c <= '9') || c == '.' || c == ' ') {
        sep = i;
        break;
      }
    }
    if (sep == -1) {
      throw new IllegalArgumentException("invalid size: '" + size + "'");
    }
    String num = size.charAt(sep) == ' ' ? size.substring(0, sep) : size.substring(0, sep + 1);
    String sfx = size.substring(sep + 1);
    double value;
    try {
      if (!num.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?")) {
        throw new NumberFormatException();
      }
      value = Double.parseDouble(num);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "strconv.ParseFloat: parsing \"" + num + "\": invalid syntax");
    }
    if (value < 0) {
      throw new IllegalArgumentException("invalid size: '" + size + "'");
    }
    if (sfx.isEmpty()) {
      return (long) value;
    }
    if (sfx.length() > 3) {
      throw new IllegalArgumentException("invalid suffix: '" + sfx + "'");
    }
    String lower = sfx.toLowerCase(java.util.Locale.ROOT);
    if (lower.charAt(0) == 'b') {
      if (lower.length() > 1) {
        throw new IllegalArgumentException("invalid suffix: '" + lower + "'");
      }
      return (long) value;
    }
    int power = "kmgtp".indexOf(lower.charAt(0)) + 1;
    boolean tailOk =
        lower.length() == 1
            || (lower.length() == 2 && lower.charAt(1) == 'b')
            || (lower.length() == 3 && lower.substring(1).equals("ib"));
    if (power == 0 || !tailOk) {
      throw new IllegalArgumentException("invalid suffix: '" + lower + "'");
    }
    return (long) (value * Math.pow(1024, power));
  }
}

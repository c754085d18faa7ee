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

  /** "2 minutes ago" from a Unix-seconds timestamp and the engine's now. */
  public static String ago(long createdUnixSeconds, long nowNanos) {
    return humanDuration(nowNanos - createdUnixSeconds * 1_000_000_000L) + " ago";
  }

  /** units.FromHumanSize / RAMInBytes for -m/--memory: "512m", "1g", "100000". */
  public static long ramInBytes(String size) {
    String s = size.trim().toLowerCase();
    int i = 0;
    while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
      i++;
    }
    if (i == 0) {
      throw new IllegalArgumentException("invalid size: '" + size + "'");
    }
    double num = Double.parseDouble(s.substring(0, i));
    String unit = s.substring(i);
    if (unit.endsWith("ib")) {
      unit = unit.substring(0, unit.length() - 2);
    } else if (unit.endsWith("b")) {
      unit = unit.substring(0, unit.length() - 1);
    }
    long mult =
        switch (unit) {
          case "" -> 1L;
          case "k" -> 1024L;
          case "m" -> 1024L * 1024;
          case "g" -> 1024L * 1024 * 1024;
          case "t" -> 1024L * 1024 * 1024 * 1024;
          case "p" -> 1024L * 1024 * 1024 * 1024 * 1024;
          default -> throw new IllegalArgumentException("invalid size: '" + size + "'");
        };
    return (long) (num * mult);
  }
}

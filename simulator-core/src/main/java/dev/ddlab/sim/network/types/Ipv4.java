package dev.ddlab.sim.network.types;

/** IPv4 addresses as ints, and the MAC Docker (before 26) derives from a container's address. */
public final class Ipv4 {
  private Ipv4() {}

  public static int parse(String text) {
    String[] p = text.split("\\.");
    if (p.length != 4) {
      throw new IllegalArgumentException(text);
    }
    int v = 0;
    for (String s : p) {
      int b = Integer.parseInt(s);
      if (b < 0 || b > 255) {
        throw new IllegalArgumentException(text);
      }
      v = (v << 8) | b;
    }
    return v;
  }

  public static boolean isAddress(String text) {
    try {
      parse(text);
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  public static String format(int ip) {
    return ((ip >>> 24) & 255)
        + "."
        + ((ip >>> 16) & 255)
        + "."
        + ((ip >>> 8) & 255)
        + "."
        + (ip & 255);
  }

  /** 02:42 followed by the four address bytes. */
  public static String mac(int ip) {
    StringBuilder b = new StringBuilder(17).append("02:42");
    for (int shift = 24; shift >= 0; shift -= 8) {
      int octet = (ip >>> shift) & 255;
      b.append(':').append(HEX[octet >>> 4]).append(HEX[octet & 15]);
    }
    return b.toString();
  }

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  public static int mask(int prefix) {
    return prefix == 0 ? 0 : -1 << (32 - prefix);
  }
}

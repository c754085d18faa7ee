package dev.ddlab.sim.network.dataplane.frame;

/** MAC addresses as the low 48 bits of a long, and their text form {@code 02:42:ac:11:00:02}. */
public final class Mac {
  private Mac() {}

  public static final long BROADCAST = 0xffff_ffff_ffffL;
  public static final long ZERO = 0L;

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  public static long parse(String text) {
    String[] p = text.split(":");
    if (p.length != 6) {
      throw new IllegalArgumentException("invalid MAC address: " + text);
    }
    long v = 0;
    for (String s : p) {
      int b = Integer.parseInt(s, 16);
      if (b < 0 || b > 255) {
        throw new IllegalArgumentException("invalid MAC address: " + text);
      }
      v = (v << 8) | b;
    }
    return v;
  }

  public static String format(long mac) {
    StringBuilder b = new StringBuilder(17);
    for (int shift = 40; shift >= 0; shift -= 8) {
      int octet = (int) ((mac >>> shift) & 255);
      if (shift != 40) {
        b.append(':');
      }
      b.append(HEX[octet >>> 4]).append(HEX[octet & 15]);
    }
    return b.toString();
  }

  /** Docker's MAC for an IPv4 address: 02:42 followed by the four address bytes. */
  public static long fromIpv4(int ip) {
    return 0x0242_0000_0000L | (ip & 0xffff_ffffL);
  }

  /** Whether the group bit is set (broadcast and multicast). */
  public static boolean isGroup(long mac) {
    return ((mac >>> 40) & 1) != 0;
  }
}

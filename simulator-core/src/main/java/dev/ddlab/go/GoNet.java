package dev.ddlab.go;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * Go's {@code net.ParseIP}, {@code net.ParseCIDR} and {@code IPNet.Contains} for the texts users
 * type ({@code docker network create --subnet/--gateway/--aux-address}): dotted IPv4 and IPv6
 * literals, never a name to look up.
 */
public final class GoNet {
  private GoNet() {}

  /** A parsed CIDR: the masked network, its prefix length. */
  public record IpNet(byte[] network, int prefix) {
    /** IPNet.Contains: the same family and the same leading {@code prefix} bits. */
    public boolean contains(byte[] ip) {
      if (ip == null || ip.length != network.length) {
        return false;
      }
      return Arrays.equals(mask(ip, prefix), network);
    }
  }

  /** net.ParseIP: the address's bytes (4 for IPv4, 16 for IPv6), or null when it is not one. */
  public static byte[] parseIp(String text) {
    if (text == null || text.isEmpty()) {
      return null;
    }
    if (text.indexOf(':') < 0) {
      return parseIpv4(text);
    }
    if (!text.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.')) {
      return null;
    }
    try {
      // a literal of hex digits, colons and dots: InetAddress parses it without any lookup
      byte[] b = InetAddress.getByName(text).getAddress();
      return b.length == 16 ? b : null;
    } catch (UnknownHostException e) {
      return null;
    }
  }

  private static byte[] parseIpv4(String text) {
    String[] parts = text.split("\\.", -1);
    if (parts.length != 4) {
      return null;
    }
    byte[] out = new byte[4];
    for (int i = 0; i < 4; i++) {
      String p = parts[i];
      if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)) {
        return null;
      }
      if (p.length() > 1 && p.charAt(0) == '0') {
        return null; // Go refuses leading zeros (ambiguous octal)
      }
      int v = Integer.parseInt(p);
      if (v > 255) {
        return null;
      }
      out[i] = (byte) v;
    }
    return out;
  }

  /**
   * net.ParseCIDR's network.
   *
   * @throws IllegalArgumentException with Go's text {@code invalid CIDR address: TEXT}
   */
  public static IpNet parseCidr(String text) {
    int slash = text == null ? -1 : text.indexOf('/');
    byte[] ip = slash < 0 ? null : parseIp(text.substring(0, slash));
    String bits = slash < 0 ? "" : text.substring(slash + 1);
    if (ip == null
        || bits.isEmpty()
        || bits.length() > 3
        || !bits.chars().allMatch(Character::isDigit)
        || Integer.parseInt(bits) > ip.length * 8) {
      throw new IllegalArgumentException("invalid CIDR address: " + text);
    }
    int prefix = Integer.parseInt(bits);
    return new IpNet(mask(ip, prefix), prefix);
  }

  private static byte[] mask(byte[] ip, int prefix) {
    byte[] out = ip.clone();
    for (int i = 0; i < out.length; i++) {
      int keep = Math.max(0, Math.min(8, prefix - i * 8));
      out[i] &= (byte) (0xff << (8 - keep));
    }
    return out;
  }
}

package dev.ddlab.bridge.guard;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** An address range ("10.215.0.0/16") and whether a subnet or an address lies inside it. */
record Cidr(BigInteger base, int bits, int prefix) {
  /** "10.215.0.0/16", or a single address as a /32 (/128). */
  static Cidr parse(String text) {
    int slash = text.indexOf('/');
    byte[] addr = address(slash < 0 ? text : text.substring(0, slash)).getAddress();
    int bits = addr.length * 8;
    int prefix;
    try {
      prefix = slash < 0 ? bits : Integer.parseInt(text.substring(slash + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("invalid CIDR address: " + text);
    }
    if (prefix < 0 || prefix > bits) {
      throw new IllegalArgumentException("invalid CIDR address: " + text);
    }
    BigInteger value = new BigInteger(1, addr);
    return new Cidr(value.shiftRight(bits - prefix).shiftLeft(bits - prefix), bits, prefix);
  }

  /** A numeric IPv4 or IPv6 address (never a name to resolve). */
  static InetAddress address(String text) {
    if (text == null || !text.matches("[0-9a-fA-F.:]+")) {
      throw new IllegalArgumentException("invalid IP address: " + text);
    }
    try {
      return InetAddress.getByName(text);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("invalid IP address: " + text);
    }
  }

  /** Whether all of {@code other} lies inside this range. */
  boolean contains(Cidr other) {
    return other.bits == bits
        && other.prefix >= prefix
        && other.base.shiftRight(bits - prefix).equals(base.shiftRight(bits - prefix));
  }
}

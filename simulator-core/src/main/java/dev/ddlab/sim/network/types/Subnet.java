package dev.ddlab.sim.network.types;

/**
 * An IPv4 network (Go's {@code net.IPNet} as libnetwork's {@code types} package uses it): the
 * network address, already masked, and the prefix length.
 */
public record Subnet(int address, int prefix) {
  public Subnet {
    if (prefix < 0 || prefix > 32) {
      throw new IllegalArgumentException("prefix " + prefix);
    }
    address &= Ipv4.mask(prefix);
  }

  /**
   * Reads {@code a.b.c.d/n} as Go's {@code net.ParseCIDR} does: host bits are dropped.
   *
   * @throws IllegalArgumentException with Go's text {@code invalid CIDR address: TEXT}
   */
  public static Subnet parse(String cidr) {
    int slash = cidr == null ? -1 : cidr.indexOf('/');
    try {
      if (slash < 0 || slash == cidr.length() - 1) {
        throw new IllegalArgumentException(cidr);
      }
      String bits = cidr.substring(slash + 1);
      if (!bits.chars().allMatch(Character::isDigit) || bits.length() > 2) {
        throw new IllegalArgumentException(cidr);
      }
      return new Subnet(Ipv4.parse(cidr.substring(0, slash)), Integer.parseInt(bits));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("invalid CIDR address: " + cidr);
    }
  }

  public boolean contains(int ip) {
    return (ip & Ipv4.mask(prefix)) == address;
  }

  /** Whether the two networks share an address (one contains the other). */
  public boolean overlaps(Subnet other) {
    int p = Math.min(prefix, other.prefix);
    return (address & Ipv4.mask(p)) == (other.address & Ipv4.mask(p));
  }

  public boolean contains(Subnet other) {
    return other.prefix >= prefix && contains(other.address);
  }

  /** How many addresses the network spans. */
  public long size() {
    return 1L << (32 - prefix);
  }

  /** The address {@code index} places above the network address. */
  public int at(long index) {
    return address + (int) index;
  }

  /** The place of {@code ip} above the network address. */
  public long indexOf(int ip) {
    return Integer.toUnsignedLong(ip - address);
  }

  @Override
  public String toString() {
    return Ipv4.format(address) + "/" + prefix;
  }
}

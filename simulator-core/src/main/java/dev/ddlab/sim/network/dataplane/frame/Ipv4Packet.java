package dev.ddlab.sim.network.dataplane.frame;

/**
 * An IPv4 packet (RFC 791) without options: identification, DF flag, TTL, protocol, addresses and
 * the transport it carries. The header checksum is computed when encoded.
 *
 * <p>A fragment ({@link #isFragment}) has the MF flag or an offset (in bytes, a multiple of 8) and
 * carries its slice of the original packet's payload as {@link RawPayload}: the transport header
 * and its checksum are only in the first slice, as on the wire ({@link Ipv4Fragments}).
 */
public record Ipv4Packet(
    int tos,
    int id,
    boolean dontFragment,
    int ttl,
    int protocol,
    int src,
    int dst,
    Transport body,
    boolean moreFragments,
    int fragmentOffset)
    implements Frame.Payload {
  public static final int ICMP = 1;
  public static final int TCP = 6;
  public static final int UDP = 17;

  /** What an IPv4 packet carries. */
  public sealed interface Transport permits IcmpMessage, UdpDatagram, TcpSegment, RawPayload {
    int length();
  }

  /** A whole packet (not a fragment). */
  public Ipv4Packet(
      int tos,
      int id,
      boolean dontFragment,
      int ttl,
      int protocol,
      int src,
      int dst,
      Transport body) {
    this(tos, id, dontFragment, ttl, protocol, src, dst, body, false, 0);
  }

  /** Whether this is a piece of a larger packet (MF set, or a non-zero offset). */
  public boolean isFragment() {
    return moreFragments || fragmentOffset != 0;
  }

  public static Ipv4Packet of(int id, int ttl, int src, int dst, Transport body) {
    int proto;
    if (body instanceof IcmpMessage) {
      proto = ICMP;
    } else if (body instanceof UdpDatagram) {
      proto = UDP;
    } else if (body instanceof TcpSegment) {
      proto = TCP;
    } else {
      proto = 253;
    }
    return new Ipv4Packet(0, id, true, ttl, proto, src, dst, body);
  }

  @Override
  public int length() {
    return 20 + body.length();
  }

  /** The TCP or UDP source port, 0 for other protocols. */
  public int srcPort() {
    if (body instanceof TcpSegment s) {
      return s.srcPort();
    }
    return body instanceof UdpDatagram u ? u.srcPort() : 0;
  }

  /** The TCP or UDP destination port, 0 for other protocols. */
  public int dstPort() {
    if (body instanceof TcpSegment s) {
      return s.dstPort();
    }
    return body instanceof UdpDatagram u ? u.dstPort() : 0;
  }

  public Ipv4Packet withTtl(int newTtl) {
    return new Ipv4Packet(
        tos, id, dontFragment, newTtl, protocol, src, dst, body, moreFragments, fragmentOffset);
  }

  public Ipv4Packet withAddresses(int newSrc, int newDst, Transport newBody) {
    return new Ipv4Packet(
        tos,
        id,
        dontFragment,
        ttl,
        protocol,
        newSrc,
        newDst,
        newBody,
        moreFragments,
        fragmentOffset);
  }
}

package dev.ddlab.sim.network.dataplane.frame;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * VXLAN (RFC 7348) as the Linux vxlan device puts it on the underlay: the inner Ethernet frame
 * after an 8-byte header (flags with the I bit, 24-bit VNI), in UDP to port 4789 whose source port
 * is a hash of the inner flow (the same both ways, within the ephemeral range 32768–60999, so the
 * underlay's ECMP keeps a flow on one path), in IPv4 without DF and TTL 64, in an outer Ethernet
 * frame: 50 bytes more than the inner frame.
 */
public final class Vxlan {
  /** The IANA port (the Linux default since 3.7 when asked for {@code dstport 4789}, Docker's). */
  public static final int PORT = 4789;

  /** Outer Ethernet 14 + IPv4 20 + UDP 8 + VXLAN 8. */
  public static final int OVERHEAD = 50;

  /** The header's flags byte: only I (a valid VNI follows). */
  public static final int FLAG_I = 0x08;

  private static final int HEADER = 8;
  private static final int PORT_MIN = 32768;
  private static final int PORT_MAX = 60999;

  /** A VXLAN packet taken apart: its network identifier and the frame it carries. */
  public record Decapsulated(int vni, Frame inner) {}

  private Vxlan() {}

  /**
   * {@code inner} in VXLAN {@code vni} from {@code srcIp} to {@code dstIp} over the underlay, with
   * the outer MACs given (the sending node's, the next hop's); {@code ipId} is the outer packet's
   * identification.
   */
  public static Frame encapsulate(
      Frame inner, int vni, long outerDst, long outerSrc, int srcIp, int dstIp, int ipId) {
    if (vni < 0 || vni > 0xffffff) {
      throw new IllegalArgumentException("VNI out of 24 bits: " + vni);
    }
    byte[] innerBytes = FrameCodec.encode(inner);
    byte[] data = new byte[HEADER + innerBytes.length];
    data[0] = (byte) FLAG_I;
    data[4] = (byte) (vni >>> 16);
    data[5] = (byte) (vni >>> 8);
    data[6] = (byte) vni;
    System.arraycopy(innerBytes, 0, data, HEADER, innerBytes.length);
    UdpDatagram udp = new UdpDatagram(sourcePort(inner), PORT, data);
    return Frame.ipv4(
        outerDst, outerSrc, new Ipv4Packet(0, ipId, false, 64, Ipv4Packet.UDP, srcIp, dstIp, udp));
  }

  /** The VNI and inner frame of a UDP datagram to port 4789 with the I flag, else null. */
  public static Decapsulated decapsulate(UdpDatagram udp) {
    byte[] d = udp.data();
    if (udp.dstPort() != PORT || d.length < HEADER + 14 || (d[0] & FLAG_I) == 0) {
      return null;
    }
    int vni = ((d[4] & 0xff) << 16) | ((d[5] & 0xff) << 8) | (d[6] & 0xff);
    return new Decapsulated(vni, FrameCodec.decode(Arrays.copyOfRange(d, HEADER, d.length)));
  }

  /**
   * The outer UDP source port: a hash of the inner flow (addresses and ports of IPv4, else the
   * MACs), ordered so that both directions of a flow hash alike, scaled into the ephemeral range.
   */
  static int sourcePort(Frame inner) {
    long a;
    long b;
    int proto = 0;
    Ipv4Packet ip = inner.ip();
    if (ip != null) {
      a = ((long) ip.src() << 16) | ip.srcPort();
      b = ((long) ip.dst() << 16) | ip.dstPort();
      proto = ip.protocol();
    } else {
      a = inner.src();
      b = inner.dst();
    }
    long lo = Math.min(a, b);
    long hi = Math.max(a, b);
    ByteBuffer key = ByteBuffer.allocate(20).putLong(lo).putLong(hi).putInt(proto);
    int h = mix(key.array());
    return PORT_MIN + (int) (((h & 0xffffffffL) * (PORT_MAX - PORT_MIN + 1)) >>> 32);
  }

  /** FNV-1a over the key, then a final avalanche: stable across runs and machines. */
  private static int mix(byte[] key) {
    int h = 0x811c9dc5;
    for (byte x : key) {
      h ^= x & 0xff;
      h *= 0x01000193;
    }
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    h *= 0xc2b2ae35;
    h ^= h >>> 16;
    return h;
  }
}

package dev.ddlab.sim.network.dataplane.frame;

/**
 * An Ethernet II frame as it crosses a link: destination and source MAC, an optional 802.1Q tag
 * (VLAN ID, -1 without), the EtherType and what it carries. Frames are records while they travel;
 * {@link FrameCodec} turns them into the bytes a capture shows, and back.
 */
public record Frame(long dst, long src, int vlan, int etherType, Payload payload) {
  public static final int ETHERTYPE_IPV4 = 0x0800;
  public static final int ETHERTYPE_ARP = 0x0806;
  public static final int ETHERTYPE_VLAN = 0x8100;

  public static Frame ipv4(long dst, long src, Ipv4Packet packet) {
    return new Frame(dst, src, -1, ETHERTYPE_IPV4, packet);
  }

  public static Frame arp(long dst, long src, ArpPacket packet) {
    return new Frame(dst, src, -1, ETHERTYPE_ARP, packet);
  }

  /** The same frame with a VLAN tag (-1: untagged). */
  public Frame tagged(int vid) {
    return new Frame(dst, src, vid, etherType, payload);
  }

  public Frame withMacs(long newDst, long newSrc) {
    return new Frame(newDst, newSrc, vlan, etherType, payload);
  }

  /** The IPv4 packet carried, or null. */
  public Ipv4Packet ip() {
    return payload instanceof Ipv4Packet p ? p : null;
  }

  /** Bytes on the wire without preamble and FCS (what pcap and tcpdump count). */
  public int length() {
    return 14 + (vlan >= 0 ? 4 : 0) + payload.length();
  }

  /** What an Ethernet frame carries. */
  public sealed interface Payload permits ArpPacket, Ipv4Packet, RawPayload {
    int length();
  }
}

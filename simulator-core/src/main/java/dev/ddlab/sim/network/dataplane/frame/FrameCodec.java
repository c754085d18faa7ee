package dev.ddlab.sim.network.dataplane.frame;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Frames to bytes and back, as they are on the wire (without preamble and FCS): Ethernet II with an
 * optional 802.1Q tag, ARP, IPv4 with its header checksum, ICMP, UDP and TCP with their checksums
 * over the pseudo-header. What pcap files and tshark read.
 */
public final class FrameCodec {
  private FrameCodec() {}

  public static byte[] encode(Frame f) {
    ByteBuffer b = ByteBuffer.allocate(f.length());
    putMac(b, f.dst());
    putMac(b, f.src());
    if (f.vlan() >= 0) {
      b.putShort((short) Frame.ETHERTYPE_VLAN);
      b.putShort((short) (f.vlan() & 0x0fff));
    }
    b.putShort((short) f.etherType());
    Frame.Payload p = f.payload();
    if (p instanceof ArpPacket a) {
      b.putShort((short) 1).putShort((short) 0x0800).put((byte) 6).put((byte) 4);
      b.putShort((short) a.op());
      putMac(b, a.senderMac());
      b.putInt(a.senderIp());
      putMac(b, a.targetMac());
      b.putInt(a.targetIp());
    } else if (p instanceof Ipv4Packet ip) {
      encodeIpv4(b, ip);
    } else if (p instanceof RawPayload r) {
      b.put(r.bytes());
    }
    return b.array();
  }

  private static void encodeIpv4(ByteBuffer b, Ipv4Packet ip) {
    int start = b.position();
    b.put((byte) 0x45).put((byte) ip.tos()).putShort((short) ip.length());
    int flags = (ip.dontFragment() ? 0x4000 : 0) | (ip.moreFragments() ? 0x2000 : 0);
    b.putShort((short) ip.id()).putShort((short) (flags | (ip.fragmentOffset() >>> 3)));
    b.put((byte) ip.ttl()).put((byte) ip.protocol()).putShort((short) 0);
    b.putInt(ip.src()).putInt(ip.dst());
    b.putShort(start + 10, (short) checksum(b.array(), start, 20, 0));
    int l4 = b.position();
    Ipv4Packet.Transport t = ip.body();
    if (ip.isFragment()) {
      b.put(((RawPayload) t).bytes());
    } else if (t instanceof IcmpMessage m) {
      b.put((byte) m.type()).put((byte) m.code()).putShort((short) 0);
      b.putShort((short) m.id()).putShort((short) m.seq()).put(m.data());
      b.putShort(l4 + 2, (short) checksum(b.array(), l4, m.length(), 0));
    } else if (t instanceof UdpDatagram u) {
      b.putShort((short) u.srcPort()).putShort((short) u.dstPort());
      b.putShort((short) u.length()).putShort((short) 0).put(u.data());
      int sum = checksum(b.array(), l4, u.length(), pseudo(ip, u.length()));
      b.putShort(l4 + 6, (short) (sum == 0 ? 0xffff : sum));
    } else if (t instanceof TcpSegment s) {
      b.putShort((short) s.srcPort()).putShort((short) s.dstPort());
      b.putInt((int) s.seq()).putInt((int) s.ack());
      int offset = (20 + s.options().length) / 4;
      b.put((byte) (offset << 4)).put((byte) s.flags()).putShort((short) s.window());
      b.putShort((short) 0).putShort((short) 0).put(s.options()).put(s.data());
      b.putShort(l4 + 16, (short) checksum(b.array(), l4, s.length(), pseudo(ip, s.length())));
    } else if (t instanceof RawPayload r) {
      b.put(r.bytes());
    }
  }

  private static int pseudo(Ipv4Packet ip, int length) {
    return (ip.src() >>> 16)
        + (ip.src() & 0xffff)
        + (ip.dst() >>> 16)
        + (ip.dst() & 0xffff)
        + ip.protocol()
        + length;
  }

  /** The Internet checksum (RFC 1071) of {@code length} bytes, starting from {@code initial}. */
  static int checksum(byte[] data, int offset, int length, int initial) {
    long sum = initial & 0xffffffffL;
    int i = offset;
    int end = offset + length;
    for (; i + 1 < end; i += 2) {
      sum += ((data[i] & 0xff) << 8) | (data[i + 1] & 0xff);
    }
    if (i < end) {
      sum += (data[i] & 0xff) << 8;
    }
    while ((sum >>> 16) != 0) {
      sum = (sum & 0xffff) + (sum >>> 16);
    }
    return (int) (~sum & 0xffff);
  }

  private static void putMac(ByteBuffer b, long mac) {
    for (int shift = 40; shift >= 0; shift -= 8) {
      b.put((byte) (mac >>> shift));
    }
  }

  private static long getMac(ByteBuffer b) {
    long v = 0;
    for (int i = 0; i < 6; i++) {
      v = (v << 8) | (b.get() & 0xff);
    }
    return v;
  }

  /**
   * Reads a frame back from its bytes.
   *
   * @throws IllegalArgumentException when the bytes are too short for what they claim to be
   */
  public static Frame decode(byte[] bytes) {
    try {
      ByteBuffer b = ByteBuffer.wrap(bytes);
      long dst = getMac(b);
      long src = getMac(b);
      int type = b.getShort() & 0xffff;
      int vlan = -1;
      if (type == Frame.ETHERTYPE_VLAN) {
        vlan = b.getShort() & 0x0fff;
        type = b.getShort() & 0xffff;
      }
      Frame.Payload p;
      if (type == Frame.ETHERTYPE_ARP) {
        b.position(b.position() + 6);
        int op = b.getShort() & 0xffff;
        long sm = getMac(b);
        int si = b.getInt();
        long tm = getMac(b);
        int ti = b.getInt();
        p = new ArpPacket(op, sm, si, tm, ti);
      } else if (type == Frame.ETHERTYPE_IPV4) {
        p = decodeIpv4(b);
      } else {
        p = new RawPayload(Arrays.copyOfRange(bytes, b.position(), bytes.length));
      }
      return new Frame(dst, src, vlan, type, p);
    } catch (java.nio.BufferUnderflowException | IndexOutOfBoundsException e) {
      throw new IllegalArgumentException("truncated frame (" + bytes.length + " bytes)", e);
    }
  }

  private static Ipv4Packet decodeIpv4(ByteBuffer b) {
    int start = b.position();
    int ihl = (b.get() & 0x0f) * 4;
    int tos = b.get() & 0xff;
    int total = b.getShort() & 0xffff;
    int id = b.getShort() & 0xffff;
    int fragment = b.getShort() & 0xffff;
    boolean df = (fragment & 0x4000) != 0;
    boolean mf = (fragment & 0x2000) != 0;
    int offset = (fragment & 0x1fff) << 3;
    int ttl = b.get() & 0xff;
    int proto = b.get() & 0xff;
    b.getShort();
    int src = b.getInt();
    int dst = b.getInt();
    b.position(start + ihl);
    int l4 = b.position();
    int l4len = total - ihl;
    byte[] a = b.array();
    Ipv4Packet.Transport t;
    if (mf || offset != 0) {
      t = new RawPayload(Arrays.copyOfRange(a, l4, l4 + l4len));
    } else if (proto == Ipv4Packet.ICMP) {
      int type = b.get() & 0xff;
      int code = b.get() & 0xff;
      b.getShort();
      int icmpId = b.getShort() & 0xffff;
      int seq = b.getShort() & 0xffff;
      t = new IcmpMessage(type, code, icmpId, seq, Arrays.copyOfRange(a, l4 + 8, l4 + l4len));
    } else if (proto == Ipv4Packet.UDP) {
      int sp = b.getShort() & 0xffff;
      int dp = b.getShort() & 0xffff;
      t = new UdpDatagram(sp, dp, Arrays.copyOfRange(a, l4 + 8, l4 + l4len));
    } else if (proto == Ipv4Packet.TCP) {
      int sp = b.getShort() & 0xffff;
      int dp = b.getShort() & 0xffff;
      long seq = b.getInt() & 0xffffffffL;
      long ack = b.getInt() & 0xffffffffL;
      int off = ((b.get() & 0xff) >>> 4) * 4;
      int flags = b.get() & 0xff;
      int win = b.getShort() & 0xffff;
      byte[] options = Arrays.copyOfRange(a, l4 + 20, l4 + off);
      t =
          new TcpSegment(
              sp, dp, seq, ack, flags, win, options, Arrays.copyOfRange(a, l4 + off, l4 + l4len));
    } else {
      t = new RawPayload(Arrays.copyOfRange(a, l4, l4 + l4len));
    }
    return new Ipv4Packet(tos, id, df, ttl, proto, src, dst, t, mf, offset);
  }

  /**
   * The transport header (and the data after it) at the start of a first fragment's {@code slice},
   * as a packet analyser reads it; the raw slice when it is too short for its header.
   */
  public static Ipv4Packet.Transport firstSlice(Ipv4Packet fragment, byte[] slice) {
    try {
      return unfragmented(fragment, slice).body();
    } catch (IllegalArgumentException e) {
      return new RawPayload(slice);
    }
  }

  /**
   * A whole packet (neither MF nor an offset, no DF) with {@code fragment}'s header and {@code
   * payload}, read back from its bytes so that its transport is decoded.
   *
   * @throws IllegalArgumentException when the payload is too short for its transport header
   */
  static Ipv4Packet unfragmented(Ipv4Packet fragment, byte[] payload) {
    Ipv4Packet whole =
        new Ipv4Packet(
            fragment.tos(),
            fragment.id(),
            false,
            fragment.ttl(),
            fragment.protocol(),
            fragment.src(),
            fragment.dst(),
            new RawPayload(payload));
    return decodeIp(ipBytes(whole));
  }

  /** The IPv4 packet's bytes (header and payload), without the Ethernet header. */
  public static byte[] ipBytes(Ipv4Packet ip) {
    ByteBuffer b = ByteBuffer.allocate(ip.length());
    encodeIpv4(b, ip);
    return b.array();
  }

  /**
   * An IPv4 packet read back from its bytes (header and payload, {@link #ipBytes}).
   *
   * @throws IllegalArgumentException when the bytes are too short for what they claim to be
   */
  public static Ipv4Packet decodeIp(byte[] bytes) {
    try {
      return decodeIpv4(ByteBuffer.wrap(bytes));
    } catch (java.nio.BufferUnderflowException | IndexOutOfBoundsException e) {
      throw new IllegalArgumentException("truncated packet (" + bytes.length + " bytes)", e);
    }
  }

  /** Whether the IPv4 header and transport checksums in {@code bytes} are right. */
  public static boolean checksumsValid(byte[] bytes) {
    int off = 14;
    int type = ((bytes[12] & 0xff) << 8) | (bytes[13] & 0xff);
    if (type == Frame.ETHERTYPE_VLAN) {
      off = 18;
      type = ((bytes[16] & 0xff) << 8) | (bytes[17] & 0xff);
    }
    if (type != Frame.ETHERTYPE_IPV4) {
      return true;
    }
    int ihl = (bytes[off] & 0x0f) * 4;
    if (checksum(bytes, off, ihl, 0) != 0) {
      return false;
    }
    if ((((bytes[off + 6] & 0xff) << 8 | (bytes[off + 7] & 0xff)) & 0x3fff) != 0) {
      // a fragment: the transport checksum covers the whole payload, checked once reassembled
      return true;
    }
    int total = ((bytes[off + 2] & 0xff) << 8) | (bytes[off + 3] & 0xff);
    int proto = bytes[off + 9] & 0xff;
    int l4 = off + ihl;
    int len = total - ihl;
    if (proto == Ipv4Packet.ICMP) {
      return checksum(bytes, l4, len, 0) == 0;
    }
    if (proto == Ipv4Packet.UDP || proto == Ipv4Packet.TCP) {
      ByteBuffer b = ByteBuffer.wrap(bytes);
      int src = b.getInt(off + 12);
      int dst = b.getInt(off + 16);
      int pseudo = (src >>> 16) + (src & 0xffff) + (dst >>> 16) + (dst & 0xffff) + proto + len;
      return checksum(bytes, l4, len, pseudo) == 0;
    }
    return true;
  }
}

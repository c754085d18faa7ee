package dev.ddlab.sim.network.dataplane.frame;

import dev.ddlab.sim.network.types.Ipv4;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One line per frame as {@code tcpdump -n} 4.99 prints it (checked against Debian's tcpdump on a
 * veth in a network namespace, src/test/resources/tcpdump/real-veth.txt): the time of day with
 * microseconds, then ARP, ICMP, UDP or TCP in tcpdump's words. TCP sequence numbers are relative
 * after the first acknowledging segment of a conversation, as tcpdump keeps them per address pair
 * (print-tcp.c: only segments with ACK use the table; a SYN or an unseen pair sets the bases and
 * prints absolute numbers). Fragments as tcpdump 4.99 shows them without -v: the first with its
 * transport header (ICMP's length is the slice's), the others as {@code ip-proto-N}.
 */
public final class TcpdumpFormat {
  private record Pair(int a, int ap, int b, int bp) {}

  private final Map<Pair, long[]> bases = new HashMap<>();

  /** The line for {@code frame} captured at {@code epochNanos}, without a newline. */
  public String line(long epochNanos, Frame frame) {
    return time(epochNanos) + " " + summary(frame);
  }

  /** HH:MM:SS.micros of the virtual time. */
  public static String time(long epochNanos) {
    ZonedDateTime t =
        Instant.ofEpochSecond(epochNanos / 1_000_000_000L, epochNanos % 1_000_000_000L)
            .atZone(ZoneOffset.UTC);
    return String.format(
        Locale.ROOT,
        "%02d:%02d:%02d.%06d",
        t.getHour(),
        t.getMinute(),
        t.getSecond(),
        (epochNanos % 1_000_000_000L) / 1000);
  }

  /** What tcpdump prints after the time stamp. */
  public String summary(Frame frame) {
    Frame.Payload p = frame.payload();
    if (p instanceof ArpPacket a) {
      if (a.op() == ArpPacket.REQUEST) {
        return "ARP, Request who-has "
            + Ipv4.format(a.targetIp())
            + " tell "
            + Ipv4.format(a.senderIp())
            + ", length 28";
      }
      return "ARP, Reply "
          + Ipv4.format(a.senderIp())
          + " is-at "
          + Mac.format(a.senderMac())
          + ", length 28";
    }
    if (p instanceof Ipv4Packet ip) {
      return ipv4(ip);
    }
    return String.format(
        Locale.ROOT, "ethertype Unknown (0x%04x), length %d", frame.etherType(), frame.length());
  }

  private String ipv4(Ipv4Packet ip) {
    String src = Ipv4.format(ip.src());
    String dst = Ipv4.format(ip.dst());
    Ipv4Packet.Transport t = ip.body();
    int udpLength = -1;
    if (ip.isFragment()) {
      // print-ip.c: only the first fragment has the transport header; the others name the
      // protocol (ip-proto-N under -n) and nothing more
      byte[] slice = ((RawPayload) t).bytes();
      if (ip.fragmentOffset() != 0) {
        return "IP " + src + " > " + dst + ": ip-proto-" + ip.protocol();
      }
      t = FrameCodec.firstSlice(ip, slice);
      if (t instanceof UdpDatagram) {
        udpLength = (((slice[4] & 0xff) << 8) | (slice[5] & 0xff)) - 8;
      }
    }
    if (t instanceof IcmpMessage m) {
      return "IP " + src + " > " + dst + ": ICMP " + icmp(m) + ", length " + m.length();
    }
    if (t instanceof UdpDatagram u) {
      Vxlan.Decapsulated vx =
          udpLength < 0 && (u.srcPort() == Vxlan.PORT || u.dstPort() == Vxlan.PORT)
              ? Vxlan.decapsulate(u)
              : null;
      if (vx != null) {
        // tcpdump decodes port 4789 as VXLAN: the outer line, then the inner frame on the next
        return String.format(
            Locale.ROOT,
            "IP %s.%d > %s.%d: VXLAN, flags [I] (0x%02x), vni %d\n%s",
            src,
            u.srcPort(),
            dst,
            u.dstPort(),
            u.data()[0] & 0xff,
            vx.vni(),
            summary(vx.inner()));
      }
      return "IP "
          + src
          + "."
          + u.srcPort()
          + " > "
          + dst
          + "."
          + u.dstPort()
          + ": UDP, length "
          + (udpLength < 0 ? u.data().length : udpLength);
    }
    if (t instanceof TcpSegment s) {
      return "IP " + src + "." + s.srcPort() + " > " + dst + "." + s.dstPort() + ": " + tcp(ip, s);
    }
    if (ip.protocol() == Esp.PROTOCOL && t instanceof RawPayload r && r.bytes().length >= 8) {
      // print-esp.c: the SPI and sequence number, then the length of the IP payload
      return String.format(
          Locale.ROOT,
          "IP %s > %s: ESP(spi=0x%08x,seq=0x%x), length %d",
          src,
          dst,
          Esp.spi(r.bytes()),
          Esp.seq(r.bytes()),
          t.length());
    }
    return "IP " + src + " > " + dst + ": ip-proto-" + ip.protocol() + " " + t.length();
  }

  private static String icmp(IcmpMessage m) {
    switch (m.type()) {
      case IcmpMessage.ECHO_REQUEST:
        return "echo request, id " + m.id() + ", seq " + m.seq();
      case IcmpMessage.ECHO_REPLY:
        return "echo reply, id " + m.id() + ", seq " + m.seq();
      case IcmpMessage.TIME_EXCEEDED:
        return "time exceeded in-transit";
      case IcmpMessage.UNREACHABLE:
        return unreachable(m);
      default:
        return "type-#" + m.type();
    }
  }

  /** The quoted packet's destination (and port) in tcpdump's words. */
  private static String unreachable(IcmpMessage m) {
    byte[] d = m.data();
    if (d.length < 20) {
      return "unreachable";
    }
    int dst =
        ((d[16] & 0xff) << 24) | ((d[17] & 0xff) << 16) | ((d[18] & 0xff) << 8) | (d[19] & 0xff);
    int proto = d[9] & 0xff;
    String host = Ipv4.format(dst);
    switch (m.code()) {
      case IcmpMessage.PORT_UNREACHABLE:
        int ihl = (d[0] & 0x0f) * 4;
        int port = d.length >= ihl + 4 ? ((d[ihl + 2] & 0xff) << 8) | (d[ihl + 3] & 0xff) : 0;
        return host
            + " "
            + (proto == Ipv4Packet.TCP ? "tcp" : "udp")
            + " port "
            + port
            + " unreachable";
      case IcmpMessage.FRAG_NEEDED:
        return host + " unreachable - need to frag (mtu " + m.seq() + ")";
      case IcmpMessage.NET_UNREACHABLE:
        return "net " + host + " unreachable";
      case IcmpMessage.ADMIN_PROHIBITED:
        return "host " + host + " unreachable - admin prohibited filter";
      default:
        return "host " + host + " unreachable";
    }
  }

  private String tcp(Ipv4Packet ip, TcpSegment s) {
    boolean forward =
        Integer.compareUnsigned(ip.src(), ip.dst()) < 0
            || (ip.src() == ip.dst() && s.srcPort() <= s.dstPort());
    Pair key =
        forward
            ? new Pair(ip.src(), s.srcPort(), ip.dst(), s.dstPort())
            : new Pair(ip.dst(), s.dstPort(), ip.src(), s.srcPort());
    long[] base = bases.get(key);
    long seq = s.seq();
    long ack = s.ack();
    int mine = forward ? 0 : 1;
    if (!s.has(TcpSegment.ACK)) {
      // print-tcp.c keeps its table only for segments with ACK: a bare SYN or RST stays absolute
    } else if (base == null || s.has(TcpSegment.SYN)) {
      base = new long[2];
      base[mine] = seq;
      base[1 - mine] = (ack - 1) & 0xffffffffL;
      bases.put(key, base);
    } else {
      seq = (seq - base[mine]) & 0xffffffffL;
      ack = (ack - base[1 - mine]) & 0xffffffffL;
    }
    int length = s.data().length;
    StringBuilder b = new StringBuilder("Flags [").append(flags(s.flags())).append(']');
    if (length > 0 || (s.flags() & (TcpSegment.SYN | TcpSegment.FIN | TcpSegment.RST)) != 0) {
      b.append(", seq ").append(seq);
      if (length > 0) {
        b.append(':').append((seq + length) & 0xffffffffL);
      }
    }
    if (s.has(TcpSegment.ACK)) {
      b.append(", ack ").append(ack);
    }
    b.append(", win ").append(s.window());
    if (s.options().length > 0) {
      b.append(", options [").append(options(s.options())).append(']');
    }
    b.append(", length ").append(length);
    if (length > 0
        && (s.srcPort() == 80 || s.dstPort() == 80 || s.srcPort() == 8080 || s.dstPort() == 8080)) {
      b.append(": HTTP");
      String first = firstLine(s.data());
      if (first != null) {
        b.append(": ").append(first);
      }
    }
    return b.toString();
  }

  /** The request or status line, when the data starts with one (tcpdump's txtproto_print). */
  private static String firstLine(byte[] data) {
    int end = -1;
    for (int i = 0; i + 1 < data.length && i < 300; i++) {
      if (data[i] == '\r' && data[i + 1] == '\n') {
        end = i;
        break;
      }
    }
    if (end <= 0) {
      return null;
    }
    String line = new String(data, 0, end, StandardCharsets.ISO_8859_1);
    if (line.startsWith("HTTP/") || line.matches("[A-Z]+ \\S+ HTTP/\\d\\.\\d")) {
      return line;
    }
    return null;
  }

  /** tcpdump's flag letters in its order (F S R P U E W, then '.' for ACK), "none" for none. */
  static String flags(int f) {
    StringBuilder b = new StringBuilder();
    if ((f & TcpSegment.FIN) != 0) {
      b.append('F');
    }
    if ((f & TcpSegment.SYN) != 0) {
      b.append('S');
    }
    if ((f & TcpSegment.RST) != 0) {
      b.append('R');
    }
    if ((f & TcpSegment.PSH) != 0) {
      b.append('P');
    }
    if ((f & 0x20) != 0) {
      b.append('U');
    }
    if ((f & 0x40) != 0) {
      b.append('E');
    }
    if ((f & 0x80) != 0) {
      b.append('W');
    }
    if ((f & TcpSegment.ACK) != 0) {
      b.append('.');
    }
    return b.length() == 0 ? "none" : b.toString();
  }

  private static String options(byte[] o) {
    StringBuilder b = new StringBuilder();
    int i = 0;
    while (i < o.length) {
      int kind = o[i] & 0xff;
      if (b.length() > 0) {
        b.append(',');
      }
      if (kind == 0) {
        b.append("eol");
        break;
      }
      if (kind == 1) {
        b.append("nop");
        i++;
        continue;
      }
      int len = i + 1 < o.length ? o[i + 1] & 0xff : 2;
      switch (kind) {
        case 2 -> b.append("mss ").append(((o[i + 2] & 0xff) << 8) | (o[i + 3] & 0xff));
        case 3 -> b.append("wscale ").append(o[i + 2] & 0xff);
        case 4 -> b.append("sackOK");
        case 8 -> b.append("TS val ").append(uint(o, i + 2)).append(" ecr ").append(uint(o, i + 6));
        default -> b.append("opt-").append(kind);
      }
      i += Math.max(2, len);
    }
    return b.toString();
  }

  private static long uint(byte[] o, int at) {
    return (((long) (o[at] & 0xff)) << 24)
        | ((o[at + 1] & 0xff) << 16)
        | ((o[at + 2] & 0xff) << 8)
        | (o[at + 3] & 0xff);
  }
}

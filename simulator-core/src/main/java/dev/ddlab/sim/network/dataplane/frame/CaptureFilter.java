package dev.ddlab.sim.network.dataplane.frame;

import dev.ddlab.sim.network.types.Ipv4;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The part of pcap-filter(7) a lab uses: {@code arp}, {@code ip}, {@code icmp}, {@code esp}, {@code
 * tcp}, {@code udp}, {@code [src|dst] host A}, {@code [src|dst] A}, {@code [tcp|udp] [src|dst] port
 * N}, joined by {@code and}/{@code &&}, {@code or}/{@code ||} (equal precedence, left to right, as
 * libpcap reads them), {@code not}/{@code !} and parentheses.
 */
public final class CaptureFilter {
  /** A filter that cannot be read: tcpdump says "syntax error". */
  public static final class SyntaxError extends RuntimeException {
    SyntaxError() {
      super("syntax error");
    }
  }

  private final List<String> tokens;
  private int at;

  private CaptureFilter(List<String> tokens) {
    this.tokens = tokens;
  }

  /** The filter of tcpdump's expression words; empty words pass every frame. */
  public static Predicate<Frame> parse(List<String> words) {
    List<String> tokens = new ArrayList<>();
    for (String w : words) {
      String spaced = w.replace("(", " ( ").replace(")", " ) ");
      for (String t : spaced.trim().split("\\s+")) {
        if (!t.isEmpty()) {
          tokens.add(t);
        }
      }
    }
    if (tokens.isEmpty()) {
      return f -> true;
    }
    CaptureFilter p = new CaptureFilter(tokens);
    Predicate<Frame> f = p.expression();
    if (p.at != tokens.size()) {
      throw new SyntaxError();
    }
    return f;
  }

  private String peek() {
    return at < tokens.size() ? tokens.get(at) : null;
  }

  private String next() {
    if (at >= tokens.size()) {
      throw new SyntaxError();
    }
    return tokens.get(at++);
  }

  private Predicate<Frame> expression() {
    Predicate<Frame> left = unary();
    while (peek() != null) {
      String op = peek();
      if (op.equals("and") || op.equals("&&")) {
        at++;
        left = left.and(unary());
      } else if (op.equals("or") || op.equals("||")) {
        at++;
        left = left.or(unary());
      } else {
        break;
      }
    }
    return left;
  }

  private Predicate<Frame> unary() {
    String t = peek();
    if (t == null) {
      throw new SyntaxError();
    }
    if (t.equals("not") || t.equals("!")) {
      at++;
      return unary().negate();
    }
    if (t.equals("(")) {
      at++;
      Predicate<Frame> inner = expression();
      if (!")".equals(next())) {
        throw new SyntaxError();
      }
      return inner;
    }
    return primitive();
  }

  private Predicate<Frame> primitive() {
    String t = next();
    switch (t) {
      case "arp":
        return f -> f.payload() instanceof ArpPacket;
      case "ip":
        return f -> f.ip() != null;
      case "icmp":
        return f -> f.ip() != null && f.ip().body() instanceof IcmpMessage;
      case "esp":
        return f -> f.ip() != null && f.ip().protocol() == Esp.PROTOCOL; // ip proto 50
      case "tcp":
      case "udp":
        if ("port".equals(peek()) || "src".equals(peek()) || "dst".equals(peek())) {
          Predicate<Frame> proto = transport(t);
          return proto.and(primitive());
        }
        return transport(t);
      case "src":
      case "dst":
        {
          String what = peek();
          if ("port".equals(what)) {
            at++;
            int port = port(next());
            return f -> t.equals("src") ? srcPort(f) == port : dstPort(f) == port;
          }
          if ("host".equals(what)) {
            at++;
          }
          int ip = address(next());
          return f -> t.equals("src") ? src(f) == ip : dst(f) == ip;
        }
      case "host":
        {
          int ip = address(next());
          return f -> src(f) == ip || dst(f) == ip;
        }
      case "port":
        {
          int port = port(next());
          return f -> srcPort(f) == port || dstPort(f) == port;
        }
      default:
        if (Ipv4.isAddress(t)) {
          int ip = Ipv4.parse(t);
          return f -> src(f) == ip || dst(f) == ip;
        }
        throw new SyntaxError();
    }
  }

  private static Predicate<Frame> transport(String name) {
    return f ->
        f.ip() != null
            && (name.equals("tcp")
                ? f.ip().body() instanceof TcpSegment
                : f.ip().body() instanceof UdpDatagram);
  }

  private static int address(String t) {
    if (!Ipv4.isAddress(t)) {
      throw new SyntaxError();
    }
    return Ipv4.parse(t);
  }

  private static int port(String t) {
    try {
      int p = Integer.parseInt(t);
      if (p < 0 || p > 65535) {
        throw new SyntaxError();
      }
      return p;
    } catch (NumberFormatException e) {
      throw new SyntaxError();
    }
  }

  /** The sender's IPv4 address (ARP's sender too), or 0. */
  private static int src(Frame f) {
    if (f.payload() instanceof ArpPacket a) {
      return a.senderIp();
    }
    return f.ip() == null ? 0 : f.ip().src();
  }

  private static int dst(Frame f) {
    if (f.payload() instanceof ArpPacket a) {
      return a.targetIp();
    }
    return f.ip() == null ? 0 : f.ip().dst();
  }

  /** The frame's TCP/UDP source port, -1 for anything without ports. */
  private static int srcPort(Frame f) {
    return f.ip() == null || f.ip().srcPort() == 0 ? -1 : f.ip().srcPort();
  }

  private static int dstPort(Frame f) {
    return f.ip() == null || f.ip().dstPort() == 0 ? -1 : f.ip().dstPort();
  }
}

package dev.ddlab.web.panel;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The fields of a frame's bytes as a packet analyser lays them out, for the VXLAN panel's hex view:
 * Ethernet, IPv4, UDP, and on port 4789 the VXLAN header and the inner frame (Ethernet, ARP or
 * IPv4, ICMP, UDP or TCP), each field with its layer, offset, length and value. Reads only the
 * bytes (what the introspection seam gives), so a frame from any source dissects the same way.
 */
public final class FrameFields {
  /** The UDP port of VXLAN (RFC 7348). */
  static final int VXLAN_PORT = 4789;

  /**
   * One field.
   *
   * @param layer the header it belongs to: "outer-eth", "outer-ip", "udp", "vxlan", "eth", "arp",
   *     "ip", "icmp", "tcp", "inner-udp", "data"
   * @param name what the field is, in Vietnamese
   * @param offset where it starts in the frame
   * @param length how many bytes it takes
   * @param value its value as people read it
   */
  public record Field(String layer, String name, int offset, int length, String value) {
    /** Whether this is the packet's sender address (IPv4 source, ARP sender). */
    public boolean isSourceAddress() {
      return name.equals(IP_SOURCE) || name.equals(ARP_SENDER);
    }

    /** Whether this is the packet's target address (IPv4 destination, ARP target). */
    public boolean isTargetAddress() {
      return name.equals(IP_DESTINATION) || name.equals(ARP_TARGET);
    }
  }

  static final String IP_SOURCE = "IP nguồn";
  static final String IP_DESTINATION = "IP đích";
  static final String ARP_SENDER = "IP người gửi";
  static final String ARP_TARGET = "IP cần tìm";

  private final byte[] b;
  private final List<Field> out = new ArrayList<>();

  private FrameFields(byte[] bytes) {
    this.b = bytes;
  }

  /** The fields of {@code bytes}, in order; what is too short to read is left out. */
  public static List<Field> of(byte[] bytes) {
    FrameFields f = new FrameFields(bytes);
    f.ethernet(0, true);
    return f.out;
  }

  /** Where the inner frame starts when {@code bytes} is a VXLAN frame on UDP 4789, else -1. */
  public static int innerOffset(byte[] bytes) {
    return innerOffset(of(bytes));
  }

  /** Where the inner frame of already dissected {@code fields} starts, else -1. */
  public static int innerOffset(List<Field> fields) {
    for (Field f : fields) {
      if (f.layer().equals("eth")) {
        return f.offset();
      }
    }
    return -1;
  }

  private boolean has(int at, int n) {
    return at >= 0 && at + n <= b.length;
  }

  private int u8(int at) {
    return b[at] & 0xff;
  }

  private int u16(int at) {
    return (u8(at) << 8) | u8(at + 1);
  }

  private long u32(int at) {
    return ((long) u16(at) << 16) | u16(at + 2);
  }

  private void add(String layer, String name, int at, int n, String value) {
    out.add(new Field(layer, name, at, n, value));
  }

  private String mac(int at) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < 6; i++) {
      s.append(i > 0 ? ":" : "").append(String.format(Locale.ROOT, "%02x", u8(at + i)));
    }
    return s.toString();
  }

  private String ip(int at) {
    return u8(at) + "." + u8(at + 1) + "." + u8(at + 2) + "." + u8(at + 3);
  }

  private static String hex16(int v) {
    return String.format(Locale.ROOT, "0x%04x", v);
  }

  private void ethernet(int at, boolean outer) {
    if (!has(at, 14)) {
      return;
    }
    String layer = outer ? "outer-eth" : "eth";
    add(layer, "MAC đích", at, 6, mac(at));
    add(layer, "MAC nguồn", at + 6, 6, mac(at + 6));
    int type = u16(at + 12);
    String name =
        switch (type) {
          case 0x0800 -> " (IPv4)";
          case 0x0806 -> " (ARP)";
          default -> "";
        };
    add(layer, "EtherType", at + 12, 2, hex16(type) + name);
    if (type == 0x0800) {
      ipv4(at + 14, outer);
    } else if (type == 0x0806) {
      arp(at + 14);
    } else if (b.length > at + 14) {
      add("data", "Dữ liệu", at + 14, b.length - at - 14, (b.length - at - 14) + " byte");
    }
  }

  private void arp(int at) {
    if (!has(at, 28)) {
      return;
    }
    add("arp", "Loại phần cứng", at, 2, u16(at) + " (Ethernet)");
    add("arp", "Loại giao thức", at + 2, 2, hex16(u16(at + 2)) + " (IPv4)");
    add("arp", "Độ dài MAC / IP", at + 4, 2, u8(at + 4) + " / " + u8(at + 5));
    int op = u16(at + 6);
    add("arp", "Thao tác", at + 6, 2, op + (op == 1 ? " (hỏi)" : op == 2 ? " (trả lời)" : ""));
    add("arp", "MAC người gửi", at + 8, 6, mac(at + 8));
    add("arp", ARP_SENDER, at + 14, 4, ip(at + 14));
    add("arp", "MAC cần tìm", at + 18, 6, mac(at + 18));
    add("arp", ARP_TARGET, at + 24, 4, ip(at + 24));
  }

  private void ipv4(int at, boolean outer) {
    if (!has(at, 20)) {
      return;
    }
    String layer = outer ? "outer-ip" : "ip";
    int ihl = (u8(at) & 0x0f) * 4;
    add(layer, "Phiên bản / độ dài header", at, 1, (u8(at) >>> 4) + " / " + ihl + " byte");
    add(layer, "DSCP / ECN", at + 1, 1, hex8(u8(at + 1)));
    int total = u16(at + 2);
    add(layer, "Tổng độ dài", at + 2, 2, total + " byte");
    add(layer, "Định danh (ID)", at + 4, 2, hex16(u16(at + 4)) + " (" + u16(at + 4) + ")");
    int frag = u16(at + 6);
    List<String> flags = new ArrayList<>();
    if ((frag & 0x4000) != 0) {
      flags.add("DF");
    }
    if ((frag & 0x2000) != 0) {
      flags.add("MF");
    }
    add(
        layer,
        "Cờ / vị trí mảnh",
        at + 6,
        2,
        (flags.isEmpty() ? "không cờ" : String.join(", ", flags)) + " / " + (frag & 0x1fff) * 8);
    add(layer, "TTL", at + 8, 1, String.valueOf(u8(at + 8)));
    int proto = u8(at + 9);
    String pname =
        switch (proto) {
          case 1 -> " (ICMP)";
          case 6 -> " (TCP)";
          case 17 -> " (UDP)";
          default -> "";
        };
    add(layer, "Giao thức", at + 9, 1, proto + pname);
    add(layer, "Checksum header", at + 10, 2, hex16(u16(at + 10)));
    add(layer, IP_SOURCE, at + 12, 4, ip(at + 12));
    add(layer, IP_DESTINATION, at + 16, 4, ip(at + 16));
    int l4 = at + ihl;
    int end = Math.min(b.length, at + Math.max(total, ihl));
    if ((frag & 0x1fff) != 0) {
      add("data", "Mảnh dữ liệu", l4, end - l4, (end - l4) + " byte");
      return;
    }
    switch (proto) {
      case 1 -> icmp(l4, end);
      case 6 -> tcp(l4, end);
      case 17 -> udp(l4, end, outer);
      default -> {
        if (end > l4) {
          add("data", "Dữ liệu", l4, end - l4, (end - l4) + " byte");
        }
      }
    }
  }

  private static String hex8(int v) {
    return String.format(Locale.ROOT, "0x%02x", v);
  }

  private void icmp(int at, int end) {
    if (!has(at, 8)) {
      return;
    }
    int type = u8(at);
    String tname =
        switch (type) {
          case 0 -> " (echo reply)";
          case 3 -> " (đích không tới được)";
          case 8 -> " (echo request)";
          case 11 -> " (hết TTL)";
          default -> "";
        };
    add("icmp", "Loại", at, 1, type + tname);
    add("icmp", "Mã", at + 1, 1, String.valueOf(u8(at + 1)));
    add("icmp", "Checksum", at + 2, 2, hex16(u16(at + 2)));
    add("icmp", "Định danh", at + 4, 2, String.valueOf(u16(at + 4)));
    add("icmp", "Số thứ tự", at + 6, 2, String.valueOf(u16(at + 6)));
    if (end > at + 8) {
      add("icmp", "Dữ liệu", at + 8, end - at - 8, (end - at - 8) + " byte");
    }
  }

  private void tcp(int at, int end) {
    if (!has(at, 20)) {
      return;
    }
    add("tcp", "Cổng nguồn", at, 2, String.valueOf(u16(at)));
    add("tcp", "Cổng đích", at + 2, 2, String.valueOf(u16(at + 2)));
    add("tcp", "Số thứ tự", at + 4, 4, String.valueOf(u32(at + 4)));
    add("tcp", "Số xác nhận", at + 8, 4, String.valueOf(u32(at + 8)));
    int off = (u8(at + 12) >>> 4) * 4;
    add("tcp", "Độ dài header / cờ", at + 12, 2, off + " byte / " + hex8(u8(at + 13)));
    add("tcp", "Cửa sổ", at + 14, 2, String.valueOf(u16(at + 14)));
    add("tcp", "Checksum", at + 16, 2, hex16(u16(at + 16)));
    add("tcp", "Con trỏ khẩn", at + 18, 2, String.valueOf(u16(at + 18)));
    if (off > 20 && has(at, off)) {
      add("tcp", "Tuỳ chọn", at + 20, off - 20, (off - 20) + " byte");
    }
    if (end > at + off) {
      add("data", "Dữ liệu", at + off, end - at - off, (end - at - off) + " byte");
    }
  }

  private void udp(int at, int end, boolean outer) {
    if (!has(at, 8)) {
      return;
    }
    String layer = outer ? "udp" : "inner-udp";
    int sport = u16(at);
    int dport = u16(at + 2);
    boolean vxlan = outer && dport == VXLAN_PORT;
    add(layer, "Cổng nguồn", at, 2, sport + (vxlan ? " (băm từ luồng bên trong)" : ""));
    add(layer, "Cổng đích", at + 2, 2, dport + (vxlan ? " (VXLAN)" : ""));
    add(layer, "Độ dài", at + 4, 2, u16(at + 4) + " byte");
    add(layer, "Checksum", at + 6, 2, hex16(u16(at + 6)));
    if (vxlan && has(at + 8, 8)) {
      int v = at + 8;
      add("vxlan", "Cờ", v, 1, hex8(u8(v)) + ((u8(v) & 0x08) != 0 ? " (I: có VNI)" : ""));
      add("vxlan", "Dành riêng", v + 1, 3, "0");
      add("vxlan", "VNI", v + 4, 3, String.valueOf((u32(v + 4) >>> 8)));
      add("vxlan", "Dành riêng", v + 7, 1, "0");
      ethernet(v + 8, false);
    } else if (end > at + 8) {
      add("data", "Dữ liệu", at + 8, end - at - 8, (end - at - 8) + " byte");
    }
  }
}

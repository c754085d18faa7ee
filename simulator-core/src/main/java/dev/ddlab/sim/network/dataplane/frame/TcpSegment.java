package dev.ddlab.sim.network.dataplane.frame;

/**
 * A TCP segment (RFC 9293): ports, sequence and acknowledgement numbers (unsigned 32 bits, kept in
 * longs), flags, window, raw options (as Linux sends them: MSS, SACK permitted, timestamps, window
 * scale on a SYN; timestamps after) and data.
 */
public record TcpSegment(
    int srcPort,
    int dstPort,
    long seq,
    long ack,
    int flags,
    int window,
    byte[] options,
    byte[] data)
    implements Ipv4Packet.Transport {
  public static final int FIN = 0x01;
  public static final int SYN = 0x02;
  public static final int RST = 0x04;
  public static final int PSH = 0x08;
  public static final int ACK = 0x10;

  @Override
  public int length() {
    return 20 + options.length + data.length;
  }

  public boolean has(int flag) {
    return (flags & flag) != 0;
  }

  public TcpSegment withPorts(int src, int dst) {
    return new TcpSegment(src, dst, seq, ack, flags, window, options, data);
  }
}

package dev.ddlab.sim.network.dataplane.frame;

/** A UDP datagram (RFC 768); its checksum covers the IPv4 pseudo-header and is set on encode. */
public record UdpDatagram(int srcPort, int dstPort, byte[] data) implements Ipv4Packet.Transport {
  @Override
  public int length() {
    return 8 + data.length;
  }

  public UdpDatagram withPorts(int src, int dst) {
    return new UdpDatagram(src, dst, data);
  }
}

package dev.ddlab.sim.network.dataplane.frame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/** Real captures kept as test resources under /tcpdump/: the pcap files and tcpdump's text. */
final class Captures {
  record Captured(long epochNanos, byte[] bytes) {}

  private Captures() {}

  static byte[] resource(String name) throws IOException {
    try (InputStream in = Captures.class.getResourceAsStream("/tcpdump/" + name)) {
      assertNotNull(in, "missing test resource /tcpdump/" + name);
      return in.readAllBytes();
    }
  }

  /** The records of a classic little-endian pcap file (microsecond time stamps). */
  static List<Captured> pcap(byte[] file) {
    ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
    assertEquals(0xa1b2c3d4, b.getInt(), "pcap magic");
    b.position(24);
    List<Captured> out = new ArrayList<>();
    while (b.remaining() >= 16) {
      long sec = b.getInt() & 0xffffffffL;
      long usec = b.getInt() & 0xffffffffL;
      int caplen = b.getInt();
      b.getInt();
      byte[] data = new byte[caplen];
      b.get(data);
      out.add(new Captured(sec * 1_000_000_000L + usec * 1000, data));
    }
    return out;
  }
}

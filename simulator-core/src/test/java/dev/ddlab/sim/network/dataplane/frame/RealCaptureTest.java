package dev.ddlab.sim.network.dataplane.frame;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Frames captured by Debian's tcpdump 4.99.3 on a veth between two network namespaces (ARP, ping,
 * an HTTP exchange, a refused connection, UDP to a closed port, ARP for an absent address), written
 * to pcap, and tcpdump's own {@code -n} text of that file (TZ=UTC): our codec reads the real bytes
 * and writes them back unchanged, and our formatter prints tcpdump's lines.
 */
class RealCaptureTest {
  private record Captured(long epochNanos, byte[] bytes) {}

  private static byte[] resource(String name) throws IOException {
    try (InputStream in = RealCaptureTest.class.getResourceAsStream("/tcpdump/" + name)) {
      assertNotNull(in, "missing test resource /tcpdump/" + name);
      return in.readAllBytes();
    }
  }

  /** The records of a classic little-endian pcap file (microsecond time stamps). */
  private static List<Captured> pcap(byte[] file) {
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

  @Test
  void decoding_real_frames_and_encoding_them_again_gives_the_same_bytes() throws IOException {
    List<Captured> frames = pcap(resource("real-veth.pcap"));
    assertEquals(25, frames.size());
    int exact = 0;
    for (Captured c : frames) {
      byte[] bytes = c.bytes();
      byte[] again = FrameCodec.encode(FrameCodec.decode(bytes));
      assertTrue(FrameCodec.checksumsValid(again), "our checksums hold");
      // the kernel pads short frames (ARP, bare ACKs) to 60 bytes; the padding is not ours to keep
      assertTrue(again.length == bytes.length || bytes.length == 60);
      // a sender's TCP/UDP checksum is left to the NIC (offload) and captured unfinished
      if (FrameCodec.checksumsValid(bytes)) {
        assertArrayEquals(
            Arrays.copyOf(bytes, again.length), again, () -> "frame " + frames.indexOf(c));
        exact++;
      }
    }
    assertTrue(exact >= 10, "the receiver's frames and ARP carry real checksums: " + exact);
  }

  @Test
  void tcpdump_lines_match_real_tcpdump_for_the_same_frames() throws IOException {
    List<Captured> frames = pcap(resource("real-veth.pcap"));
    String[] real = new String(resource("real-veth.txt"), StandardCharsets.UTF_8).split("\n");
    TcpdumpFormat fmt = new TcpdumpFormat();
    assertEquals(real.length, frames.size());
    for (int i = 0; i < real.length; i++) {
      Captured c = frames.get(i);
      assertEquals(real[i], fmt.line(c.epochNanos(), FrameCodec.decode(c.bytes())), "frame " + i);
    }
  }
}

package dev.ddlab.sim.network.dataplane.frame;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
  @Test
  void decoding_real_frames_and_encoding_them_again_gives_the_same_bytes() throws IOException {
    List<Captures.Captured> frames = Captures.pcap(Captures.resource("real-veth.pcap"));
    assertEquals(25, frames.size());
    int exact = 0;
    for (Captures.Captured c : frames) {
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
    sameLines("real-veth");
  }

  /**
   * Fragments captured the same way (veths of MTU 1450, and a router towards a link of MTU 1000):
   * iputils and busybox pings of 1430 and 3000 bytes, a 2000-byte UDP datagram to a closed port,
   * and {@code ping -M do} answered with ICMP fragmentation needed.
   */
  @Test
  void fragments_and_icmp_errors_quoting_548_bytes_read_and_print_as_real_tcpdump()
      throws IOException {
    List<Captures.Captured> frames = Captures.pcap(Captures.resource("real-frag.pcap"));
    for (Captures.Captured c : frames) {
      byte[] again = FrameCodec.encode(FrameCodec.decode(c.bytes()));
      if (FrameCodec.checksumsValid(c.bytes())) {
        assertArrayEquals(c.bytes(), again, () -> "frame " + frames.indexOf(c));
      }
    }
    sameLines("real-frag");
  }

  /**
   * ESP packets built by hand (SPIs with leading zeros, sequence numbers past 0xffff), printed by
   * the same tcpdump: the SPI as eight hex digits, the sequence number in hex, the IP payload's
   * length.
   */
  @Test
  void esp_packets_print_their_spi_and_sequence_as_real_tcpdump() throws IOException {
    sameLines("tcpdump-esp");
  }

  private static void sameLines(String name) throws IOException {
    List<Captures.Captured> frames = Captures.pcap(Captures.resource(name + ".pcap"));
    String[] real =
        new String(Captures.resource(name + ".txt"), StandardCharsets.UTF_8).split("\n");
    TcpdumpFormat fmt = new TcpdumpFormat();
    assertEquals(real.length, frames.size());
    for (int i = 0; i < real.length; i++) {
      Captures.Captured c = frames.get(i);
      assertEquals(real[i], fmt.line(c.epochNanos(), FrameCodec.decode(c.bytes())), "frame " + i);
    }
  }
}

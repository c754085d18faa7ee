package dev.ddlab.sim.network.dataplane.frame;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ddlab.sim.network.types.Ipv4;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * VXLAN against a real capture: two network namespaces joined by a veth, a Linux vxlan device (VNI
 * 4097, dstport 4789) in each, ARP and two pings across, captured on the veth by Debian's tcpdump
 * 4.99 (real-vxlan.pcap) with its {@code -n} text (real-vxlan.txt).
 */
class VxlanTest {
  private static UdpDatagram udp(Frame f) {
    return (UdpDatagram) f.ip().body();
  }

  @Test
  void real_vxlan_frames_decapsulate_to_vni_4097_and_encapsulate_back_to_the_same_bytes()
      throws IOException {
    List<Captures.Captured> frames = Captures.pcap(Captures.resource("real-vxlan.pcap"));
    assertEquals(6, frames.size());
    for (Captures.Captured c : frames) {
      Frame outer = FrameCodec.decode(c.bytes());
      Vxlan.Decapsulated d = Vxlan.decapsulate(udp(outer));
      assertNotNull(d);
      assertEquals(4097, d.vni());
      assertEquals(c.bytes().length, FrameCodec.encode(d.inner()).length + Vxlan.OVERHEAD);
      Frame again =
          Vxlan.encapsulate(
              d.inner(),
              d.vni(),
              outer.dst(),
              outer.src(),
              outer.ip().src(),
              outer.ip().dst(),
              outer.ip().id());
      byte[] ours = FrameCodec.encode(again);
      assertTrue(FrameCodec.checksumsValid(ours));
      // the source port is our hash, not Linux's, and Linux leaves the UDP checksum to offload
      byte[] real = c.bytes().clone();
      for (int i : new int[] {34, 35, 40, 41}) {
        real[i] = 0;
        ours[i] = 0;
      }
      assertArrayEquals(real, ours);
    }
  }

  @Test
  void tcpdump_prints_the_outer_line_then_the_inner_frame_as_real_tcpdump() throws IOException {
    List<Captures.Captured> frames = Captures.pcap(Captures.resource("real-vxlan.pcap"));
    String[] real =
        new String(Captures.resource("real-vxlan.txt"), StandardCharsets.UTF_8).split("\n");
    TcpdumpFormat fmt = new TcpdumpFormat();
    for (int i = 0; i < frames.size(); i++) {
      Captures.Captured c = frames.get(i);
      assertEquals(
          real[2 * i] + "\n" + real[2 * i + 1],
          fmt.line(c.epochNanos(), FrameCodec.decode(c.bytes())),
          "frame " + i);
    }
  }

  @Test
  void the_header_is_the_i_flag_and_a_24_bit_vni_and_both_directions_share_a_source_port() {
    int c1 = Ipv4.parse("10.0.1.3");
    int c2 = Ipv4.parse("10.0.1.4");
    IcmpMessage echo = new IcmpMessage(IcmpMessage.ECHO_REQUEST, 0, 7, 1, new byte[56]);
    IcmpMessage reply = new IcmpMessage(IcmpMessage.ECHO_REPLY, 0, 7, 1, new byte[56]);
    Frame there = Frame.ipv4(2, 1, Ipv4Packet.of(1, 64, c1, c2, echo));
    Frame back = Frame.ipv4(1, 2, Ipv4Packet.of(2, 64, c2, c1, reply));
    int node1 = Ipv4.parse("192.168.0.11");
    int node2 = Ipv4.parse("192.168.0.12");
    Frame out = Vxlan.encapsulate(there, 0xabcdef, 20, 10, node1, node2, 9);
    byte[] bytes = FrameCodec.encode(out);
    assertEquals(FrameCodec.encode(there).length + 50, bytes.length);
    assertEquals(
        "08000000abcdef00",
        HexFormat.of().formatHex(Arrays.copyOfRange(bytes, 42, 50)),
        "flags I, reserved, VNI, reserved");
    assertEquals(Vxlan.PORT, udp(out).dstPort());
    assertEquals(false, out.ip().dontFragment());
    int sport = udp(out).srcPort();
    assertTrue(sport >= 32768 && sport <= 60999, "ephemeral: " + sport);
    assertEquals(sport, udp(Vxlan.encapsulate(back, 0xabcdef, 10, 20, node2, node1, 3)).srcPort());
    Frame arp = Frame.arp(Mac.BROADCAST, 1, ArpPacket.request(1, c1, c2));
    assertNotEquals(
        sport, udp(Vxlan.encapsulate(arp, 0xabcdef, 20, 10, node1, node2, 4)).srcPort());
    assertArrayEquals(
        FrameCodec.encode(there), FrameCodec.encode(Vxlan.decapsulate(udp(out)).inner()));
    assertThrows(
        IllegalArgumentException.class,
        () -> Vxlan.encapsulate(there, 1 << 24, 20, 10, node1, node2, 9));
    assertNull(Vxlan.decapsulate(new UdpDatagram(40000, 53, new byte[30])), "not port 4789");
  }
}

package dev.ddlab.web.panel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ddlab.sim.network.dataplane.frame.ArpPacket;
import dev.ddlab.sim.network.dataplane.frame.Frame;
import dev.ddlab.sim.network.dataplane.frame.FrameCodec;
import dev.ddlab.sim.network.dataplane.frame.IcmpMessage;
import dev.ddlab.sim.network.dataplane.frame.Ipv4Packet;
import dev.ddlab.sim.network.dataplane.frame.Mac;
import dev.ddlab.sim.network.dataplane.frame.Vxlan;
import dev.ddlab.sim.network.types.Ipv4;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The VXLAN panel's dissector on frames our codec writes (the codec itself is checked against real
 * captures): every byte belongs to exactly one field, in order, with the values a packet analyser
 * shows.
 */
class FrameFieldsTest {
  private static final int C1 = Ipv4.parse("10.0.9.2");
  private static final int C2 = Ipv4.parse("10.0.9.3");

  private static byte[] tunnelled(Frame inner) {
    return FrameCodec.encode(
        Vxlan.encapsulate(
            inner,
            4097,
            0x0242_0000_000cL,
            0x0242_0000_000bL,
            Ipv4.parse("10.0.0.1"),
            Ipv4.parse("10.0.0.2"),
            7));
  }

  private static String value(List<FrameFields.Field> fields, String layer, String name) {
    return fields.stream()
        .filter(f -> f.layer().equals(layer) && f.name().equals(name))
        .findFirst()
        .orElseThrow()
        .value();
  }

  private static void tiles(List<FrameFields.Field> fields, int length) {
    int at = 0;
    for (FrameFields.Field f : fields) {
      assertEquals(at, f.offset(), f.toString());
      at += f.length();
    }
    assertEquals(length, at, "every byte has its field");
  }

  @Test
  void an_icmp_echo_in_vxlan_has_the_outer_headers_then_vni_4097_then_the_inner_frame_at_50() {
    byte[] bytes =
        tunnelled(
            Frame.ipv4(
                0x0242_0a00_0903L,
                0x0242_0a00_0902L,
                Ipv4Packet.of(
                    1,
                    64,
                    C1,
                    C2,
                    new IcmpMessage(IcmpMessage.ECHO_REQUEST, 0, 7, 1, new byte[56]))));
    List<FrameFields.Field> fields = FrameFields.of(bytes);
    tiles(fields, bytes.length);
    assertEquals(50, FrameFields.innerOffset(bytes));
    assertEquals("10.0.0.1", value(fields, "outer-ip", "IP nguồn"));
    assertEquals("4789 (VXLAN)", value(fields, "udp", "Cổng đích"));
    assertTrue(value(fields, "udp", "Cổng nguồn").endsWith("(băm từ luồng bên trong)"));
    assertEquals("0x08 (I: có VNI)", value(fields, "vxlan", "Cờ"));
    assertEquals("4097", value(fields, "vxlan", "VNI"));
    FrameFields.Field vni =
        fields.stream().filter(f -> f.name().equals("VNI")).findFirst().orElseThrow();
    assertEquals(46, vni.offset());
    assertEquals(3, vni.length());
    assertEquals("02:42:0a:00:09:03", value(fields, "eth", "MAC đích"));
    assertEquals("10.0.9.3", value(fields, "ip", "IP đích"));
    assertEquals("8 (echo request)", value(fields, "icmp", "Loại"));
    assertEquals("56 byte", value(fields, "icmp", "Dữ liệu"));
  }

  @Test
  void an_arp_request_in_vxlan_names_who_asks_and_for_whom() {
    byte[] bytes =
        tunnelled(
            Frame.arp(
                Mac.BROADCAST, 0x0242_0a00_0902L, ArpPacket.request(0x0242_0a00_0902L, C1, C2)));
    List<FrameFields.Field> fields = FrameFields.of(bytes);
    tiles(fields, bytes.length);
    assertEquals("1 (hỏi)", value(fields, "arp", "Thao tác"));
    assertEquals("10.0.9.2", value(fields, "arp", "IP người gửi"));
    assertEquals("10.0.9.3", value(fields, "arp", "IP cần tìm"));
  }

  @Test
  void a_frame_that_is_not_vxlan_has_no_inner_frame_and_short_bytes_stop_the_dissection() {
    byte[] plain =
        FrameCodec.encode(
            Frame.ipv4(
                1,
                2,
                Ipv4Packet.of(
                    1, 64, C1, C2, new IcmpMessage(IcmpMessage.ECHO_REPLY, 0, 7, 1, new byte[8]))));
    assertEquals(-1, FrameFields.innerOffset(plain));
    tiles(FrameFields.of(plain), plain.length);
    assertEquals(3, FrameFields.of(java.util.Arrays.copyOf(plain, 20)).size());
  }
}

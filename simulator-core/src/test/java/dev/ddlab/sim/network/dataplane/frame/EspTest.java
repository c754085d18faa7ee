package dev.ddlab.sim.network.dataplane.frame;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.ddlab.sim.network.types.Ipv4;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * ESP in transport mode with AES-GCM (RFC 4303, RFC 4106) over a VXLAN datagram: the IP header
 * stays with protocol 50, the SPI and sequence number are in the clear, the tunnelled frame is not,
 * and only the same key opens it again.
 */
class EspTest {
  private static final byte[] KEY = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  private static Ipv4Packet vxlanPacket(String secret) {
    Frame inner =
        Frame.ipv4(
            0x02420a000104L,
            0x02420a000103L,
            Ipv4Packet.of(
                7,
                64,
                Ipv4.parse("10.0.1.3"),
                Ipv4.parse("10.0.1.4"),
                new IcmpMessage(8, 0, 1, 0, secret.getBytes(StandardCharsets.US_ASCII))));
    return Vxlan.encapsulate(inner, 4097, 0, 0, Ipv4.parse("10.0.0.1"), Ipv4.parse("10.0.0.4"), 42)
        .ip();
  }

  @Test
  void a_sealed_vxlan_datagram_hides_the_inner_frame_and_opens_with_the_same_key() {
    Ipv4Packet plain = vxlanPacket("the inner payload nobody on the underlay reads");
    Esp.Sa sa = new Esp.Sa(0x1a2b3c4d, KEY, 0x1a2b3c4d);
    Ipv4Packet esp = Esp.seal(plain, sa, 5);
    assertEquals(Esp.PROTOCOL, esp.protocol());
    byte[] bytes = FrameCodec.ipBytes(esp);
    int body = plain.length() - 20;
    int padded = (body + 2 + 3) / 4 * 4;
    assertEquals(20 + 16 + padded + 8, esp.length(), "SPI, seq, IV, padded payload, ICV");
    assertEquals(0x1a2b3c4d, Esp.spi(((RawPayload) esp.body()).bytes()));
    assertEquals(5, Esp.seq(((RawPayload) esp.body()).bytes()));
    assertFalse(
        new String(bytes, StandardCharsets.ISO_8859_1).contains("inner payload"),
        "the tunnelled frame is encrypted");
    Ipv4Packet back = Esp.open(esp, sa);
    assertArrayEquals(FrameCodec.ipBytes(plain), FrameCodec.ipBytes(back));
    assertNull(Esp.open(esp, new Esp.Sa(0x1a2b3c4d, "fedcba9876543210".getBytes(), 0x1a2b3c4d)));
    assertEquals(
        "IP 10.0.0.1 > 10.0.0.4: ESP(spi=0x1a2b3c4d,seq=0x5), length " + (esp.length() - 20),
        new TcpdumpFormat().summary(Frame.ipv4(0, 0, esp)));
  }
}

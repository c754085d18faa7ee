package dev.ddlab.sim.network.dataplane;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.ddlab.sim.clock.SeededRandom;
import dev.ddlab.sim.network.dataplane.frame.Esp;
import dev.ddlab.sim.network.dataplane.frame.FrameCodec;
import dev.ddlab.sim.network.dataplane.frame.Ipv4Packet;
import dev.ddlab.sim.network.dataplane.frame.RawPayload;
import dev.ddlab.sim.network.dataplane.frame.UdpDatagram;
import dev.ddlab.sim.network.driverapi.NetworkKeys;
import dev.ddlab.sim.network.types.Ipv4;
import org.junit.jupiter.api.Test;

/**
 * The encrypted overlay's IPsec between two nodes: one SPI per direction and key, sequence numbers
 * from 1, the other node opens what this one sealed; every 12 hours of virtual time the key and
 * with it the SPI change, packets under the two previous keys still open, older ones do not.
 */
class IpsecTest {
  private static final int A = Ipv4.parse("10.0.0.1");
  private static final int B = Ipv4.parse("10.0.0.4");
  private long now = 1_000_000_000L;

  private static Ipv4Packet vxlan(int src, int dst) {
    return new Ipv4Packet(
        0, 9, false, 64, Ipv4Packet.UDP, src, dst, new UdpDatagram(40000, 4789, new byte[60]));
  }

  private static int spi(Ipv4Packet esp) {
    return Esp.spi(((RawPayload) esp.body()).bytes());
  }

  private static long seq(Ipv4Packet esp) {
    return Esp.seq(((RawPayload) esp.body()).bytes());
  }

  @Test
  void spis_differ_per_direction_and_change_with_each_twelve_hour_key() {
    NetworkKeys keys = new NetworkKeys();
    keys.seed(new SeededRandom(3));
    Ipsec nodeA = new Ipsec(keys, () -> now);
    Ipsec nodeB = new Ipsec(keys, () -> now);

    Ipv4Packet first = nodeA.seal(vxlan(A, B));
    Ipv4Packet second = nodeA.seal(vxlan(A, B));
    Ipv4Packet back = nodeB.seal(vxlan(B, A));
    assertEquals(spi(first), spi(second));
    assertEquals(1, seq(first));
    assertEquals(2, seq(second));
    assertNotEquals(spi(first), spi(back), "one SA per direction");
    assertEquals(Ipsec.spi(A, B, 1), spi(first));
    assertArrayEquals(FrameCodec.ipBytes(vxlan(A, B)), FrameCodec.ipBytes(nodeB.open(first)));

    now += NetworkKeys.ROTATION_NANOS;
    Ipv4Packet rotated = nodeA.seal(vxlan(A, B));
    assertEquals(Ipsec.spi(A, B, 2), spi(rotated));
    assertNotEquals(spi(first), spi(rotated), "the new key's tag changes the SPI");
    assertEquals(1, seq(rotated), "a new SA counts from 1");
    assertNotNull(nodeB.open(rotated));
    assertNotNull(nodeB.open(first), "the previous keys are kept for a while");

    now += 2 * NetworkKeys.ROTATION_NANOS;
    assertNull(nodeB.open(first), "a key three rotations old is gone");
    assertNotNull(nodeB.open(nodeA.seal(vxlan(A, B))));
  }
}

package dev.ddlab.sim.network.dataplane;

import dev.ddlab.sim.network.dataplane.frame.Esp;
import dev.ddlab.sim.network.dataplane.frame.Ipv4Packet;
import dev.ddlab.sim.network.dataplane.frame.RawPayload;
import dev.ddlab.sim.network.driverapi.NetworkKeys;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The host's IPsec for encrypted overlays (the xfrm states and policies Docker's overlay driver
 * programs, {@code encryption.go}): the VXLAN datagrams of an encrypted network leave in ESP
 * transport mode between the two nodes' addresses, under the swarm's current key with an SPI
 * derived from the two addresses and the key's tag (FNV-1a over source, tag, destination, as
 * libnetwork's {@code buildSPI}; the SPI is also the salt), numbered per SPI from 1. On receipt the
 * SPI picks the key among the last {@value NetworkKeys#KEPT}; a packet no key opens is dropped.
 * Keys rotate every 12 hours, and with them the SPIs.
 */
public final class Ipsec {
  private final NetworkKeys keys;
  private final LongSupplier now;
  private final Map<Integer, Long> sequence = new HashMap<>();

  public Ipsec(NetworkKeys keys, LongSupplier now) {
    this.keys = keys;
    this.now = now;
  }

  /**
   * libnetwork's SPI for traffic from {@code src} to {@code dst} under the key tagged {@code tag}.
   */
  public static int spi(int src, int dst, int tag) {
    byte[] b = ByteBuffer.allocate(12).putInt(src).putInt(tag).putInt(dst).array();
    int h = 0x811c9dc5;
    for (byte x : b) {
      h ^= x & 0xff;
      h *= 0x01000193;
    }
    return h;
  }

  private Esp.Sa sa(int src, int dst, int rotation) {
    int spi = spi(src, dst, NetworkKeys.tag(rotation));
    return new Esp.Sa(spi, keys.key(rotation), spi);
  }

  /** The outer VXLAN packet {@code p} protected for the wire. */
  Ipv4Packet seal(Ipv4Packet p) {
    Esp.Sa sa = sa(p.src(), p.dst(), keys.rotation(now.getAsLong()));
    long seq = sequence.merge(sa.spi(), 1L, Long::sum);
    return Esp.seal(p, sa, seq);
  }

  /** The packet an ESP packet to this node protects, or null when no key it holds opens it. */
  Ipv4Packet open(Ipv4Packet p) {
    if (!(p.body() instanceof RawPayload r) || r.bytes().length < 8) {
      return null;
    }
    int spi = Esp.spi(r.bytes());
    int current = keys.rotation(now.getAsLong());
    for (int n = current; n >= Math.max(0, current - NetworkKeys.KEPT + 1); n--) {
      Esp.Sa sa = sa(p.src(), p.dst(), n);
      if (sa.spi() == spi) {
        return Esp.open(p, sa);
      }
    }
    return null;
  }
}

package dev.ddlab.sim.network.dataplane.frame;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * IPv4 fragmentation as Linux's {@code ip_fragment} does it (RFC 791): the payload after the
 * header, transport header included, cut into slices of the link's MTU less 20 bytes rounded down
 * to a multiple of 8; each slice in a packet with the original's identification, protocol and
 * addresses, its offset, and MF on all but the last. DF is never set on a fragment. Reassembly puts
 * the slices back in offset order once the last one (MF clear) and every byte before it are there.
 */
public final class Ipv4Fragments {
  private Ipv4Fragments() {}

  /** The pieces {@code p} leaves in on a link of {@code mtu}; {@code p} itself when it fits. */
  public static List<Ipv4Packet> fragment(Ipv4Packet p, int mtu) {
    if (p.length() <= mtu) {
      return List.of(p);
    }
    byte[] whole = FrameCodec.ipBytes(p);
    int headerless = whole.length - 20;
    int slice = ((mtu - 20) / 8) * 8;
    if (slice <= 0) {
      return List.of();
    }
    List<Ipv4Packet> out = new ArrayList<>();
    for (int off = 0; off < headerless; off += slice) {
      int end = Math.min(headerless, off + slice);
      byte[] bytes = Arrays.copyOfRange(whole, 20 + off, 20 + end);
      boolean more = end < headerless || p.moreFragments();
      out.add(
          new Ipv4Packet(
              p.tos(),
              p.id(),
              false,
              p.ttl(),
              p.protocol(),
              p.src(),
              p.dst(),
              new RawPayload(bytes),
              more,
              p.fragmentOffset() + off));
    }
    return out;
  }

  /**
   * The packet the {@code pieces} (of one identification, in any order, duplicates allowed) make,
   * or null while a piece is missing.
   */
  public static Ipv4Packet reassemble(List<Ipv4Packet> pieces) {
    List<Ipv4Packet> sorted = new ArrayList<>(pieces);
    sorted.sort(Comparator.comparingInt(Ipv4Packet::fragmentOffset));
    Ipv4Packet last = null;
    for (Ipv4Packet p : sorted) {
      if (!p.moreFragments()) {
        last = p;
      }
    }
    if (last == null) {
      return null;
    }
    int total = last.fragmentOffset() + last.body().length();
    byte[] payload = new byte[total];
    int covered = 0;
    for (Ipv4Packet p : sorted) {
      byte[] bytes = ((RawPayload) p.body()).bytes();
      if (p.fragmentOffset() > covered) {
        return null;
      }
      int end = Math.min(total, p.fragmentOffset() + bytes.length);
      if (end > covered) {
        System.arraycopy(bytes, covered - p.fragmentOffset(), payload, covered, end - covered);
        covered = end;
      }
    }
    if (covered < total) {
      return null;
    }
    return FrameCodec.unfragmented(sorted.get(0), payload);
  }
}

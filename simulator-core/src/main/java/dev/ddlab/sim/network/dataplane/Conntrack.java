package dev.ddlab.sim.network.dataplane;

import dev.ddlab.sim.network.dataplane.frame.IcmpMessage;
import dev.ddlab.sim.network.dataplane.frame.Ipv4Packet;
import dev.ddlab.sim.network.dataplane.frame.TcpSegment;
import dev.ddlab.sim.network.dataplane.frame.UdpDatagram;
import java.util.HashMap;
import java.util.Map;

/**
 * Connection tracking of the host namespace ({@code nf_conntrack}): each flow's original tuple and
 * the NAT its first packet got (DNAT at PREROUTING or OUTPUT, MASQUERADE at POSTROUTING), so later
 * packets of the flow get the same translation and replies get it undone. ICMP echo flows are
 * tracked by their identifier, as the kernel does.
 */
final class Conntrack {
  /** proto, source, source port (ICMP: id), destination, destination port (ICMP: id). */
  record Tuple(int proto, int src, int sport, int dst, int dport) {
    Tuple reversed() {
      return new Tuple(proto, dst, dport, src, sport);
    }
  }

  /** A tracked flow. */
  static final class Entry {
    final Tuple original;
    int dnatIp;
    int dnatPort;
    int snatIp;
    boolean confirmed;
    boolean replied;

    Entry(Tuple original) {
      this.original = original;
    }

    /** The tuple the original direction has after NAT (what replies come back as, reversed). */
    Tuple translated() {
      return new Tuple(
          original.proto(),
          snatIp != 0 ? snatIp : original.src(),
          original.sport(),
          dnatIp != 0 ? dnatIp : original.dst(),
          dnatIp != 0 ? dnatPort : original.dport());
    }
  }

  /** A packet's flow and which way it goes. */
  record Match(Entry entry, boolean reply) {}

  private final Map<Tuple, Match> table = new HashMap<>();

  static Tuple tuple(Ipv4Packet p) {
    Ipv4Packet.Transport t = p.body();
    if (t instanceof TcpSegment s) {
      return new Tuple(6, p.src(), s.srcPort(), p.dst(), s.dstPort());
    }
    if (t instanceof UdpDatagram u) {
      return new Tuple(17, p.src(), u.srcPort(), p.dst(), u.dstPort());
    }
    if (t instanceof IcmpMessage m
        && (m.type() == IcmpMessage.ECHO_REQUEST || m.type() == IcmpMessage.ECHO_REPLY)) {
      // requests and replies of one echo flow share the tuple, reversed
      return new Tuple(1, p.src(), m.id(), p.dst(), m.id());
    }
    return new Tuple(p.protocol(), p.src(), 0, p.dst(), 0);
  }

  Match lookup(Tuple t) {
    return table.get(t);
  }

  Entry create(Tuple t) {
    Entry e = new Entry(t);
    table.put(t, new Match(e, false));
    return e;
  }

  /** The flow's NAT is settled: replies will be recognised. */
  void confirm(Entry e) {
    if (!e.confirmed) {
      e.confirmed = true;
      table.put(e.translated().reversed(), new Match(e, true));
    }
  }

  /** The flows, for {@code conntrack -L} and the benchmark's memory. */
  int size() {
    return table.size();
  }

  /** Forgets flows to or from {@code ip} (an endpoint that went away). */
  void forget(int ip) {
    table
        .values()
        .removeIf(
            m ->
                m.entry().original.src() == ip
                    || m.entry().original.dst() == ip
                    || m.entry().dnatIp == ip);
  }
}

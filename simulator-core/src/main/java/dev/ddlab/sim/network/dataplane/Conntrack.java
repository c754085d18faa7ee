package dev.ddlab.sim.network.dataplane;

import dev.ddlab.sim.network.dataplane.frame.IcmpMessage;
import dev.ddlab.sim.network.dataplane.frame.Ipv4Packet;
import dev.ddlab.sim.network.dataplane.frame.TcpSegment;
import dev.ddlab.sim.network.dataplane.frame.UdpDatagram;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Connection tracking of the host namespace ({@code nf_conntrack}): each flow's original tuple and
 * the NAT its first packet got (DNAT at PREROUTING or OUTPUT, MASQUERADE at POSTROUTING), so later
 * packets of the flow get the same translation and replies get it undone. ICMP echo flows are
 * tracked by their identifier, as the kernel does.
 *
 * <p>Bounded as the kernel bounds it: a flow nobody used for its protocol's timeout is gone
 * (Linux's defaults: ICMP 30 s, UDP 30 s or 120 s once answered, TCP 120 s before the answer and
 * after FIN or RST, 5 days established, others 600 s), and the table holds at most {@link #MAX}
 * flows (past that the oldest goes, where the kernel's early drop frees an unanswered one or drops
 * the packet).
 */
final class Conntrack {
  /** proto, source, source port (ICMP: id), destination, destination port (ICMP: id). */
  record Tuple(int proto, int src, int sport, int dst, int dport) {
    Tuple reversed() {
      return new Tuple(proto, dst, dport, src, sport);
    }
  }

  /** nf_conntrack_max of a small node. */
  static final int MAX = 65_536;

  private static final long SECOND = 1_000_000_000L;

  /** Flows made between two sweeps for timed-out flows nobody looked up again. */
  private static final int SWEEP_EVERY = 4096;

  /** A tracked flow. */
  static final class Entry {
    final Tuple original;
    long lastSeen;
    boolean closing;
    int dnatIp;
    int dnatPort;
    int snatIp;
    boolean confirmed;
    boolean replied;

    /** Given its destination by IPVS (matched by {@code -m ipvs --ipvs}). */
    boolean ipvs;

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

  /** The flows by age of creation, for the sweep and the limit. */
  private final LinkedHashMap<Entry, Boolean> flows = new LinkedHashMap<>();

  private long created;

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

  /** The live flow of {@code t} at {@code now}, or null (never seen, or timed out). */
  Match lookup(Tuple t, long now) {
    Match m = table.get(t);
    if (m != null && expired(m.entry(), now)) {
      remove(m.entry());
      return null;
    }
    return m;
  }

  Entry create(Tuple t, long now) {
    if (++created % SWEEP_EVERY == 0) {
      flows.keySet().removeIf(e -> expired(e, now) && unmap(e));
    }
    while (flows.size() >= MAX) {
      remove(flows.keySet().iterator().next());
    }
    Entry e = new Entry(t);
    e.lastSeen = now;
    table.put(t, new Match(e, false));
    flows.put(e, Boolean.TRUE);
    return e;
  }

  /** A packet of the flow passed at {@code now}; FIN or RST start its end. */
  void seen(Entry e, Ipv4Packet p, long now) {
    e.lastSeen = now;
    if (p.body() instanceof TcpSegment s && (s.has(TcpSegment.FIN) || s.has(TcpSegment.RST))) {
      e.closing = true;
    }
  }

  private static boolean expired(Entry e, long now) {
    return now - e.lastSeen > timeoutSeconds(e) * SECOND;
  }

  private static long timeoutSeconds(Entry e) {
    return switch (e.original.proto()) {
      case 1 -> 30;
      case 17 -> e.replied ? 120 : 30;
      case 6 -> e.closing || !e.replied ? 120 : 432_000;
      default -> 600;
    };
  }

  private void remove(Entry e) {
    unmap(e);
    flows.remove(e);
  }

  /** Takes the flow's tuples out of the table (true, for removeIf). */
  private boolean unmap(Entry e) {
    for (Tuple t :
        e.confirmed ? List.of(e.original, e.translated().reversed()) : List.of(e.original)) {
      Match m = table.get(t);
      if (m != null && m.entry() == e) {
        table.remove(t);
      }
    }
    return true;
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
    return flows.size();
  }

  /** Forgets flows to or from {@code ip} (an endpoint that went away). */
  void forget(int ip) {
    flows
        .keySet()
        .removeIf(
            e -> (e.original.src() == ip || e.original.dst() == ip || e.dnatIp == ip) && unmap(e));
  }
}

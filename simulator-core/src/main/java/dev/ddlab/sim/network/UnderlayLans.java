package dev.ddlab.sim.network;

import dev.ddlab.sim.clock.SeededRandom;
import dev.ddlab.sim.network.dataplane.HostLinks;
import dev.ddlab.sim.network.dataplane.NetStack;
import dev.ddlab.sim.network.dataplane.Segment;
import dev.ddlab.sim.network.dataplane.Wire;
import dev.ddlab.sim.network.types.Ipv4;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The underlay of a cluster's nodes: one LAN per /24 their addresses fall in, the first being the
 * cluster's own LAN, and, as soon as there are two, one router with an interface at {@code .1} of
 * each (forwarding, as the course's two-node overlay example has the nodes on two networks joined
 * by a router): a node's default route already points at {@code .1} of its subnet, so node to node
 * traffic of different subnets takes one routed hop. Nodes of one subnet see no router at all.
 */
public final class UnderlayLans {
  private final Wire wire;
  private final Segment first;
  private final Map<Integer, Segment> lans = new LinkedHashMap<>();
  private NetStack router;
  private Segment.Cut cut = Segment.Cut.NONE;

  /** The underlay on {@code wire} whose first subnet (the first node's) is on {@code first}. */
  UnderlayLans(Wire wire, Segment first) {
    this.wire = wire;
    this.first = first;
  }

  /** Every LAN, and those to come, drops frames between node addresses {@code c} cuts apart. */
  void cut(Segment.Cut c) {
    this.cut = c;
    first.cut(c);
    lans.values().forEach(s -> s.cut(c));
  }

  /**
   * The LAN of the subnet {@code address} is in, made (and the router given an interface on it)
   * when it is the first node there.
   */
  Segment lanOf(int address, SeededRandom random, LongSupplier clock) {
    int net = address & Ipv4.mask(HostLinks.UNDERLAY_PREFIX);
    if (lans.isEmpty()) {
      lans.put(net, first);
      return first;
    }
    Segment s = lans.get(net);
    if (s != null) {
      return s;
    }
    s = new Segment(wire, ClusterLinks.LAN_NANOS);
    s.cut(cut);
    lans.put(net, s);
    if (router == null) {
      router = new NetStack("router", wire, random.fork("router"), clock);
      router.host().forwarding(true);
      int i = 0;
      for (Map.Entry<Integer, Segment> e : lans.entrySet()) {
        if (e.getValue() != s) {
          router.addEther("eth" + i++, e.getKey() | 1, HostLinks.UNDERLAY_PREFIX, e.getValue());
        }
      }
    }
    router.addEther("eth" + (lans.size() - 1), net | 1, HostLinks.UNDERLAY_PREFIX, s);
    return s;
  }
}

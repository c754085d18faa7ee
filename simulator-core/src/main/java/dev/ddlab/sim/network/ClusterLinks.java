package dev.ddlab.sim.network;

import dev.ddlab.sim.network.dataplane.Segment;
import dev.ddlab.sim.network.dataplane.Wire;
import dev.ddlab.sim.network.driverapi.NetworkKeys;
import dev.ddlab.sim.network.driverapi.PeerTable;

/**
 * What the nodes of one cluster share below their daemons: the {@link Wire} their frames travel on
 * (one virtual-time order for every node, so an exchange may cross nodes), the LAN their {@code
 * eth0}s are plugged into (one per subnet when the nodes' addresses are on several, joined by a
 * router: {@link UnderlayLans}), and the control plane's table of overlay peers and network
 * encryption keys.
 */
public record ClusterLinks(
    Wire wire, Segment lan, PeerTable peers, NetworkKeys keys, UnderlayLans lans) {
  /** The underlay's latency between two NICs (a switch on a LAN). */
  static final long LAN_NANOS = 50_000;

  /**
   * The cluster's fault injection reaches the data plane: frames between node addresses {@code c}
   * cuts apart (a partition, a link down) are lost on every LAN.
   */
  public ClusterLinks cutBy(Segment.Cut c) {
    lans.cut(c);
    return this;
  }

  /** Links of their own: a node alone on its LAN. */
  public static ClusterLinks create() {
    Wire wire = new Wire();
    Segment lan = new Segment(wire, LAN_NANOS);
    return new ClusterLinks(
        wire, lan, new PeerTable(), new NetworkKeys(), new UnderlayLans(wire, lan));
  }
}

package dev.ddlab.introspect;

import java.util.List;

/**
 * The wires of a session and the frames on them. Designed before its subsystem (issue 11: frames on
 * virtual time through veths, bridges, NAT; issue 13: VXLAN on the underlay): until then every
 * method answers empty.
 *
 * <p>How it will be fed: the data plane publishes a {@link dev.ddlab.events.SimEvent} when a frame
 * leaves an interface and when it arrives; the simulator's implementation of this view keeps the
 * frames sent and not yet delivered per link, and the devices and links as they are created and
 * removed.
 */
public interface NetworkView {
  NetworkView NONE = new NetworkView() {};

  /** Every link of the session: veth pairs, bridge ports, the underlay between nodes, tunnels. */
  default List<Link> links() {
    return List.of();
  }

  /** Frames on a link that have been sent and not yet delivered, oldest first. */
  default List<Frame> inFlight(String linkId) {
    return List.of();
  }

  /**
   * The last frames the links of {@code node} carried (a bounded number for the whole session),
   * oldest first: a frame that crosses several links once per link, as a capture on each would show
   * it. What the playground's pcap download writes.
   */
  default List<Frame> captured(String node) {
    return List.of();
  }

  /**
   * The interfaces of a node: its own namespace's first (lo, eth0, bridges, the host ends of veth
   * pairs, VLAN links), then each sandbox's, in the order the sandboxes were made.
   */
  default List<Interface> interfaces(String node) {
    return List.of();
  }

  /**
   * The address translation of a node, as {@code iptables -t nat -S} lists its rules: the
   * MASQUERADE of each bridge's subnet and the DNAT of each published port.
   */
  default List<String> natRules(String node) {
    return List.of();
  }

  /**
   * One network interface.
   *
   * @param owner the node's name for its own namespace, else the container's name
   * @param name the interface's name in its namespace ("eth0", "docker0", "veth1a2b3c4")
   * @param kind "loopback", "ether", "bridge", "veth", "vlan", "macvlan", "dummy"
   * @param master the bridge a port is attached to, or the parent of a VLAN or macvlan link; null
   * @param peer the other end of a veth as OWNER:INTERFACE, or null
   * @param addresses IPv4 addresses with their prefix ("172.17.0.1/16")
   * @param mac the hardware address ("02:42:ac:11:00:02")
   */
  record Interface(
      String owner,
      String name,
      String kind,
      String master,
      String peer,
      List<String> addresses,
      String mac) {}

  /**
   * A wire between two interfaces.
   *
   * @param id stable id ("node1:veth1a2b3c", "underlay:node1-node2")
   * @param kind "veth", "bridge-port", "underlay", "vxlan"
   * @param node the node it belongs to, or "" for the underlay between nodes
   * @param a one end ("node1:eth0", "web:eth0"), as NODE:INTERFACE or CONTAINER:INTERFACE
   * @param b the other end
   */
  record Link(String id, String kind, String node, String a, String b) {}

  /**
   * One frame on a link.
   *
   * @param sentNanos virtual time it left {@code from}
   * @param arrivesNanos virtual time it reaches {@code to}
   * @param from the sending end of the link
   * @param to the receiving end
   * @param summary one line as tcpdump prints it ("IP 172.17.0.2 > 172.17.0.3: ICMP echo request")
   * @param bytes the frame as on the wire, Ethernet header first (VXLAN: outer headers first)
   */
  record Frame(
      long sentNanos, long arrivesNanos, String from, String to, String summary, byte[] bytes) {}
}

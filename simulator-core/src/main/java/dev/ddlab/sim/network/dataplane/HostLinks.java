package dev.ddlab.sim.network.dataplane;

import dev.ddlab.sim.network.types.Ipv4;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The network interfaces of the node's own (host) namespace, as the drivers create them: {@code
 * lo}, {@code eth0} with the node's address, a bridge per bridge network holding its gateway
 * ({@code docker0}, {@code br-…}), VLAN sub-interfaces and dummy links that macvlan networks hang
 * from. libnetwork makes these through netlink; here they are a table the data plane reads.
 */
public final class HostLinks {
  /** The underlay's prefix length: nodes sit on one /24 (192.168.0.11, .12 …). */
  public static final int UNDERLAY_PREFIX = 24;

  /**
   * One interface: its name, kind ("loopback", "ether", "bridge", "vlan", "dummy"), the link it
   * hangs from ("" if none) and its IPv4 address (0 if none).
   */
  public record Link(String name, String kind, String parent, int address, int prefix) {}

  private final Map<String, Link> links = new LinkedHashMap<>();

  public HostLinks(String nodeAddress) {
    add(new Link("lo", "loopback", "", Ipv4.parse("127.0.0.1"), 8));
    add(new Link("eth0", "ether", "", Ipv4.parse(nodeAddress), UNDERLAY_PREFIX));
  }

  public void add(Link link) {
    links.put(link.name(), link);
  }

  public void remove(String name) {
    links.remove(name);
  }

  public Optional<Link> get(String name) {
    return Optional.ofNullable(links.get(name));
  }

  /** Whether {@code address} is one of the host's own (a bridge's gateway, the node address). */
  public boolean owns(int address) {
    for (Link l : links.values()) {
      if (l.address() == address && address != 0) {
        return true;
      }
    }
    return false;
  }

  /** All interfaces, in the order they were made (as {@code ip link} lists them). */
  public List<Link> all() {
    return new ArrayList<>(links.values());
  }
}

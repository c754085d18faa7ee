package dev.ddlab.sim.network.dataplane;

import dev.ddlab.sim.network.types.Ipv4;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The host namespace of the node's {@link NetStack} as drivers program it: {@code lo}, {@code eth0}
 * with the node's address, a bridge per bridge network holding its gateway ({@code docker0}, {@code
 * br-…}), VLAN sub-interfaces and dummy links that macvlan networks hang from. libnetwork makes
 * these through netlink; here {@link #add} makes the device in the stack.
 */
public final class HostLinks {
  /** The underlay's prefix length: nodes sit on one /24 (192.168.0.11, .12 …). */
  public static final int UNDERLAY_PREFIX = 24;

  /**
   * One interface: its name, kind ("loopback", "ether", "bridge", "vlan", "dummy"), the link it
   * hangs from ("" if none) and its IPv4 address (0 if none).
   */
  public record Link(String name, String kind, String parent, int address, int prefix) {}

  private final NetStack stack;

  /** The stack of a node whose {@code eth0} has {@code nodeAddress} (on no underlay yet). */
  public HostLinks(String nodeAddress) {
    this(standalone(nodeAddress));
  }

  public HostLinks(NetStack stack) {
    this.stack = stack;
  }

  private static NetStack standalone(String nodeAddress) {
    NetStack s =
        new NetStack("node", new Wire(), new dev.ddlab.sim.clock.SeededRandom(1), () -> 0L);
    s.addEther("eth0", Ipv4.parse(nodeAddress), UNDERLAY_PREFIX, null);
    return s;
  }

  public NetStack stack() {
    return stack;
  }

  /** Makes the link in the host namespace. */
  public void add(Link link) {
    switch (link.kind()) {
      case "bridge" -> stack.addBridge(link.name(), link.address(), link.prefix());
      case "vlan" -> {
        NetDevice parent = stack.host().device(link.parent());
        String vid = link.name().substring(link.name().lastIndexOf('.') + 1);
        stack.addVlan(link.name(), parent, Integer.parseInt(vid));
      }
      case "dummy" -> stack.addDummy(link.name());
      default -> throw new IllegalArgumentException("cannot make a " + link.kind() + " link");
    }
  }

  public void remove(String name) {
    stack.removeLink(name);
  }

  public Optional<Link> get(String name) {
    NetDevice d = stack.host().device(name);
    return d == null ? Optional.empty() : Optional.of(link(d));
  }

  /** The bridge device of that name, or null. */
  public Bridge bridge(String name) {
    return stack.host().device(name) instanceof Bridge b ? b : null;
  }

  /** Whether {@code address} is one of the host's own (a bridge's gateway, the node address). */
  public boolean owns(int address) {
    return address != 0 && (address >>> 24) != 127 && stack.host().isLocal(address);
  }

  /** The host's links besides veths, in index order (as {@code ip link} lists them). */
  public List<Link> all() {
    List<Link> out = new ArrayList<>();
    for (NetDevice d : stack.host().devices()) {
      if (!d.kind().equals("veth")) {
        out.add(link(d));
      }
    }
    return out;
  }

  private static Link link(NetDevice d) {
    NetDevice.Address a = d.addresses.isEmpty() ? null : d.addresses.get(0);
    return new Link(
        d.name(),
        d.kind(),
        d.parent() == null ? "" : d.parent().name(),
        a == null ? 0 : a.ip(),
        a == null ? 0 : a.prefix());
  }
}

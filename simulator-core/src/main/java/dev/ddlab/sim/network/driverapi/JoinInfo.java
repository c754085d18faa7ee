package dev.ddlab.sim.network.driverapi;

import dev.ddlab.sim.network.dataplane.NetDevice;
import dev.ddlab.sim.network.types.Subnet;
import java.util.ArrayList;
import java.util.List;

/**
 * libnetwork's {@code driverapi.JoinInfo}: what a driver tells the sandbox when an endpoint joins
 * it. The name prefix of the interface inside the sandbox ({@code eth}: the sandbox numbers them
 * eth0, eth1 … in join order), the gateway of the default route (0: this endpoint gives none, e.g.
 * on an {@code --internal} network), routes to add on the interface, and the link the driver made
 * in the sandbox's namespace (the container end of a veth, a macvlan child), which the sandbox
 * renames and addresses.
 */
public final class JoinInfo {
  /** {@code ip route add DESTINATION via NEXTHOP} on the endpoint's interface. */
  public record StaticRoute(Subnet destination, int nextHop) {}

  private String interfacePrefix = "eth";
  private final List<StaticRoute> staticRoutes = new ArrayList<>();
  private int gateway;
  private NetDevice link;

  public String interfacePrefix() {
    return interfacePrefix;
  }

  public void setInterfacePrefix(String prefix) {
    this.interfacePrefix = prefix;
  }

  public int gateway() {
    return gateway;
  }

  public void setGateway(int gateway) {
    this.gateway = gateway;
  }

  /**
   * libnetwork's AddStaticRoute (type NEXTHOP): the overlay driver routes a multi-subnet network's
   * other subnets through the gateway of the endpoint's own.
   */
  public void addStaticRoute(Subnet destination, int nextHop) {
    staticRoutes.add(new StaticRoute(destination, nextHop));
  }

  public List<StaticRoute> staticRoutes() {
    return List.copyOf(staticRoutes);
  }

  /** The link in the sandbox's namespace, or null (no data-plane namespace, host, none). */
  public NetDevice link() {
    return link;
  }

  public void setLink(NetDevice link) {
    this.link = link;
  }
}

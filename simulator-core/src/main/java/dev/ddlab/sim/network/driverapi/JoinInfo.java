package dev.ddlab.sim.network.driverapi;

import dev.ddlab.sim.network.dataplane.NetDevice;

/**
 * libnetwork's {@code driverapi.JoinInfo}: what a driver tells the sandbox when an endpoint joins
 * it. The name prefix of the interface inside the sandbox ({@code eth}: the sandbox numbers them
 * eth0, eth1 … in join order), the gateway of the default route (0: this endpoint gives none, e.g.
 * on an {@code --internal} network), and the link the driver made in the sandbox's namespace (the
 * container end of a veth, a macvlan child), which the sandbox renames and addresses.
 */
public final class JoinInfo {
  private String interfacePrefix = "eth";
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

  /** The link in the sandbox's namespace, or null (no data-plane namespace, host, none). */
  public NetDevice link() {
    return link;
  }

  public void setLink(NetDevice link) {
    this.link = link;
  }
}

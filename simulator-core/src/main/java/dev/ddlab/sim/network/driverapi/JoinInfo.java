package dev.ddlab.sim.network.driverapi;

/**
 * libnetwork's {@code driverapi.JoinInfo}: what a driver tells the sandbox when an endpoint joins
 * it. The name prefix of the interface inside the sandbox ({@code eth}: the sandbox numbers them
 * eth0, eth1 … in join order) and the gateway of the default route (0: this endpoint gives none,
 * e.g. on an {@code --internal} network).
 */
public final class JoinInfo {
  private String interfacePrefix = "eth";
  private int gateway;

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
}

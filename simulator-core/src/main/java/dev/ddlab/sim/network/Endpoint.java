package dev.ddlab.sim.network;

import dev.ddlab.sim.network.driverapi.InterfaceInfo;
import dev.ddlab.sim.network.driverapi.JoinInfo;
import dev.ddlab.sim.network.types.Ipv4;
import java.util.List;

/**
 * libnetwork's Endpoint ({@code endpoint.go}): one running container's attachment to one network,
 * with the interface its driver made (none on {@code host} and {@code none}), the aliases the
 * embedded DNS answers for it, and what the driver said when it joined the sandbox.
 */
public final class Endpoint {
  private final String id;
  private final Network network;
  private final String containerId;
  private String containerName;
  private final InterfaceInfo iface;
  private final List<String> aliases;
  private final JoinInfo join;
  // made when first read (the address never changes)
  private String ipText;

  Endpoint(
      String id,
      Network network,
      String containerId,
      String containerName,
      InterfaceInfo iface,
      List<String> aliases,
      JoinInfo join) {
    this.id = id;
    this.network = network;
    this.containerId = containerId;
    this.containerName = containerName;
    this.iface = iface;
    this.aliases = List.copyOf(aliases);
    this.join = join;
  }

  public String id() {
    return id;
  }

  public Network network() {
    return network;
  }

  public String containerId() {
    return containerId;
  }

  public String containerName() {
    return containerName;
  }

  void rename(String name) {
    this.containerName = name;
  }

  /** The IPv4 address, or 0 without an interface. */
  public int ip() {
    return iface == null ? 0 : iface.address();
  }

  /** The prefix of the endpoint's subnet (0 without an address). */
  public int prefix() {
    return iface == null ? 0 : iface.prefix();
  }

  /** The address as text: docker ps and inspect read it for every running container. */
  public String ipText() {
    if (ipText == null) {
      ipText = iface == null ? "" : Ipv4.format(iface.address());
    }
    return ipText;
  }

  public String mac() {
    return iface == null ? "" : iface.macAddress();
  }

  public List<String> aliases() {
    return aliases;
  }

  /** The default gateway this endpoint offers its sandbox, 0 for none. */
  public int gateway() {
    return join.gateway();
  }

  /** The link the driver made in the sandbox's namespace, or null. */
  dev.ddlab.sim.network.dataplane.NetDevice link() {
    return join.link();
  }

  String interfacePrefix() {
    return join.interfacePrefix();
  }

  /** The routes the driver asked for on the endpoint's interface. */
  public List<JoinInfo.StaticRoute> staticRoutes() {
    return join.staticRoutes();
  }
}

package dev.ddlab.sim.network;

import java.util.List;

/** libnetwork's Endpoint: one container's interface on one network, live while it runs. */
public record Endpoint(
    String id,
    Network network,
    String containerId,
    String containerName,
    int ip,
    List<String> aliases) {
  public String ipText() {
    return ip == 0 ? "" : Ipv4.format(ip);
  }

  public String mac() {
    return ip == 0 ? "" : Ipv4.mac(ip);
  }
}

package dev.ddlab.sim.network;

import dev.ddlab.engine.dto.Ipam;
import dev.ddlab.engine.dto.NetworkEndpoint;
import dev.ddlab.go.GoTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A network as the Engine API shows it ({@code network ls}, {@code network inspect}): moby's {@code
 * buildNetworkResource}.
 */
final class NetworkResource {
  private NetworkResource() {}

  /** With {@code detail}, the Containers map of inspect (endpoints of running containers). */
  static dev.ddlab.engine.dto.Network of(Network n, boolean detail) {
    // moby's buildIpamResources: the config as the user gave it, else the pool and gateway
    List<Ipam.Config> config = new ArrayList<>();
    if (n.configured != null) {
      config.addAll(n.configured);
    } else {
      for (NetworkIpam.Allocation a : n.pools) {
        config.add(
            new Ipam.Config(
                a.pool().subnet().toString(),
                a.pool().range() == null ? null : a.pool().range().toString(),
                dev.ddlab.sim.network.types.Ipv4.format(a.gateway()),
                null));
      }
    }
    Map<String, NetworkEndpoint> containers = new LinkedHashMap<>();
    if (detail) {
      for (Endpoint e : n.endpoints.values()) {
        containers.put(
            e.containerId(),
            new NetworkEndpoint(
                e.containerName(),
                e.id(),
                e.mac(),
                e.ip() == 0 ? "" : e.ipText() + "/" + e.prefix(),
                ""));
      }
    }
    return new dev.ddlab.engine.dto.Network(
        n.name,
        n.id,
        GoTime.rfc3339NanoOrZero(n.createdNanos),
        n.scope(),
        n.driver(),
        false,
        new Ipam("default", n.predefined ? null : Map.of(), config),
        n.internal,
        n.attachable,
        false,
        Map.of("Network", ""),
        false,
        containers,
        n.options,
        n.labels);
  }
}

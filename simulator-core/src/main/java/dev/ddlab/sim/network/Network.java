package dev.ddlab.sim.network;

import dev.ddlab.engine.EngineException;
import dev.ddlab.sim.network.driverapi.Driver;
import dev.ddlab.sim.network.types.Ipv4;
import dev.ddlab.sim.network.types.Subnet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * libnetwork's Network ({@code network.go}): a name and ID, the driver that carries it, its IPAM
 * pools, each with its gateway (none for {@code host} and {@code none}; several for an overlay made
 * with several {@code --subnet}s), and the endpoints of running containers on it, by container ID.
 */
public final class Network {
  final String id;
  final String name;
  final Driver driver;
  final long createdNanos;
  final List<NetworkIpam.Allocation> pools;
  private String gatewayText;
  final boolean predefined;
  final boolean internal;
  final boolean attachable;
  final Map<String, String> labels;
  final Map<String, String> options;
  final Map<String, Endpoint> endpoints = new LinkedHashMap<>();

  /** "swarm" for a network the cluster made on this node; else the driver's data scope. */
  String scope;

  /**
   * The IPAM configs the user gave ({@code --subnet} and its range, gateway and auxiliary
   * addresses: libnetwork's ipamV4Config, which inspect shows as given), or null when the subnet
   * came from the default pools.
   */
  List<dev.ddlab.engine.dto.Ipam.Config> configured;

  Network(
      String id,
      String name,
      Driver driver,
      long createdNanos,
      List<NetworkIpam.Allocation> pools,
      boolean predefined,
      boolean internal,
      boolean attachable,
      Map<String, String> labels,
      Map<String, String> options) {
    this.id = id;
    this.name = name;
    this.driver = driver;
    this.createdNanos = createdNanos;
    this.pools = List.copyOf(pools);
    this.predefined = predefined;
    this.internal = internal;
    this.attachable = attachable;
    this.labels = labels;
    this.options = options;
  }

  public String id() {
    return id;
  }

  public String name() {
    return name;
  }

  /** The driver's name: bridge, host, null, macvlan. */
  public String driver() {
    return driver.type();
  }

  /** What {@code network ls} shows as SCOPE: local, swarm, global. */
  public String scope() {
    return scope != null ? scope : driver.capability().dataScope();
  }

  /**
   * The daemon's validateNetworkingConfig for an address asked for ({@code run --ip}, {@code
   * network connect --ip}): only on a user-defined network whose subnet the user configured.
   */
  void checkRequestedAddress(String ip) {
    if (ip == null || ip.isEmpty()) {
      return;
    }
    if (predefined) {
      // runconfig.ErrUnsupportedNetworkAndIP
      throw EngineException.badRequest(
          "user specified IP address is supported on user defined networks only");
    }
    if (configured == null) {
      // runconfig.ErrUnsupportedNetworkNoSubnetAndIP
      throw EngineException.badRequest(
          "user specified IP address is supported only when connecting to networks with user"
              + " configured subnets");
    }
  }

  public boolean hasSubnet() {
    return !pools.isEmpty();
  }

  /** The network's first subnet, or null without IPAM. */
  public Subnet subnet() {
    return pools.isEmpty() ? null : pools.get(0).pool().subnet();
  }

  /** The pool whose subnet holds {@code ip}, or null. */
  NetworkIpam.Allocation poolOf(int ip) {
    for (NetworkIpam.Allocation a : pools) {
      if (a.pool().subnet().contains(ip)) {
        return a;
      }
    }
    return null;
  }

  /**
   * Whether containers on this network find each other by name: user-defined networks have the
   * embedded DNS, the predefined ones ({@code bridge}, {@code host}, {@code none}) do not.
   */
  public boolean embeddedDns() {
    return !predefined;
  }

  /**
   * The gateway of the first subnet (the bridge's), as text: made once, as each running container's
   * listing row reads it.
   */
  public String gatewayText() {
    if (gatewayText == null) {
      gatewayText = pools.isEmpty() ? "" : Ipv4.format(pools.get(0).gateway());
    }
    return gatewayText;
  }

  /** The gateway of the subnet that holds {@code ip}, as text ("" when none does). */
  String gatewayTextOf(int ip) {
    if (pools.size() == 1 && pools.get(0).pool().subnet().contains(ip)) {
      return gatewayText(); // one subnet, as nearly every network: the cached text
    }
    NetworkIpam.Allocation a = poolOf(ip);
    if (a == null) {
      return "";
    }
    // the first subnet's text is kept: docker ps reads it for every container on the network
    return a == pools.get(0) ? gatewayText() : Ipv4.format(a.gateway());
  }

  public Map<String, Endpoint> endpoints() {
    return endpoints;
  }

  boolean contains(int ip) {
    return poolOf(ip) != null;
  }
}

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

  /** Each pool's gateway as text, in the pools' order: docker ps reads one for every container. */
  private final List<String> gatewayTexts;

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
    this.gatewayTexts = this.pools.stream().map(a -> Ipv4.format(a.gateway())).toList();
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
    int i = poolIndexOf(ip);
    return i < 0 ? null : pools.get(i);
  }

  private int poolIndexOf(int ip) {
    for (int i = 0; i < pools.size(); i++) {
      if (pools.get(i).pool().subnet().contains(ip)) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Whether containers on this network find each other by name: user-defined networks have the
   * embedded DNS, the predefined ones ({@code bridge}, {@code host}, {@code none}) do not.
   */
  public boolean embeddedDns() {
    return !predefined;
  }

  /** The gateway of the first subnet (the bridge's), as text ("" without a subnet). */
  public String gatewayText() {
    return gatewayTexts.isEmpty() ? "" : gatewayTexts.get(0);
  }

  /** The gateway of the subnet that holds {@code ip}, as text ("" when none does). */
  String gatewayTextOf(int ip) {
    int i = poolIndexOf(ip);
    return i < 0 ? "" : gatewayTexts.get(i);
  }

  public Map<String, Endpoint> endpoints() {
    return endpoints;
  }

  boolean contains(int ip) {
    return poolOf(ip) != null;
  }
}

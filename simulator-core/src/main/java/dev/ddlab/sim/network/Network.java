package dev.ddlab.sim.network;

import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * libnetwork's Network: a name, a driver (bridge, host, null) and, for bridges, a subnet whose
 * addresses the default IPAM hands out lowest-free-first after the gateway.
 */
public final class Network {
  final String id;
  final String name;
  final String driver;
  final long createdNanos;
  final int subnet;
  final int prefix;
  final int gateway;
  final boolean predefined;
  final boolean internal;
  final boolean attachable;
  final Map<String, String> labels;
  final Map<String, String> options;
  final Map<String, Endpoint> endpoints = new LinkedHashMap<>();
  private final BitSet used = new BitSet();

  Network(
      String id,
      String name,
      String driver,
      long createdNanos,
      int subnet,
      int prefix,
      int gateway,
      boolean predefined,
      boolean internal,
      boolean attachable,
      Map<String, String> labels,
      Map<String, String> options) {
    this.id = id;
    this.name = name;
    this.driver = driver;
    this.createdNanos = createdNanos;
    this.subnet = subnet;
    this.prefix = prefix;
    this.gateway = gateway;
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

  public String driver() {
    return driver;
  }

  public boolean hasSubnet() {
    return prefix > 0;
  }

  /** Whether containers on this network find each other by name (user-defined bridges). */
  public boolean embeddedDns() {
    return driver.equals("bridge") && !name.equals("bridge");
  }

  public String subnetText() {
    return Ipv4.format(subnet) + "/" + prefix;
  }

  public String gatewayText() {
    return Ipv4.format(gateway);
  }

  public Map<String, Endpoint> endpoints() {
    return endpoints;
  }

  boolean contains(int ip) {
    return (ip & Ipv4.mask(prefix)) == subnet;
  }

  /** The lowest free host address above the gateway, or 0 when the pool is exhausted. */
  int allocate() {
    int size = prefix == 0 ? 0 : 1 << (32 - prefix);
    int first = gateway - subnet + 1;
    for (int i = used.nextClearBit(first); i < size - 1; i = used.nextClearBit(i + 1)) {
      used.set(i);
      return subnet + i;
    }
    return 0;
  }

  boolean reserve(int ip) {
    int i = ip - subnet;
    if (!contains(ip) || used.get(i) || ip == gateway) {
      return false;
    }
    used.set(i);
    return true;
  }

  void release(int ip) {
    if (contains(ip)) {
      used.clear(ip - subnet);
    }
  }
}

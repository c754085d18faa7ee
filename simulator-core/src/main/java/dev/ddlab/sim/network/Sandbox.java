package dev.ddlab.sim.network;

import dev.ddlab.sim.network.dataplane.HttpWire;
import dev.ddlab.sim.network.dataplane.NetDevice;
import dev.ddlab.sim.network.dataplane.NetStack;
import dev.ddlab.sim.network.dataplane.Netns;
import dev.ddlab.sim.network.driverapi.JoinInfo;
import dev.ddlab.sim.network.portmapper.PortMapping;
import dev.ddlab.sim.network.types.Subnet;
import dev.ddlab.sim.runtime.NetNamespace;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * libnetwork's Sandbox ({@code sandbox.go}, with the namespace of {@code osl}): one per running
 * container, made at start and gone at stop. It holds the network namespace, the endpoints that
 * joined it (by network ID, in join order), the interfaces they brought (named eth0, eth1 … as they
 * come, never reusing a number while the sandbox lives, as the kernel's namespace does), the routes
 * those give, and the ports published on its first endpoint. The ARP table joins it with the
 * packet-level data plane.
 */
public final class Sandbox {
  /** An interface inside the namespace: {@code ip -o addr} shows name and address/prefix. */
  public record Interface(String name, String mac, int address, int prefix, String networkId) {}

  /**
   * A route of the namespace: {@code default via G dev eth0}, or {@code S dev eth0} (gateway 0).
   */
  public record Route(Subnet destination, int gateway, String device) {}

  private final String id;
  private final String containerId;
  private final NetNamespace ns;
  private final Netns netns;
  private final Map<String, Endpoint> endpoints = new LinkedHashMap<>();
  private final Map<String, Interface> interfaces = new LinkedHashMap<>();
  private final Map<String, Integer> nextIndex = new HashMap<>();
  private Endpoint publishedOn;
  private List<PortMapping> ports = List.of();

  Sandbox(String id, String containerId, NetNamespace ns, NetStack stack) {
    this.id = id;
    this.containerId = containerId;
    this.ns = ns;
    this.netns = stack.createNetns(key());
    netns.processServices(
        port -> {
          NetNamespace.Listener l = ns == null ? null : ns.listener(port);
          return l == null ? null : HttpWire.serving(l.handler());
        });
  }

  /** The namespace of the node's stack that holds the sandbox's interfaces and routes. */
  public Netns netns() {
    return netns;
  }

  public String id() {
    return id;
  }

  public String containerId() {
    return containerId;
  }

  /** Where dockerd keeps the namespace (NetworkSettings.SandboxKey). */
  public String key() {
    return "/var/run/docker/netns/" + id.substring(0, 12);
  }

  public NetNamespace namespace() {
    return ns;
  }

  /** The endpoints that joined, in join order. */
  public Collection<Endpoint> endpoints() {
    return Collections.unmodifiableCollection(endpoints.values());
  }

  Endpoint endpoint(String networkId) {
    return endpoints.get(networkId);
  }

  void add(Endpoint e) {
    endpoints.put(e.network().id(), e);
    if (e.ip() != 0) {
      String prefix = e.interfacePrefix();
      int n = nextIndex.merge(prefix, 1, Integer::sum) - 1;
      interfaces.put(
          e.id(), new Interface(prefix + n, e.mac(), e.ip(), e.prefix(), e.network().id()));
      NetDevice link = e.link();
      if (link != null) {
        // osl: move the driver's link in, name it ethN, give it the address (and its route)
        netns.rename(link, prefix + n);
        netns.addAddress(link, e.ip(), e.prefix());
        for (JoinInfo.StaticRoute r : e.staticRoutes()) {
          netns.addRoute(r.destination(), r.nextHop(), link);
        }
      }
    }
    defaultRoute();
  }

  void remove(Endpoint e) {
    endpoints.remove(e.network().id());
    interfaces.remove(e.id());
    defaultRoute();
  }

  /** The namespace's default route follows {@link #gatewayEndpoint()}. */
  private void defaultRoute() {
    Endpoint gw = gatewayEndpoint();
    NetDevice dev =
        gw == null || gw.link() == null ? null : netns.device(interfaces.get(gw.id()).name());
    if (dev == null) {
      netns.removeDefaultRoute();
    } else {
      netns.addDefaultRoute(gw.gateway(), dev);
    }
  }

  /** The interfaces besides {@code lo}, in the order they came. */
  public List<Interface> interfaces() {
    return new ArrayList<>(interfaces.values());
  }

  /**
   * The endpoint whose gateway is the default route: libnetwork orders a sandbox's endpoints by
   * network name (all at the same priority) and takes the first that offers a gateway.
   */
  public Endpoint gatewayEndpoint() {
    return endpoints.values().stream()
        .filter(e -> e.gateway() != 0 && interfaces.containsKey(e.id()))
        .min(Comparator.comparing(e -> e.network().name()))
        .orElse(null);
  }

  /** The default route first, then one route per interface to its subnet, as {@code ip route}. */
  public List<Route> routes() {
    List<Route> out = new ArrayList<>();
    Endpoint gw = gatewayEndpoint();
    if (gw != null) {
      out.add(new Route(new Subnet(0, 0), gw.gateway(), interfaces.get(gw.id()).name()));
    }
    for (Interface i : interfaces.values()) {
      out.add(new Route(new Subnet(i.address(), i.prefix()), 0, i.name()));
    }
    for (Endpoint e : endpoints.values()) {
      Interface i = interfaces.get(e.id());
      for (JoinInfo.StaticRoute r :
          i == null ? List.<JoinInfo.StaticRoute>of() : e.staticRoutes()) {
        out.add(new Route(r.destination(), r.nextHop(), i.name()));
      }
    }
    return out;
  }

  /** The endpoint the container's ports are published on, or null. */
  Endpoint publishedOn() {
    return publishedOn;
  }

  /** The ports published for the container, in the order of its port bindings. */
  public List<PortMapping> ports() {
    return ports;
  }

  void published(Endpoint on, List<PortMapping> mappings) {
    this.publishedOn = on;
    this.ports = List.copyOf(mappings);
  }

  void unpublished() {
    this.publishedOn = null;
    this.ports = List.of();
  }
}

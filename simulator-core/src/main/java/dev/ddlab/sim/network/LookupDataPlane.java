package dev.ddlab.sim.network;

import dev.ddlab.sim.network.dataplane.DataPlane;
import dev.ddlab.sim.network.dataplane.HostLinks;
import dev.ddlab.sim.network.portmapper.PortMapping;
import dev.ddlab.sim.network.types.Ipv4;
import dev.ddlab.sim.runtime.HttpRequest;
import dev.ddlab.sim.runtime.HttpResponse;
import dev.ddlab.sim.runtime.NetAccess.Echo;
import dev.ddlab.sim.runtime.NetException;
import dev.ddlab.sim.runtime.NetNamespace;
import dev.ddlab.sim.runtime.ProcContext;
import java.util.Collection;
import java.util.List;

/**
 * The data plane until frames exist: each connection or echo is answered at once by looking at the
 * controller's networks, sandboxes and published ports. The host (and {@code --network host})
 * reaches every bridge; a container reaches its own networks' endpoints and the host through its
 * gateways, while Docker's isolation drops what it sends to a container on another bridge network.
 * A macvlan endpoint reaches its own network only: the node neither reaches it nor is reached.
 * Published ports go through docker-proxy, which answers with the gateway of the container's first
 * network as client address.
 */
final class LookupDataPlane implements DataPlane {
  private final NetworkController controller;
  private final HostLinks host;
  private final NetNamespace hostNs;

  LookupDataPlane(NetworkController controller, HostLinks host, NetNamespace hostNs) {
    this.controller = controller;
    this.host = host;
    this.hostNs = hostNs;
  }

  @Override
  public HttpResponse http(ProcContext from, int ip, int port, HttpRequest request) {
    String ipText = Ipv4.format(ip);
    ContainerNetworking self = controller.networkingOf(from);
    boolean hostSide = hostSide(from, self);
    if ((ip >>> 24) == 127) {
      NetNamespace ns = hostSide ? hostNs : from.netNs();
      NetNamespace.Listener l = ns == null ? null : ns.listener(port);
      if (l != null) {
        return l.handler().handle(request.from("127.0.0.1"));
      }
      if (hostSide) {
        return viaProxy(port, request);
      }
      throw new NetException(NetException.Kind.REFUSED, ipText);
    }
    if (host.owns(ip)) {
      if (!hostSide && onlyOffHost(self)) {
        throw new NetException(NetException.Kind.UNREACHABLE, ipText);
      }
      NetNamespace.Listener l = hostNs.listener(port);
      if (l != null) {
        return l.handler().handle(request.from(hostSide ? ipText : sourceIp(self, ip)));
      }
      return viaProxy(port, request);
    }
    for (Network n : controller.networksInOrder()) {
      if (!n.contains(ip)) {
        continue;
      }
      for (Endpoint target : n.endpoints.values()) {
        if (target.ip() != ip) {
          continue;
        }
        String source;
        if (hostSide) {
          if (!hostAttached(n)) {
            throw new NetException(NetException.Kind.UNREACHABLE, ipText);
          }
          source = n.gatewayText();
        } else {
          Endpoint mine = self == null || self.sandbox == null ? null : self.sandbox.endpoint(n.id);
          if (mine == null) {
            throw new NetException(NetException.Kind.UNREACHABLE, ipText);
          }
          source = mine.ipText();
        }
        ContainerNetworking t = controller.networkingOf(target.containerId());
        NetNamespace ns = t == null || t.sandbox == null ? null : t.sandbox.namespace();
        NetNamespace.Listener l = ns == null ? null : ns.listener(port);
        if (l == null) {
          throw new NetException(NetException.Kind.REFUSED, ipText);
        }
        return l.handler().handle(request.from(source));
      }
    }
    throw new NetException(NetException.Kind.UNREACHABLE, ipText);
  }

  @Override
  public Echo echo(ProcContext from, int ip) {
    if ((ip >>> 24) == 127) {
      return Echo.REPLY;
    }
    ContainerNetworking self = controller.networkingOf(from);
    if (hostSide(from, self)) {
      Endpoint e = endpointAt(ip);
      return host.owns(ip) || (e != null && hostAttached(e.network())) ? Echo.REPLY : Echo.LOST;
    }
    boolean routed = false;
    boolean viaHost = false;
    for (Endpoint mine : endpoints(self)) {
      Network n = mine.network();
      if (!n.hasSubnet()) {
        continue; // --network none: only the loopback
      }
      if (n.contains(ip)) {
        return (ip == n.gateway && hostAttached(n)) || endpointAt(ip) != null
            ? Echo.REPLY
            : Echo.LOST;
      }
      if (mine.gateway() != 0) {
        routed = true;
        viaHost |= hostAttached(n);
      }
    }
    if (!routed) {
      return Echo.NO_ROUTE;
    }
    return viaHost && host.owns(ip) ? Echo.REPLY : Echo.LOST;
  }

  private static boolean hostSide(ProcContext from, ContainerNetworking self) {
    return from.isHost() || (self != null && self.mode.equals("host"));
  }

  private static Collection<Endpoint> endpoints(ContainerNetworking self) {
    return self == null || self.sandbox == null ? List.of() : self.sandbox.endpoints();
  }

  /** Whether the node has a leg on the network: its gateway is one of the host's addresses. */
  private boolean hostAttached(Network n) {
    return n.hasSubnet() && host.owns(n.gateway);
  }

  /** A container whose addressed networks all lie off the node (macvlan): the host is not near. */
  private boolean onlyOffHost(ContainerNetworking self) {
    boolean any = false;
    for (Endpoint e : endpoints(self)) {
      if (e.network().hasSubnet()) {
        if (hostAttached(e.network())) {
          return false;
        }
        any = true;
      }
    }
    return any;
  }

  private Endpoint endpointAt(int ip) {
    for (Network n : controller.networksInOrder()) {
      if (n.contains(ip)) {
        for (Endpoint e : n.endpoints.values()) {
          if (e.ip() == ip) {
            return e;
          }
        }
      }
    }
    return null;
  }

  /** The container's own address on the network whose gateway it calls, else the node's. */
  private String sourceIp(ContainerNetworking self, int gateway) {
    for (Endpoint e : endpoints(self)) {
      if (e.network().hasSubnet() && e.network().gateway == gateway) {
        return e.ipText();
      }
    }
    return controller.nodeAddress();
  }

  /** docker-proxy: a published host port forwards to the container's port. */
  private HttpResponse viaProxy(int hostPort, HttpRequest request) {
    for (ContainerNetworking a : controller.containersInOrder()) {
      Sandbox sb = a.sandbox;
      if (sb == null) {
        continue;
      }
      for (PortMapping m : sb.ports()) {
        if (m.hostPort() == hostPort && m.proto().equals("tcp")) {
          NetNamespace.Listener l = sb.namespace().listener(m.containerPort());
          if (l == null) {
            // docker-proxy accepts, then the container side refuses: the client sees a reset.
            throw new NetException(NetException.Kind.RESET, "");
          }
          Endpoint first =
              sb.endpoints().isEmpty() ? sb.publishedOn() : sb.endpoints().iterator().next();
          return l.handler().handle(request.from(first.network().gatewayText()));
        }
      }
    }
    throw new NetException(NetException.Kind.REFUSED, "");
  }
}

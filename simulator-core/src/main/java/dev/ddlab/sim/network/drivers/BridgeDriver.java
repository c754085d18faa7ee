package dev.ddlab.sim.network.drivers;

import dev.ddlab.engine.EngineException;
import dev.ddlab.engine.dto.PortBinding;
import dev.ddlab.sim.network.dataplane.Bridge;
import dev.ddlab.sim.network.dataplane.HostLinks;
import dev.ddlab.sim.network.dataplane.HttpWire;
import dev.ddlab.sim.network.dataplane.NetDevice;
import dev.ddlab.sim.network.dataplane.Netns;
import dev.ddlab.sim.network.dataplane.TcpService;
import dev.ddlab.sim.network.dataplane.frame.Mac;
import dev.ddlab.sim.network.driverapi.ExternalConnectivity;
import dev.ddlab.sim.network.driverapi.InterfaceInfo;
import dev.ddlab.sim.network.driverapi.IpamData;
import dev.ddlab.sim.network.driverapi.JoinInfo;
import dev.ddlab.sim.network.driverapi.NetworkOptions;
import dev.ddlab.sim.network.portmapper.PortMapper;
import dev.ddlab.sim.network.portmapper.PortMapping;
import dev.ddlab.sim.network.portmapper.Ports;
import dev.ddlab.sim.network.types.Subnet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * libnetwork's {@code drivers/bridge}: per network a Linux bridge on the host holding the gateway
 * address ({@code docker0} for the default network, {@code br-<first 12 of the ID>} otherwise, or
 * the name given with {@code -o com.docker.network.bridge.name}) and its iptables rules; per
 * endpoint a MAC derived from its address, a veth pair (host end {@code veth…} on the bridge, the
 * other end in the sandbox) and the gateway as default route (none on {@code --internal} networks);
 * published ports through the node's port mapper: DNAT rules and docker-proxy, which listens on the
 * host port and connects to the container from the bridge's address.
 */
public final class BridgeDriver extends LinkDriver implements ExternalConnectivity {
  public static final String TYPE = "bridge";
  public static final String BRIDGE_NAME = "com.docker.network.bridge.name";

  /**
   * The veths' MTU ({@code -o com.docker.network.driver.mtu}); the bridge takes its ports' least.
   */
  public static final String MTU = "com.docker.network.driver.mtu";

  /** libnetwork's option that turns inter-container communication on the bridge off. */
  static final String ENABLE_ICC = "com.docker.network.bridge.enable_icc";

  private record Net(String bridge, Subnet subnet, boolean internal, int mtu) {}

  private record Ep(String nid, int ip, long mac) {}

  private final HostLinks host;
  private final PortMapper ports;
  private final Map<String, Net> networks = new HashMap<>();
  private final Map<String, Ep> endpoints = new HashMap<>();
  private final Map<String, NetDevice> links = new HashMap<>();
  private final Map<String, List<PortMapping>> published = new HashMap<>();
  private BridgeIptables iptables;

  public BridgeDriver(HostLinks host, PortMapper ports) {
    this.host = host;
    this.ports = ports;
  }

  @Override
  public String type() {
    return TYPE;
  }

  private BridgeIptables iptables() {
    if (iptables == null) {
      iptables = new BridgeIptables(host.stack().host().netfilter());
    }
    return iptables;
  }

  @Override
  public void createNetwork(String nid, NetworkOptions options, List<IpamData> ipv4) {
    String name = options.option(BRIDGE_NAME, "br-" + nid.substring(0, 12));
    int mtu = mtu(options.option(MTU, "0"));
    IpamData pool = ipv4.get(0);
    host.add(new HostLinks.Link(name, "bridge", "", pool.gateway(), pool.pool().prefix()));
    Subnet subnet = new Subnet(pool.pool().address(), pool.pool().prefix());
    networks.put(nid, new Net(name, subnet, options.internal(), mtu));
    boolean icc = !"false".equals(options.option(ENABLE_ICC, "true"));
    iptables().addNetwork(name, subnet, options.internal(), icc);
    defaultRoute(nid, options.internal() ? 0 : pool.gateway());
  }

  /** libnetwork's bridge option parsing: strconv.Atoi, then no negative MTU; 0 is the default. */
  private static int mtu(String value) {
    int mtu;
    try {
      mtu = Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw EngineException.badRequest(
          "failed to parse "
              + MTU
              + " value: "
              + value
              + " (strconv.Atoi: parsing \""
              + value
              + "\": "
              + (value.matches("[+-]?\\d+") ? "value out of range" : "invalid syntax")
              + ")");
    }
    if (mtu < 0) {
      throw EngineException.badRequest("invalid MTU number: " + mtu);
    }
    return mtu;
  }

  @Override
  public void deleteNetwork(String nid) {
    Net n = networks.remove(nid);
    if (n != null) {
      iptables().removeNetwork(n.bridge());
      host.remove(n.bridge());
    }
    forget(nid);
  }

  @Override
  public void createEndpoint(String nid, String eid, InterfaceInfo iface) {
    super.createEndpoint(nid, eid, iface);
    endpoints.put(eid, new Ep(nid, iface.address(), Mac.parse(iface.macAddress())));
  }

  @Override
  public void deleteEndpoint(String nid, String eid) {
    endpoints.remove(eid);
  }

  /** The veth pair: {@code veth<7 of the endpoint ID>} on the bridge, its peer in the sandbox. */
  @Override
  public void join(String nid, String eid, String sandboxKey, JoinInfo info) {
    super.join(nid, eid, sandboxKey, info);
    Netns ns = host.stack().netns(sandboxKey);
    Net n = networks.get(nid);
    Ep e = endpoints.get(eid);
    if (ns == null || n == null || e == null) {
      return;
    }
    Bridge br = host.bridge(n.bridge());
    String outer = "veth" + eid.substring(0, 7);
    String inner = "veth" + eid.substring(7, 14);
    int mtu = n.mtu() > 0 ? n.mtu() : NetDevice.ETHERNET_MTU;
    NetDevice link = host.stack().vethPair(host.stack().host(), outer, br, ns, inner, e.mac(), mtu);
    links.put(eid, link);
    info.setLink(link);
  }

  @Override
  public void leave(String nid, String eid) {
    NetDevice link = links.remove(eid);
    if (link != null) {
      host.stack().deleteLink(link);
    }
  }

  @Override
  public List<PortMapping> programExternalConnectivity(
      String nid, String eid, String owner, Map<String, List<PortBinding>> bindings) {
    List<PortMapping> made = new ArrayList<>();
    try {
      for (Map.Entry<String, List<PortBinding>> e : bindings.entrySet()) {
        int containerPort = Ports.number(e.getKey());
        String proto = Ports.proto(e.getKey());
        List<PortBinding> list =
            e.getValue().isEmpty() ? List.of(new PortBinding("", "")) : e.getValue();
        for (PortBinding b : list) {
          String hostIp = b.hostIp() == null || b.hostIp().isEmpty() ? "0.0.0.0" : b.hostIp();
          made.add(ports.map(hostIp, Ports.range(b.hostPort()), proto, containerPort, owner));
        }
      }
    } catch (RuntimeException e) {
      made.forEach(ports::unmap);
      throw e;
    }
    Net n = networks.get(nid);
    Ep ep = endpoints.get(eid);
    if (n != null && ep != null) {
      for (PortMapping m : made) {
        iptables()
            .addPort(n.bridge(), m.hostIp(), m.hostPort(), m.proto(), ep.ip(), m.containerPort());
        if (m.proto().equals("tcp")) {
          host.stack()
              .host()
              .listen(m.hostIp(), m.hostPort(), "docker-proxy", proxy(ep.ip(), m.containerPort()));
        }
      }
    }
    published.put(eid, made);
    return List.copyOf(made);
  }

  /** docker-proxy: accepts on the host port, connects to the container, relays the answer. */
  private TcpService proxy(int ip, int port) {
    Netns hostNs = host.stack().host();
    return new TcpService() {
      @Override
      public boolean complete(byte[] received) {
        return HttpWire.complete(received);
      }

      @Override
      public void serve(byte[] request, int clientIp, int clientPort, Consumer<byte[]> reply) {
        hostNs.connect(
            ip,
            port,
            request,
            r -> reply.accept(r.outcome() == Netns.Outcome.OK ? r.response() : null));
      }
    };
  }

  @Override
  public void revokeExternalConnectivity(String nid, String eid) {
    List<PortMapping> made = published.remove(eid);
    if (made != null) {
      Ep ep = endpoints.get(eid);
      for (PortMapping m : made) {
        ports.unmap(m);
        if (ep != null) {
          iptables().removePort(m.proto(), ep.ip(), m.containerPort());
        }
        if (m.proto().equals("tcp")) {
          host.stack().host().unlisten(m.hostPort());
        }
      }
    }
  }
}

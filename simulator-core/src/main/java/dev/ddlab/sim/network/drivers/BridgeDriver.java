package dev.ddlab.sim.network.drivers;

import dev.ddlab.engine.dto.PortBinding;
import dev.ddlab.sim.network.dataplane.HostLinks;
import dev.ddlab.sim.network.driverapi.ExternalConnectivity;
import dev.ddlab.sim.network.driverapi.IpamData;
import dev.ddlab.sim.network.driverapi.NetworkOptions;
import dev.ddlab.sim.network.portmapper.PortMapper;
import dev.ddlab.sim.network.portmapper.PortMapping;
import dev.ddlab.sim.network.portmapper.Ports;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * libnetwork's {@code drivers/bridge}: per network a Linux bridge on the host holding the gateway
 * address ({@code docker0} for the default network, {@code br-<first 12 of the ID>} otherwise, or
 * the name given with {@code -o com.docker.network.bridge.name}); per endpoint a MAC derived from
 * its address and the gateway as default route (none on {@code --internal} networks); published
 * ports through the node's port mapper (docker-proxy).
 */
public final class BridgeDriver extends LinkDriver implements ExternalConnectivity {
  public static final String TYPE = "bridge";
  public static final String BRIDGE_NAME = "com.docker.network.bridge.name";

  private final HostLinks host;
  private final PortMapper ports;
  private final Map<String, String> bridges = new HashMap<>();
  private final Map<String, List<PortMapping>> published = new HashMap<>();

  public BridgeDriver(HostLinks host, PortMapper ports) {
    this.host = host;
    this.ports = ports;
  }

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public void createNetwork(String nid, NetworkOptions options, List<IpamData> ipv4) {
    String name = options.option(BRIDGE_NAME, "br-" + nid.substring(0, 12));
    IpamData pool = ipv4.get(0);
    host.add(new HostLinks.Link(name, "bridge", "", pool.gateway(), pool.pool().prefix()));
    bridges.put(nid, name);
    defaultRoute(nid, options.internal() ? 0 : pool.gateway());
  }

  @Override
  public void deleteNetwork(String nid) {
    String name = bridges.remove(nid);
    if (name != null) {
      host.remove(name);
    }
    forget(nid);
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
    published.put(eid, made);
    return List.copyOf(made);
  }

  @Override
  public void revokeExternalConnectivity(String nid, String eid) {
    List<PortMapping> made = published.remove(eid);
    if (made != null) {
      made.forEach(ports::unmap);
    }
  }
}

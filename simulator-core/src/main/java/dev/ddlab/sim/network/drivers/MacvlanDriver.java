package dev.ddlab.sim.network.drivers;

import dev.ddlab.engine.EngineException;
import dev.ddlab.sim.network.dataplane.HostLinks;
import dev.ddlab.sim.network.driverapi.IpamData;
import dev.ddlab.sim.network.driverapi.NetworkOptions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * libnetwork's {@code drivers/macvlan}: containers get MAC addresses of their own on a parent link
 * of the node ({@code -o parent=eth0}, or {@code eth0.100}: the driver makes the VLAN
 * sub-interface, as it does a dummy {@code dm-…} link when no parent is given, which also leaves
 * the network without a way out). One network per parent; no published ports; the gateway is a
 * router outside the node, and the node itself cannot reach its macvlan children (the kernel does
 * not pass frames between a parent and its macvlan links).
 */
public final class MacvlanDriver extends LinkDriver {
  public static final String TYPE = "macvlan";
  private static final Set<String> MODES = Set.of("bridge", "private", "vepa", "passthru");

  private final HostLinks host;
  private final Map<String, MacvlanNetwork> networks = new LinkedHashMap<>();
  private final Map<String, Long> macs = new java.util.HashMap<>();
  private final Map<String, dev.ddlab.sim.network.dataplane.NetDevice> links =
      new java.util.HashMap<>();

  private record MacvlanNetwork(String parent, boolean createdLink) {}

  public MacvlanDriver(HostLinks host) {
    this.host = host;
  }

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public void createNetwork(String nid, NetworkOptions options, List<IpamData> ipv4) {
    String mode = options.option("macvlan_mode", "");
    if (!mode.isEmpty() && !MODES.contains(mode)) {
      throw EngineException.serverError(
          "requested macvlan mode '"
              + mode
              + "' is not valid, 'bridge' mode is the macvlan driver default");
    }
    String parent = options.option("parent", "");
    boolean internal = options.internal();
    boolean dummy = parent.isEmpty();
    if (dummy) {
      parent = dummyName(nid);
      internal = true;
    }
    if (parent.equals("lo")) {
      throw EngineException.serverError("loopback interface is not a valid macvlan parent link");
    }
    for (Map.Entry<String, MacvlanNetwork> other : networks.entrySet()) {
      if (other.getValue().parent().equals(parent)) {
        throw EngineException.serverError(
            "network "
                + dummyName(other.getKey())
                + " is already using parent interface "
                + parent);
      }
    }
    boolean created = false;
    if (host.get(parent).isEmpty()) {
      host.add(dummy ? new HostLinks.Link(parent, "dummy", "", 0, 0) : vlanLink(parent));
      created = true;
    }
    networks.put(nid, new MacvlanNetwork(parent, created));
    defaultRoute(nid, internal || ipv4.isEmpty() ? 0 : ipv4.get(0).gateway());
  }

  private static String dummyName(String nid) {
    return "dm-" + nid.substring(0, 12);
  }

  /** The VLAN sub-interface {@code parent.vid} the driver makes when the parent lacks it. */
  private HostLinks.Link vlanLink(String name) {
    int dot = name.lastIndexOf('.');
    if (dot < 0) {
      throw EngineException.serverError(
          "invalid subinterface vlan name " + name + ", example formatting is eth0.10");
    }
    String parent = name.substring(0, dot);
    String vid = name.substring(dot + 1);
    int id;
    try {
      id = Integer.parseInt(vid);
    } catch (NumberFormatException e) {
      throw EngineException.serverError(
          "unable to parse a valid vlan id from: " + vid + " (ex. eth0.10 for vlan 10)");
    }
    if (id < 1 || id > 4094) {
      throw EngineException.serverError("vlan id must be between 1-4094, received: " + id);
    }
    if (host.get(parent).isEmpty()) {
      // dockerd's wording, typo included (as 20.10 prints it)
      throw EngineException.serverError(
          "-o parent interface does was not found on the host: " + parent);
    }
    return new HostLinks.Link(name, "vlan", parent, 0, 0);
  }

  @Override
  public void createEndpoint(
      String nid, String eid, dev.ddlab.sim.network.driverapi.InterfaceInfo iface) {
    super.createEndpoint(nid, eid, iface);
    macs.put(eid, dev.ddlab.sim.network.dataplane.frame.Mac.parse(iface.macAddress()));
  }

  @Override
  public void deleteEndpoint(String nid, String eid) {
    macs.remove(eid);
  }

  /** A macvlan child of the parent link, in the sandbox's namespace, with the endpoint's MAC. */
  @Override
  public void join(
      String nid, String eid, String sandboxKey, dev.ddlab.sim.network.driverapi.JoinInfo info) {
    super.join(nid, eid, sandboxKey, info);
    dev.ddlab.sim.network.dataplane.Netns ns = host.stack().netns(sandboxKey);
    MacvlanNetwork n = networks.get(nid);
    Long mac = macs.get(eid);
    if (ns == null || n == null || mac == null) {
      return;
    }
    dev.ddlab.sim.network.dataplane.NetDevice parent = host.stack().host().device(n.parent());
    dev.ddlab.sim.network.dataplane.NetDevice link =
        host.stack().macvlan(parent, ns, "macvlan" + eid.substring(0, 7), mac);
    links.put(eid, link);
    info.setLink(link);
  }

  @Override
  public void leave(String nid, String eid) {
    dev.ddlab.sim.network.dataplane.NetDevice link = links.remove(eid);
    if (link != null) {
      host.stack().deleteLink(link);
    }
  }

  @Override
  public void deleteNetwork(String nid) {
    MacvlanNetwork n = networks.remove(nid);
    if (n != null && n.createdLink()) {
      host.remove(n.parent());
    }
    forget(nid);
  }
}

package dev.ddlab.sim.network.drivers;

import dev.ddlab.engine.EngineException;
import dev.ddlab.sim.network.dataplane.Bridge;
import dev.ddlab.sim.network.dataplane.HostLinks;
import dev.ddlab.sim.network.dataplane.NetDevice;
import dev.ddlab.sim.network.dataplane.NetStack;
import dev.ddlab.sim.network.dataplane.Netfilter;
import dev.ddlab.sim.network.dataplane.Netns;
import dev.ddlab.sim.network.dataplane.VxlanDevice;
import dev.ddlab.sim.network.dataplane.frame.Mac;
import dev.ddlab.sim.network.dataplane.frame.Vxlan;
import dev.ddlab.sim.network.driverapi.Capability;
import dev.ddlab.sim.network.driverapi.InterfaceInfo;
import dev.ddlab.sim.network.driverapi.IpamData;
import dev.ddlab.sim.network.driverapi.JoinInfo;
import dev.ddlab.sim.network.driverapi.NetworkOptions;
import dev.ddlab.sim.network.driverapi.PeerTable;
import dev.ddlab.sim.network.types.Subnet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * libnetwork's {@code drivers/overlay}: a network reaches it with what the swarm allocator wrote
 * into it, its IPAM config (subnets and gateways) and the option {@code
 * com.docker.network.driver.overlay.vxlanid_list} (one VNI per subnet, from 4096); the driver reads
 * nothing else. On the first endpoint that joins on this node it makes the network's namespace
 * ({@code /var/run/docker/netns/1-<first 10 of the ID>}, forwarding as the host it inherits {@code
 * ip_forward} from), and the first time a subnet has an endpoint or a peer there, that subnet's
 * bridge holding its gateway and a vxlan device with its VNI enslaved to it (MTU 1450), named as
 * osl numbers them in the namespace ({@code br0}, {@code vxlan0}, then {@code br1}, {@code vxlan1}
 * …: libnetwork's {@code ov-<vni>-<id5>} and {@code vx-<vni>-<id5>} renamed). It takes the
 * network's table of peers from the control plane ({@link PeerTable}): every remote endpoint's
 * address and MAC go into its subnet's vxlan device's neighbour table and forwarding database with
 * the node behind it, so nothing is flooded. Each endpoint is a veth pair, {@code vethN} on its
 * subnet's bridge and the container's end in its sandbox, both MTU 1450, with a route to each other
 * subnet of the network through its own subnet's gateway (Join's AddStaticRoute), so the namespace
 * routes between subnets and a frame to another subnet leaves with that subnet's VNI; the driver
 * publishes the endpoint to the table. The overlay gives no default route: the controller joins the
 * sandbox to {@code docker_gwbridge} for that. When the last local endpoint leaves, the namespace
 * goes.
 */
public final class OverlayDriver extends LinkDriver {
  public static final String TYPE = "overlay";
  public static final String VXLAN_IDS = "com.docker.network.driver.overlay.vxlanid_list";

  /** {@code -o encrypted}: the network's tunnels in IPsec ESP (libnetwork's secureOption). */
  public static final String ENCRYPTED = "encrypted";

  public static final Capability GLOBAL = new Capability("global", "global");

  /** The mark libnetwork's IPsec policy selects (encryption.go's {@code mark}, 0xD0C4E3). */
  static final String ENCRYPTION_MARK = "0xd0c4e3/0xffffffff";

  private record SubnetState(Subnet subnet, int gateway, int vni) {}

  private static final class Net {
    final List<SubnetState> subnets;
    final boolean encrypted;
    Netns ns;

    /** Per subnet, its bridge and vxlan device once made on this node (else null). */
    final Bridge[] bridges;

    final VxlanDevice[] vxlans;
    AutoCloseable peers;
    int endpoints;
    int nextVeth;
    int nextBridge;

    Net(List<SubnetState> subnets, boolean encrypted) {
      this.subnets = subnets;
      this.encrypted = encrypted;
      this.bridges = new Bridge[subnets.size()];
      this.vxlans = new VxlanDevice[subnets.size()];
    }

    int subnetOf(int ip) {
      for (int i = 0; i < subnets.size(); i++) {
        if (subnets.get(i).subnet().contains(ip)) {
          return i;
        }
      }
      return -1;
    }
  }

  private record Ep(String nid, int ip, int prefix, long mac) {}

  private final HostLinks host;
  private final PeerTable table;
  private final int local;
  private final Map<String, Net> networks = new LinkedHashMap<>();
  private final Map<String, Ep> endpoints = new HashMap<>();
  private final Map<String, NetDevice> links = new HashMap<>();

  /**
   * @param local the node's underlay address: the VTEP its peers send to
   */
  public OverlayDriver(HostLinks host, PeerTable table, int local) {
    this.host = host;
    this.table = table;
    this.local = local;
  }

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public Capability capability() {
    return GLOBAL;
  }

  @Override
  public void createNetwork(String nid, NetworkOptions options, List<IpamData> ipv4) {
    List<Integer> vnis = new ArrayList<>();
    String list = options.option(VXLAN_IDS, "");
    for (String v : list.split(",")) {
      if (!v.isBlank()) {
        try {
          vnis.add(Integer.parseInt(v.trim()));
        } catch (NumberFormatException e) {
          throw EngineException.serverError("invalid vxlan id value \"" + v.trim() + "\" passed");
        }
      }
    }
    if (vnis.size() < ipv4.size()) {
      throw EngineException.serverError("insufficient vnis(" + vnis.size() + ") passed to overlay");
    }
    List<SubnetState> subnets = new ArrayList<>();
    for (int i = 0; i < ipv4.size(); i++) {
      IpamData d = ipv4.get(i);
      subnets.add(new SubnetState(d.pool(), d.gateway(), vnis.get(i)));
    }
    networks.put(nid, new Net(subnets, options.option(ENCRYPTED, null) != null));
  }

  @Override
  public void deleteNetwork(String nid) {
    Net n = networks.remove(nid);
    if (n != null) {
      destroySandbox(nid, n);
      if (n.encrypted) {
        n.subnets.forEach(s -> programEncryption(s.vni(), false));
      }
    }
  }

  @Override
  public void createEndpoint(String nid, String eid, InterfaceInfo iface) {
    super.createEndpoint(nid, eid, iface);
    Net n = networks.get(nid);
    if (n == null) {
      throw EngineException.notFound("network id " + nid + " not found");
    }
    if (n.subnetOf(iface.address()) < 0) {
      throw EngineException.serverError(
          "could not find subnet for endpoint " + eid.substring(0, 7));
    }
    endpoints.put(eid, new Ep(nid, iface.address(), iface.prefix(), Mac.parse(iface.macAddress())));
  }

  @Override
  public void deleteEndpoint(String nid, String eid) {
    endpoints.remove(eid);
  }

  /** The network's namespace: {@code /var/run/docker/netns/1-} and the first 10 of its ID. */
  public static String sandboxKey(String nid) {
    return "/var/run/docker/netns/1-" + nid.substring(0, 10);
  }

  @Override
  public void join(String nid, String eid, String sandboxKey, JoinInfo info) {
    info.setGateway(0);
    Net n = networks.get(nid);
    Ep e = endpoints.get(eid);
    NetStack stack = host.stack();
    Netns ns = stack.netns(sandboxKey);
    if (n == null || e == null || ns == null) {
      return;
    }
    int s = n.subnetOf(e.ip());
    if (n.ns == null) {
      initSandbox(nid, n, s);
    }
    initSubnet(n, s);
    for (SubnetState other : n.subnets) {
      if (other != n.subnets.get(s)) {
        info.addStaticRoute(other.subnet(), n.subnets.get(s).gateway());
      }
    }
    NetDevice link =
        stack.vethPair(
            n.ns,
            "veth" + n.nextVeth++,
            n.bridges[s],
            ns,
            "veth" + eid.substring(0, 7),
            e.mac(),
            n.encrypted ? VxlanDevice.ENCRYPTED_MTU : VxlanDevice.MTU);
    links.put(eid, link);
    n.endpoints++;
    info.setLink(link);
    table.add(new PeerTable.Peer(nid, eid, e.ip(), e.prefix(), e.mac(), local));
  }

  /**
   * The network's namespace on this node, the subnet {@code first} of the endpoint that made it
   * (libnetwork's joinSandbox), then its peers, which make their subnets' devices.
   */
  private void initSandbox(String nid, Net n, int first) {
    n.ns = host.stack().createNetns(sandboxKey(nid));
    n.ns.forwarding(true);
    initSubnet(n, first);
    n.peers =
        table.join(
            nid,
            local,
            new PeerTable.Watcher() {
              @Override
              public void peerAdd(PeerTable.Peer p) {
                int s = n.subnetOf(p.ip());
                if (s >= 0) {
                  initSubnet(n, s);
                  n.vxlans[s].addPeer(p.ip(), p.mac(), p.vtep());
                }
              }

              @Override
              public void peerDelete(PeerTable.Peer p) {
                int s = n.subnetOf(p.ip());
                if (s >= 0 && n.vxlans[s] != null) {
                  n.vxlans[s].removePeer(p.ip(), p.mac());
                }
              }
            });
  }

  /**
   * libnetwork's initSubnetSandbox, once per subnet: a bridge with the subnet's gateway and a vxlan
   * device with its VNI enslaved to it, named in the order they are made.
   */
  private void initSubnet(Net n, int i) {
    if (n.bridges[i] != null) {
      return;
    }
    NetStack stack = host.stack();
    SubnetState s = n.subnets.get(i);
    int k = n.nextBridge++;
    n.bridges[i] = stack.addBridge(n.ns, "br" + k, s.gateway(), s.subnet().prefix());
    n.vxlans[i] = stack.addVxlan(n.ns, "vxlan" + k, s.vni(), local, n.bridges[i]);
    if (n.encrypted) {
      n.vxlans[i].encrypt();
      programEncryption(s.vni(), true);
    }
  }

  /**
   * libnetwork's programMangle and programInput ({@code encryption.go}) for an encrypted subnet's
   * VNI, on the host: its outgoing VXLAN marked for the IPsec policy (mangle OUTPUT, appended), and
   * incoming VXLAN of the VNI dropped at the top of INPUT unless it came through IPsec (accepted at
   * the bottom). Listed as a real node lists them; the data plane's ESP path enforces the same.
   */
  private void programEncryption(int vni, boolean add) {
    Netfilter nf = host.stack().host().netfilter();
    Netfilter.Rule mark =
        Netfilter.Rule.jump("MARK")
            .proto("udp")
            .dport(Vxlan.PORT)
            .vxlanVni(vni)
            .setXmark(ENCRYPTION_MARK)
            .build();
    Netfilter.Rule accept = vxlanRule("ACCEPT", "ipsec", vni);
    Netfilter.Rule drop = vxlanRule("DROP", "none", vni);
    if (add) {
      if (!nf.has("mangle", "OUTPUT", mark)) {
        nf.append("mangle", "OUTPUT", mark);
      }
      if (!nf.has("filter", "INPUT", accept)) {
        nf.append("filter", "INPUT", accept);
      }
      if (!nf.has("filter", "INPUT", drop)) {
        nf.insert("filter", "INPUT", 1, drop);
      }
    } else {
      nf.delete("mangle", "OUTPUT", r -> same(r, mark));
      nf.delete("filter", "INPUT", r -> same(r, accept) || same(r, drop));
    }
  }

  private static Netfilter.Rule vxlanRule(String target, String policy, int vni) {
    return Netfilter.Rule.jump(target)
        .proto("udp")
        .policyIn(policy)
        .dport(Vxlan.PORT)
        .vxlanVni(vni)
        .build();
  }

  private static boolean same(Netfilter.Rule a, Netfilter.Rule b) {
    return a.target().equals(b.target()) && a.extra().equals(b.extra());
  }

  private void destroySandbox(String nid, Net n) {
    if (n.ns == null) {
      return;
    }
    try {
      n.peers.close();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    host.stack().deleteNamespace(n.ns.key());
    n.ns = null;
    java.util.Arrays.fill(n.bridges, null);
    java.util.Arrays.fill(n.vxlans, null);
    n.nextVeth = 0;
    n.nextBridge = 0;
  }

  @Override
  public void leave(String nid, String eid) {
    NetDevice link = links.remove(eid);
    if (link == null) {
      return;
    }
    host.stack().deleteLink(link);
    table.delete(nid, eid);
    Net n = networks.get(nid);
    if (n != null && --n.endpoints == 0) {
      destroySandbox(nid, n);
    }
  }
}

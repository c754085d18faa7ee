package dev.ddlab.sim.swarm.allocator;

import dev.ddlab.engine.dto.swarm.Driver;
import dev.ddlab.engine.dto.swarm.Endpoint;
import dev.ddlab.engine.dto.swarm.EndpointSpec;
import dev.ddlab.engine.dto.swarm.EndpointVirtualIp;
import dev.ddlab.engine.dto.swarm.IpamConfig;
import dev.ddlab.engine.dto.swarm.IpamOptions;
import dev.ddlab.engine.dto.swarm.NetworkAttachment;
import dev.ddlab.engine.dto.swarm.NetworkAttachmentConfig;
import dev.ddlab.engine.dto.swarm.NetworkSpec;
import dev.ddlab.engine.dto.swarm.PortConfig;
import dev.ddlab.engine.dto.swarm.Service;
import dev.ddlab.engine.dto.swarm.SwarmNetwork;
import dev.ddlab.engine.dto.swarm.Task;
import dev.ddlab.sim.network.types.Ipv4;
import dev.ddlab.sim.network.types.Subnet;
import dev.ddlab.sim.swarm.TaskState;
import dev.ddlab.sim.swarm.store.ClusterStore;
import dev.ddlab.sim.swarm.store.StoreAction;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * swarmkit's allocator (its {@code cnmallocator}) on the leader: it reconciles from the store on
 * every pass. A network without driver state gets a subnet per IPAM config (its own {@code
 * --subnet}s, else the first free /24 of the cluster's default pool 10.0.0.0/8), each with its
 * gateway (the subnet's first address unless given) and a VXLAN ID from 4096 up, written as the
 * driver option {@code com.docker.network.driver.overlay.vxlanid_list} ("4097,4098" for two
 * subnets); addresses come from the first of its subnets with one free; every node gets an address
 * on the ingress network (its ingress sandbox) and on each other overlay network its tasks are on
 * (its load-balancer sandbox); a service gets a virtual IP on each of its networks (ingress too
 * when it publishes a port in ingress mode) and its published ports (30000-32767 when none is
 * given); a task gets an address on each network its spec attaches. Addresses are handed out
 * serially within a network and VXLAN IDs serially across networks (libnetwork's serial allocation,
 * which swarmkit asks for), starting from the lowest free one after a change of leader; an address
 * is free again once no live object holds it (a task past running holds none).
 */
public final class Allocator {
  /** The overlay driver's option that carries a network's VXLAN ID. */
  public static final String VXLAN_OPTION = "com.docker.network.driver.overlay.vxlanid_list";

  static final int FIRST_VNI = 4096;
  static final int LAST_VNI = (1 << 24) - 1;
  static final int FIRST_DYNAMIC_PORT = 30000;
  static final int LAST_DYNAMIC_PORT = 32767;
  static final String DEFAULT_POOL = "10.0.0.0/8";
  static final int DEFAULT_SUBNET_SIZE = 24;

  private int lastVni;
  private final Map<String, Long> lastAddress = new HashMap<>();

  /** The ingress network as swarmkit creates it with the cluster: 10.0.0.0/24, not allocated. */
  public static StoreAction ingress(String id, String createdAt) {
    NetworkSpec spec =
        new NetworkSpec(
            "ingress",
            Map.of(),
            null,
            false,
            false,
            false,
            true,
            new IpamOptions(null, List.of(new IpamConfig("10.0.0.0/24", null, null))),
            null);
    return StoreAction.put(
        StoreAction.NETWORK,
        id,
        new SwarmNetwork(id, null, createdAt, createdAt, spec, null, null));
  }

  /** Whether the network has its subnet and VXLAN ID. */
  public static boolean allocated(SwarmNetwork n) {
    return n.driverState() != null && n.ipamOptions() != null;
  }

  /** The store's ingress network, or null. */
  public static SwarmNetwork ingressOf(Map<String, SwarmNetwork> networks) {
    for (SwarmNetwork n : networks.values()) {
      if (n.spec() != null && n.spec().ingress()) {
        return n;
      }
    }
    return null;
  }

  /** A service's published ports in ingress mode put it on the ingress network. */
  static boolean usesIngress(List<PortConfig> ports) {
    if (ports == null) {
      return false;
    }
    return ports.stream()
        .anyMatch(p -> p.publishMode() == null || "ingress".equals(p.publishMode()));
  }

  /**
   * One pass over the store. Tasks are allocated in {@code tasks} (the leader's working copy, ids
   * of changed ones added to {@code changed}); networks, ingress addresses and services come back
   * as actions.
   */
  public List<StoreAction> allocate(
      ClusterStore store, Map<String, Task> tasks, List<String> changed) {
    List<StoreAction> out = new ArrayList<>();
    if (store.cluster() == null) {
      return out;
    }
    Map<String, SwarmNetwork> nets = new LinkedHashMap<>(store.networks());
    lastAddress.keySet().removeIf(k -> !nets.containsKey(k.substring(0, k.indexOf('/'))));
    for (SwarmNetwork n : List.copyOf(nets.values())) {
      if (!allocated(n)) {
        SwarmNetwork done = allocateNetwork(n, nets, store);
        if (done != null) {
          nets.put(n.id(), done);
          out.add(StoreAction.put(StoreAction.NETWORK_ALLOCATION, n.id(), done));
        }
      }
    }
    Map<String, Set<Integer>> used = used(store, nets, tasks);
    SwarmNetwork ingress = ingressOf(nets);
    if (ingress != null && allocated(ingress)) {
      for (String nodeId : store.nodes().keySet()) {
        if (!store.ingressAddresses().containsKey(nodeId)) {
          String addr = address(ingress, used);
          if (addr != null) {
            out.add(StoreAction.put(StoreAction.LB, nodeId, addr));
          }
        }
      }
    }
    for (String nodeId : store.ingressAddresses().keySet()) {
      if (!store.nodes().containsKey(nodeId)) {
        out.add(StoreAction.delete(StoreAction.LB, nodeId));
      }
    }
    Set<Integer> ports = new HashSet<>();
    for (Service s : store.services().values()) {
      if (s.endpoint() != null && s.endpoint().ports() != null) {
        s.endpoint().ports().forEach(p -> ports.add(p.publishedPort()));
      }
    }
    Map<String, Boolean> onIngress = new HashMap<>();
    for (Service s : store.services().values()) {
      Endpoint e = endpoint(s, nets, ingress, used, ports);
      onIngress.put(s.id(), usesIngress(e.ports()));
      if (!e.equals(s.endpoint())) {
        out.add(StoreAction.put(StoreAction.ENDPOINT, s.id(), e));
      }
    }
    out.addAll(loadBalancers(store, nets, tasks, used));
    for (Task t : List.copyOf(tasks.values())) {
      if (!"running".equals(t.desiredState())
          || TaskState.of(t.status().state()).ordinal() > TaskState.PENDING.ordinal()
          || (t.networksAttachments() != null && !t.networksAttachments().isEmpty())) {
        continue;
      }
      List<String> want = new ArrayList<>();
      Map<String, String> asked = new HashMap<>();
      if (ingress != null && Boolean.TRUE.equals(onIngress.get(t.serviceId()))) {
        want.add(ingress.id());
      }
      if (t.spec() != null && t.spec().networks() != null) {
        for (NetworkAttachmentConfig c : t.spec().networks()) {
          want.add(c.target());
          if (c.addresses() != null && !c.addresses().isEmpty()) {
            asked.put(c.target(), c.addresses().get(0));
          }
        }
      }
      if (want.isEmpty()
          || !want.stream().allMatch(id -> nets.containsKey(id) && allocated(nets.get(id)))) {
        continue;
      }
      List<NetworkAttachment> attachments = new ArrayList<>();
      for (String id : want) {
        String addr =
            asked.containsKey(id)
                ? requested(nets.get(id), used, asked.get(id))
                : address(nets.get(id), used);
        if (addr == null) {
          break; // swarmkit logs the failure; the task waits unallocated
        }
        attachments.add(new NetworkAttachment(nets.get(id), List.of(addr)));
      }
      if (attachments.size() == want.size()) {
        tasks.put(t.id(), t.withAttachments(attachments));
        changed.add(t.id());
      }
    }
    return out;
  }

  /**
   * swarmkit's node attachments ({@code allocateNode} from the task events): a node gets an address
   * on each overlay network (ingress aside, which has its own) that one of its tasks not past
   * running is attached to, once that task has its node and its addresses, so after the tasks
   * allocated with it; the address is freed when no such task is left there.
   */
  private List<StoreAction> loadBalancers(
      ClusterStore store,
      Map<String, SwarmNetwork> nets,
      Map<String, Task> tasks,
      Map<String, Set<Integer>> used) {
    Set<String> want = new LinkedHashSet<>();
    for (Task t : tasks.values()) {
      if (t.nodeId() == null
          || t.nodeId().isEmpty()
          || t.networksAttachments() == null
          || TaskState.of(t.status().state()).ordinal() > TaskState.RUNNING.ordinal()) {
        continue;
      }
      for (NetworkAttachment a : t.networksAttachments()) {
        SwarmNetwork n = nets.get(a.network().id());
        if (n != null && allocated(n) && !n.spec().ingress()) {
          want.add(t.nodeId() + "/" + n.id());
        }
      }
    }
    List<StoreAction> out = new ArrayList<>();
    for (String key : want) {
      if (!store.loadBalancers().containsKey(key)) {
        String addr = address(nets.get(key.substring(key.indexOf('/') + 1)), used);
        if (addr != null) {
          out.add(StoreAction.put(StoreAction.NODE_LB, key, addr));
        }
      }
    }
    for (String key : store.loadBalancers().keySet()) {
      if (!want.contains(key)) {
        out.add(StoreAction.delete(StoreAction.NODE_LB, key));
      }
    }
    return out;
  }

  /**
   * swarmkit's allocatePools and the overlay manager's NetworkAllocate: a pool per IPAM config of
   * the spec (its {@code --subnet}, else the first free subnet of the default pools), the config's
   * gateway or the pool's first address, and a VXLAN ID per pool, serially, written as the list
   * {@code 4097,4098}. A subnet overlapping another network's (or another of its own) leaves the
   * network unallocated, as swarmkit logs the failure.
   */
  private SwarmNetwork allocateNetwork(
      SwarmNetwork n, Map<String, SwarmNetwork> nets, ClusterStore store) {
    List<Subnet> taken = new ArrayList<>();
    Set<Integer> vnis = new HashSet<>();
    for (SwarmNetwork o : nets.values()) {
      if (allocated(o)) {
        taken.addAll(subnetsOf(o));
        vnis.addAll(vnisOf(o));
      }
    }
    List<IpamConfig> asked =
        n.spec().ipamOptions() == null || n.spec().ipamOptions().configs() == null
            ? List.of()
            : n.spec().ipamOptions().configs();
    List<IpamConfig> configs = new ArrayList<>();
    List<String> vniList = new ArrayList<>();
    for (IpamConfig c : asked.isEmpty() ? List.of(new IpamConfig(null, null, null)) : asked) {
      Subnet subnet;
      if (c.subnet() != null) {
        subnet = Subnet.parse(c.subnet());
        if (taken.stream().anyMatch(subnet::overlaps)) {
          return null; // swarmkit logs the failed allocation and leaves the network as it is
        }
      } else {
        subnet = freeSubnet(store, taken);
        if (subnet == null) {
          return null;
        }
      }
      taken.add(subnet);
      String gateway = c.gateway() != null ? c.gateway() : Ipv4.format(subnet.at(1));
      configs.add(
          new IpamConfig(subnet.toString(), c.subnet() == null ? null : c.range(), gateway));
      int vni = nextVni(vnis);
      vnis.add(vni);
      vniList.add(Integer.toString(vni));
    }
    Map<String, String> options = new LinkedHashMap<>();
    if (n.spec().driverConfiguration() != null
        && n.spec().driverConfiguration().options() != null) {
      options.putAll(n.spec().driverConfiguration().options());
    }
    options.put(VXLAN_OPTION, String.join(",", vniList));
    String driver =
        n.spec().driverConfiguration() != null && n.spec().driverConfiguration().name() != null
            ? n.spec().driverConfiguration().name()
            : "overlay";
    return new SwarmNetwork(
        n.id(),
        n.version(),
        n.createdAt(),
        n.updatedAt(),
        n.spec(),
        new Driver(driver, options),
        new IpamOptions(new Driver("default", null), configs));
  }

  private static Subnet freeSubnet(ClusterStore store, List<Subnet> taken) {
    List<String> pools = store.cluster().defaultAddrPool();
    int size =
        store.cluster().subnetSize() > 0 ? store.cluster().subnetSize() : DEFAULT_SUBNET_SIZE;
    for (String p : pools == null || pools.isEmpty() ? List.of(DEFAULT_POOL) : pools) {
      Subnet pool = Subnet.parse(p);
      long count = pool.prefix() >= size ? 1 : 1L << (size - pool.prefix());
      for (long i = 0; i < count; i++) {
        Subnet c =
            new Subnet(pool.address() + (int) (i << (32 - size)), Math.max(size, pool.prefix()));
        if (taken.stream().noneMatch(c::overlaps)) {
          return c;
        }
      }
    }
    return null;
  }

  private int nextVni(Set<Integer> used) {
    int start = lastVni == 0 ? FIRST_VNI : lastVni + 1;
    for (int i = 0; i <= LAST_VNI - FIRST_VNI; i++) {
      int v = start + i;
      if (v > LAST_VNI) {
        v = FIRST_VNI + (v - LAST_VNI - 1);
      }
      if (!used.contains(v)) {
        lastVni = v;
        return v;
      }
    }
    throw new IllegalStateException("no free VXLAN ID");
  }

  /** The network's subnets, one per IPAM config, in order. */
  static List<Subnet> subnetsOf(SwarmNetwork n) {
    List<Subnet> out = new ArrayList<>();
    for (IpamConfig c : n.ipamOptions().configs()) {
      out.add(Subnet.parse(c.subnet()));
    }
    return out;
  }

  /** The VXLAN IDs of an allocated network ({@code vxlanid_list}, one per subnet). */
  private static List<Integer> vnisOf(SwarmNetwork n) {
    String list =
        n.driverState().options() == null ? null : n.driverState().options().get(VXLAN_OPTION);
    List<Integer> out = new ArrayList<>();
    if (list != null) {
      for (String v : list.split(",")) {
        if (!v.isBlank()) {
          out.add(Integer.parseInt(v.trim()));
        }
      }
    }
    return out;
  }

  /** Addresses held per network: gateways, nodes, VIPs, live tasks. */
  private static Map<String, Set<Integer>> used(
      ClusterStore store, Map<String, SwarmNetwork> nets, Map<String, Task> tasks) {
    Map<String, Set<Integer>> used = new HashMap<>();
    for (SwarmNetwork n : nets.values()) {
      if (allocated(n)) {
        Set<Integer> u = new HashSet<>();
        for (IpamConfig c : n.ipamOptions().configs()) {
          u.add(ip(c.gateway()));
        }
        used.put(n.id(), u);
      }
    }
    SwarmNetwork ingress = ingressOf(nets);
    if (ingress != null && used.containsKey(ingress.id())) {
      for (String a : store.ingressAddresses().values()) {
        used.get(ingress.id()).add(ip(a));
      }
    }
    store
        .loadBalancers()
        .forEach(
            (key, addr) -> {
              String id = key.substring(key.indexOf('/') + 1);
              if (used.containsKey(id)) {
                used.get(id).add(ip(addr));
              }
            });
    for (Service s : store.services().values()) {
      if (s.endpoint() != null && s.endpoint().virtualIps() != null) {
        for (EndpointVirtualIp v : s.endpoint().virtualIps()) {
          if (used.containsKey(v.networkId())) {
            used.get(v.networkId()).add(ip(v.addr()));
          }
        }
      }
    }
    for (Task t : tasks.values()) {
      if (t.networksAttachments() == null || TaskState.of(t.status().state()).terminal()) {
        continue;
      }
      for (NetworkAttachment a : t.networksAttachments()) {
        String id = a.network().id();
        if (used.containsKey(id) && a.addresses() != null) {
          for (String addr : a.addresses()) {
            used.get(id).add(ip(addr));
          }
        }
      }
    }
    return used;
  }

  /** The address of "a.b.c.d" or "a.b.c.d/prefix". */
  private static int ip(String addr) {
    int slash = addr.indexOf('/');
    return Ipv4.parse(slash < 0 ? addr : addr.substring(0, slash));
  }

  /**
   * The next free address of {@code n} as "a.b.c.d/prefix": its pools in order, each serially after
   * the last address it gave (swarmkit's allocateNetworkIPs asks each pool until one has an
   * address; swarmkit walks a map of pools, ddlab their configured order).
   */
  private String address(SwarmNetwork n, Map<String, Set<Integer>> used) {
    Set<Integer> u = used.computeIfAbsent(n.id(), k -> new HashSet<>());
    List<Subnet> subnets = subnetsOf(n);
    for (int s = 0; s < subnets.size(); s++) {
      Subnet subnet = subnets.get(s);
      String pool = n.id() + "/" + s;
      long hosts = subnet.size() - 2; // neither the network's address nor its broadcast
      long start = lastAddress.getOrDefault(pool, 0L);
      for (long i = 1; i <= hosts; i++) {
        long idx = (start + i - 1) % hosts + 1;
        if (u.add(subnet.at(idx))) {
          lastAddress.put(pool, idx);
          return Ipv4.format(subnet.at(idx)) + "/" + subnet.prefix();
        }
      }
    }
    return null;
  }

  /**
   * The address a standalone container asked for ({@code --ip}, swarmkit's
   * NetworkAttachmentConfig.Addresses) in the pool that contains it, or null when no pool of the
   * network does or it is taken.
   */
  private static String requested(SwarmNetwork n, Map<String, Set<Integer>> used, String asked) {
    int ip;
    try {
      ip = ip(asked);
    } catch (IllegalArgumentException e) {
      return null;
    }
    for (Subnet subnet : subnetsOf(n)) {
      if (subnet.contains(ip)) {
        long idx = subnet.indexOf(ip);
        Set<Integer> u = used.computeIfAbsent(n.id(), k -> new HashSet<>());
        if (idx < 1 || idx > subnet.size() - 2 || !u.add(ip)) {
          return null;
        }
        return Ipv4.format(ip) + "/" + subnet.prefix();
      }
    }
    return null;
  }

  private Endpoint endpoint(
      Service s,
      Map<String, SwarmNetwork> nets,
      SwarmNetwork ingress,
      Map<String, Set<Integer>> used,
      Set<Integer> takenPorts) {
    EndpointSpec spec =
        s.spec().endpointSpec() != null
            ? new EndpointSpec(
                s.spec().endpointSpec().mode() == null ? "vip" : s.spec().endpointSpec().mode(),
                s.spec().endpointSpec().ports())
            : new EndpointSpec("vip", null);
    List<PortConfig> ports = null;
    if (spec.ports() != null && !spec.ports().isEmpty()) {
      ports = new ArrayList<>();
      List<PortConfig> had = s.endpoint() == null ? null : s.endpoint().ports();
      for (PortConfig p : spec.ports()) {
        String proto = p.protocol() == null ? "tcp" : p.protocol();
        String mode = p.publishMode() == null ? "ingress" : p.publishMode();
        int published = p.publishedPort();
        if (published == 0 && had != null) {
          for (PortConfig h : had) {
            if (h.targetPort() == p.targetPort() && proto.equals(h.protocol())) {
              published = h.publishedPort();
            }
          }
        }
        if (published == 0 && "ingress".equals(mode)) {
          for (int c = FIRST_DYNAMIC_PORT; c <= LAST_DYNAMIC_PORT; c++) {
            if (takenPorts.add(c)) {
              published = c;
              break;
            }
          }
        }
        ports.add(new PortConfig(p.name(), proto, p.targetPort(), published, mode));
      }
    }
    List<String> want = new ArrayList<>();
    if (!"dnsrr".equals(spec.mode())) {
      if (ingress != null && usesIngress(ports)) {
        want.add(ingress.id());
      }
      if (s.spec().taskTemplate() != null && s.spec().taskTemplate().networks() != null) {
        for (NetworkAttachmentConfig c : s.spec().taskTemplate().networks()) {
          want.add(c.target());
        }
      }
    }
    List<EndpointVirtualIp> had =
        s.endpoint() == null || s.endpoint().virtualIps() == null
            ? List.of()
            : s.endpoint().virtualIps();
    List<EndpointVirtualIp> vips = new ArrayList<>();
    for (String id : want) {
      EndpointVirtualIp keep =
          had.stream().filter(v -> id.equals(v.networkId())).findFirst().orElse(null);
      if (keep != null) {
        vips.add(keep);
      } else if (nets.containsKey(id) && allocated(nets.get(id))) {
        String addr = address(nets.get(id), used);
        if (addr != null) {
          vips.add(new EndpointVirtualIp(id, addr));
        }
      }
    }
    return new Endpoint(spec, ports, vips.isEmpty() ? null : vips);
  }
}

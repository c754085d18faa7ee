package dev.ddlab.sim.swarm;

import dev.ddlab.engine.EngineException;
import dev.ddlab.engine.NetworksApi;
import dev.ddlab.engine.SwarmErrors;
import dev.ddlab.engine.dto.EndpointSettings;
import dev.ddlab.engine.dto.Ipam;
import dev.ddlab.engine.dto.Network;
import dev.ddlab.engine.dto.NetworkCreateRequest;
import dev.ddlab.engine.dto.NetworkCreateResponse;
import dev.ddlab.engine.dto.NetworkEndpoint;
import dev.ddlab.engine.dto.NetworkPruneResponse;
import dev.ddlab.engine.dto.PeerInfo;
import dev.ddlab.engine.dto.swarm.Driver;
import dev.ddlab.engine.dto.swarm.IpamConfig;
import dev.ddlab.engine.dto.swarm.IpamOptions;
import dev.ddlab.engine.dto.swarm.NetworkAttachmentConfig;
import dev.ddlab.engine.dto.swarm.NetworkSpec;
import dev.ddlab.engine.dto.swarm.Service;
import dev.ddlab.engine.dto.swarm.ServiceSpec;
import dev.ddlab.engine.dto.swarm.SwarmNetwork;
import dev.ddlab.engine.dto.swarm.Task;
import dev.ddlab.sim.fs.Digests;
import dev.ddlab.sim.network.NetworkFilters;
import dev.ddlab.sim.network.driverapi.PeerTable;
import dev.ddlab.sim.network.types.Ipv4;
import dev.ddlab.sim.swarm.allocator.Allocator;
import dev.ddlab.sim.swarm.store.ClusterStore;
import dev.ddlab.sim.swarm.store.StoreAction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The networks API of a node that may be in a swarm (moby's network router over the daemon's
 * libnetwork and {@code daemon/cluster/networks.go}): local networks answer as before; an overlay
 * network is created through the leader's store on a manager (refused on a worker and outside a
 * swarm with dockerd's texts) and allocated by the leader's {@link Allocator}. A manager lists
 * every swarm network; any swarm node shows the ingress network (its ingress sandbox) and a worker
 * the overlay networks its running tasks attach, as libnetwork instantiates them only there. Frames
 * on overlay networks (VXLAN over the underlay) are issue 13's data plane; here a swarm network is
 * the control plane's object.
 */
public final class SwarmNetworks implements NetworksApi {
  private final NetworksApi local;
  private final Supplier<SwarmNode> swarm;

  /**
   * @param local the node's own networks (libnetwork's controller)
   * @param swarm the node's swarm side, or null while nothing made one
   */
  public SwarmNetworks(NetworksApi local, Supplier<SwarmNode> swarm) {
    this.local = local;
    this.swarm = swarm;
  }

  private SwarmNode joined() {
    SwarmNode n = swarm.get();
    return n == null || n.nodeId() == null ? null : n;
  }

  private static boolean isManager(SwarmNode n) {
    return "manager".equals(n.role()) && n.manager() != null;
  }

  /** The swarm networks this node shows, by ID (none when the store cannot be read). */
  private Map<String, SwarmNetwork> visible(SwarmNode n) {
    Map<String, SwarmNetwork> out = new LinkedHashMap<>();
    if (isManager(n)) {
      try {
        out.putAll(n.store().networks());
        return out;
      } catch (EngineException e) {
        // no leader: the daemon lists its local networks only
      }
    }
    if (n.agent() != null) {
      SwarmNetwork ingress = n.agent().ingress();
      if (ingress != null) {
        out.put(ingress.id(), ingress);
      }
      n.agent().taskNetworks().forEach(x -> out.putIfAbsent(x.id(), x));
    }
    return out;
  }

  /**
   * The network's IPAM configs as the Engine API writes them (moby's IPAMConfig, every field
   * omitempty): the allocator's once it ran, else the spec's.
   */
  public static List<Ipam.Config> ipamConfig(SwarmNetwork n) {
    IpamOptions ipam = n.ipamOptions() != null ? n.ipamOptions() : n.spec().ipamOptions();
    List<Ipam.Config> config = new ArrayList<>();
    if (ipam != null && ipam.configs() != null) {
      for (IpamConfig c : ipam.configs()) {
        config.add(new Ipam.Config(c.subnet(), c.range(), c.gateway(), null));
      }
    }
    return config;
  }

  /**
   * The network's driver: the allocator's state (with the VXLAN ID) once it ran, else the spec's.
   */
  public static Driver driver(SwarmNetwork n) {
    return n.driverState() != null ? n.driverState() : n.spec().driverConfiguration();
  }

  /**
   * swarmkit's validateIPAMConfiguration (controlapi), per config: the subnet parses, the range and
   * the gateway lie in it. The CLI's own checks come first ({@code no matching subnet for gateway
   * X}); a stack's IPAM config or the Engine API reach these.
   */
  private static void validateIpamConfig(Ipam.Config c) {
    dev.ddlab.sim.network.types.Subnet subnet;
    try {
      subnet = dev.ddlab.sim.network.types.Subnet.parse(c.subnet());
    } catch (IllegalArgumentException e) {
      throw invalidIpam("invalid subnet " + (c.subnet() == null ? "" : c.subnet()));
    }
    if (c.ipRange() != null && !c.ipRange().isEmpty()) {
      try {
        dev.ddlab.sim.network.types.Subnet.parse(c.ipRange());
      } catch (IllegalArgumentException e) {
        throw invalidIpam("invalid range " + c.ipRange());
      }
      // Go's ParseCIDR: the range's address as written, not masked
      if (!subnet.contains(Ipv4.parse(c.ipRange().substring(0, c.ipRange().indexOf('/'))))) {
        throw invalidIpam("subnet " + c.subnet() + " does not contain range " + c.ipRange());
      }
    }
    if (c.gateway() != null && !c.gateway().isEmpty()) {
      if (!Ipv4.isAddress(c.gateway())) {
        throw invalidIpam("invalid gateway " + c.gateway());
      }
      if (!subnet.contains(Ipv4.parse(c.gateway()))) {
        throw invalidIpam("subnet " + c.subnet() + " does not contain gateway " + c.gateway());
      }
    }
  }

  private static EngineException invalidIpam(String what) {
    return new EngineException(
        400, "rpc error: code = InvalidArgument desc = ipam configuration: " + what);
  }

  /** A swarm network as GET /networks shows it (moby's BasicNetworkFromGRPC). */
  static Network view(SwarmNetwork n, String ingressAddress) {
    NetworkSpec spec = n.spec();
    IpamOptions ipam = n.ipamOptions() != null ? n.ipamOptions() : spec.ipamOptions();
    String ipamDriver =
        ipam != null && ipam.driver() != null && ipam.driver().name() != null
            ? ipam.driver().name()
            : "default";
    Driver driver = driver(n);
    Map<String, NetworkEndpoint> containers = null;
    if (spec.ingress() && ingressAddress != null) {
      int ip = Ipv4.parse(ingressAddress.substring(0, ingressAddress.indexOf('/')));
      containers =
          Map.of(
              "ingress-sbox",
              new NetworkEndpoint(
                  "ingress-endpoint",
                  Digests.hex(Digests.sha256("ingress-endpoint " + n.id() + " " + ingressAddress)),
                  Ipv4.mac(ip),
                  ingressAddress,
                  ""));
    }
    return new Network(
        spec.name(),
        n.id(),
        n.createdAt(),
        "swarm",
        driver != null && driver.name() != null ? driver.name() : "overlay",
        spec.ipv6Enabled(),
        new Ipam(ipamDriver, null, ipamConfig(n)),
        spec.internal(),
        spec.attachable(),
        spec.ingress(),
        Map.of("Network", ""),
        false,
        containers,
        driver == null || driver.options() == null ? Map.of() : driver.options(),
        // moby's BasicNetworkFromGRPC: the cluster's labels, nil when there are none
        spec.labels() == null || spec.labels().isEmpty() ? null : spec.labels());
  }

  private Network view(SwarmNode n, SwarmNetwork x) {
    return view(x, n.agent() == null ? null : n.agent().ingressAddress());
  }

  // ---- NetworksApi ------------------------------------------------------------------------------

  /**
   * A swarm network this node has made (a task of it runs here), as the node shows it: the swarm's
   * object with the local endpoints (and the ingress sandbox's) and the nodes taking part (moby's
   * buildNetworkResource with its Peers from networkdb).
   */
  private Network merged(SwarmNode n, SwarmNetwork x, Network here) {
    Network v = view(n, x);
    Map<String, NetworkEndpoint> containers = new LinkedHashMap<>();
    if (here.containers() != null) {
      containers.putAll(here.containers());
    }
    if (v.containers() != null) {
      containers.putAll(v.containers());
    }
    Network out = v.withContainersAndPeers(containers, peers(n, x.id()));
    if (out.labels() != null) {
      return out;
    }
    // made on this node: libnetwork's labels, an empty map rather than nil
    return new Network(
        out.name(),
        out.id(),
        out.created(),
        out.scope(),
        out.driver(),
        out.enableIpv6(),
        out.ipam(),
        out.internal(),
        out.attachable(),
        out.ingress(),
        out.configFrom(),
        out.configOnly(),
        out.containers(),
        out.options(),
        here.labels() == null ? Map.of() : here.labels(),
        out.peers());
  }

  /**
   * The nodes with endpoints on the network, in the order they joined it: networkdb's name for each
   * (its hostname and a 12-hex ID) and its underlay address.
   */
  private static List<PeerInfo> peers(SwarmNode n, String networkId) {
    Set<Integer> vteps = new LinkedHashSet<>();
    for (PeerTable.Peer p : n.network().peers(networkId)) {
      vteps.add(p.vtep());
    }
    List<PeerInfo> out = new ArrayList<>();
    for (int vtep : vteps) {
      String ip = Ipv4.format(vtep);
      SwarmNode node = n.peer(ip);
      String name =
          node == null || node.nodeId() == null
              ? ip
              : node.hostname()
                  + "-"
                  + Digests.hex(Digests.sha256("networkdb " + node.nodeId())).substring(0, 12);
      out.add(new PeerInfo(name, ip));
    }
    return out;
  }

  @Override
  public List<Network> list(Map<String, List<String>> filters) {
    List<Network> out = new ArrayList<>(local.list(filters));
    SwarmNode n = joined();
    if (n == null) {
      return out;
    }
    for (SwarmNetwork x : visible(n).values()) {
      Network v = view(n, x);
      boolean here = false;
      for (int i = 0; i < out.size(); i++) {
        if (out.get(i).id().equals(x.id())) {
          out.set(i, v); // made on this node: listed once, as the swarm's object
          here = true;
        }
      }
      if (!here && NetworkFilters.matches(filters, v)) {
        out.add(v);
      }
    }
    return out;
  }

  @Override
  public Network inspect(String idOrName) {
    try {
      Network here = local.inspect(idOrName);
      SwarmNode n = joined();
      if (n != null && "swarm".equals(here.scope())) {
        SwarmNetwork x = visible(n).get(here.id());
        if (x != null) {
          return merged(n, x, here);
        }
      }
      return here;
    } catch (EngineException e) {
      SwarmNode n = joined();
      if (e.status() != 404 || n == null) {
        throw e;
      }
      Map<String, SwarmNetwork> all = visible(n);
      if (all.isEmpty()) {
        throw e;
      }
      try {
        return view(n, SwarmApis.find(all, idOrName, x -> x.spec().name(), "network"));
      } catch (EngineException notFound) {
        throw notFound.status() == 404 ? e : notFound;
      }
    }
  }

  private static boolean swarmScoped(NetworkCreateRequest r) {
    return "overlay".equals(r.driver());
  }

  @Override
  public NetworkCreateResponse create(NetworkCreateRequest r) {
    if (!swarmScoped(r)) {
      return local.create(r);
    }
    SwarmNode n = joined();
    if (n == null) {
      throw SwarmErrors.notManager();
    }
    if (!isManager(n)) {
      throw new EngineException(
          403,
          "Cannot create a multi-host network from a worker node. Please create the network from"
              + " a manager node.");
    }
    ClusterStore store = n.store();
    boolean taken =
        store.networks().values().stream().anyMatch(x -> r.name().equals(x.spec().name()));
    try {
      local.inspect(r.name());
      taken = true;
    } catch (EngineException e) {
      if (e.status() != 404) {
        throw e;
      }
    }
    if (taken) {
      throw new EngineException(409, "network with name " + r.name() + " already exists");
    }
    SwarmNetwork ingress = Allocator.ingressOf(store.networks());
    if (r.ingress() && ingress != null) {
      throw new EngineException(
          409,
          "rpc error: code = AlreadyExists desc = ingress network ("
              + ingress.id()
              + ") is already present");
    }
    List<IpamConfig> configs = new ArrayList<>();
    if (r.ipam() != null && r.ipam().config() != null) {
      for (Ipam.Config c : r.ipam().config()) {
        validateIpamConfig(c);
        configs.add(new IpamConfig(c.subnet(), c.ipRange(), c.gateway()));
      }
    }
    String ipamDriver =
        r.ipam() == null || r.ipam().driver() == null ? "default" : r.ipam().driver();
    NetworkSpec spec =
        new NetworkSpec(
            r.name(),
            r.labels() == null ? Map.of() : r.labels(),
            new Driver(
                "overlay", r.options() == null || r.options().isEmpty() ? null : r.options()),
            r.enableIpv6(),
            r.internal(),
            r.attachable(),
            r.ingress(),
            new IpamOptions(new Driver(ipamDriver, null), configs.isEmpty() ? null : configs),
            "swarm");
    String id = Ids.newId(n.random());
    String ts = n.now();
    n.write(
        List.of(
            StoreAction.put(
                StoreAction.NETWORK, id, new SwarmNetwork(id, null, ts, ts, spec, null, null))));
    // the allocator's entry follows the create's within the same leader pass
    n.clock()
        .advanceUntil(
            () -> {
              SwarmNetwork x = n.store().networks().get(id);
              return x == null || Allocator.allocated(x);
            },
            Duration.ofSeconds(5));
    return new NetworkCreateResponse(id, "");
  }

  @Override
  public void remove(String idOrName) {
    SwarmNode n = joined();
    if (n == null || !isManager(n)) {
      local.remove(idOrName);
      return;
    }
    try {
      // a swarm network made here for a task is the cluster's to remove
      if (!"swarm".equals(local.inspect(idOrName).scope())) {
        local.remove(idOrName);
        return;
      }
    } catch (EngineException e) {
      if (e.status() != 404 || n.store().networks().isEmpty()) {
        throw e;
      }
    }
    ClusterStore store = n.store();
    SwarmNetwork x = SwarmApis.find(store.networks(), idOrName, y -> y.spec().name(), "network");
    for (Service s : store.services().values()) {
      if (uses(s, x)) {
        throw new EngineException(
            400,
            x.spec().ingress()
                ? "rpc error: code = FailedPrecondition desc = ingress network cannot be removed"
                    + " because service "
                    + s.id()
                    + " depends on it"
                : "rpc error: code = FailedPrecondition desc = network "
                    + x.id()
                    + " is in use by service "
                    + s.id());
      }
    }
    for (Task t : store.tasks().values()) {
      // swarmkit counts a task only while it is (meant to be) running at most
      boolean live =
          TaskState.of(t.desiredState()).ordinal() <= TaskState.RUNNING.ordinal()
              && TaskState.of(t.status().state()).ordinal() <= TaskState.RUNNING.ordinal();
      if (live
          && t.networksAttachments() != null
          && t.networksAttachments().stream().anyMatch(a -> a.network().id().equals(x.id()))) {
        throw new EngineException(
            400,
            "rpc error: code = FailedPrecondition desc = network "
                + x.id()
                + " is in use by task "
                + t.id());
      }
    }
    n.write(List.of(StoreAction.delete(StoreAction.NETWORK, x.id())));
  }

  private static boolean uses(Service s, SwarmNetwork x) {
    if (x.spec().ingress()) {
      return s.endpoint() != null
          && s.endpoint().virtualIps() != null
          && s.endpoint().virtualIps().stream().anyMatch(v -> x.id().equals(v.networkId()));
    }
    ServiceSpec spec = s.spec();
    if (spec.taskTemplate() == null || spec.taskTemplate().networks() == null) {
      return false;
    }
    for (NetworkAttachmentConfig c : spec.taskTemplate().networks()) {
      if (x.id().equals(c.target())) {
        return true;
      }
    }
    return false;
  }

  /** The spec with its task template's network targets as IDs (see below). */
  static ServiceSpec resolve(SwarmNode n, ServiceSpec spec) {
    return spec.withNetworks(
        spec.taskTemplate() == null ? null : resolve(n, spec.taskTemplate().networks()));
  }

  /**
   * A service's network targets as IDs (moby's populateNetworkID): a swarm network by ID, name or
   * ID prefix; a local network cannot be used; anything else is not found.
   */
  static List<NetworkAttachmentConfig> resolve(SwarmNode n, List<NetworkAttachmentConfig> targets) {
    if (targets == null) {
      return null;
    }
    List<NetworkAttachmentConfig> out = new ArrayList<>();
    for (NetworkAttachmentConfig c : targets) {
      SwarmNetwork x;
      try {
        x = SwarmApis.find(n.store().networks(), c.target(), y -> y.spec().name(), "network");
      } catch (EngineException e) {
        if (e.status() != 404) {
          throw e;
        }
        Network ln;
        try {
          ln = n.engine().networks().inspect(c.target());
        } catch (EngineException missing) {
          throw new EngineException(404, "network " + c.target() + " not found");
        }
        throw new EngineException(
            403,
            "The network "
                + ln.name()
                + " cannot be used with services. Only networks scoped to the swarm can be used,"
                + " such as those created with the overlay driver.");
      }
      out.add(new NetworkAttachmentConfig(x.id(), c.aliases(), c.driverOpts()));
    }
    return out;
  }

  @Override
  public void connect(String network, String container, EndpointSettings endpoint) {
    local.connect(network, container, endpoint);
  }

  @Override
  public void disconnect(String network, String container, boolean force) {
    local.disconnect(network, container, force);
  }

  @Override
  public NetworkPruneResponse prune(Map<String, List<String>> filters) {
    return local.prune(filters);
  }
}

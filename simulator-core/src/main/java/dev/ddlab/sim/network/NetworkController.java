package dev.ddlab.sim.network;

import dev.ddlab.engine.EngineException;
import dev.ddlab.engine.NetworksApi;
import dev.ddlab.engine.dto.EndpointSettings;
import dev.ddlab.engine.dto.NetworkCreateRequest;
import dev.ddlab.engine.dto.NetworkCreateResponse;
import dev.ddlab.engine.dto.NetworkPruneResponse;
import dev.ddlab.engine.dto.NetworkSettings;
import dev.ddlab.engine.dto.Port;
import dev.ddlab.engine.dto.PortBinding;
import dev.ddlab.sim.clock.SeededRandom;
import dev.ddlab.sim.clock.VirtualClock;
import dev.ddlab.sim.events.EngineEvents;
import dev.ddlab.sim.network.dataplane.DataPlane;
import dev.ddlab.sim.network.dataplane.HostLinks;
import dev.ddlab.sim.network.dataplane.HttpWire;
import dev.ddlab.sim.network.dataplane.NetStack;
import dev.ddlab.sim.network.dataplane.Segment;
import dev.ddlab.sim.network.driverapi.DriverRegistry;
import dev.ddlab.sim.network.driverapi.ExternalConnectivity;
import dev.ddlab.sim.network.driverapi.InterfaceInfo;
import dev.ddlab.sim.network.driverapi.JoinInfo;
import dev.ddlab.sim.network.driverapi.PeerTable;
import dev.ddlab.sim.network.drivers.BuiltinDrivers;
import dev.ddlab.sim.network.drivers.HostDriver;
import dev.ddlab.sim.network.drivers.NullDriver;
import dev.ddlab.sim.network.drivers.OverlayDriver;
import dev.ddlab.sim.network.ipam.DefaultIpam;
import dev.ddlab.sim.network.ipamapi.Ipam;
import dev.ddlab.sim.network.portmapper.PortMapper;
import dev.ddlab.sim.network.portmapper.PortMapping;
import dev.ddlab.sim.network.types.Ipv4;
import dev.ddlab.sim.runtime.NetAccess;
import dev.ddlab.sim.runtime.NetNamespace;
import dev.ddlab.sim.runtime.ProcContext;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * libnetwork's NetworkController for one node ({@code controller.go}), and the face the rest of the
 * simulator calls: the Engine API's networks, the container daemon's calls along a container's life
 * (create, start, stop, rm), and the network as processes use it ({@link NetAccess}).
 *
 * <p>Behind it: drivers registered by name ({@link DriverRegistry}: bridge, host, null, macvlan),
 * the default IPAM ({@link Ipam}), one {@link Sandbox} per running container, the {@link Resolver}
 * (embedded DNS), the node's {@link PortMapper}, and the {@link DataPlane} that carries traffic.
 */
public final class NetworkController implements NetworksApi {
  private final VirtualClock clock;
  private final SeededRandom random;
  private final EngineEvents events;
  private final String nodeAddress;
  private final DriverRegistry drivers;
  private final Ipam ipam = new DefaultIpam();
  private final Resolver resolver;
  private final ProcessNetAccess processes;
  private final DataPlane dataPlane;
  private final NetStack stack;
  private final Segment underlay;
  private final PeerTable peers;

  private final Map<String, Network> networks = new LinkedHashMap<>();
  private final Map<String, ContainerNetworking> containers = new LinkedHashMap<>();
  private final ServiceLoadBalancer loadBalancer = new ServiceLoadBalancer();
  private final IngressRouting ingress;
  private final Networks nets;
  private SwarmAttacher swarmAttach = SwarmAttacher.NONE;
  private Function<String, String> containerLookup = s -> null;

  public NetworkController(
      VirtualClock clock,
      SeededRandom random,
      EngineEvents events,
      String nodeAddress,
      NetNamespace hostNs) {
    this(clock, random, events, nodeAddress, hostNs, ClusterLinks.create());
  }

  /**
   * A node whose {@code eth0} is on {@code links}' LAN, its frames on {@code links}' wire, its
   * overlay networks' peers in {@code links}' table: the nodes of one cluster share them.
   */
  public NetworkController(
      VirtualClock clock,
      SeededRandom random,
      EngineEvents events,
      String nodeAddress,
      NetNamespace hostNs,
      ClusterLinks links) {
    this.clock = clock;
    this.random = random;
    this.events = events;
    this.nodeAddress = nodeAddress;
    this.stack =
        new NetStack(events.node(), links.wire(), random.fork("dataplane"), clock::nowNanos);
    this.underlay = links.lans().lanOf(Ipv4.parse(nodeAddress), random, clock::nowNanos);
    links.keys().seed(random);
    stack.networkKeys(links.keys());
    stack.addEther("eth0", Ipv4.parse(nodeAddress), HostLinks.UNDERLAY_PREFIX, underlay);
    stack
        .host()
        .addDefaultRoute(
            (Ipv4.parse(nodeAddress) & Ipv4.mask(HostLinks.UNDERLAY_PREFIX)) | 1,
            stack.host().device("eth0"));
    stack
        .host()
        .processServices(
            port -> {
              NetNamespace.Listener l = hostNs == null ? null : hostNs.listener(port);
              return l == null ? null : HttpWire.serving(l.handler());
            });
    stack.publishFrames(events.bus()::publishTransient, this::ownerOf);
    HostLinks host = new HostLinks(stack);
    this.peers = links.peers();
    this.drivers = BuiltinDrivers.registry(host, new PortMapper(), peers, Ipv4.parse(nodeAddress));
    this.nets =
        new Networks(
            this, clock, random, events, drivers, ipam, networks, containers, () -> changes++);
    this.resolver = new Resolver(nodeAddress);
    this.dataPlane = new FrameDataPlane(this, stack);
    this.processes = new ProcessNetAccess(this, resolver, dataPlane);
    this.ingress = new IngressRouting(this);
    nets.predefine();
  }

  /** How to turn a container reference into an ID (for {@code network connect}). */
  public void containerLookup(Function<String, String> lookup) {
    this.containerLookup = lookup;
  }

  // ---- Engine API ------------------------------------------------------------------------------

  @Override
  public List<dev.ddlab.engine.dto.Network> list(Map<String, List<String>> filters) {
    return nets.list(filters);
  }

  @Override
  public dev.ddlab.engine.dto.Network inspect(String idOrName) {
    return nets.inspect(idOrName);
  }

  /**
   * Changes to the networks and to containers' endpoints, addresses and ports (each mutator counts
   * one): a {@code docker ps} listing's version reads it.
   */
  private long changes;

  public long changes() {
    return changes;
  }

  /** The network by full name, full ID or unique ID prefix. */
  public Network find(String idOrName) {
    return nets.find(idOrName);
  }

  public Optional<Network> lookup(String idOrName) {
    return nets.lookup(idOrName);
  }

  @Override
  public NetworkCreateResponse create(NetworkCreateRequest request) {
    return nets.create(request);
  }

  /**
   * A network the swarm made, on this node (what the agent does when a task needs it, dockerd's
   * {@code createNetwork(…, agent=true)}), scope "swarm"; already known: nothing changes.
   */
  public Network createSwarmNetwork(String id, NetworkCreateRequest request) {
    return nets.createSwarmNetwork(id, request);
  }

  @Override
  public void remove(String idOrName) {
    nets.remove(idOrName);
  }

  @Override
  public NetworkPruneResponse prune(Map<String, List<String>> filters) {
    return nets.prune(filters);
  }

  @Override
  public void connect(String network, String container, EndpointSettings endpoint) {
    changes++;
    ContainerNetworking a = byReference(container);
    Optional<Network> known = lookup(network);
    String ip =
        endpoint == null || endpoint.ipamConfig() == null
            ? null
            : endpoint.ipamConfig().get("IPv4Address");
    String swarmIp = null;
    if (a.running() && (known.isEmpty() || "swarm".equals(known.get().scope()))) {
      if (known.isPresent() && a.sandbox != null && a.sandbox.endpoint(known.get().id) != null) {
        // findAndAttachNetwork, before it asks the manager about a network the swarm made here
        throw EngineException.conflict(
            a.name + " is already attached to network " + known.get().name);
      }
      swarmIp = swarmAttach.attach(a.containerId, network, ip); // moby's findAndAttachNetwork
    }
    Network n = find(network);
    if (n.driver().equals(HostDriver.TYPE) || a.mode.equals("host")) {
      throw EngineException.badRequest(
          "container cannot be disconnected from host network or connected to host network");
    }
    n.checkRequestedAddress(ip);
    if (a.sharedWith() != null) {
      // runconfig.ErrConflictSharedNetwork
      throw new EngineException(
          403,
          "container sharing network namespace with another container or host cannot be"
              + " connected to any other network");
    }
    if (a.mode.equals("none") || n.driver().equals(NullDriver.TYPE)) {
      // runconfig.ErrConflictNoNetwork
      throw new EngineException(
          403,
          "container cannot be connected to multiple networks with one of the networks in private"
              + " (none) mode");
    }
    if (a.networks.containsKey(n.id)) {
      if (!a.running()) {
        return; // daemon.updateNetworkSettings: a stopped container keeps its config as it was
      }
      throw new EngineException(
          403, "endpoint with name " + a.name + " already exists in network " + n.name);
    }
    List<String> aliases =
        endpoint != null && endpoint.aliases() != null
            ? List.copyOf(endpoint.aliases())
            : List.of();
    a.networks.put(n.id, aliases);
    if (ip != null && !ip.isEmpty()) {
      a.requestedIps.put(n.id, ip);
    }
    if (a.running()) {
      a.attached(n, swarmIp);
      try {
        join(a, n, a.name);
      } catch (EngineException e) {
        a.networks.remove(n.id);
        a.detach(List.of(n), swarmAttach);
        throw e;
      }
    }
  }

  @Override
  public void disconnect(String network, String container, boolean force) {
    changes++;
    Network n = find(network);
    ContainerNetworking a = byReference(container);
    if (n.driver().equals(HostDriver.TYPE) && a.mode.equals("host")) {
      throw EngineException.badRequest(
          "container cannot be disconnected from host network or connected to host network");
    }
    if (!a.networks.containsKey(n.id)) {
      throw new EngineException(
          403, "container " + a.containerId + " is not connected to network " + n.name);
    }
    Endpoint e = a.running() ? a.sandbox.endpoint(n.id) : null;
    if (e != null) {
      leave(a, e);
    }
    a.networks.remove(n.id);
    a.requestedIps.remove(n.id);
    if (e != null) {
      a.detach(List.of(n), swarmAttach);
    }
  }

  private ContainerNetworking byReference(String container) {
    String id = containerLookup.apply(container);
    ContainerNetworking a = id == null ? null : containers.get(id);
    if (a == null) {
      throw EngineException.notFound("No such container: " + container);
    }
    return a;
  }

  // ---- The daemon's side: a container's network life ------------------------------------------

  /**
   * Validates and records a new container's network configuration (docker create). The mode is
   * HostConfig.NetworkMode: "bridge"/"default"/"", "host", "none", "container:ID", or a network
   * name or ID; {@code extraNetworks} are further networks with their aliases (NetworkingConfig).
   */
  public void register(
      String containerId,
      String name,
      String hostname,
      String networkMode,
      Map<String, List<String>> extraNetworks,
      Map<String, String> requestedIps,
      Map<String, List<PortBinding>> bindings,
      boolean publishAll,
      Set<String> exposedPorts) {
    changes++;
    containers.put(
        containerId,
        ContainerNetworking.create(
            containerId,
            name,
            hostname,
            networkMode,
            extraNetworks,
            requestedIps,
            bindings,
            publishAll,
            exposedPorts,
            this::lookup,
            containerLookup));
  }

  /**
   * The /etc/hosts, /etc/hostname and /etc/resolv.conf dockerd writes for a running container (its
   * sandbox decides the address and whether the embedded DNS serves it); {@code nodeHosts} and
   * {@code nodeResolv} are the node's own files. A {@code container:} container gets the files of
   * the one it joins.
   */
  public EtcFiles etcFiles(
      String containerId,
      EtcFiles.Options options,
      String nodeHostname,
      String nodeHosts,
      String nodeResolv) {
    ContainerNetworking a = containers.get(containerId);
    if (a == null) {
      return EtcFiles.build("", null, false, false, options, nodeHosts, nodeResolv);
    }
    ContainerNetworking self = a.sharedWith() != null ? containers.get(a.sharedWith()) : a;
    if (self == null) {
      self = a;
    }
    String ip = null;
    boolean embedded = false;
    if (self.sandbox != null) {
      for (Endpoint e : self.sandbox.endpoints()) {
        if (ip == null && e.ip() != 0) {
          ip = e.ipText();
        }
        embedded |= e.network().embeddedDns();
      }
    }
    boolean host = self.mode.equals("host");
    options = options.withHostGateway(find("bridge").gatewayText());
    return EtcFiles.build(
        host ? nodeHostname : self.hostname, ip, host, embedded, options, nodeHosts, nodeResolv);
  }

  /** The mode recorded at create: "bridge" (any bridge network), "host", "none", "container:ID". */
  public String mode(String containerId) {
    ContainerNetworking a = containers.get(containerId);
    return a == null ? "bridge" : a.mode;
  }

  /** The container whose network namespace this one joins, or null. */
  public String sharedWith(String containerId) {
    ContainerNetworking a = containers.get(containerId);
    return a == null ? null : a.sharedWith();
  }

  /**
   * Container start: creates the sandbox in {@code ns}, an endpoint with an address on every
   * network, and the published ports. On failure nothing stays allocated.
   *
   * @throws EngineException as the daemon words it (port already allocated …)
   */
  public void start(String containerId, NetNamespace ns) {
    changes++;
    ContainerNetworking a = containers.get(containerId);
    a.resolveForStart(this::lookup, networks, swarmAttach);
    a.sandbox = new Sandbox(random.hex(64), containerId, ns, stack);
    try {
      for (String netId : new ArrayList<>(a.networks.keySet())) {
        Network n = networks.get(netId);
        if (n == null) {
          throw EngineException.notFound("network " + netId + " not found");
        }
        join(a, n, a.name);
      }
      joinGatewayBridge(a);
      publish(a);
    } catch (EngineException e) {
      stop(containerId);
      throw e;
    }
  }

  /**
   * libnetwork's CreateEndpoint and Join: an address from IPAM (the one asked for, or the lowest
   * free), the driver's endpoint and join, and the interface in the sandbox.
   */
  private void join(ContainerNetworking a, Network n, String endpointName) {
    InterfaceInfo iface = null;
    if (n.hasSubnet()) {
      String wanted = a.wantedAddress(n.id);
      int ip =
          NetworkIpam.endpointAddress(
              ipam, n.pools, wanted == null ? 0 : NetworkIpam.address(wanted));
      if (ip == 0) {
        throw EngineException.serverError(
            "no available IPv4 addresses on this network's address pools: "
                + n.name
                + " ("
                + n.id
                + ")");
      }
      iface = new InterfaceInfo(ip, n.poolOf(ip).pool().subnet().prefix());
    }
    List<String> aliases = new ArrayList<>(a.networks.getOrDefault(n.id, List.of()));
    if (n.embeddedDns() && endpointName.equals(a.name) && a.containerId.length() >= 12) {
      aliases.add(a.containerId.substring(0, 12));
    }
    String eid = random.hex(64);
    n.driver.createEndpoint(n.id, eid, iface);
    JoinInfo info = new JoinInfo();
    n.driver.join(n.id, eid, a.sandbox.key(), info);
    Endpoint e = new Endpoint(eid, n, a.containerId, endpointName, iface, aliases, info);
    n.endpoints.put(a.containerId, e);
    a.sandbox.add(e);
    if ("swarm".equals(n.scope())) {
      loadBalancer.joined(a.containerId, a.sandbox, e);
    }
    if (LoadBalancerSandbox.isOwn(a.containerId)) {
      return; // libnetwork's own sandbox: no container event
    }
    events.emit(
        "network",
        "connect",
        n.id,
        Map.of("container", a.containerId, "name", n.name, "type", n.driver()));
  }

  /** The bridge network that gives overlay containers their way out (libnetwork's). */
  public static final String GATEWAY_BRIDGE = "docker_gwbridge";

  /**
   * {@code docker_gwbridge}, made on first need: by the first sandbox on an overlay network, or by
   * the swarm agent when the node joins a swarm (its ingress sandbox's way out).
   */
  public Network gatewayBridge() {
    return nets.gatewayBridge();
  }

  /**
   * libnetwork's default gateway ({@code default_gateway.go}): a sandbox whose endpoints are on
   * overlay networks and none of which gives a default route joins {@code docker_gwbridge} (made on
   * first need: a bridge without inter-container traffic, masqueraded), as endpoint {@code
   * gateway_<first 12 of the container ID>}, which container inspect does not list.
   */
  private void joinGatewayBridge(ContainerNetworking a) {
    boolean overlay = false;
    for (Endpoint e : a.sandbox.endpoints()) {
      if (e.gateway() != 0) {
        return;
      }
      overlay |= e.network().scope().equals("swarm") || e.network().driver instanceof OverlayDriver;
    }
    if (!overlay || a.containerId.startsWith(LoadBalancerSandbox.PREFIX)) {
      return;
    }
    join(a, gatewayBridge(), "gateway_" + a.containerId.substring(0, 12));
  }

  private void leave(ContainerNetworking a, Endpoint e) {
    Network n = e.network();
    n.endpoints.remove(a.containerId);
    n.driver.leave(n.id, e.id());
    n.driver.deleteEndpoint(n.id, e.id());
    if (e.ip() != 0) {
      ipam.releaseAddress(n.poolOf(e.ip()).pool().id(), e.ip());
    }
    a.sandbox.remove(e);
    if (LoadBalancerSandbox.isOwn(a.containerId)) {
      return;
    }
    events.emit(
        "network",
        "disconnect",
        n.id,
        Map.of("container", a.containerId, "name", n.name, "type", n.driver()));
  }

  /**
   * The container's ports go on its first endpoint, when that endpoint's driver offers external
   * connectivity (bridge does; host, none and macvlan publish nothing).
   */
  private void publish(ContainerNetworking a) {
    if (!a.mode.equals("bridge") || a.sandbox.endpoints().isEmpty()) {
      return;
    }
    Endpoint first = a.sandbox.endpoints().iterator().next();
    if (!(first.network().driver instanceof ExternalConnectivity)) {
      // an overlay container's ports go on its gateway endpoint (docker_gwbridge), as
      // libnetwork programs external connectivity on the sandbox's gateway endpoint
      first = a.sandbox.gatewayEndpoint();
    }
    if (first == null || !(first.network().driver instanceof ExternalConnectivity ext)) {
      return;
    }
    try {
      List<PortMapping> made =
          ext.programExternalConnectivity(
              first.network().id, first.id(), a.containerId, a.bindings);
      a.sandbox.published(first, made);
    } catch (EngineException e) {
      throw EngineException.serverError(
          "driver failed programming external connectivity on endpoint "
              + a.name
              + " ("
              + first.id()
              + "): "
              + e.getMessage());
    }
  }

  /** Container stop: the endpoints, addresses and published ports go away. */
  public void stop(String containerId) {
    changes++;
    ContainerNetworking a = containers.get(containerId);
    if (a == null || a.sandbox == null) {
      return;
    }
    Endpoint published = a.sandbox.publishedOn();
    if (published != null && published.network().driver instanceof ExternalConnectivity ext) {
      ext.revokeExternalConnectivity(published.network().id, published.id());
      a.sandbox.unpublished();
    }
    List<Network> left = new ArrayList<>();
    for (Endpoint e : new ArrayList<>(a.sandbox.endpoints())) {
      leave(a, e);
      left.add(e.network());
    }
    stack.deleteNetns(a.sandbox.key());
    a.sandbox = null;
    a.detach(left, swarmAttach); // moby's releaseNetwork, after the sandbox is gone
  }

  /** Container removal. */
  public void unregister(String containerId) {
    changes++;
    stop(containerId);
    containers.remove(containerId);
  }

  public void rename(String containerId, String newName) {
    // not counted in changes: only this container's own endpoints move, and the daemon counts a
    // rename in that container's row version (a count here made every row of docker ps be built
    // again after one rename)
    ContainerNetworking a = containers.get(containerId);
    if (a == null) {
      return;
    }
    a.name = newName;
    if (a.sandbox != null) {
      a.sandbox.endpoints().forEach(e -> e.rename(newName));
    }
  }

  /** NetworkSettings of container inspect. */
  public NetworkSettings settings(String containerId) {
    return known(containerId).settings(networks);
  }

  /** The Ports of a docker ps row: published ports (both address families) and exposed ones. */
  public List<Port> ports(String containerId) {
    return known(containerId).ports();
  }

  private ContainerNetworking known(String containerId) {
    ContainerNetworking a = containers.get(containerId);
    return a == null ? ContainerNetworking.unknown() : a;
  }

  /** The NetworkSettings.Networks of a docker ps row. */
  public Map<String, EndpointSettings> summaryNetworks(String containerId) {
    return known(containerId).endpoints(networks);
  }

  /** The networks a container is configured on, by name (for filters and DNS). */
  public List<String> networkNames(String containerId) {
    ContainerNetworking a = containers.get(containerId);
    List<String> out = new ArrayList<>();
    if (a != null) {
      for (String id : a.networks.keySet()) {
        Network n = networks.get(id);
        if (n != null) {
          out.add(n.name);
        }
      }
      out.addAll(a.unresolved.keySet());
    }
    return out;
  }

  /**
   * Where the embedded DNS looks up names it does not know on a swarm network: {@code lookup} takes
   * the network's ID and the name (the swarm's service records: {@code SERVICE}, {@code
   * tasks.SERVICE}) and gives an address or nothing.
   */
  public void serviceNames(java.util.function.BiFunction<String, String, Optional<String>> lookup) {
    resolver.services(lookup);
  }

  /**
   * Where the sandboxes on swarm networks find a service VIP's backends: {@code lookup} takes the
   * network's ID and an address and gives the addresses of the service's running tasks there, or
   * null when the address is no VIP ({@link ServiceLoadBalancer}).
   */
  public void serviceBackends(java.util.function.BiFunction<String, String, List<String>> lookup) {
    loadBalancer.backends(lookup);
  }

  /**
   * What a container's start or connect asks of the swarm for a network not known here or a
   * swarm-scoped one, and its stop or disconnect gives back ({@link SwarmAttacher}).
   */
  public void swarmAttach(SwarmAttacher attach) {
    swarmAttach = attach;
  }

  /** The node's routing mesh: its ingress sandbox and DOCKER-INGRESS rules. */
  public IngressRouting ingress() {
    return ingress;
  }

  /** The overlay endpoints of network {@code id} on every node of the cluster (its peer table). */
  public List<PeerTable.Peer> peers(String id) {
    return peers.peers(id);
  }

  public List<Network> networks() {
    return List.copyOf(networks.values());
  }

  /** The sandbox of a running container, or null (none of its own with {@code container:}). */
  public Sandbox sandbox(String containerId) {
    ContainerNetworking a = containers.get(containerId);
    return a == null ? null : a.sandbox;
  }

  /** Host port → container port mappings of running containers, for the playground's port chips. */
  public Map<Integer, String> publishedPorts() {
    Map<Integer, String> out = new TreeMap<>();
    for (ContainerNetworking a : containers.values()) {
      if (a.sandbox != null) {
        for (PortMapping m : a.sandbox.ports()) {
          out.put(m.hostPort(), a.containerId);
        }
      }
    }
    return out;
  }

  // ---- What processes see ----------------------------------------------------------------------

  /** How this node's processes reach the network (the kernel's {@link NetAccess}). */
  public NetAccess processes() {
    return processes;
  }

  /**
   * The networking of the container a process runs in: for {@code container:} mode the one whose
   * namespace it joins; null for the host.
   */
  ContainerNetworking networkingOf(ProcContext from) {
    if (from.isHost()) {
      return null;
    }
    ContainerNetworking a = containers.get(from.owner());
    if (a != null && a.sharedWith() != null) {
      return containers.get(a.sharedWith());
    }
    return a;
  }

  ContainerNetworking networkingOf(String containerId) {
    return containers.get(containerId);
  }

  Collection<Network> networksInOrder() {
    return networks.values();
  }

  Collection<ContainerNetworking> containersInOrder() {
    return containers.values();
  }

  String nodeAddress() {
    return nodeAddress;
  }

  /** The container whose sandbox holds {@code ns} (its name; lb-NET; else the namespace's key). */
  public String ownerOf(dev.ddlab.sim.network.dataplane.Netns ns) {
    for (ContainerNetworking a : containers.values()) {
      if (a.sandbox != null && a.sandbox.netns() == ns) {
        return LoadBalancerSandbox.isOwn(a.containerId) ? a.containerId : a.name; // lb-NET
      }
    }
    return ns.key();
  }

  /** The node's kernel network stack (namespaces, links, netfilter, the wire). */
  public NetStack stack() {
    return stack;
  }

  /** The LAN the node's eth0 is plugged into: other nodes and simulated devices join it. */
  public Segment underlay() {
    return underlay;
  }
}

package dev.ddlab.sim.network;

import dev.ddlab.engine.EngineException;
import dev.ddlab.engine.NetworksApi;
import dev.ddlab.engine.dto.EndpointSettings;
import dev.ddlab.engine.dto.Ipam;
import dev.ddlab.engine.dto.NetworkCreateRequest;
import dev.ddlab.engine.dto.NetworkCreateResponse;
import dev.ddlab.engine.dto.NetworkEndpoint;
import dev.ddlab.engine.dto.NetworkPruneResponse;
import dev.ddlab.engine.dto.NetworkSettings;
import dev.ddlab.engine.dto.Port;
import dev.ddlab.engine.dto.PortBinding;
import dev.ddlab.go.GoTime;
import dev.ddlab.sim.clock.SeededRandom;
import dev.ddlab.sim.clock.VirtualClock;
import dev.ddlab.sim.events.EngineEvents;
import dev.ddlab.sim.runtime.HttpRequest;
import dev.ddlab.sim.runtime.HttpResponse;
import dev.ddlab.sim.runtime.NetAccess;
import dev.ddlab.sim.runtime.NetException;
import dev.ddlab.sim.runtime.NetNamespace;
import dev.ddlab.sim.runtime.ProcContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * libnetwork's NetworkController for one node: the predefined networks ({@code bridge} on docker0
 * 172.17.0.0/16, {@code host}, {@code none}), user bridges from the local pools, each container's
 * endpoints and sandbox while it runs, published ports (docker-proxy), and the network seen by
 * processes: /etc/hosts names, the embedded DNS of user-defined networks, and HTTP connections.
 */
public final class NetworkController implements NetworksApi, NetAccess {
  private static final int EPHEMERAL_FIRST = 32768;
  private static final int EPHEMERAL_LAST = 60999;

  private final VirtualClock clock;
  private final SeededRandom random;
  private final EngineEvents events;
  private final String nodeAddress;
  private final NetNamespace hostNs;
  private final Map<String, Network> networks = new LinkedHashMap<>();
  private final Map<String, Attachment> attachments = new LinkedHashMap<>();
  private final Map<String, String> portOwners = new TreeMap<>();
  private int lastEphemeral = EPHEMERAL_FIRST - 1;
  private Function<String, String> containerLookup = s -> null;

  /** A container's network configuration (kept while it exists) and live state (while it runs). */
  private static final class Attachment {
    final String containerId;
    String name;
    final String mode;
    final Map<String, List<String>> networks = new LinkedHashMap<>();
    final Map<String, String> requestedIps = new LinkedHashMap<>();

    /**
     * Networks named at create that did not exist (name → aliases): Docker looks them up when the
     * container starts, so creating the network in between is enough.
     */
    final Map<String, List<String>> unresolved = new LinkedHashMap<>();

    final Map<String, String> unresolvedIps = new LinkedHashMap<>();
    final Map<String, List<PortBinding>> bindings;
    final TreeSet<String> exposed;
    final String hostname;
    NetNamespace ns;
    String sandboxId;
    final Map<String, Endpoint> endpoints = new LinkedHashMap<>();
    final List<Mapping> mappings = new ArrayList<>();

    Attachment(
        String containerId,
        String name,
        String mode,
        Map<String, List<PortBinding>> bindings,
        TreeSet<String> exposed,
        String hostname) {
      this.containerId = containerId;
      this.name = name;
      this.mode = mode;
      this.bindings = bindings;
      this.exposed = exposed;
      this.hostname = hostname;
    }

    boolean running() {
      return ns != null;
    }
  }

  /** A published port: host address and port to a container port. */
  private record Mapping(
      String hostIp, int hostPort, String proto, int containerPort, String key) {}

  public NetworkController(
      VirtualClock clock,
      SeededRandom random,
      EngineEvents events,
      String nodeAddress,
      NetNamespace hostNs) {
    this.clock = clock;
    this.random = random;
    this.events = events;
    this.nodeAddress = nodeAddress;
    this.hostNs = hostNs;
    Map<String, String> bridgeOptions = new LinkedHashMap<>();
    bridgeOptions.put("com.docker.network.bridge.default_bridge", "true");
    bridgeOptions.put("com.docker.network.bridge.enable_icc", "true");
    bridgeOptions.put("com.docker.network.bridge.enable_ip_masquerade", "true");
    bridgeOptions.put("com.docker.network.bridge.host_binding_ipv4", "0.0.0.0");
    bridgeOptions.put("com.docker.network.bridge.name", "docker0");
    bridgeOptions.put("com.docker.network.driver.mtu", "1500");
    add(
        new Network(
            random.hex(64),
            "bridge",
            "bridge",
            clock.nowNanos(),
            Ipv4.parse("172.17.0.0"),
            16,
            Ipv4.parse("172.17.0.1"),
            true,
            false,
            false,
            Map.of(),
            bridgeOptions));
    add(
        new Network(
            random.hex(64),
            "host",
            "host",
            clock.nowNanos(),
            0,
            0,
            0,
            true,
            false,
            false,
            Map.of(),
            Map.of()));
    add(
        new Network(
            random.hex(64),
            "none",
            "null",
            clock.nowNanos(),
            0,
            0,
            0,
            true,
            false,
            false,
            Map.of(),
            Map.of()));
  }

  /** How to turn a container reference into an ID (for {@code network connect}). */
  public void containerLookup(Function<String, String> lookup) {
    this.containerLookup = lookup;
  }

  private void add(Network n) {
    networks.put(n.id, n);
  }

  // ---- Engine API ------------------------------------------------------------------------------

  @Override
  public List<dev.ddlab.engine.dto.Network> list(Map<String, List<String>> filters) {
    Map<String, List<String>> f = filters == null ? Map.of() : filters;
    for (String key : f.keySet()) {
      if (!List.of("name", "id", "driver", "type", "label", "scope", "dangling").contains(key)) {
        throw EngineException.badRequest("invalid filter '" + key + "'");
      }
    }
    List<dev.ddlab.engine.dto.Network> out = new ArrayList<>();
    for (Network n : networks.values()) {
      if (matches(n, f)) {
        out.add(dto(n, false));
      }
    }
    return out;
  }

  private boolean matches(Network n, Map<String, List<String>> f) {
    if (f.containsKey("name") && f.get("name").stream().noneMatch(v -> n.name.contains(v))) {
      return false;
    }
    if (f.containsKey("id") && f.get("id").stream().noneMatch(v -> n.id.startsWith(v))) {
      return false;
    }
    if (f.containsKey("driver") && !f.get("driver").contains(n.driver)) {
      return false;
    }
    if (f.containsKey("scope") && !f.get("scope").contains("local")) {
      return false;
    }
    if (f.containsKey("type")) {
      String type = n.predefined ? "builtin" : "custom";
      if (!f.get("type").contains(type)) {
        return false;
      }
    }
    if (f.containsKey("dangling")) {
      boolean dangling = !n.predefined && !inUse(n);
      if (f.get("dangling").stream().noneMatch(v -> Boolean.parseBoolean(v) == dangling)) {
        return false;
      }
    }
    if (f.containsKey("label")) {
      for (String l : f.get("label")) {
        int eq = l.indexOf('=');
        String k = eq < 0 ? l : l.substring(0, eq);
        if (!n.labels.containsKey(k) || (eq >= 0 && !n.labels.get(k).equals(l.substring(eq + 1)))) {
          return false;
        }
      }
    }
    return true;
  }

  @Override
  public dev.ddlab.engine.dto.Network inspect(String idOrName) {
    return dto(find(idOrName), true);
  }

  /** The network by full name, full ID or unique ID prefix. */
  public Network find(String idOrName) {
    Optional<Network> n = lookup(idOrName);
    if (n.isEmpty()) {
      throw EngineException.notFound("network " + idOrName + " not found");
    }
    return n.get();
  }

  public Optional<Network> lookup(String idOrName) {
    if (idOrName == null || idOrName.isEmpty()) {
      return Optional.empty();
    }
    Network byId = networks.get(idOrName);
    if (byId != null) {
      return Optional.of(byId);
    }
    for (Network n : networks.values()) {
      if (n.name.equals(idOrName)) {
        return Optional.of(n);
      }
    }
    Network found = null;
    for (Network n : networks.values()) {
      if (n.id.startsWith(idOrName)) {
        if (found != null) {
          return Optional.empty();
        }
        found = n;
      }
    }
    return Optional.ofNullable(found);
  }

  @Override
  public NetworkCreateResponse create(NetworkCreateRequest request) {
    String name = request.name();
    if (name == null || name.isEmpty()) {
      throw EngineException.badRequest("network name must not be empty");
    }
    for (Network n : networks.values()) {
      if (n.name.equals(name)) {
        throw EngineException.conflict("network with name " + name + " already exists");
      }
    }
    String driver =
        request.driver() == null || request.driver().isEmpty() ? "bridge" : request.driver();
    if (driver.equals("host") || driver.equals("null")) {
      throw new EngineException(403, "only one instance of \"" + driver + "\" network is allowed");
    }
    if (!driver.equals("bridge")) {
      throw EngineException.notFound(
          "could not find plugin " + driver + " in v1 plugin registry: plugin not found");
    }
    int subnet;
    int prefix;
    int gateway;
    Map<String, String> cfg =
        request.ipam() != null
                && request.ipam().config() != null
                && !request.ipam().config().isEmpty()
            ? request.ipam().config().get(0)
            : null;
    if (cfg != null && cfg.get("Subnet") != null) {
      String[] parts = cfg.get("Subnet").split("/");
      try {
        prefix = Integer.parseInt(parts[1]);
        subnet = Ipv4.parse(parts[0]) & Ipv4.mask(prefix);
      } catch (RuntimeException e) {
        throw EngineException.badRequest("invalid CIDR address: " + cfg.get("Subnet"));
      }
      for (Network n : networks.values()) {
        if (n.hasSubnet() && overlaps(n.subnet, n.prefix, subnet, prefix)) {
          throw new EngineException(403, "Pool overlaps with other one on this address space");
        }
      }
      gateway = cfg.get("Gateway") != null ? Ipv4.parse(cfg.get("Gateway")) : subnet + 1;
    } else {
      int[] pool = nextPool();
      if (pool == null) {
        throw new EngineException(400, "all predefined address pools have been fully subnetted");
      }
      subnet = pool[0];
      prefix = pool[1];
      gateway = subnet + 1;
    }
    Network n =
        new Network(
            random.hex(64),
            name,
            driver,
            clock.nowNanos(),
            subnet,
            prefix,
            gateway,
            false,
            request.internal(),
            request.attachable(),
            request.labels() == null ? Map.of() : Map.copyOf(request.labels()),
            request.options() == null ? Map.of() : new LinkedHashMap<>(request.options()));
    add(n);
    events.emit("network", "create", n.id, Map.of("name", n.name, "type", n.driver));
    return new NetworkCreateResponse(n.id, "");
  }

  /** The next free local pool: 172.18/16 … 172.31/16, then 192.168.0.0/20 steps. */
  private int[] nextPool() {
    List<int[]> pools = new ArrayList<>();
    for (int b = 17; b <= 31; b++) {
      pools.add(new int[] {Ipv4.parse("172." + b + ".0.0"), 16});
    }
    for (int c = 0; c < 256; c += 16) {
      pools.add(new int[] {Ipv4.parse("192.168." + c + ".0"), 20});
    }
    for (int[] p : pools) {
      boolean free = true;
      for (Network n : networks.values()) {
        if (n.hasSubnet() && overlaps(n.subnet, n.prefix, p[0], p[1])) {
          free = false;
          break;
        }
      }
      if (free) {
        return p;
      }
    }
    return null;
  }

  private static boolean overlaps(int a, int ap, int b, int bp) {
    int p = Math.min(ap, bp);
    return (a & Ipv4.mask(p)) == (b & Ipv4.mask(p));
  }

  @Override
  public void remove(String idOrName) {
    Network n = find(idOrName);
    if (n.predefined) {
      throw new EngineException(403, n.name + " is a pre-defined network and cannot be removed");
    }
    if (!n.endpoints.isEmpty()) {
      throw new EngineException(
          403,
          "error while removing network: network "
              + n.name
              + " id "
              + n.id
              + " has active endpoints");
    }
    networks.remove(n.id);
    for (Attachment a : attachments.values()) {
      a.networks.remove(n.id);
    }
    events.emit("network", "destroy", n.id, Map.of("name", n.name, "type", n.driver));
  }

  private boolean inUse(Network n) {
    if (!n.endpoints.isEmpty()) {
      return true;
    }
    for (Attachment a : attachments.values()) {
      if (a.networks.containsKey(n.id)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void connect(String network, String container, EndpointSettings endpoint) {
    Network n = find(network);
    String id = containerLookup.apply(container);
    Attachment a = id == null ? null : attachments.get(id);
    if (a == null) {
      throw EngineException.notFound("No such container: " + container);
    }
    if (n.driver.equals("host") || a.mode.equals("host")) {
      throw EngineException.badRequest(
          "container cannot be disconnected from host network or connected to host network");
    }
    if (a.mode.equals("none") || a.mode.startsWith("container:") || n.driver.equals("null")) {
      throw new EngineException(
          403,
          "container sharing network namespace with another container or host cannot be"
              + " connected to any other network");
    }
    if (a.networks.containsKey(n.id)) {
      throw new EngineException(
          403, "endpoint with name " + a.name + " already exists in network " + n.name);
    }
    List<String> aliases =
        endpoint != null && endpoint.aliases() != null
            ? List.copyOf(endpoint.aliases())
            : List.of();
    a.networks.put(n.id, aliases);
    if (endpoint != null
        && endpoint.ipamConfig() != null
        && endpoint.ipamConfig().get("IPv4Address") != null) {
      a.requestedIps.put(n.id, endpoint.ipamConfig().get("IPv4Address"));
    }
    if (a.running()) {
      try {
        join(a, n);
      } catch (EngineException e) {
        a.networks.remove(n.id);
        throw e;
      }
    }
  }

  @Override
  public void disconnect(String network, String container, boolean force) {
    Network n = find(network);
    String id = containerLookup.apply(container);
    Attachment a = id == null ? null : attachments.get(id);
    if (a == null) {
      throw EngineException.notFound("No such container: " + container);
    }
    if (n.driver.equals("host") && a.mode.equals("host")) {
      throw EngineException.badRequest(
          "container cannot be disconnected from host network or connected to host network");
    }
    if (!a.networks.containsKey(n.id)) {
      throw new EngineException(
          403, "container " + a.containerId + " is not connected to network " + n.name);
    }
    Endpoint e = a.endpoints.remove(n.id);
    if (e != null) {
      leave(a, e);
    }
    a.networks.remove(n.id);
    a.requestedIps.remove(n.id);
  }

  @Override
  public NetworkPruneResponse prune(Map<String, List<String>> filters) {
    List<String> deleted = new ArrayList<>();
    for (Network n : new ArrayList<>(networks.values())) {
      if (!n.predefined && n.endpoints.isEmpty() && matches(n, labelsOnly(filters))) {
        remove(n.id);
        deleted.add(n.name);
      }
    }
    return new NetworkPruneResponse(deleted);
  }

  private static Map<String, List<String>> labelsOnly(Map<String, List<String>> filters) {
    if (filters == null || !filters.containsKey("label")) {
      return Map.of();
    }
    return Map.of("label", filters.get("label"));
  }

  private dev.ddlab.engine.dto.Network dto(Network n, boolean detail) {
    List<Map<String, String>> config = new ArrayList<>();
    if (n.hasSubnet()) {
      Map<String, String> c = new LinkedHashMap<>();
      c.put("Subnet", n.subnetText());
      c.put("Gateway", n.gatewayText());
      config.add(c);
    }
    Map<String, NetworkEndpoint> containers = new LinkedHashMap<>();
    if (detail) {
      for (Endpoint e : n.endpoints.values()) {
        containers.put(
            e.containerId(),
            new NetworkEndpoint(
                e.containerName(),
                e.id(),
                e.mac(),
                e.ip() == 0 ? "" : e.ipText() + "/" + n.prefix,
                ""));
      }
    }
    return new dev.ddlab.engine.dto.Network(
        n.name,
        n.id,
        GoTime.rfc3339NanoOrZero(n.createdNanos),
        "local",
        n.driver,
        false,
        new Ipam("default", n.predefined ? null : Map.of(), config),
        n.internal,
        n.attachable,
        false,
        Map.of("Network", ""),
        false,
        containers,
        n.options,
        n.labels);
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
      java.util.Set<String> exposedPorts) {
    String mode =
        networkMode == null || networkMode.isEmpty() || networkMode.equals("default")
            ? "bridge"
            : networkMode;
    TreeSet<String> exposed = new TreeSet<>(Ports.COMPARATOR);
    if (exposedPorts != null) {
      for (String p : exposedPorts) {
        exposed.add(Ports.normalize(p));
      }
    }
    Map<String, List<PortBinding>> b = new TreeMap<>(Ports.COMPARATOR);
    if (bindings != null) {
      bindings.forEach((k, v) -> b.put(Ports.normalize(k), v == null ? List.of() : List.copyOf(v)));
    }
    exposed.addAll(b.keySet());
    if (publishAll) {
      for (String p : exposed) {
        b.putIfAbsent(p, List.of(new PortBinding("", "")));
      }
    }
    Attachment a = new Attachment(containerId, name, modeKind(mode), b, exposed, hostname);
    if (mode.equals("host") || mode.equals("none") || mode.startsWith("container:")) {
      if (mode.startsWith("container:")) {
        String target = containerLookup.apply(mode.substring("container:".length()));
        if (target == null) {
          throw EngineException.notFound(
              "No such container: " + mode.substring("container:".length()));
        }
        a = new Attachment(containerId, name, "container:" + target, Map.of(), exposed, hostname);
      } else {
        a.networks.put(find(mode).id, List.of());
      }
    } else {
      configure(a, mode, List.of(), requestedIps);
    }
    if (extraNetworks != null && !a.mode.startsWith("container:")) {
      for (Map.Entry<String, List<String>> e : extraNetworks.entrySet()) {
        List<String> aliases = e.getValue() == null ? List.of() : List.copyOf(e.getValue());
        configure(a, e.getKey(), aliases, requestedIps);
      }
    }
    attachments.put(containerId, a);
  }

  /** Records one network of a new container; an unknown one is left for the start to look up. */
  private void configure(
      Attachment a, String network, List<String> aliases, Map<String, String> requestedIps) {
    String ip = requestedIps == null ? null : requestedIps.get(network);
    Optional<Network> n = lookup(network);
    if (n.isEmpty()) {
      a.unresolved.put(network, aliases);
      if (ip != null) {
        a.unresolvedIps.put(network, ip);
      }
      return;
    }
    a.networks.put(n.get().id, aliases);
    ip = requestedIps == null ? null : requestedIps.get(n.get().name);
    if (ip != null) {
      a.requestedIps.put(n.get().id, ip);
    }
  }

  /**
   * The networks named at create that exist now join the container's configuration, in the order
   * they were named before those found at create.
   *
   * @throws EngineException 404 "network NAME not found" for the first still missing, changing
   *     nothing
   */
  private void resolvePending(Attachment a) {
    if (a.unresolved.isEmpty()) {
      return;
    }
    Map<String, List<String>> found = new LinkedHashMap<>();
    Map<String, String> ips = new LinkedHashMap<>();
    for (Map.Entry<String, List<String>> e : a.unresolved.entrySet()) {
      Network n = find(e.getKey());
      found.put(n.id, e.getValue());
      if (a.unresolvedIps.containsKey(e.getKey())) {
        ips.put(n.id, a.unresolvedIps.get(e.getKey()));
      }
    }
    a.requestedIps.putAll(ips);
    found.putAll(a.networks);
    a.networks.clear();
    a.networks.putAll(found);
    a.unresolved.clear();
    a.unresolvedIps.clear();
  }

  private static String modeKind(String mode) {
    if (mode.equals("host") || mode.equals("none") || mode.startsWith("container:")) {
      return mode;
    }
    return "bridge";
  }

  /** The mode recorded at create: "bridge" (any bridge network), "host", "none", "container:ID". */
  public String mode(String containerId) {
    Attachment a = attachments.get(containerId);
    return a == null ? "bridge" : a.mode;
  }

  /** The container whose network namespace this one joins, or null. */
  public String sharedWith(String containerId) {
    String m = mode(containerId);
    return m.startsWith("container:") ? m.substring("container:".length()) : null;
  }

  /**
   * Container start: creates the sandbox in {@code ns}, an endpoint with an address on every
   * network, and the published ports. On failure nothing stays allocated.
   *
   * @throws EngineException as the daemon words it (port already allocated …)
   */
  public void start(String containerId, NetNamespace ns) {
    Attachment a = attachments.get(containerId);
    resolvePending(a);
    a.ns = ns;
    a.sandboxId = random.hex(64);
    try {
      for (String netId : new ArrayList<>(a.networks.keySet())) {
        Network n = networks.get(netId);
        if (n == null) {
          throw EngineException.notFound("network " + netId + " not found");
        }
        join(a, n);
      }
      publish(a);
    } catch (EngineException e) {
      stop(containerId);
      throw e;
    }
  }

  private void join(Attachment a, Network n) {
    int ip = 0;
    if (n.driver.equals("bridge")) {
      String wanted = a.requestedIps.get(n.id);
      if (wanted != null) {
        ip = Ipv4.parse(wanted);
        if (!n.reserve(ip)) {
          throw EngineException.badRequest("Address already in use");
        }
      } else {
        ip = n.allocate();
        if (ip == 0) {
          throw EngineException.serverError(
              "no available IPv4 addresses on this network's address pools: "
                  + n.name
                  + " ("
                  + n.id
                  + ")");
        }
      }
    }
    List<String> aliases = new ArrayList<>(a.networks.getOrDefault(n.id, List.of()));
    if (n.embeddedDns()) {
      aliases.add(a.containerId.substring(0, 12));
    }
    Endpoint e = new Endpoint(random.hex(64), n, a.containerId, a.name, ip, List.copyOf(aliases));
    n.endpoints.put(a.containerId, e);
    a.endpoints.put(n.id, e);
    events.emit(
        "network",
        "connect",
        n.id,
        Map.of("container", a.containerId, "name", n.name, "type", n.driver));
  }

  private void leave(Attachment a, Endpoint e) {
    Network n = e.network();
    n.endpoints.remove(a.containerId);
    if (e.ip() != 0) {
      n.release(e.ip());
    }
    events.emit(
        "network",
        "disconnect",
        n.id,
        Map.of("container", a.containerId, "name", n.name, "type", n.driver));
  }

  private void publish(Attachment a) {
    if (!a.mode.equals("bridge") || a.endpoints.isEmpty()) {
      return;
    }
    Endpoint first = a.endpoints.values().iterator().next();
    for (Map.Entry<String, List<PortBinding>> e : a.bindings.entrySet()) {
      int containerPort = Ports.number(e.getKey());
      String proto = Ports.proto(e.getKey());
      List<PortBinding> list =
          e.getValue().isEmpty() ? List.of(new PortBinding("", "")) : e.getValue();
      for (PortBinding b : list) {
        String hostIp = b.hostIp() == null || b.hostIp().isEmpty() ? "0.0.0.0" : b.hostIp();
        int[] range = Ports.range(b.hostPort());
        int port = -1;
        if (range == null) {
          port = ephemeral(hostIp, proto);
        } else {
          for (int p = range[0]; p <= range[1]; p++) {
            if (free(hostIp, p, proto)) {
              port = p;
              break;
            }
          }
          if (port < 0) {
            throw EngineException.serverError(
                "driver failed programming external connectivity on endpoint "
                    + a.name
                    + " ("
                    + first.id()
                    + "): Bind for "
                    + hostIp
                    + ":"
                    + range[0]
                    + " failed: port is already allocated");
          }
        }
        String key = hostIp + ":" + port + "/" + proto;
        portOwners.put(key, a.containerId);
        a.mappings.add(new Mapping(hostIp, port, proto, containerPort, key));
      }
    }
  }

  private boolean free(String hostIp, int port, String proto) {
    for (String key : portOwners.keySet()) {
      int colon = key.lastIndexOf(':');
      String ip = key.substring(0, colon);
      String rest = key.substring(colon + 1);
      if (rest.equals(port + "/" + proto)
          && (ip.equals(hostIp) || ip.equals("0.0.0.0") || hostIp.equals("0.0.0.0"))) {
        return false;
      }
    }
    return true;
  }

  private int ephemeral(String hostIp, String proto) {
    int span = EPHEMERAL_LAST - EPHEMERAL_FIRST + 1;
    for (int i = 1; i <= span; i++) {
      int p = EPHEMERAL_FIRST + Math.floorMod(lastEphemeral + i - EPHEMERAL_FIRST, span);
      if (free(hostIp, p, proto)) {
        lastEphemeral = p;
        return p;
      }
    }
    throw EngineException.serverError("no available ports in the ephemeral range");
  }

  /** Container stop: the endpoints, addresses and published ports go away. */
  public void stop(String containerId) {
    Attachment a = attachments.get(containerId);
    if (a == null) {
      return;
    }
    for (Mapping m : a.mappings) {
      portOwners.remove(m.key());
    }
    a.mappings.clear();
    for (Endpoint e : new ArrayList<>(a.endpoints.values())) {
      leave(a, e);
    }
    a.endpoints.clear();
    a.ns = null;
    a.sandboxId = null;
  }

  /** Container removal. */
  public void unregister(String containerId) {
    stop(containerId);
    attachments.remove(containerId);
  }

  public void rename(String containerId, String newName) {
    Attachment a = attachments.get(containerId);
    if (a == null) {
      return;
    }
    a.name = newName;
    for (Map.Entry<String, Endpoint> e : new ArrayList<>(a.endpoints.entrySet())) {
      Endpoint old = e.getValue();
      Endpoint renamed =
          new Endpoint(
              old.id(), old.network(), old.containerId(), newName, old.ip(), old.aliases());
      e.setValue(renamed);
      old.network().endpoints.put(containerId, renamed);
    }
  }

  /** NetworkSettings of container inspect. */
  public NetworkSettings settings(String containerId) {
    Attachment a = attachments.get(containerId);
    Map<String, EndpointSettings> nets = new LinkedHashMap<>();
    Map<String, List<PortBinding>> ports = new TreeMap<>(Ports.COMPARATOR);
    String ip = "";
    String gw = "";
    String mac = "";
    String endpointId = "";
    int prefix = 0;
    if (a != null) {
      Attachment owner = a.mode.startsWith("container:") ? null : a;
      if (owner != null) {
        for (String netId : a.networks.keySet()) {
          Network n = networks.get(netId);
          if (n == null) {
            continue;
          }
          Endpoint e = a.endpoints.get(netId);
          EndpointSettings s =
              new EndpointSettings(
                  a.requestedIps.containsKey(netId)
                      ? Map.of("IPv4Address", a.requestedIps.get(netId))
                      : null,
                  null,
                  n.embeddedDns() ? aliasesFor(a, n, e) : null,
                  n.id,
                  e == null ? "" : e.id(),
                  e == null || e.ip() == 0 ? "" : n.gatewayText(),
                  e == null ? "" : e.ipText(),
                  e == null || e.ip() == 0 ? 0 : n.prefix,
                  "",
                  "",
                  0,
                  e == null ? "" : e.mac(),
                  null);
          nets.put(n.name, s);
          if (n.name.equals("bridge") && e != null) {
            ip = e.ipText();
            gw = n.gatewayText();
            mac = e.mac();
            endpointId = e.id();
            prefix = n.prefix;
          }
        }
      }
      if (owner != null) {
        a.unresolved.forEach(
            (name, aliases) ->
                nets.put(name, EndpointSettings.request(a.unresolvedIps.get(name), aliases)));
      }
      if (a.running()) {
        for (String p : a.exposed) {
          ports.put(p, null);
        }
        for (Mapping m : a.mappings) {
          String k = m.containerPort() + "/" + m.proto();
          List<PortBinding> list =
              ports.get(k) == null ? new ArrayList<>() : new ArrayList<>(ports.get(k));
          list.add(new PortBinding(m.hostIp(), Integer.toString(m.hostPort())));
          if (m.hostIp().equals("0.0.0.0")) {
            list.add(new PortBinding("::", Integer.toString(m.hostPort())));
          }
          ports.put(k, list);
        }
      }
    }
    boolean running = a != null && a.running();
    return new NetworkSettings(
        "",
        running ? a.sandboxId : "",
        false,
        "",
        0,
        ports,
        running ? "/var/run/docker/netns/" + a.sandboxId.substring(0, 12) : "",
        null,
        null,
        endpointId,
        gw,
        "",
        0,
        ip,
        prefix,
        "",
        mac,
        nets);
  }

  private static List<String> aliasesFor(Attachment a, Network n, Endpoint e) {
    if (e != null) {
      return e.aliases();
    }
    return a.networks.getOrDefault(n.id, List.of());
  }

  /** The Ports of a docker ps row: published ports (both address families) and exposed ones. */
  public List<Port> ports(String containerId) {
    Attachment a = attachments.get(containerId);
    List<Port> out = new ArrayList<>();
    if (a == null || !a.running()) {
      return out;
    }
    java.util.Set<String> published = new java.util.HashSet<>();
    for (Mapping m : a.mappings) {
      out.add(new Port(m.hostIp(), m.containerPort(), m.hostPort(), m.proto()));
      if (m.hostIp().equals("0.0.0.0")) {
        out.add(new Port("::", m.containerPort(), m.hostPort(), m.proto()));
      }
      published.add(m.containerPort() + "/" + m.proto());
    }
    for (String p : a.exposed) {
      if (!published.contains(p)) {
        out.add(new Port(null, Ports.number(p), null, Ports.proto(p)));
      }
    }
    return out;
  }

  /** The NetworkSettings.Networks of a docker ps row. */
  public Map<String, EndpointSettings> summaryNetworks(String containerId) {
    return settings(containerId).networks();
  }

  /** The networks a container is configured on, by name (for filters and DNS). */
  public List<String> networkNames(String containerId) {
    Attachment a = attachments.get(containerId);
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

  public List<Network> networks() {
    return List.copyOf(networks.values());
  }

  /** Host port → container port mappings of running containers, for the playground's port chips. */
  public Map<Integer, String> publishedPorts() {
    Map<Integer, String> out = new TreeMap<>();
    for (Attachment a : attachments.values()) {
      for (Mapping m : a.mappings) {
        out.put(m.hostPort(), a.containerId);
      }
    }
    return out;
  }

  // ---- What processes see ----------------------------------------------------------------------

  private Attachment attachmentOf(ProcContext from) {
    if (from.isHost()) {
      return null;
    }
    Attachment a = attachments.get(from.owner());
    if (a != null && a.mode.startsWith("container:")) {
      return attachments.get(a.mode.substring("container:".length()));
    }
    return a;
  }

  @Override
  public Optional<String> resolve(ProcContext from, String name) {
    if (name.equals("localhost") || name.equals("ip6-localhost")) {
      return Optional.of("127.0.0.1");
    }
    if (Ipv4.isAddress(name)) {
      return Optional.of(name);
    }
    Attachment self = attachmentOf(from);
    if (from.isHost() || (self != null && self.mode.equals("host"))) {
      return name.equals(from.hostname()) ? Optional.of(nodeAddress) : Optional.empty();
    }
    if (self == null) {
      return Optional.empty();
    }
    if (name.equals(from.hostname()) || name.equals(self.hostname)) {
      Endpoint first = self.endpoints.values().stream().findFirst().orElse(null);
      return Optional.of(first == null || first.ip() == 0 ? "127.0.0.1" : first.ipText());
    }
    for (Endpoint mine : self.endpoints.values()) {
      Network n = mine.network();
      if (!n.embeddedDns()) {
        continue;
      }
      for (Endpoint other : n.endpoints.values()) {
        if (other.containerName().equals(name) || other.aliases().contains(name)) {
          return Optional.of(other.ipText());
        }
      }
    }
    return Optional.empty();
  }

  @Override
  public HttpResponse http(ProcContext from, String host, int port, HttpRequest request) {
    String ipText =
        resolve(from, host).orElseThrow(() -> new NetException(NetException.Kind.UNRESOLVED, host));
    int ip = Ipv4.parse(ipText);
    Attachment self = attachmentOf(from);
    boolean hostSide = from.isHost() || (self != null && self.mode.equals("host"));
    if ((ip >>> 24) == 127) {
      NetNamespace ns = hostSide ? hostNs : from.netNs();
      NetNamespace.Listener l = ns == null ? null : ns.listener(port);
      if (l != null) {
        return l.handler().handle(request.from("127.0.0.1"));
      }
      if (hostSide) {
        return viaProxy(port, request);
      }
      throw new NetException(NetException.Kind.REFUSED, host);
    }
    if (ipText.equals(nodeAddress) || isGateway(ip)) {
      NetNamespace.Listener l = hostNs.listener(port);
      if (l != null) {
        return l.handler().handle(request.from(hostSide ? ipText : sourceIp(self, ip)));
      }
      return viaProxy(port, request);
    }
    for (Network n : networks.values()) {
      if (!n.hasSubnet() || !n.contains(ip)) {
        continue;
      }
      for (Endpoint target : n.endpoints.values()) {
        if (target.ip() != ip) {
          continue;
        }
        String source;
        if (hostSide) {
          source = n.gatewayText();
        } else {
          Endpoint mine = self == null ? null : self.endpoints.get(n.id);
          if (mine == null) {
            throw new NetException(NetException.Kind.UNREACHABLE, host);
          }
          source = mine.ipText();
        }
        Attachment t = attachments.get(target.containerId());
        NetNamespace.Listener l = t == null || t.ns == null ? null : t.ns.listener(port);
        if (l == null) {
          throw new NetException(NetException.Kind.REFUSED, host);
        }
        return l.handler().handle(request.from(source));
      }
    }
    throw new NetException(NetException.Kind.UNREACHABLE, host);
  }

  /**
   * A ping's fate. The host reaches every bridge; a container reaches its own networks' endpoints
   * and the host (its gateways), while Docker's isolation rules drop what it sends to a container
   * on another bridge network. Nothing outside the node answers: the lab has no internet.
   */
  @Override
  public Echo echo(ProcContext from, String ipText) {
    int ip = Ipv4.parse(ipText);
    if ((ip >>> 24) == 127) {
      return Echo.REPLY;
    }
    Attachment self = attachmentOf(from);
    boolean hostSide = from.isHost() || (self != null && self.mode.equals("host"));
    if (hostSide) {
      return ipText.equals(nodeAddress) || isGateway(ip) || endpointAt(ip) != null
          ? Echo.REPLY
          : Echo.LOST;
    }
    boolean routed = false;
    for (Endpoint mine : self == null ? List.<Endpoint>of() : self.endpoints.values()) {
      Network n = mine.network();
      if (!n.hasSubnet()) {
        continue; // --network none: only the loopback
      }
      if (n.contains(ip)) {
        return ip == n.gateway || endpointAt(ip) != null ? Echo.REPLY : Echo.LOST;
      }
      routed |= !n.internal;
    }
    if (!routed) {
      return Echo.NO_ROUTE;
    }
    return ipText.equals(nodeAddress) || isGateway(ip) ? Echo.REPLY : Echo.LOST;
  }

  private Endpoint endpointAt(int ip) {
    for (Network n : networks.values()) {
      if (n.hasSubnet() && n.contains(ip)) {
        for (Endpoint e : n.endpoints.values()) {
          if (e.ip() == ip) {
            return e;
          }
        }
      }
    }
    return null;
  }

  private String sourceIp(Attachment self, int gateway) {
    if (self != null) {
      for (Endpoint e : self.endpoints.values()) {
        if (e.network().gateway == gateway) {
          return e.ipText();
        }
      }
    }
    return nodeAddress;
  }

  private boolean isGateway(int ip) {
    for (Network n : networks.values()) {
      if (n.hasSubnet() && n.gateway == ip) {
        return true;
      }
    }
    return false;
  }

  /** docker-proxy: a published host port forwards to the container's port. */
  private HttpResponse viaProxy(int hostPort, HttpRequest request) {
    for (Attachment a : attachments.values()) {
      for (Mapping m : a.mappings) {
        if (m.hostPort() == hostPort && m.proto().equals("tcp")) {
          NetNamespace.Listener l = a.ns == null ? null : a.ns.listener(m.containerPort());
          if (l == null) {
            // docker-proxy accepts, then the container side refuses: the client sees a reset.
            throw new NetException(NetException.Kind.RESET, "");
          }
          Endpoint e = a.endpoints.values().iterator().next();
          return l.handler().handle(request.from(e.network().gatewayText()));
        }
      }
    }
    throw new NetException(NetException.Kind.REFUSED, "");
  }
}

package dev.ddlab.sim.network;

import dev.ddlab.engine.EngineException;
import dev.ddlab.engine.dto.EndpointSettings;
import dev.ddlab.engine.dto.NetworkSettings;
import dev.ddlab.engine.dto.Port;
import dev.ddlab.engine.dto.PortBinding;
import dev.ddlab.sim.network.portmapper.PortMapping;
import dev.ddlab.sim.network.portmapper.Ports;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * What the daemon keeps of one container's networking from create to rm (moby's {@code
 * daemon/container_operations.go} over HostConfig.NetworkMode and the endpoint settings): the mode,
 * the networks with their aliases and requested addresses, networks named at create that do not
 * exist yet, the port bindings and exposed ports; and, while the container runs, its {@link
 * Sandbox}.
 */
final class ContainerNetworking {
  final String containerId;
  String name;

  /** "bridge" (any network by name), "host", "none" or "container:ID". */
  final String mode;

  final Map<String, List<String>> networks = new LinkedHashMap<>();
  final Map<String, String> requestedIps = new LinkedHashMap<>();

  /** Addresses the swarm allocated on its networks while the container runs (by network ID). */
  final Map<String, String> swarmIps = new LinkedHashMap<>();

  /**
   * Networks named at create that did not exist (name → aliases): Docker looks them up when the
   * container starts, so creating the network in between is enough.
   */
  final Map<String, List<String>> unresolved = new LinkedHashMap<>();

  final Map<String, String> unresolvedIps = new LinkedHashMap<>();
  final Map<String, List<PortBinding>> bindings;
  final TreeSet<String> exposed;
  final String hostname;
  Sandbox sandbox;

  private ContainerNetworking(
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

  /** A container the controller never saw: no networks, not running. */
  static ContainerNetworking unknown() {
    return new ContainerNetworking("", "", "none", Map.of(), new TreeSet<>(Ports.COMPARATOR), "");
  }

  boolean running() {
    return sandbox != null;
  }

  /** The container whose namespace this one joins, or null. */
  String sharedWith() {
    return mode.startsWith("container:") ? mode.substring("container:".length()) : null;
  }

  /**
   * A new container's configuration (docker create). The network mode is HostConfig.NetworkMode:
   * "bridge"/"default"/"", "host", "none", "container:REF", or a network name or ID.
   *
   * @throws EngineException 404 for a {@code container:} mode naming no container
   */
  static ContainerNetworking create(
      String containerId,
      String name,
      String hostname,
      String networkMode,
      Map<String, List<String>> extraNetworks,
      Map<String, String> requestedIps,
      Map<String, List<PortBinding>> bindings,
      boolean publishAll,
      Set<String> exposedPorts,
      Function<String, Optional<Network>> networkLookup,
      Function<String, String> containerLookup) {
    String mode =
        networkMode == null || networkMode.isEmpty() || networkMode.equals("default")
            ? "bridge"
            : networkMode;
    if (requestedIps != null) {
      for (String net : requestedIps.keySet()) {
        if (Set.of("default", "bridge", "host", "none").contains(net)) {
          // runconfig.ErrUnsupportedNetworkAndIP
          throw EngineException.badRequest(
              "user specified IP address is supported on user defined networks only");
        }
      }
    }
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
    ContainerNetworking a;
    if (mode.startsWith("container:")) {
      String ref = mode.substring("container:".length());
      String target = containerLookup.apply(ref);
      if (target == null) {
        throw EngineException.notFound("No such container: " + ref);
      }
      return new ContainerNetworking(
          containerId, name, "container:" + target, Map.of(), exposed, hostname);
    } else if (mode.equals("host") || mode.equals("none")) {
      a = new ContainerNetworking(containerId, name, mode, b, exposed, hostname);
      a.networks.put(networkLookup.apply(mode).orElseThrow().id, List.of());
    } else {
      a = new ContainerNetworking(containerId, name, "bridge", b, exposed, hostname);
      // the endpoint config of the network named in NetworkMode carries its aliases (compose)
      List<String> primary =
          extraNetworks == null || extraNetworks.get(mode) == null
              ? List.of()
              : List.copyOf(extraNetworks.get(mode));
      a.configure(mode, primary, requestedIps, networkLookup);
    }
    if (extraNetworks != null) {
      for (Map.Entry<String, List<String>> e : extraNetworks.entrySet()) {
        if (e.getKey().equals(mode)) {
          continue;
        }
        List<String> aliases = e.getValue() == null ? List.of() : List.copyOf(e.getValue());
        a.configure(e.getKey(), aliases, requestedIps, networkLookup);
      }
    }
    return a;
  }

  /** Records one network of a new container; an unknown one is left for the start to look up. */
  private void configure(
      String network,
      List<String> aliases,
      Map<String, String> requested,
      Function<String, Optional<Network>> networkLookup) {
    String ip = requested == null ? null : requested.get(network);
    Optional<Network> n = networkLookup.apply(network);
    if (n.isEmpty()) {
      unresolved.put(network, aliases);
      if (ip != null) {
        unresolvedIps.put(network, ip);
      }
      return;
    }
    networks.put(n.get().id, aliases);
    ip = requested == null ? null : requested.get(n.get().name);
    n.get().checkRequestedAddress(ip);
    if (ip != null) {
      requestedIps.put(n.get().id, ip);
    }
  }

  /**
   * Before a start: the networks named at create are looked up, and the swarm is asked about each
   * one not known here and each swarm-scoped one (moby's findAndAttachNetwork asks the cluster
   * unless the container is a task); the address it allocates is the one the endpoint takes.
   *
   * @throws EngineException the swarm's refusal, or 404 for a network still missing
   */
  void resolveForStart(
      Function<String, Optional<Network>> lookup, Map<String, Network> byId, SwarmAttacher swarm) {
    Set<String> asked = new HashSet<>();
    resolvePending(
        ref -> {
          Optional<Network> n = lookup.apply(ref);
          if (n.isPresent() && !"swarm".equals(n.get().scope())) {
            return n.get();
          }
          String ip = swarm.attach(containerId, ref, unresolvedIps.get(ref));
          n = lookup.apply(ref);
          if (n.isEmpty()) {
            throw EngineException.notFound("network " + ref + " not found");
          }
          asked.add(n.get().id);
          if (ip != null) {
            swarmIps.put(n.get().id, ip);
          }
          return n.get();
        });
    for (String id : networks.keySet()) {
      Network n = byId.get(id);
      if (n != null && "swarm".equals(n.scope()) && asked.add(id)) {
        attached(n, swarm.attach(containerId, n.name, requestedIps.get(id)));
      }
    }
  }

  /** The address the swarm allocated on {@code n}, when it did, is the endpoint's. */
  void attached(Network n, String ip) {
    if (ip != null) {
      swarmIps.put(n.id, ip);
    }
  }

  /** The address the endpoint on network {@code id} asks for: the swarm's, else the user's. */
  String wantedAddress(String id) {
    String ip = swarmIps.get(id);
    return ip != null ? ip : requestedIps.get(id);
  }

  /**
   * The swarm-scoped networks the container leaves (stop, disconnect): their attachments are given
   * back, and the allocated address is forgotten (moby's IPAMOperational).
   */
  void detach(Collection<Network> left, SwarmAttacher swarm) {
    for (Network n : left) {
      swarmIps.remove(n.id);
      if ("swarm".equals(n.scope())) {
        swarm.detach(containerId, n.id);
      }
    }
  }

  /**
   * The networks named at create that exist now join the configuration, in the order they were
   * named before those found at create.
   *
   * @throws EngineException 404 "network NAME not found" for the first still missing, changing
   *     nothing
   */
  void resolvePending(Function<String, Network> find) {
    if (unresolved.isEmpty()) {
      return;
    }
    Map<String, List<String>> found = new LinkedHashMap<>();
    Map<String, String> ips = new LinkedHashMap<>();
    for (Map.Entry<String, List<String>> e : unresolved.entrySet()) {
      Network n = find.apply(e.getKey());
      found.put(n.id, e.getValue());
      if (unresolvedIps.containsKey(e.getKey())) {
        n.checkRequestedAddress(unresolvedIps.get(e.getKey()));
        ips.put(n.id, unresolvedIps.get(e.getKey()));
      }
    }
    requestedIps.putAll(ips);
    found.putAll(networks);
    networks.clear();
    networks.putAll(found);
    unresolved.clear();
    unresolvedIps.clear();
  }

  /** NetworkSettings of container inspect. */
  NetworkSettings settings(Map<String, Network> byId) {
    Map<String, EndpointSettings> nets = endpoints(byId);
    String ip = "";
    String gw = "";
    String mac = "";
    String endpointId = "";
    int prefix = 0;
    if (sharedWith() == null) {
      for (String netId : networks.keySet()) {
        Network n = byId.get(netId);
        Endpoint e = n == null || sandbox == null ? null : sandbox.endpoint(netId);
        if (e != null && n.name.equals("bridge")) {
          ip = e.ipText();
          gw = n.gatewayTextOf(e.ip());
          mac = e.mac();
          endpointId = e.id();
          prefix = e.prefix();
        }
      }
    }
    return new NetworkSettings(
        "",
        running() ? sandbox.id() : "",
        false,
        "",
        0,
        portMap(),
        running() ? sandbox.key() : "",
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

  /**
   * NetworkSettings.Networks alone, by network name: what {@code docker ps} lists (the summary),
   * without the ports and the rest of the settings.
   */
  Map<String, EndpointSettings> endpoints(Map<String, Network> byId) {
    if (sharedWith() != null) {
      return Map.of();
    }
    // most containers are on one network: an immutable map of one entry, not a LinkedHashMap.
    // Plain locals, not a helper object: whether the JIT scalar-replaced such a helper differed
    // from one JVM to the next (docker ps with 1,000 containers allocated 857.8 or 905.8 KB a call,
    // four fresh JVMs each), and with it the listing's cost.
    String firstName = null;
    EndpointSettings first = null;
    Map<String, EndpointSettings> all = null;
    for (String netId : networks.keySet()) {
      Network n = byId.get(netId);
      if (n == null) {
        continue;
      }
      Endpoint e = sandbox == null ? null : sandbox.endpoint(netId);
      String wanted = wantedAddress(netId);
      EndpointSettings settings =
          new EndpointSettings(
              wanted != null ? Map.of("IPv4Address", wanted) : null,
              null,
              n.embeddedDns() ? (e != null ? e.aliases() : networks.get(netId)) : null,
              n.id,
              e == null ? "" : e.id(),
              e == null || e.ip() == 0 ? "" : n.gatewayTextOf(e.ip()),
              e == null ? "" : e.ipText(),
              e == null || e.ip() == 0 ? 0 : e.prefix(),
              "",
              "",
              0,
              e == null ? "" : e.mac(),
              null);
      if (all == null && (first == null || firstName.equals(n.name))) {
        firstName = n.name;
        first = settings;
      } else {
        all = putMore(all, firstName, first, n.name, settings);
      }
    }
    if (!unresolved.isEmpty()) {
      for (Map.Entry<String, List<String>> u : unresolved.entrySet()) {
        String net = u.getKey();
        EndpointSettings settings = EndpointSettings.request(unresolvedIps.get(net), u.getValue());
        if (all == null && (first == null || firstName.equals(net))) {
          firstName = net;
          first = settings;
        } else {
          all = putMore(all, firstName, first, net, settings);
        }
      }
    }
    return all != null ? all : first == null ? Map.of() : Map.of(firstName, first);
  }

  /**
   * {@code all} with {@code settings} put under {@code name}; made, with the first network's entry,
   * when a second network comes.
   */
  private static Map<String, EndpointSettings> putMore(
      Map<String, EndpointSettings> all,
      String firstName,
      EndpointSettings first,
      String name,
      EndpointSettings settings) {
    Map<String, EndpointSettings> map = all;
    if (map == null) {
      map = new LinkedHashMap<>();
      map.put(firstName, first);
    }
    map.put(name, settings);
    return map;
  }

  /** NetworkSettings.Ports: exposed ports, each with its bindings (0.0.0.0 ones also on ::). */
  private Map<String, List<PortBinding>> portMap() {
    Map<String, List<PortBinding>> ports = new TreeMap<>(Ports.COMPARATOR);
    if (!running()) {
      return ports;
    }
    for (String p : exposed) {
      ports.put(p, null);
    }
    for (PortMapping m : sandbox.ports()) {
      String k = m.containerPort() + "/" + m.proto();
      List<PortBinding> list =
          ports.get(k) == null ? new ArrayList<>() : new ArrayList<>(ports.get(k));
      list.add(new PortBinding(m.hostIp(), Integer.toString(m.hostPort())));
      if (m.hostIp().equals("0.0.0.0")) {
        list.add(new PortBinding("::", Integer.toString(m.hostPort())));
      }
      ports.put(k, list);
    }
    return ports;
  }

  /** The Ports of a docker ps row: published ports (both address families) and exposed ones. */
  List<Port> ports() {
    if (!running() || (exposed.isEmpty() && sandbox.ports().isEmpty())) {
      // the JDK's empty list, not an ArrayList: docker ps's kept table keeps it as it is (an
      // ArrayList is copied to be kept) and then compares it by identity
      return List.of();
    }
    List<Port> out = new ArrayList<>();
    Set<String> published = new HashSet<>();
    for (PortMapping m : sandbox.ports()) {
      out.add(new Port(m.hostIp(), m.containerPort(), m.hostPort(), m.proto()));
      if (m.hostIp().equals("0.0.0.0")) {
        out.add(new Port("::", m.containerPort(), m.hostPort(), m.proto()));
      }
      published.add(m.containerPort() + "/" + m.proto());
    }
    for (String p : exposed) {
      if (!published.contains(p)) {
        out.add(new Port(null, Ports.number(p), null, Ports.proto(p)));
      }
    }
    return out;
  }
}

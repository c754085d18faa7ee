package dev.ddlab.sim.network;

import dev.ddlab.engine.EngineException;
import dev.ddlab.engine.dto.NetworkCreateRequest;
import dev.ddlab.engine.dto.NetworkCreateResponse;
import dev.ddlab.engine.dto.NetworkPruneResponse;
import dev.ddlab.sim.clock.SeededRandom;
import dev.ddlab.sim.clock.VirtualClock;
import dev.ddlab.sim.events.EngineEvents;
import dev.ddlab.sim.network.driverapi.Driver;
import dev.ddlab.sim.network.driverapi.DriverRegistry;
import dev.ddlab.sim.network.driverapi.IpamData;
import dev.ddlab.sim.network.driverapi.NetworkOptions;
import dev.ddlab.sim.network.drivers.BridgeDriver;
import dev.ddlab.sim.network.drivers.HostDriver;
import dev.ddlab.sim.network.drivers.NullDriver;
import dev.ddlab.sim.network.drivers.OverlayDriver;
import dev.ddlab.sim.network.ipamapi.Ipam;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The networks of one node as libnetwork's controller keeps them: by ID in creation order, found by
 * name, full ID or unique ID prefix; made by {@code NewNetwork} (the driver by name, pools and
 * gateways from IPAM when the driver uses addresses, the driver's CreateNetwork; nothing stays
 * allocated on failure) and deleted with their pools given back; and the Engine API's list,
 * inspect, create, remove and prune over them. {@link NetworkController} hands these calls here and
 * keeps the containers' side (their sandboxes and endpoints on these networks).
 */
final class Networks {
  private final VirtualClock clock;
  private final SeededRandom random;
  private final EngineEvents events;
  private final DriverRegistry drivers;
  private final Ipam ipam;
  private final NetworkController controller;

  /** The networks by ID, in creation order (the controller reads the same map). */
  private final Map<String, Network> networks;

  /** The controller's containers: a network in use, and a removed swarm network's aliases. */
  private final Map<String, ContainerNetworking> containers;

  /** Counts one change of the networks (a listing's version, {@link NetworkController#changes}). */
  private final Runnable changed;

  Networks(
      NetworkController controller,
      VirtualClock clock,
      SeededRandom random,
      EngineEvents events,
      DriverRegistry drivers,
      Ipam ipam,
      Map<String, Network> networks,
      Map<String, ContainerNetworking> containers,
      Runnable changed) {
    this.controller = controller;
    this.clock = clock;
    this.random = random;
    this.events = events;
    this.drivers = drivers;
    this.ipam = ipam;
    this.networks = networks;
    this.containers = containers;
    this.changed = changed;
  }

  /** The predefined networks every node has: bridge (docker0), host and none. */
  void predefine() {
    Map<String, String> bridgeOptions = new LinkedHashMap<>();
    bridgeOptions.put("com.docker.network.bridge.default_bridge", "true");
    bridgeOptions.put("com.docker.network.bridge.enable_icc", "true");
    bridgeOptions.put("com.docker.network.bridge.enable_ip_masquerade", "true");
    bridgeOptions.put("com.docker.network.bridge.host_binding_ipv4", "0.0.0.0");
    bridgeOptions.put(BridgeDriver.BRIDGE_NAME, "docker0");
    bridgeOptions.put("com.docker.network.driver.mtu", "1500");
    newNetwork(
        null, "bridge", BridgeDriver.TYPE, true, List.of(), false, false, Map.of(), bridgeOptions);
    newNetwork(null, "host", HostDriver.TYPE, true, List.of(), false, false, Map.of(), Map.of());
    newNetwork(null, "none", NullDriver.TYPE, true, List.of(), false, false, Map.of(), Map.of());
  }

  List<dev.ddlab.engine.dto.Network> list(Map<String, List<String>> filters) {
    NetworkFilters f = NetworkFilters.of(filters);
    List<dev.ddlab.engine.dto.Network> out = new ArrayList<>();
    for (Network n : networks.values()) {
      if (f.matches(n, inUse(n))) {
        out.add(NetworkResource.of(n, false));
      }
    }
    return out;
  }

  dev.ddlab.engine.dto.Network inspect(String idOrName) {
    return NetworkResource.of(find(idOrName), true);
  }

  /** The network by full name, full ID or unique ID prefix. */
  Network find(String idOrName) {
    Optional<Network> n = lookup(idOrName);
    if (n.isEmpty()) {
      throw EngineException.notFound("network " + idOrName + " not found");
    }
    return n.get();
  }

  Optional<Network> lookup(String idOrName) {
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

  NetworkCreateResponse create(NetworkCreateRequest request) {
    changed.run();
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
        request.driver() == null || request.driver().isEmpty()
            ? BridgeDriver.TYPE
            : request.driver();
    if (drivers.require(driver).capability().dataScope().equals("global")) {
      // daemon/cluster: a multi-host network is the swarm's to make (createSwarmNetwork)
      throw dev.ddlab.engine.SwarmErrors.notManager();
    }
    Network n = newNetwork(null, name, driver, false, request);
    return new NetworkCreateResponse(n.id, "");
  }

  /**
   * A network the swarm made, on this node (what the agent does when a task needs it, dockerd's
   * {@code createNetwork(…, agent=true)}): its ID, and the IPAM config and driver options the
   * allocator wrote into it (for overlay: subnet, gateway and {@code
   * com.docker.network.driver.overlay.vxlanid_list}). Its scope is "swarm". Already known: nothing
   * changes.
   */
  Network createSwarmNetwork(String id, NetworkCreateRequest request) {
    changed.run();
    Network known = networks.get(id);
    if (known != null) {
      return known;
    }
    String driver =
        request.driver() == null || request.driver().isEmpty()
            ? OverlayDriver.TYPE
            : request.driver();
    Network n = newNetwork(id, request.name(), driver, false, request);
    n.scope = "swarm";
    return n;
  }

  private Network newNetwork(
      String id, String name, String driver, boolean predefined, NetworkCreateRequest request) {
    NetworkIpam.check(request.ipam() == null ? null : request.ipam().config(), driver);
    List<dev.ddlab.engine.dto.Ipam.Config> ipamConfig =
        request.ipam() == null || request.ipam().config() == null
            ? List.of()
            : request.ipam().config();
    if (ipamConfig.size() > 1 && !driver.equals(OverlayDriver.TYPE)) {
      ipamConfig = ipamConfig.subList(0, 1); // macvlan here: the first subnet only
    }
    return newNetwork(
        id,
        name,
        driver,
        predefined,
        ipamConfig,
        request.internal(),
        request.attachable(),
        request.labels() == null ? Map.of() : Map.copyOf(request.labels()),
        request.options() == null ? Map.of() : new LinkedHashMap<>(request.options()));
  }

  /**
   * libnetwork's NewNetwork: the driver by name, a pool and gateway from IPAM when the driver uses
   * addresses, then the driver's CreateNetwork. On failure nothing stays allocated.
   */
  private Network newNetwork(
      String givenId,
      String name,
      String type,
      boolean predefined,
      List<dev.ddlab.engine.dto.Ipam.Config> ipamConfig,
      boolean internal,
      boolean attachable,
      Map<String, String> labels,
      Map<String, String> options) {
    Driver driver = drivers.require(type);
    String space =
        driver.capability().dataScope().equals("global")
            ? Ipam.GLOBAL_ADDRESS_SPACE
            : Ipam.LOCAL_ADDRESS_SPACE;
    List<NetworkIpam.Allocation> pools =
        driver.usesIpam() ? NetworkIpam.allocate(ipam, space, name, ipamConfig) : List.of();
    String id = givenId != null ? givenId : random.hex(64);
    try {
      driver.createNetwork(
          id,
          new NetworkOptions(options, internal),
          pools.stream().map(a -> new IpamData(space, a.pool().subnet(), a.gateway())).toList());
    } catch (RuntimeException e) {
      NetworkIpam.release(ipam, pools);
      throw e;
    }
    Network n =
        new Network(
            id,
            name,
            driver,
            clock.nowNanos(),
            pools,
            predefined,
            internal,
            attachable,
            labels,
            options);
    n.configured =
        !ipamConfig.isEmpty()
                && ipamConfig.get(0).subnet() != null
                && !ipamConfig.get(0).subnet().isEmpty()
            ? List.copyOf(ipamConfig)
            : null;
    networks.put(n.id, n);
    if (!predefined) {
      events.emit("network", "create", n.id, Map.of("name", n.name, "type", n.driver()));
    }
    return n;
  }

  void remove(String idOrName) {
    changed.run();
    Network n = find(idOrName);
    if (n.predefined) {
      throw new EngineException(403, n.name + " is a pre-defined network and cannot be removed");
    }
    LoadBalancerSandbox.removeIfLast(controller, n);
    if (!n.endpoints.isEmpty()) {
      throw new EngineException(
          403,
          "error while removing network: network "
              + n.name
              + " id "
              + n.id
              + " has active endpoints");
    }
    n.driver.deleteNetwork(n.id);
    NetworkIpam.release(ipam, n.pools);
    networks.remove(n.id);
    for (ContainerNetworking a : containers.values()) {
      List<String> aliases = a.networks.remove(n.id);
      if (aliases != null && "swarm".equals(n.scope())) {
        a.unresolved.put(n.name, aliases); // the swarm's to attach again at the next start
      }
    }
    events.emit("network", "destroy", n.id, Map.of("name", n.name, "type", n.driver()));
  }

  private boolean inUse(Network n) {
    if (!n.endpoints.isEmpty()) {
      return true;
    }
    for (ContainerNetworking a : containers.values()) {
      if (a.networks.containsKey(n.id)) {
        return true;
      }
    }
    return false;
  }

  NetworkPruneResponse prune(Map<String, List<String>> filters) {
    dev.ddlab.sim.filters.PruneFilters.validate(
        filters, dev.ddlab.sim.filters.PruneFilters.UNTIL_AND_LABELS);
    long until = dev.ddlab.sim.filters.PruneFilters.until(filters, clock.nowNanos());
    List<String> deleted = new ArrayList<>();
    for (Network n : new ArrayList<>(networks.values())) {
      if (!n.predefined
          && n.endpoints.isEmpty()
          && n.createdNanos <= until
          && dev.ddlab.sim.filters.PruneFilters.labelsAllow(filters, n.labels)) {
        remove(n.id);
        deleted.add(n.name);
      }
    }
    return new NetworkPruneResponse(deleted);
  }

  /**
   * {@code docker_gwbridge}, made on first need (a bridge without inter-container traffic,
   * masqueraded, on the next free local pool as dockerd's): by the first sandbox on an overlay
   * network, or by the swarm agent when the node joins a swarm (its ingress sandbox's way out).
   */
  Network gatewayBridge() {
    return lookup(NetworkController.GATEWAY_BRIDGE)
        .orElseGet(
            () -> {
              Map<String, String> options = new LinkedHashMap<>();
              options.put(BridgeDriver.BRIDGE_NAME, NetworkController.GATEWAY_BRIDGE);
              options.put("com.docker.network.bridge.enable_icc", "false");
              options.put("com.docker.network.bridge.enable_ip_masquerade", "true");
              return newNetwork(
                  null,
                  NetworkController.GATEWAY_BRIDGE,
                  BridgeDriver.TYPE,
                  false,
                  List.of(),
                  false,
                  false,
                  Map.of(),
                  options);
            });
  }
}

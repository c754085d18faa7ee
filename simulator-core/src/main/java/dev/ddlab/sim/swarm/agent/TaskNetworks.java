package dev.ddlab.sim.swarm.agent;

import dev.ddlab.engine.EngineException;
import dev.ddlab.engine.dto.EndpointSettings;
import dev.ddlab.engine.dto.Ipam;
import dev.ddlab.engine.dto.NetworkCreateRequest;
import dev.ddlab.engine.dto.swarm.Driver;
import dev.ddlab.engine.dto.swarm.NetworkAttachment;
import dev.ddlab.engine.dto.swarm.SwarmNetwork;
import dev.ddlab.sim.network.LoadBalancerSandbox;
import dev.ddlab.sim.network.Network;
import dev.ddlab.sim.network.NetworkController;
import dev.ddlab.sim.swarm.SwarmNetworks;
import java.util.List;
import java.util.Map;

/**
 * The executor's network side on one node (moby's {@code daemon/cluster/executor/container}: the
 * adapter's {@code createNetworks} and {@code removeNetworks}, {@code getEndpointConfig}): a task's
 * networks are made on this node when a task needs them, from what the allocator wrote into the
 * network objects (subnet, gateway, the VXLAN ID option), through the node's libnetwork controller
 * ({@link NetworkController#createSwarmNetwork}); the task's container asks for the address the
 * allocator gave it on each; a network no local container uses any more goes away again (the
 * ingress network stays: every swarm node has its ingress sandbox).
 */
final class TaskNetworks {
  private final NetworkController controller;

  TaskNetworks(NetworkController controller) {
    this.controller = controller;
  }

  /** What dockerd's createNetwork(…, agent=true) gets for a swarm network object. */
  static NetworkCreateRequest request(SwarmNetwork n) {
    Driver driver = SwarmNetworks.driver(n);
    return new NetworkCreateRequest(
        n.spec().name(),
        driver == null || driver.name() == null ? "overlay" : driver.name(),
        n.spec().internal(),
        n.spec().attachable(),
        n.spec().ingress(),
        new Ipam("default", null, SwarmNetworks.ipamConfig(n)),
        n.spec().ipv6Enabled(),
        driver == null || driver.options() == null ? Map.of() : driver.options(),
        n.spec().labels() == null ? Map.of() : n.spec().labels());
  }

  /**
   * Makes the task's networks on this node (known ones stay as they are), each with its
   * load-balancer sandbox when the node's address on it is in {@code loadBalancers} (network ID →
   * address).
   */
  void create(List<NetworkAttachment> attachments, Map<String, String> loadBalancers) {
    for (NetworkAttachment a : attachments) {
      controller.createSwarmNetwork(a.network().id(), request(a.network()));
      loadBalancer(a.network().id(), loadBalancers);
    }
  }

  /**
   * Network {@code id}'s load-balancer sandbox here, once the node's address on it has come (moby's
   * createNetwork takes it from the node's attachments; ingress has its ingress sandbox).
   */
  void loadBalancer(String id, Map<String, String> loadBalancers) {
    String address = loadBalancers.get(id);
    if (address != null) {
      LoadBalancerSandbox.ensure(controller, id, address);
    }
  }

  /** The endpoint a task's container asks for on one of its networks: the allocator's address. */
  static EndpointSettings endpoint(NetworkAttachment a) {
    return EndpointSettings.request(
        a.addresses() == null || a.addresses().isEmpty() ? null : bare(a.addresses().get(0)), null);
  }

  /** An address without its prefix length ("10.0.1.3/24" → "10.0.1.3"); null stays null. */
  static String bare(String cidr) {
    if (cidr == null) {
      return null;
    }
    int slash = cidr.indexOf('/');
    return slash < 0 ? cidr : cidr.substring(0, slash);
  }

  /** Removes the task's networks from this node where no container is on them any more. */
  void release(List<NetworkAttachment> attachments) {
    for (NetworkAttachment a : attachments) {
      if (a.network().spec() != null && a.network().spec().ingress()) {
        continue;
      }
      Network n = controller.lookup(a.network().id()).orElse(null);
      if (n == null || !"swarm".equals(n.scope())) {
        continue;
      }
      try {
        controller.remove(n.id());
      } catch (EngineException inUse) {
        // another task's container is still on it
      }
    }
  }
}

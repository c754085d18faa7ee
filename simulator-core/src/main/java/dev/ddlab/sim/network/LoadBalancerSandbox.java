package dev.ddlab.sim.network;

import java.util.Map;
import java.util.Set;

/**
 * libnetwork's load-balancer sandbox of a swarm network on one node ({@code
 * createLoadBalancerSandbox}, Docker 18.09 and later): sandbox {@code lb-NET} with endpoint {@code
 * NET-endpoint} at the address the swarm allocator gave the node on that network (its node
 * attachment), made when the node has the network for a task or a standalone container and its
 * address has come; {@code network inspect} lists it under Containers by the sandbox's name. It
 * joins no docker_gwbridge and makes no container events. (The ingress network's is the ingress
 * sandbox, {@link IngressRouting}.) It balances the network's VIPs on this node ({@link
 * ServiceLoadBalancer}): containers' packets to a VIP reach it and it SNATs them to its address.
 */
public final class LoadBalancerSandbox {
  /** The prefix of a load-balancer sandbox's name, which stands for its container ID here. */
  static final String PREFIX = "lb-";

  private LoadBalancerSandbox() {}

  /** Whether {@code containerId} is libnetwork's own sandbox (ingress or a load balancer). */
  public static boolean isOwn(String containerId) {
    return containerId.equals(IngressRouting.SANDBOX) || containerId.startsWith(PREFIX);
  }

  /**
   * Network {@code networkId}'s load-balancer sandbox on this node at {@code address} ("10.0.1.5"
   * or "10.0.1.5/24"), made once; nothing when the node does not have the network.
   */
  public static void ensure(NetworkController controller, String networkId, String address) {
    Network n = controller.lookup(networkId).orElse(null);
    if (n == null || !n.id.equals(networkId)) {
      return;
    }
    String id = PREFIX + n.name;
    if (controller.sandbox(id) != null) {
      return;
    }
    int slash = address.indexOf('/');
    String ip = slash < 0 ? address : address.substring(0, slash);
    controller.register(
        id,
        n.name + "-endpoint",
        "",
        n.name,
        Map.of(),
        Map.of(n.name, ip),
        Map.of(),
        false,
        Set.of());
    controller.start(id, null);
  }

  /**
   * Before network {@code n} is deleted: its load-balancer sandbox goes when it is the network's
   * last endpoint (libnetwork's {@code deleteLoadBalancerSandbox}).
   */
  static void removeIfLast(NetworkController controller, Network n) {
    String id = PREFIX + n.name;
    if (n.endpoints.size() == 1 && n.endpoints.containsKey(id)) {
      controller.unregister(id);
    }
  }
}

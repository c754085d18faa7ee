package dev.ddlab.sim.network;

import dev.ddlab.sim.network.dataplane.Ipvs;
import dev.ddlab.sim.network.dataplane.Netfilter.Rule;
import dev.ddlab.sim.network.dataplane.Netns;
import dev.ddlab.sim.network.types.Ipv4;
import dev.ddlab.sim.network.types.Subnet;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * A swarm service's virtual IP balanced in the load-balancer sandbox of its network on each node
 * (libnetwork's {@code service_linux.go} since Docker 18.09: {@code addLBBackend} programs an IPVS
 * service per VIP, marked by iptables' mangle table, in the sandbox {@code lb-NET}, scheduled round
 * robin over the service's tasks on that network, in NAT mode, with {@code -m ipvs --ipvs -d SUBNET
 * -j SNAT --to-source} its own address). A container's packets to a VIP reach its node's {@code
 * lb-NET} (the VIP answers ARP there, as the alias Docker gives the load balancer's interface),
 * whose IPVS gives a new flow the next task, asked from the control plane (the swarm's service
 * records), and SNATs it: the task sees the load balancer's address, and its reply comes back
 * through the same sandbox, which turns it into the VIP's. A connection stays on the task it was
 * given (connection tracking); a task gone from the records (scaled down, stopped) gets no new
 * connection. An ICMP echo to the VIP is answered by the load balancer itself.
 */
final class ServiceLoadBalancer {
  private BiFunction<String, String, List<String>> backends = (network, vip) -> null;

  /**
   * Where the real servers come from: {@code lookup} takes a network ID and an address and gives
   * the addresses of the tasks of the service whose VIP that is (empty when none runs), or null
   * when the address is no service's VIP.
   */
  void backends(BiFunction<String, String, List<String>> lookup) {
    backends = lookup;
  }

  /**
   * A sandbox joined a swarm-scoped network: a load-balancer sandbox ({@code lb-NET}) forwards,
   * balances the network's VIPs and SNATs what it balanced to its address there; a container's
   * sandbox has nothing to do (its packets to a VIP go to the load balancer).
   */
  void joined(String containerId, Sandbox sandbox, Endpoint endpoint) {
    if (!containerId.startsWith(LoadBalancerSandbox.PREFIX)) {
      return;
    }
    Netns ns = sandbox.netns();
    ns.forwarding(true);
    snatBalanced(ns, endpoint);
    if (ns.ipvs() == null) {
      ns.ipvs(new Ipvs(new Table(sandbox)));
    }
  }

  /**
   * libnetwork's SNAT of what IPVS balanced ({@code -d SUBNET -m ipvs --ipvs -j SNAT --to-source
   * ADDRESS}): the real server answers the load balancer, which undoes its NAT. The ingress sandbox
   * and the load-balancer sandboxes both have it.
   */
  static void snatBalanced(Netns ns, Endpoint endpoint) {
    ns.netfilter()
        .append(
            "nat",
            "POSTROUTING",
            Rule.jump("SNAT")
                .dst(new Subnet(endpoint.ip(), endpoint.prefix()), false)
                .ipvs()
                .toSource(Ipv4.format(endpoint.ip()))
                .build());
  }

  /** The VIPs of the sandbox's swarm networks, asked when a flow starts. */
  private final class Table implements Ipvs.Services {
    private final Sandbox sandbox;

    Table(Sandbox sandbox) {
      this.sandbox = sandbox;
    }

    @Override
    public Ipvs.Virtual service(int proto, int dst, int dport) {
      List<String> reals = realServers(dst);
      if (reals == null) {
        return null;
      }
      List<Integer> out = new ArrayList<>(reals.size());
      for (String r : reals) {
        out.add(Ipv4.parse(r));
      }
      return new Ipvs.Virtual(dst, out);
    }

    @Override
    public boolean isVirtual(int ip) {
      List<String> reals = realServers(ip);
      return reals != null && !reals.isEmpty();
    }

    private List<String> realServers(int ip) {
      for (Endpoint e : sandbox.endpoints()) {
        Network n = e.network();
        if ("swarm".equals(n.scope()) && n.contains(ip)) {
          List<String> reals = backends.apply(n.id(), Ipv4.format(ip));
          if (reals != null) {
            return reals;
          }
        }
      }
      return null;
    }
  }
}

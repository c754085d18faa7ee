package dev.ddlab.sim.network;

import dev.ddlab.sim.network.dataplane.Ipvs;
import dev.ddlab.sim.network.types.Ipv4;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * A swarm service's virtual IP answering in the sandboxes of its networks (libnetwork's {@code
 * service_linux.go}: an IPVS service per VIP, marked by iptables' mangle table, scheduled round
 * robin over the service's tasks on that network, in NAT mode). Every sandbox with an endpoint on a
 * swarm-scoped network gets an {@link Ipvs} whose virtual services are that network's VIPs and
 * whose real servers are the addresses of the service's running tasks there, asked from the control
 * plane (the swarm's service records) at each new connection; a TCP connection stays on the task it
 * was given (connection tracking), the next goes to the next task; a task gone from the records
 * (scaled down, stopped) gets no new connection. An ICMP echo to the VIP is answered in the
 * sandbox, as the load balancer holding the VIP answers it on Docker.
 *
 * <p>Docker 24 keeps this table in one load-balancer sandbox per network and node ({@code lb-NET},
 * endpoint {@code NET-endpoint}, with an address of its own and the VIPs as aliases); here it sits
 * in each container's sandbox, as Docker before 18.09 had it: the VIP, the round robin and the
 * replies from the VIP are the same, the backend sees the client's own address (Docker 24: the load
 * balancer's), and no address of the network is spent on a load balancer.
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

  /** A sandbox joined a swarm-scoped network: its namespace balances the VIPs of its networks. */
  void joined(Sandbox sandbox) {
    if (sandbox.netns().ipvs() == null) {
      sandbox.netns().ipvs(new Ipvs(new Table(sandbox)));
    }
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
        if ("swarm".equals(n.scope()) && n.hasSubnet() && n.subnet().contains(ip)) {
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

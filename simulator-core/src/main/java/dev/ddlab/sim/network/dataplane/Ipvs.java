package dev.ddlab.sim.network.dataplane;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The IP virtual server of one namespace ({@code ip_vs}, as libnetwork programs it for a swarm
 * service): virtual services whose real servers the control plane gives, scheduled round robin
 * ({@code rr}) in NAT mode. The first packet of a TCP or UDP flow that meets a virtual service is
 * given a real server, and the namespace's connection tracking keeps the flow on it (its DNAT,
 * undone on the replies), so one connection stays on one backend and the next one goes to the next.
 * The destination port is kept (libnetwork's services are firewall-mark services, port 0). What is
 * not TCP or UDP is not balanced: an ICMP echo to a virtual address is answered by the namespace
 * itself ({@link Services#isVirtual}), as the load balancer's own address answers ping on Docker.
 *
 * <p>The services are asked at each new flow ({@link Services}), never copied: a replica that goes
 * away leaves the table at once, flows already on it stay until they end.
 */
public final class Ipvs {
  /** Where the virtual services and their real servers come from (the control plane). */
  public interface Services {
    /** The virtual service a new flow of {@code proto} to {@code dst:dport} meets, or null. */
    Virtual service(int proto, int dst, int dport);

    /** Whether {@code ip} is a virtual address this namespace answers ICMP echo for. */
    boolean isVirtual(int ip);
  }

  /**
   * A virtual service: its firewall mark (libnetwork marks a service's packets and IPVS matches the
   * mark, so every port of a VIP is one service) and its real servers, in the order they were
   * added.
   */
  public record Virtual(int mark, List<Integer> realServers) {}

  private final Services services;
  private final Map<Integer, Integer> turns = new HashMap<>();
  private long scheduled;

  public Ipvs(Services services) {
    this.services = services;
  }

  /**
   * The real server for a new flow of {@code proto} to {@code dst:dport}, or 0 when the flow meets
   * no virtual service (or one without real servers): round robin per virtual service (its mark).
   */
  int schedule(int proto, int dst, int dport) {
    if (proto != 6 && proto != 17) {
      return 0;
    }
    Virtual v = services.service(proto, dst, dport);
    if (v == null || v.realServers().isEmpty()) {
      return 0;
    }
    List<Integer> reals = v.realServers();
    int turn = turns.merge(v.mark(), 1, Integer::sum) - 1;
    scheduled++;
    return reals.get(Math.floorMod(turn, reals.size()));
  }

  boolean isVirtual(int ip) {
    return services.isVirtual(ip);
  }

  /** Connections given a real server so far. */
  public long scheduled() {
    return scheduled;
  }
}

package dev.ddlab.sim.network;

import dev.ddlab.engine.dto.NetworkCreateRequest;
import dev.ddlab.sim.network.dataplane.Ipvs;
import dev.ddlab.sim.network.dataplane.Netfilter;
import dev.ddlab.sim.network.dataplane.Netfilter.Rule;
import dev.ddlab.sim.network.dataplane.Netns;
import dev.ddlab.sim.network.types.Ipv4;
import dev.ddlab.sim.network.types.Subnet;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * The routing mesh of one node (libnetwork's {@code service_linux.go}: {@code programIngress},
 * {@code fwMarker}, {@code redirector}): a port a swarm service publishes in ingress mode answers
 * on every node, whether a replica runs there or not.
 *
 * <ul>
 *   <li>The host: nat chain {@code DOCKER-INGRESS} (jumped to from PREROUTING and OUTPUT for local
 *       destinations) DNATs the published port to the ingress sandbox's address on {@code
 *       docker_gwbridge} (172.18.0.2 on a fresh node); filter chain {@code DOCKER-INGRESS} (second
 *       in FORWARD, after DOCKER-USER) accepts the port and its replies; POSTROUTING masquerades
 *       what the host itself sends to {@code docker_gwbridge} (a request to {@code localhost}).
 *   <li>The ingress sandbox ({@code ingress-sbox}, endpoint {@code ingress-endpoint} on the ingress
 *       network and {@code gateway_ingress-sbox} on docker_gwbridge): its IPVS takes a new
 *       connection to a published port and gives it the next task of the service that publishes it
 *       (its address on the ingress network, the port kept), and SNATs it to its own ingress
 *       address ({@code -m ipvs --ipvs -d SUBNET -j SNAT}), so the reply comes back the same way,
 *       over VXLAN when the task runs on another node.
 *   <li>The task's sandbox: {@code -A PREROUTING -d ITS_INGRESS_IP -p tcp --dport PUBLISHED -j
 *       REDIRECT --to-ports TARGET}.
 * </ul>
 *
 * The published ports and the tasks behind them come from the control plane (the swarm's service
 * records), asked when a connection starts; the host's rules follow them ({@link #refresh}).
 */
public final class IngressRouting {
  /** The pseudo-container whose sandbox is the ingress sandbox (Docker's sandbox name). */
  public static final String SANDBOX = "ingress-sbox";

  static final String CHAIN = "DOCKER-INGRESS";

  /** A port published in ingress mode: protocol ("tcp", "udp"), published port, target port. */
  public record PublishedPort(String protocol, int published, int target) {}

  private final NetworkController controller;
  private Supplier<List<PublishedPort>> ports = List::of;
  private BiFunction<String, Integer, List<String>> backends = (proto, port) -> List.of();
  private final Set<PublishedPort> programmed = new LinkedHashSet<>();
  private Sandbox sandbox;
  private boolean chains;

  IngressRouting(NetworkController controller) {
    this.controller = controller;
  }

  /**
   * Where the control plane's published ports ({@code ports}) and the ingress addresses of the
   * tasks behind one ({@code backends}: protocol and published port) come from.
   */
  public void source(
      Supplier<List<PublishedPort>> ports, BiFunction<String, Integer, List<String>> backends) {
    this.ports = ports;
    this.backends = backends;
  }

  Sandbox sandbox() {
    return sandbox;
  }

  /**
   * The node's ingress sandbox (moby's {@code SetupIngress}, done when the node's agent learns the
   * ingress network and its address on it): the ingress network made here, {@code ingress-sbox} on
   * it at {@code address} ("10.0.0.2/24") and on docker_gwbridge, with its IPVS; then the host's
   * DOCKER-INGRESS rules for what is published already. Done once.
   */
  public void createSandbox(String networkId, NetworkCreateRequest request, String address) {
    if (sandbox != null) {
      return;
    }
    Network n = controller.createSwarmNetwork(networkId, request);
    int slash = address.indexOf('/');
    String ip = slash < 0 ? address : address.substring(0, slash);
    controller.register(
        SANDBOX, SANDBOX, "", n.name(), Map.of(), Map.of(n.name(), ip), Map.of(), false, Set.of());
    controller.start(SANDBOX, null);
    program(controller.sandbox(SANDBOX), n);
    refresh();
  }

  /** The ingress sandbox joined its networks: its IPVS and SNAT go in. */
  private void program(Sandbox sb, Network ingress) {
    this.sandbox = sb;
    Netns ns = sb.netns();
    ns.forwarding(true);
    ServiceLoadBalancer.snatBalanced(ns, sb.endpoint(ingress.id()));
    ns.ipvs(
        new Ipvs(
            new Ipvs.Services() {
              @Override
              public Ipvs.Virtual service(int proto, int dst, int dport) {
                String p = proto == 6 ? "tcp" : "udp";
                if (!ns.isLocal(dst) || !isPublished(p, dport)) {
                  return null;
                }
                List<Integer> reals = new ArrayList<>();
                for (String ip : backends.apply(p, dport)) {
                  reals.add(Ipv4.parse(ip));
                }
                // one firewall mark per published port here (Docker: per service)
                return new Ipvs.Virtual(proto << 16 | dport, reals);
              }

              @Override
              public boolean isVirtual(int ip) {
                return false;
              }
            }));
  }

  private boolean isPublished(String proto, int port) {
    for (PublishedPort p : ports.get()) {
      if (p.protocol().equals(proto) && p.published() == port) {
        return true;
      }
    }
    return false;
  }

  /**
   * Brings the host's DOCKER-INGRESS rules in line with the published ports (none before the
   * ingress sandbox exists): a port newly published gets its DNAT and accepts, one no longer
   * published loses them.
   */
  public void refresh() {
    if (sandbox == null) {
      return;
    }
    Netfilter host = controller.stack().host().netfilter();
    Set<PublishedPort> want = new LinkedHashSet<>();
    for (PublishedPort p : ports.get()) {
      want.add(new PublishedPort(p.protocol(), p.published(), 0));
    }
    if (!want.isEmpty() && !chains) {
      installChains(host);
    }
    for (PublishedPort p : List.copyOf(programmed)) {
      if (!want.contains(p)) {
        unprogram(host, p);
      }
    }
    int gw = gatewayAddress();
    for (PublishedPort p : want) {
      if (programmed.add(p)) {
        // programIngress inserts each rule at the top of its chain
        host.insert(
            "nat",
            CHAIN,
            1,
            Rule.jump("DNAT")
                .proto(p.protocol())
                .dport(p.published())
                .toDestination(Ipv4.format(gw) + ":" + p.published())
                .build());
        host.insert(
            "filter",
            CHAIN,
            1,
            Rule.jump("ACCEPT")
                .proto(p.protocol())
                .stateEstablished()
                .sport(p.published())
                .build());
        host.insert(
            "filter",
            CHAIN,
            1,
            Rule.jump("ACCEPT").proto(p.protocol()).dport(p.published()).build());
      }
    }
  }

  /** A port no longer published: its DNAT and accepts go. */
  private void unprogram(Netfilter host, PublishedPort p) {
    programmed.remove(p);
    String port = p.protocol() + " dpt:" + p.published();
    String spt = p.protocol() + " spt:" + p.published();
    host.delete("nat", CHAIN, r -> r.extra().startsWith(port + " "));
    host.delete("filter", CHAIN, r -> r.extra().equals(port) || r.extra().endsWith(spt));
  }

  /**
   * The node leaves the swarm: the host's rules for the published ports go (the chains stay, as
   * dockerd leaves them) and so does the ingress sandbox, so the ingress network can go too.
   */
  public void removeSandbox() {
    if (sandbox == null) {
      return;
    }
    Netfilter host = controller.stack().host().netfilter();
    for (PublishedPort p : List.copyOf(programmed)) {
      unprogram(host, p);
    }
    sandbox = null;
    controller.unregister(SANDBOX);
  }

  /** The ingress sandbox's address on docker_gwbridge. */
  private int gatewayAddress() {
    for (Endpoint e : sandbox.endpoints()) {
      if (e.network().name().equals(NetworkController.GATEWAY_BRIDGE)) {
        return e.ip();
      }
    }
    return 0;
  }

  /** The chains and jumps programIngress makes once. */
  private void installChains(Netfilter host) {
    chains = true;
    host.ensureChain("nat", CHAIN);
    host.append("nat", CHAIN, Rule.jump("RETURN").build());
    host.ensureChain("filter", CHAIN);
    host.append("filter", CHAIN, Rule.jump("RETURN").build());
    host.insert("nat", "OUTPUT", 1, Rule.jump(CHAIN).dstLocal().build());
    host.insert("nat", "PREROUTING", 1, Rule.jump(CHAIN).dstLocal().build());
    // arrangeIngressFilterRule: DOCKER-USER first, then DOCKER-INGRESS
    boolean user =
        !host.chain("filter", "FORWARD").rules().isEmpty()
            && host.chain("filter", "FORWARD").rules().get(0).target().equals("DOCKER-USER");
    host.insert("filter", "FORWARD", user ? 2 : 1, Rule.jump(CHAIN).build());
    host.insert(
        "nat",
        "POSTROUTING",
        1,
        Rule.jump("MASQUERADE").srcLocal().out(NetworkController.GATEWAY_BRIDGE, false).build());
  }

  /**
   * A task's running container publishes {@code published} in ingress mode: its sandbox redirects
   * each port on its ingress address to the target port (libnetwork's redirector).
   */
  public void redirect(String containerId, String ingressId, List<PublishedPort> published) {
    Sandbox task = controller.sandbox(containerId);
    Endpoint ep = task == null ? null : task.endpoint(ingressId);
    if (ep == null || published.isEmpty()) {
      return;
    }
    Netfilter nf = task.netns().enableNat();
    for (PublishedPort p : published) {
      nf.append(
          "nat",
          "PREROUTING",
          Rule.jump("REDIRECT")
              .dst(new Subnet(ep.ip(), 32), false)
              .proto(p.protocol())
              .dport(p.published())
              .toPorts(p.target())
              .build());
    }
  }
}

package dev.ddlab.sim.network.drivers;

import dev.ddlab.sim.network.dataplane.Netfilter;
import dev.ddlab.sim.network.dataplane.Netfilter.Rule;
import dev.ddlab.sim.network.types.Ipv4;
import dev.ddlab.sim.network.types.Subnet;

/**
 * The iptables rules the bridge driver installs ({@code drivers/bridge/setup_ip_tables.go}, {@code
 * iptables/iptables.go}, the port mapper's {@code forward} rules): the DOCKER chains and their
 * jumps once, per bridge network masquerading, the FORWARD accepts and the isolation between
 * bridges (or, for {@code --internal}, the drops that keep it off everything else), and per
 * published port DNAT, the DOCKER accept and the hairpin MASQUERADE.
 */
final class BridgeIptables {
  private final Netfilter nf;

  BridgeIptables(Netfilter nf) {
    this.nf = nf;
    nf.ensureChain("nat", "DOCKER");
    nf.append("nat", "PREROUTING", Rule.jump("DOCKER").dstLocal().build());
    nf.append(
        "nat",
        "OUTPUT",
        Rule.jump("DOCKER").dst(Subnet.parse("127.0.0.0/8"), true).dstLocal().build());
    nf.ensureChain("filter", "DOCKER");
    nf.ensureChain("filter", "DOCKER-ISOLATION-STAGE-1");
    nf.ensureChain("filter", "DOCKER-ISOLATION-STAGE-2");
    nf.ensureChain("filter", "DOCKER-USER");
    nf.policy("filter", "FORWARD", "DROP");
    nf.append("filter", "FORWARD", Rule.jump("DOCKER-USER").build());
    nf.append("filter", "FORWARD", Rule.jump("DOCKER-ISOLATION-STAGE-1").build());
    nf.append("filter", "DOCKER-ISOLATION-STAGE-1", Rule.jump("RETURN").build());
    nf.append("filter", "DOCKER-ISOLATION-STAGE-2", Rule.jump("RETURN").build());
    nf.append("filter", "DOCKER-USER", Rule.jump("RETURN").build());
  }

  /**
   * A bridge network's rules; newer bridges' rules come before older ones, as dockerd inserts.
   * Without inter-container communication ({@code enable_icc=false}, docker_gwbridge's) the rule
   * between the bridge's own ports drops instead of accepting (libnetwork's setupIPTablesInternal).
   */
  void addNetwork(String br, Subnet subnet, boolean internal, boolean icc) {
    String between = icc ? "ACCEPT" : "DROP";
    if (internal) {
      nf.insert(
          "filter",
          "DOCKER-ISOLATION-STAGE-1",
          1,
          Rule.jump("DROP").src(subnet, true).out(br, false).build());
      nf.insert(
          "filter",
          "DOCKER-ISOLATION-STAGE-1",
          1,
          Rule.jump("DROP").dst(subnet, true).in(br, false).build());
      nf.insert("filter", "FORWARD", 3, Rule.jump(between).in(br, false).out(br, false).build());
      return;
    }
    nf.insert(
        "nat", "POSTROUTING", 1, Rule.jump("MASQUERADE").src(subnet, false).out(br, true).build());
    nf.insert("nat", "DOCKER", 1, Rule.jump("RETURN").in(br, false).build());
    nf.insert("filter", "FORWARD", 3, Rule.jump(between).in(br, false).out(br, false).build());
    nf.insert("filter", "FORWARD", 3, Rule.jump("ACCEPT").in(br, false).out(br, true).build());
    nf.insert("filter", "FORWARD", 3, Rule.jump("DOCKER").out(br, false).build());
    nf.insert("filter", "FORWARD", 3, Rule.jump("ACCEPT").out(br, false).established().build());
    nf.insert(
        "filter",
        "DOCKER-ISOLATION-STAGE-1",
        1,
        Rule.jump("DOCKER-ISOLATION-STAGE-2").in(br, false).out(br, true).build());
    nf.insert("filter", "DOCKER-ISOLATION-STAGE-2", 1, Rule.jump("DROP").out(br, false).build());
  }

  void removeNetwork(String br) {
    for (String[] tc :
        new String[][] {
          {"nat", "POSTROUTING"},
          {"nat", "DOCKER"},
          {"filter", "FORWARD"},
          {"filter", "DOCKER-ISOLATION-STAGE-1"},
          {"filter", "DOCKER-ISOLATION-STAGE-2"}
        }) {
      nf.delete(
          tc[0],
          tc[1],
          r ->
              r.in().equals(br)
                  || r.out().equals(br)
                  || r.in().equals("!" + br)
                  || r.out().equals("!" + br));
    }
  }

  /** A published port: DNAT from the host port, the accept, the hairpin masquerade. */
  void addPort(String br, String hostIp, int hostPort, String proto, int ip, int port) {
    String c = Ipv4.format(ip);
    Netfilter.Builder dnat =
        Rule.jump("DNAT").proto(proto).in(br, true).dport(hostPort).toDestination(c + ":" + port);
    if (!hostIp.equals("0.0.0.0") && Ipv4.isAddress(hostIp)) {
      dnat.dst(new Subnet(Ipv4.parse(hostIp), 32), false);
    }
    nf.append("nat", "DOCKER", dnat.build());
    nf.append(
        "filter",
        "DOCKER",
        Rule.jump("ACCEPT")
            .proto(proto)
            .dst(new Subnet(ip, 32), false)
            .in(br, true)
            .out(br, false)
            .dport(port)
            .build());
    nf.append(
        "nat",
        "POSTROUTING",
        Rule.jump("MASQUERADE")
            .proto(proto)
            .src(new Subnet(ip, 32), false)
            .dst(new Subnet(ip, 32), false)
            .dport(port)
            .build());
  }

  void removePort(String proto, int ip, int port) {
    Subnet host = new Subnet(ip, 32);
    String to = Ipv4.format(ip) + ":" + port;
    nf.delete("nat", "DOCKER", r -> r.extra().endsWith("to:" + to));
    nf.delete(
        "filter",
        "DOCKER",
        r -> r.destination().equals(host.toString()) && r.extra().equals(proto + " dpt:" + port));
    nf.delete(
        "nat",
        "POSTROUTING",
        r -> r.source().equals(host.toString()) && r.extra().equals(proto + " dpt:" + port));
  }
}

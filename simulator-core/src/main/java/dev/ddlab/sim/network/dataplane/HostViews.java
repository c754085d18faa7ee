package dev.ddlab.sim.network.dataplane;

import dev.ddlab.sim.network.dataplane.frame.Mac;
import dev.ddlab.sim.network.types.Ipv4;
import dev.ddlab.sim.network.types.Subnet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the host's network tools print about a {@link NetStack}, in the words of Ubuntu 22.04's
 * iproute2, bridge-utils, iptables 1.8.7 and ss (checked against the real tools on a bridge, a veth
 * and Docker's rules in network namespaces: src/test/resources/hostviews). Links made by dockerd
 * (bridges, veths) have no {@code qlen}, as netlink leaves them; containers have no IPv6 (Docker
 * disables it there).
 */
public final class HostViews {
  private HostViews() {}

  // ---- ip link / ip addr ----------------------------------------------------------------------

  /** {@code ip link} ({@code addresses}: {@code ip addr}) of one namespace. */
  public static String ipLink(NetStack stack, Netns ns, boolean addresses) {
    StringBuilder b = new StringBuilder();
    List<NetDevice> devices = new ArrayList<>(ns.devices());
    devices.sort(Comparator.comparingInt(NetDevice::index));
    for (NetDevice d : devices) {
      b.append(d.index()).append(": ").append(linkName(d)).append(": <").append(flags(d));
      b.append("> mtu ").append(d instanceof NetDevice.Loopback ? 65536 : d.mtu());
      b.append(" qdisc ").append(qdisc(d));
      if (d.master() != null) {
        b.append(" master ").append(d.master().name());
      }
      b.append(" state ").append(state(d));
      if (!addresses) {
        b.append(" mode DEFAULT");
      }
      b.append(" group default ");
      if (!dockerMade(d)) {
        b.append("qlen 1000");
      }
      b.append('\n');
      if (d instanceof NetDevice.Loopback) {
        b.append("    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n");
      } else {
        b.append("    link/ether ").append(Mac.format(d.mac())).append(" brd ff:ff:ff:ff:ff:ff");
        NetDevice peer = d.peer();
        if (peer != null && peer.netns() != null) {
          b.append(" link-netnsid ").append(netnsId(stack, ns, peer.netns()));
        }
        b.append('\n');
      }
      if (!addresses) {
        continue;
      }
      for (NetDevice.Address a : d.addresses()) {
        b.append("    inet ").append(Ipv4.format(a.ip())).append('/').append(a.prefix());
        if (a.prefix() < 31 && !(d instanceof NetDevice.Loopback)) {
          b.append(" brd ").append(Ipv4.format(a.ip() | ~Ipv4.mask(a.prefix())));
        }
        b.append(d instanceof NetDevice.Loopback ? " scope host " : " scope global ");
        b.append(d.name()).append('\n');
        b.append("       valid_lft forever preferred_lft forever\n");
      }
      if (ns.isHost()) {
        if (d instanceof NetDevice.Loopback) {
          b.append("    inet6 ::1/128 scope host \n");
          b.append("       valid_lft forever preferred_lft forever\n");
        } else if (carrier(d)) {
          b.append("    inet6 ").append(linkLocal(d.mac())).append("/64 scope link \n");
          b.append("       valid_lft forever preferred_lft forever\n");
        }
      }
    }
    return b.toString();
  }

  private static String linkName(NetDevice d) {
    NetDevice peer = d.peer();
    if (peer != null) {
      return d.name() + "@if" + peer.index();
    }
    NetDevice parent = d.parent();
    if (parent != null) {
      return d.name() + "@" + (parent.netns() == d.netns() ? parent.name() : "if" + parent.index());
    }
    return d.name();
  }

  /** The namespace id {@code from} gives {@code other}: the host is 0 seen from a container. */
  private static int netnsId(NetStack stack, Netns from, Netns other) {
    if (other.isHost()) {
      return 0;
    }
    return stack.namespaces().indexOf(other);
  }

  private static boolean dockerMade(NetDevice d) {
    return d instanceof Bridge || d instanceof NetDevice.Veth || d instanceof NetDevice.Macvlan;
  }

  /** A bridge has carrier while one of its ports is up; other links while they are up. */
  private static boolean carrier(NetDevice d) {
    if (d instanceof Bridge br) {
      return br.ports().stream().anyMatch(NetDevice::up);
    }
    return d.up();
  }

  private static String flags(NetDevice d) {
    if (d instanceof NetDevice.Loopback) {
      return "LOOPBACK,UP,LOWER_UP";
    }
    String kind = d instanceof NetDevice.Dummy ? "BROADCAST,NOARP" : "BROADCAST,MULTICAST";
    if (!d.up()) {
      return kind;
    }
    return carrier(d) ? kind + ",UP,LOWER_UP" : "NO-CARRIER," + kind + ",UP";
  }

  private static String qdisc(NetDevice d) {
    if (!d.up()) {
      return "noop";
    }
    return d instanceof NetDevice.Ether ? "fq_codel" : "noqueue";
  }

  private static String state(NetDevice d) {
    if (d instanceof NetDevice.Loopback || d instanceof NetDevice.Dummy) {
      return d.up() ? "UNKNOWN" : "DOWN";
    }
    return d.up() && carrier(d) ? "UP" : d.up() ? "DOWN" : "DOWN";
  }

  /** The EUI-64 link-local address the kernel gives an interface with this MAC. */
  static String linkLocal(long mac) {
    int[] o = new int[6];
    for (int i = 0; i < 6; i++) {
      o[i] = (int) ((mac >>> (40 - 8 * i)) & 0xff);
    }
    int[] g = {
      ((o[0] ^ 0x02) << 8) | o[1], (o[2] << 8) | 0xff, (0xfe << 8) | o[3], (o[4] << 8) | o[5]
    };
    StringBuilder b = new StringBuilder("fe80:");
    for (int x : g) {
      b.append(':').append(Integer.toHexString(x));
    }
    return b.toString();
  }

  // ---- ip route / ip neigh --------------------------------------------------------------------

  /** {@code ip route}: the default first, then by destination. */
  public static String ipRoute(Netns ns) {
    List<Route> routes = new ArrayList<>(ns.routes());
    routes.sort(
        Comparator.comparing((Route r) -> !r.isDefault())
            .thenComparing(r -> r.destination().address() & 0xffffffffL));
    StringBuilder b = new StringBuilder();
    for (Route r : routes) {
      if (r.device() instanceof NetDevice.Loopback) {
        continue; // 127.0.0.0/8 lives in the local table, which ip route does not list
      }
      if (r.isDefault()) {
        b.append("default");
      } else {
        b.append(subnet(r.destination()));
      }
      if (r.gateway() != 0) {
        b.append(" via ").append(Ipv4.format(r.gateway()));
      }
      b.append(" dev ").append(r.device().name());
      if (r.gateway() == 0) {
        b.append(" proto kernel scope link src ").append(Ipv4.format(r.source()));
      }
      b.append(' ');
      if (!carrier(r.device())) {
        b.append("linkdown ");
      }
      b.append('\n');
    }
    return b.toString();
  }

  private static String subnet(Subnet s) {
    return Ipv4.format(s.address()) + "/" + s.prefix();
  }

  /** {@code ip neigh}. */
  public static String ipNeigh(Netns ns) {
    StringBuilder b = new StringBuilder();
    for (Neighbour n : ns.neighbours()) {
      b.append(Ipv4.format(n.ip())).append(" dev ").append(n.device().name());
      if (n.mac() != 0 && !n.state().equals("FAILED") && !n.state().equals("INCOMPLETE")) {
        b.append(" lladdr ").append(Mac.format(n.mac()));
      }
      b.append(' ').append(n.state()).append(" \n");
    }
    return b.toString();
  }

  // ---- bridge link / brctl show ---------------------------------------------------------------

  /** {@code bridge link}: the ports of every bridge of the host. */
  public static String bridgeLink(NetStack stack) {
    StringBuilder b = new StringBuilder();
    List<NetDevice> devices = new ArrayList<>(stack.host().devices());
    devices.sort(Comparator.comparingInt(NetDevice::index));
    for (NetDevice d : devices) {
      Bridge br = d.master();
      if (br == null) {
        continue;
      }
      b.append(d.index()).append(": ").append(d.name()).append('@').append(br.name());
      b.append(": <").append(flags(d)).append("> mtu ").append(d.mtu());
      b.append(" master ").append(br.name()).append(" state ");
      b.append(d.up() ? "forwarding" : "disabled").append(" priority 32 cost 2 \n");
    }
    return b.toString();
  }

  /** {@code brctl show}. */
  public static String brctlShow(NetStack stack) {
    StringBuilder b = new StringBuilder("bridge name\tbridge id\t\tSTP enabled\tinterfaces\n");
    List<Bridge> bridges = new ArrayList<>();
    for (NetDevice d : stack.host().devices()) {
      if (d instanceof Bridge br) {
        bridges.add(br);
      }
    }
    bridges.sort(Comparator.comparing(NetDevice::name));
    for (Bridge br : bridges) {
      b.append(br.name()).append("\t\t8000.").append(Mac.format(br.mac()).replace(":", ""));
      b.append("\tno\t\t");
      List<String> ports = new ArrayList<>();
      br.ports().forEach(p -> ports.add(p.name()));
      ports.sort(null);
      for (int i = 0; i < ports.size(); i++) {
        b.append(i == 0 ? "" : "\t\t\t\t\t\t\t").append(ports.get(i)).append('\n');
      }
      if (ports.isEmpty()) {
        b.append('\n');
      }
    }
    return b.toString();
  }

  // ---- iptables -------------------------------------------------------------------------------

  /** Well-known ports as /etc/services names them (iptables -L without -n). */
  private static final Map<Integer, String> SERVICES =
      Map.of(22, "ssh", 53, "domain", 80, "http", 443, "https", 8080, "http-alt", 3306, "mysql");

  /**
   * {@code iptables [-t TABLE] -L [CHAIN] [-n] [-v]}; null when the chain does not exist.
   *
   * @param chain one chain, or null for all
   */
  public static String iptablesList(
      Netfilter nf, String table, String chain, boolean numeric, boolean verbose) {
    List<Netfilter.Chain> chains = listed(nf, table);
    StringBuilder b = new StringBuilder();
    boolean any = false;
    for (Netfilter.Chain c : chains) {
      if (chain != null && !c.name().equals(chain)) {
        continue;
      }
      if (any) {
        b.append('\n');
      }
      any = true;
      b.append("Chain ").append(c.name());
      if (c.policy() != null) {
        b.append(" (policy ").append(c.policy());
        if (verbose) {
          b.append(' ')
              .append(num(c.policyPackets()))
              .append(" packets, ")
              .append(num(c.policyBytes()))
              .append(" bytes");
        }
        b.append(")\n");
      } else {
        b.append(" (").append(references(chains, c.name())).append(" references)\n");
      }
      b.append(
          verbose
              ? " pkts bytes target     prot opt in     out     source               destination"
                  + "         \n"
              : "target     prot opt source               destination         \n");
      for (Netfilter.Rule r : c.rules()) {
        if (verbose) {
          b.append(String.format(Locale.ROOT, "%5s %5s ", num(r.packets), num(r.bytes)));
        }
        b.append(String.format(Locale.ROOT, "%-9s  %-5s-- ", r.target, r.proto()));
        if (verbose) {
          b.append(String.format(Locale.ROOT, " %-6s %-6s ", r.in(), r.out()));
        }
        b.append(r.notSrc ? '!' : ' ');
        b.append(String.format(Locale.ROOT, "%-19s ", address(r.src, numeric)));
        b.append(r.notDst ? '!' : ' ');
        b.append(String.format(Locale.ROOT, "%-19s ", address(r.dst, numeric)));
        if (r.srcLocal) {
          b.append(" ADDRTYPE match src-type LOCAL");
        }
        if (r.dstLocal) {
          b.append(" ADDRTYPE match dst-type LOCAL");
        }
        if (r.ctstate != null) {
          b.append(" ctstate ").append(r.ctstate);
        }
        if (r.state != null) {
          b.append(" state ").append(r.state);
        }
        if (r.ipvs) {
          b.append(" ipvs");
        }
        if (r.policy != null) {
          b.append(" policy match dir in pol ").append(r.policy);
        }
        if (r.sport != 0) {
          String port =
              numeric ? Integer.toString(r.sport) : SERVICES.getOrDefault(r.sport, "" + r.sport);
          b.append(' ').append(r.proto).append(" spt:").append(port);
        }
        if (r.dport != 0) {
          String port =
              numeric ? Integer.toString(r.dport) : SERVICES.getOrDefault(r.dport, "" + r.dport);
          b.append(' ').append(r.proto).append(" dpt:").append(port);
        }
        if (r.u32Vni != 0) {
          b.append(" u32 \"").append(Netfilter.Rule.u32(r.u32Vni)).append('"');
        }
        if (r.setXmark != null) {
          b.append(" MARK set ").append(r.setXmark, 0, r.setXmark.indexOf('/'));
        }
        if (r.toDestination != null) {
          b.append(" to:").append(r.toDestination);
        }
        if (r.toSource != null) {
          b.append(" to:").append(r.toSource);
        }
        if (r.toPorts != 0) {
          b.append(" redir ports ").append(r.toPorts);
        }
        b.append('\n');
      }
    }
    return any ? b.toString() : null;
  }

  private static int references(List<Netfilter.Chain> chains, String name) {
    int n = 0;
    for (Netfilter.Chain c : chains) {
      for (Netfilter.Rule r : c.rules()) {
        if (r.target.equals(name)) {
          n++;
        }
      }
    }
    return n;
  }

  private static String address(Subnet s, boolean numeric) {
    if (s == null || s.prefix() == 0) {
      return numeric ? "0.0.0.0/0" : "anywhere";
    }
    return s.prefix() == 32 ? Ipv4.format(s.address()) : subnet(s);
  }

  /** iptables' counters: up to 99999 as they are, then K, M, G. */
  static String num(long n) {
    String[] units = {"", "K", "M", "G", "T"};
    int u = 0;
    while (n > 99999 && u < units.length - 1) {
      n = (n + 500) / 1000;
      u++;
    }
    return n + units[u];
  }

  /** Built-in chains first, then user chains by name (as libiptc keeps them). */
  private static List<Netfilter.Chain> listed(Netfilter nf, String table) {
    List<Netfilter.Chain> builtin = new ArrayList<>();
    List<Netfilter.Chain> user = new ArrayList<>();
    for (Netfilter.Chain c : nf.chains(table)) {
      (c.policy() != null ? builtin : user).add(c);
    }
    user.sort(Comparator.comparing(Netfilter.Chain::name));
    builtin.addAll(user);
    return builtin;
  }

  /** {@code iptables [-t TABLE] -S [CHAIN]}; null when the chain does not exist. */
  public static String iptablesRules(Netfilter nf, String table, String chain) {
    List<Netfilter.Chain> chains = listed(nf, table);
    StringBuilder b = new StringBuilder();
    boolean any = false;
    for (Netfilter.Chain c : chains) {
      if (chain == null || c.name().equals(chain)) {
        any = true;
        b.append(c.policy() != null ? "-P " + c.name() + " " + c.policy() : "-N " + c.name());
        b.append('\n');
      }
    }
    for (Netfilter.Chain c : chains) {
      if (chain != null && !c.name().equals(chain)) {
        continue;
      }
      for (Netfilter.Rule r : c.rules()) {
        b.append("-A ").append(c.name());
        if (r.src != null) {
          b.append(r.notSrc ? " ! -s " : " -s ").append(subnet(r.src));
        }
        if (r.dst != null) {
          b.append(r.notDst ? " ! -d " : " -d ").append(subnet(r.dst));
        }
        if (r.in != null) {
          b.append(r.notIn ? " ! -i " : " -i ").append(r.in);
        }
        if (r.out != null) {
          b.append(r.notOut ? " ! -o " : " -o ").append(r.out);
        }
        if (r.proto != null) {
          b.append(" -p ").append(r.proto);
        }
        if (r.srcLocal) {
          b.append(" -m addrtype --src-type LOCAL");
        }
        if (r.dstLocal) {
          b.append(" -m addrtype --dst-type LOCAL");
        }
        if (r.ctstate != null) {
          b.append(" -m conntrack --ctstate ").append(r.ctstate);
        }
        if (r.state != null) {
          b.append(" -m state --state ").append(r.state);
        }
        if (r.ipvs) {
          b.append(" -m ipvs --ipvs");
        }
        if (r.policy != null) {
          b.append(" -m policy --dir in --pol ").append(r.policy);
        }
        if (r.sport != 0) {
          b.append(" -m ").append(r.proto).append(" --sport ").append(r.sport);
        }
        if (r.dport != 0) {
          b.append(" -m ").append(r.proto).append(" --dport ").append(r.dport);
        }
        if (r.u32Vni != 0) {
          b.append(" -m u32 --u32 \"").append(Netfilter.Rule.u32(r.u32Vni)).append('"');
        }
        b.append(" -j ").append(r.target);
        if (r.setXmark != null) {
          b.append(" --set-xmark ").append(r.setXmark);
        }
        if (r.toDestination != null) {
          b.append(" --to-destination ").append(r.toDestination);
        }
        if (r.toSource != null) {
          b.append(" --to-source ").append(r.toSource);
        }
        if (r.toPorts != 0) {
          b.append(" --to-ports ").append(r.toPorts);
        }
        b.append('\n');
      }
    }
    return any ? b.toString() : null;
  }

  // ---- ss -------------------------------------------------------------------------------------

  /** One listening socket as ss shows it. */
  public record Listener(String address, int port, String process) {}

  /** {@code ss -ltn}: a table whose columns fit their widest cell. */
  public static String ssListening(List<Listener> listeners) {
    List<SsRow> rows = new ArrayList<>();
    for (Listener l : listeners) {
      rows.add(
          new SsRow(
              "tcp", "LISTEN", 0, 4096, l.address(), Integer.toString(l.port()), peer(l), "*"));
    }
    return ssTable(rows, false);
  }

  /** One socket as {@code ss} lists it. */
  public record SsRow(
      String netid,
      String state,
      int recvQ,
      int sendQ,
      String local,
      String localPort,
      String peer,
      String peerPort) {}

  /**
   * iproute2's ss table (6.1, checked here): Netid when more than one kind of socket is listed,
   * State, Recv-Q, Send-Q, the addresses right-aligned and the ports left-aligned, each column as
   * wide as its widest cell ("State" alone when nothing is listed), then Process (empty).
   */
  public static String ssTable(List<SsRow> rows, boolean netid) {
    int la = "Local Address".length();
    int lp = "Port".length();
    int pa = "Peer Address".length();
    int pp = "Port".length();
    int st = "State".length();
    for (SsRow r : rows) {
      st = Math.max(st, r.state().length());
      la = Math.max(la, r.local().length());
      lp = Math.max(lp, r.localPort().length());
      pa = Math.max(pa, r.peer().length());
      pp = Math.max(pp, r.peerPort().length());
    }
    StringBuilder b = new StringBuilder();
    if (netid) {
      b.append(String.format(Locale.ROOT, "%-5s ", "Netid"));
    }
    b.append(String.format(Locale.ROOT, "%-" + st + "s %-6s %-6s ", "State", "Recv-Q", "Send-Q"));
    b.append(String.format(Locale.ROOT, "%" + la + "s:%-" + lp + "s ", "Local Address", "Port"));
    b.append(String.format(Locale.ROOT, "%" + pa + "s:%-" + pp + "s", "Peer Address", "Port"));
    b.append("Process\n");
    for (SsRow r : rows) {
      if (netid) {
        b.append(String.format(Locale.ROOT, "%-5s ", r.netid()));
      }
      b.append(
          String.format(
              Locale.ROOT,
              "%-6s %-6s %-6s ",
              r.state(),
              Integer.toString(r.recvQ()),
              Integer.toString(r.sendQ())));
      b.append(String.format(Locale.ROOT, "%" + la + "s:%-" + lp + "s ", r.local(), r.localPort()));
      b.append(String.format(Locale.ROOT, "%" + pa + "s:%-" + pp + "s", r.peer(), r.peerPort()));
      b.append(String.format(Locale.ROOT, "%-7s", "")).append('\n');
    }
    return b.toString();
  }

  private static String peer(Listener l) {
    return l.address().startsWith("[") ? "[::]" : "0.0.0.0";
  }
}

package dev.ddlab.sim.network.dataplane;

import dev.ddlab.sim.network.types.Subnet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The host's iptables: tables of chains of rules, holding what dockerd installs (nat: DOCKER,
 * MASQUERADE per bridge subnet, DNAT per published port; filter: DOCKER-USER,
 * DOCKER-ISOLATION-STAGE-1/2, DOCKER, the FORWARD accepts per bridge) and evaluated for each packet
 * at its hook, with counters. Only the matches Docker uses: protocol, in/out interface, source and
 * destination network, source and destination port, {@code addrtype --src-type/--dst-type LOCAL},
 * {@code conntrack --ctstate}, {@code state --state}, {@code ipvs --ipvs}; targets ACCEPT, DROP,
 * RETURN, a user chain, DNAT, REDIRECT, SNAT, MASQUERADE.
 */
public final class Netfilter {
  /** What a chain walk decided. */
  public enum Action {
    ACCEPT,
    DROP,
    DNAT,
    SNAT,
    MASQUERADE,
    CONTINUE
  }

  /** A verdict: the action and, for DNAT and SNAT, the new address (and DNAT's port). */
  public record Verdict(Action action, int toIp, int toPort) {
    static final Verdict ACCEPT = new Verdict(Action.ACCEPT, 0, 0);
    static final Verdict DROP = new Verdict(Action.DROP, 0, 0);
    static final Verdict CONTINUE = new Verdict(Action.CONTINUE, 0, 0);
  }

  /** What the rules look at in a packet. */
  public record Packet(
      int proto,
      String in,
      String out,
      int src,
      int dst,
      int sport,
      int dport,
      boolean srcLocal,
      boolean dstLocal,
      boolean established,
      boolean ipvs) {}

  /**
   * One rule, as {@code iptables -S} would write it. Null fields and 0 ports do not match on
   * anything; {@code not*} negate.
   */
  public static final class Rule {
    final String target;
    final String proto;
    final String in;
    final boolean notIn;
    final String out;
    final boolean notOut;
    final Subnet src;
    final boolean notSrc;
    final Subnet dst;
    final boolean notDst;
    final int sport;
    final int dport;
    final boolean srcLocal;
    final boolean dstLocal;
    final String ctstate;
    final String state;
    final boolean ipvs;
    final String toDestination;
    final String toSource;
    final int toPorts;
    final String policy;
    final int u32Vni;
    final String setXmark;
    long packets;
    long bytes;

    private Rule(Builder b) {
      target = b.target;
      proto = b.proto;
      in = b.in;
      notIn = b.notIn;
      out = b.out;
      notOut = b.notOut;
      src = b.src;
      notSrc = b.notSrc;
      dst = b.dst;
      notDst = b.notDst;
      sport = b.sport;
      dport = b.dport;
      srcLocal = b.srcLocal;
      dstLocal = b.dstLocal;
      ctstate = b.ctstate;
      state = b.state;
      ipvs = b.ipvs;
      toDestination = b.toDestination;
      toSource = b.toSource;
      toPorts = b.toPorts;
      policy = b.policy;
      u32Vni = b.u32Vni;
      setXmark = b.setXmark;
    }

    public String target() {
      return target;
    }

    public String proto() {
      return proto == null ? "all" : proto;
    }

    public String in() {
      return in == null ? "*" : (notIn ? "!" : "") + in;
    }

    public String out() {
      return out == null ? "*" : (notOut ? "!" : "") + out;
    }

    public String source() {
      return src == null ? "0.0.0.0/0" : (notSrc ? "!" : "") + src.toString();
    }

    public String destination() {
      return dst == null ? "0.0.0.0/0" : (notDst ? "!" : "") + dst.toString();
    }

    public long packets() {
      return packets;
    }

    public long bytes() {
      return bytes;
    }

    /** What {@code iptables -L -n} prints after the addresses ("tcp dpt:80 to:172.17.0.2:80"). */
    public String extra() {
      List<String> parts = new ArrayList<>();
      if (srcLocal) {
        parts.add("ADDRTYPE match src-type LOCAL");
      }
      if (dstLocal) {
        parts.add("ADDRTYPE match dst-type LOCAL");
      }
      if (ctstate != null) {
        parts.add("ctstate " + ctstate);
      }
      if (state != null) {
        parts.add("state " + state);
      }
      if (ipvs) {
        parts.add("ipvs");
      }
      if (policy != null) {
        parts.add("policy match dir in pol " + policy);
      }
      if (sport != 0) {
        parts.add(proto + " spt:" + sport);
      }
      if (dport != 0) {
        parts.add(proto + " dpt:" + dport);
      }
      if (u32Vni != 0) {
        parts.add("u32 \"" + u32(u32Vni) + "\"");
      }
      if (setXmark != null) {
        parts.add("MARK set " + setXmark.substring(0, setXmark.indexOf('/')));
      }
      if (toDestination != null) {
        parts.add("to:" + toDestination);
      }
      if (toSource != null) {
        parts.add("to:" + toSource);
      }
      if (toPorts != 0) {
        parts.add("redir ports " + toPorts);
      }
      return String.join(" ", parts);
    }

    /**
     * libnetwork's {@code matchVXLANWithU32} as iptables saves it: the VNI field of a VXLAN header
     * behind the IPv4 and UDP headers.
     */
    static String u32(int vni) {
      return "0x0>>0x16&0x3c@0xc&0xffffff00=0x" + Integer.toHexString(vni << 8);
    }

    boolean matches(Packet p) {
      if (policy != null || u32Vni != 0 || setXmark != null) {
        return false; // listed, not evaluated: the ESP path enforces the same (Ipsec)
      }
      if (proto != null && protoNumber(proto) != p.proto()) {
        return false;
      }
      if (in != null && in.equals(p.in()) == notIn) {
        return false;
      }
      if (out != null && out.equals(p.out()) == notOut) {
        return false;
      }
      if (src != null && src.contains(p.src()) == notSrc) {
        return false;
      }
      if (dst != null && dst.contains(p.dst()) == notDst) {
        return false;
      }
      if (sport != 0 && sport != p.sport()) {
        return false;
      }
      if (dport != 0 && dport != p.dport()) {
        return false;
      }
      if (srcLocal && !p.srcLocal()) {
        return false;
      }
      if (dstLocal && !p.dstLocal()) {
        return false;
      }
      if ((ctstate != null || state != null) && !p.established()) {
        return false;
      }
      if (ipvs && !p.ipvs()) {
        return false;
      }
      return true;
    }

    private static int protoNumber(String proto) {
      return switch (proto) {
        case "tcp" -> 6;
        case "udp" -> 17;
        case "icmp" -> 1;
        default -> -1;
      };
    }

    /** iptables' words for a rule. */
    public static Builder jump(String target) {
      return new Builder(target);
    }
  }

  /** Builds a {@link Rule} in iptables' words. */
  public static final class Builder {
    private final String target;
    private String proto;
    private String in;
    private boolean notIn;
    private String out;
    private boolean notOut;
    private Subnet src;
    private boolean notSrc;
    private Subnet dst;
    private boolean notDst;
    private int sport;
    private int dport;
    private boolean srcLocal;
    private boolean dstLocal;
    private String ctstate;
    private String state;
    private boolean ipvs;
    private String toDestination;
    private String toSource;
    private int toPorts;
    private String policy;
    private int u32Vni;
    private String setXmark;

    Builder(String target) {
      this.target = target;
    }

    public Builder proto(String p) {
      proto = p;
      return this;
    }

    public Builder in(String dev, boolean negate) {
      in = dev;
      notIn = negate;
      return this;
    }

    public Builder out(String dev, boolean negate) {
      out = dev;
      notOut = negate;
      return this;
    }

    public Builder src(Subnet s, boolean negate) {
      src = s;
      notSrc = negate;
      return this;
    }

    public Builder dst(Subnet d, boolean negate) {
      dst = d;
      notDst = negate;
      return this;
    }

    public Builder dport(int port) {
      dport = port;
      return this;
    }

    public Builder dstLocal() {
      dstLocal = true;
      return this;
    }

    public Builder sport(int port) {
      sport = port;
      return this;
    }

    /** {@code -m addrtype --src-type LOCAL}. */
    public Builder srcLocal() {
      srcLocal = true;
      return this;
    }

    /** {@code -m state --state ESTABLISHED,RELATED} (listed "RELATED,ESTABLISHED"). */
    public Builder stateEstablished() {
      state = "RELATED,ESTABLISHED";
      return this;
    }

    /** {@code -m ipvs --ipvs}: packets of a flow IPVS gave its destination. */
    public Builder ipvs() {
      ipvs = true;
      return this;
    }

    /** SNAT's {@code --to-source}. */
    public Builder toSource(String ip) {
      toSource = ip;
      return this;
    }

    /** REDIRECT's {@code --to-ports}. */
    public Builder toPorts(int port) {
      toPorts = port;
      return this;
    }

    public Builder established() {
      ctstate = "RELATED,ESTABLISHED";
      return this;
    }

    public Builder toDestination(String ipPort) {
      toDestination = ipPort;
      return this;
    }

    /** {@code -m policy --dir in --pol none|ipsec}: arrived in clear, or through IPsec. */
    public Builder policyIn(String pol) {
      policy = pol;
      return this;
    }

    /** {@code -m u32 --u32 …}: a VXLAN datagram of network identifier {@code vni}. */
    public Builder vxlanVni(int vni) {
      u32Vni = vni;
      return this;
    }

    /** MARK's {@code --set-xmark VALUE/MASK}. */
    public Builder setXmark(String valueMask) {
      setXmark = valueMask;
      return this;
    }

    public Rule build() {
      return new Rule(this);
    }
  }

  /** A chain: built-in ones have a policy, user chains have none (null). */
  public static final class Chain {
    final String name;
    String policy;
    final List<Rule> rules = new ArrayList<>();
    long policyPackets;
    long policyBytes;

    Chain(String name, String policy) {
      this.name = name;
      this.policy = policy;
    }

    public String name() {
      return name;
    }

    public String policy() {
      return policy;
    }

    public List<Rule> rules() {
      return List.copyOf(rules);
    }

    public long policyPackets() {
      return policyPackets;
    }

    public long policyBytes() {
      return policyBytes;
    }
  }

  private final Map<String, Map<String, Chain>> tables = new LinkedHashMap<>();

  Netfilter() {
    table("filter", "INPUT", "FORWARD", "OUTPUT");
    table("nat", "PREROUTING", "INPUT", "OUTPUT", "POSTROUTING");
    table("mangle", "PREROUTING", "INPUT", "FORWARD", "OUTPUT", "POSTROUTING");
  }

  private void table(String name, String... builtins) {
    Map<String, Chain> chains = new LinkedHashMap<>();
    for (String c : builtins) {
      chains.put(c, new Chain(c, "ACCEPT"));
    }
    tables.put(name, chains);
  }

  /** The chains of a table in iptables' listing order (built-ins first, then user chains). */
  public List<Chain> chains(String table) {
    Map<String, Chain> t = tables.get(table);
    return t == null ? List.of() : List.copyOf(t.values());
  }

  public Chain chain(String table, String name) {
    return tables.get(table).get(name);
  }

  /** {@code iptables -t T -N NAME} unless it exists. */
  public Chain ensureChain(String table, String name) {
    return tables.get(table).computeIfAbsent(name, n -> new Chain(n, null));
  }

  /** {@code -P}: a built-in chain's policy. */
  public void policy(String table, String chain, String policy) {
    chain(table, chain).policy = policy;
  }

  /** {@code -A}: appends. */
  public void append(String table, String chain, Rule r) {
    chain(table, chain).rules.add(r);
  }

  /** {@code -I CHAIN POS}: inserts at 1-based {@code pos}. */
  public void insert(String table, String chain, int pos, Rule r) {
    List<Rule> rules = chain(table, chain).rules;
    rules.add(Math.min(pos - 1, rules.size()), r);
  }

  /** Deletes the rules of a chain that {@code test} picks. */
  public void delete(String table, String chain, java.util.function.Predicate<Rule> test) {
    Chain c = tables.get(table).get(chain);
    if (c != null) {
      c.rules.removeIf(test);
    }
  }

  /** Whether some rule of the chain already has this target and text (to keep -A idempotent). */
  public boolean has(String table, String chain, Rule r) {
    for (Rule x : chain(table, chain).rules) {
      if (x.target.equals(r.target)
          && x.proto().equals(r.proto())
          && x.in().equals(r.in())
          && x.out().equals(r.out())
          && x.source().equals(r.source())
          && x.destination().equals(r.destination())
          && x.extra().equals(r.extra())) {
        return true;
      }
    }
    return false;
  }

  /** Walks a built-in chain: the first terminal verdict, else the chain's policy. */
  Verdict evaluate(String table, String chain, Packet p, int length) {
    Chain c = chain(table, chain);
    Verdict v = walk(table, c, p, length, 0);
    if (v.action() == Action.CONTINUE) {
      c.policyPackets++;
      c.policyBytes += length;
      return c.policy.equals("DROP") ? Verdict.DROP : Verdict.ACCEPT;
    }
    return v;
  }

  private Verdict walk(String table, Chain c, Packet p, int length, int depth) {
    if (depth > 16) {
      return Verdict.CONTINUE;
    }
    for (Rule r : c.rules) {
      if (!r.matches(p)) {
        continue;
      }
      r.packets++;
      r.bytes += length;
      switch (r.target) {
        case "ACCEPT":
          return Verdict.ACCEPT;
        case "DROP":
          return Verdict.DROP;
        case "RETURN":
          return Verdict.CONTINUE;
        case "MASQUERADE":
          return new Verdict(Action.MASQUERADE, 0, 0);
        case "SNAT":
          return new Verdict(Action.SNAT, dev.ddlab.sim.network.types.Ipv4.parse(r.toSource), 0);
        case "REDIRECT":
          // to the address the packet came to (the incoming interface's), port --to-ports
          return new Verdict(Action.DNAT, p.dst(), r.toPorts);
        case "DNAT":
          {
            String[] to = r.toDestination.split(":");
            return new Verdict(
                Action.DNAT,
                dev.ddlab.sim.network.types.Ipv4.parse(to[0]),
                to.length > 1 ? Integer.parseInt(to[1]) : p.dport());
          }
        default:
          {
            Chain next = tables.get(table).get(r.target);
            if (next != null) {
              Verdict v = walk(table, next, p, length, depth + 1);
              if (v.action() != Action.CONTINUE) {
                return v;
              }
            }
          }
      }
    }
    return Verdict.CONTINUE;
  }
}

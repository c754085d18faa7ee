package dev.ddlab.sim.network.dataplane;

import dev.ddlab.sim.network.dataplane.frame.ArpPacket;
import dev.ddlab.sim.network.dataplane.frame.Esp;
import dev.ddlab.sim.network.dataplane.frame.Frame;
import dev.ddlab.sim.network.dataplane.frame.FrameCodec;
import dev.ddlab.sim.network.dataplane.frame.IcmpMessage;
import dev.ddlab.sim.network.dataplane.frame.Ipv4Fragments;
import dev.ddlab.sim.network.dataplane.frame.Ipv4Packet;
import dev.ddlab.sim.network.dataplane.frame.Mac;
import dev.ddlab.sim.network.dataplane.frame.TcpSegment;
import dev.ddlab.sim.network.dataplane.frame.UdpDatagram;
import dev.ddlab.sim.network.types.Subnet;
import dev.ddlab.sim.runtime.NetAccess;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * One network namespace of the node's kernel: its interfaces, addresses, routes, ARP table and
 * sockets, and for the host namespace IP forwarding, netfilter and connection tracking. Frames come
 * in through {@link #input}; what processes send leaves through {@link #sendIp}. ICMP echo is
 * answered by the kernel, TCP connections are made and served here ({@link TcpService}), UDP to a
 * closed port gets ICMP port unreachable.
 */
public final class Netns {
  /** How an exchange ended. */
  public enum Outcome {
    OK,
    /** No route to the destination: sendto/connect fail at once (ENETUNREACH). */
    NO_ROUTE,
    /** Nobody answered ARP, or ICMP host unreachable came back (EHOSTUNREACH). */
    HOST_UNREACHABLE,
    REFUSED,
    RESET,
    /** Nothing came back before the exchange's time ran out. */
    TIMEOUT,
    /** The datagram does not fit in an IPv4 packet (EMSGSIZE): nothing is sent. */
    MESSAGE_TOO_LONG
  }

  /** The most ICMP echo data one IPv4 packet holds: 65,535 − 20 (IP) − 8 (ICMP). */
  public static final int MAX_ECHO_DATA = 65_507;

  /**
   * What one echo request met: the outcome, the round trip, the reply's TTL, who answered, and for
   * {@link Outcome#MESSAGE_TOO_LONG} the MTU the packet did not fit (0 past IPv4's limit).
   */
  public record EchoResult(Outcome outcome, long rttNanos, int ttl, int from, int mtu) {
    public EchoResult(Outcome outcome, long rttNanos, int ttl, int from) {
      this(outcome, rttNanos, ttl, from, 0);
    }
  }

  /** What a TCP exchange met: the outcome, the bytes the server sent, how long it took. */
  public record TcpResult(Outcome outcome, byte[] response, long elapsedNanos) {}

  private static final int ARP_TRIES = 3;

  /** The most of an offending packet an ICMP error carries: 576 − 20 − 8. */
  private static final int ICMP_QUOTE = 548;

  private static final long SECOND = 1_000_000_000L;

  final NetStack stack;
  private final String key;
  private final Map<String, NetDevice> devices = new LinkedHashMap<>();
  private final List<Route> routes = new ArrayList<>();
  private final Map<Integer, Neighbour> neighbours = new LinkedHashMap<>();
  private final Map<Integer, List<Ipv4Packet>> waitingForArp = new HashMap<>();
  private final Map<Integer, Consumer<Outcome>> arpFailureListeners = new HashMap<>();
  private final Map<Integer, TcpService> services = new HashMap<>();
  private final Map<Integer, Consumer<Ipv4Packet>> udpSockets = new HashMap<>();
  private final List<HostViews.Listener> sockets = new ArrayList<>();
  private final Map<Long, Consumer<EchoResult>> echoWaiters = new HashMap<>();
  private final Map<String, TcpConn> connections = new HashMap<>();
  private IntFunction<TcpService> externalServices = p -> null;
  private final boolean host;
  Netfilter netfilter;
  Conntrack conntrack;
  private Ipvs ipvs;
  private boolean forwarding;
  private int nextEphemeral;
  private int ipId;
  private final long tsOffset;
  private final Reassembly reassembly;

  Netns(NetStack stack, String key, boolean host) {
    this.stack = stack;
    this.key = key;
    this.host = host;
    this.netfilter = host ? new Netfilter() : null;
    this.conntrack = host ? new Conntrack() : null;
    this.forwarding = host;
    this.nextEphemeral = 32768 + stack.random().nextInt(28000);
    this.ipId = stack.random().nextInt(65536);
    this.tsOffset = stack.random().nextInt(1, Integer.MAX_VALUE);
    this.reassembly = new Reassembly(stack.wire());
  }

  /** The node's stack this namespace is part of. */
  public NetStack stack() {
    return stack;
  }

  /** Where dockerd keeps it ({@code /var/run/docker/netns/…}), or "" for the host. */
  public String key() {
    return key;
  }

  public boolean isHost() {
    return host;
  }

  public Netfilter netfilter() {
    return netfilter;
  }

  /**
   * Gives a sandbox's namespace its own iptables and connection tracking (the host has them from
   * the start): what libnetwork programs in a load balancer's or a swarm task's namespace.
   */
  public Netfilter enableNat() {
    if (netfilter == null) {
      netfilter = new Netfilter();
      conntrack = new Conntrack();
    }
    return netfilter;
  }

  /** {@code net.ipv4.ip_forward} (with its own iptables: {@link #enableNat()}). */
  public void forwarding(boolean on) {
    enableNat();
    forwarding = on;
  }

  /** The namespace's IP virtual server (with connection tracking), or null to have none. */
  public void ipvs(Ipvs table) {
    if (table != null) {
      enableNat();
    }
    ipvs = table;
  }

  public Ipvs ipvs() {
    return ipvs;
  }

  /** An ICMP packet to a virtual address of the namespace's IPVS: answered here. */
  private boolean virtualEcho(Ipv4Packet p) {
    return ipvs != null && p.protocol() == Ipv4Packet.ICMP && ipvs.isVirtual(p.dst());
  }

  // ---- interfaces, addresses, routes ----------------------------------------------------------

  /** The interfaces in index order ({@code ip link}). */
  public List<NetDevice> devices() {
    List<NetDevice> out = new ArrayList<>(devices.values());
    out.sort((a, b) -> Integer.compare(a.index, b.index));
    return out;
  }

  public NetDevice device(String name) {
    return devices.get(name);
  }

  void add(NetDevice d) {
    d.ns = this;
    devices.put(d.name, d);
  }

  void remove(NetDevice d) {
    devices.remove(d.name);
    routes.removeIf(r -> r.device() == d);
    neighbours.values().removeIf(n -> n.device() == d);
  }

  /** {@code ip link set D name NEW}. */
  public void rename(NetDevice d, String newName) {
    devices.remove(d.name);
    d.name = newName;
    devices.put(newName, d);
  }

  /** {@code ip link set D netns N name NEW}: moves the device here under a new name. */
  void adopt(NetDevice d, String newName) {
    if (d.ns != null) {
      d.ns.remove(d);
    }
    d.name = newName;
    add(d);
  }

  /** {@code ip addr add A/P dev D}: the address and the kernel's route to its subnet. */
  public void addAddress(NetDevice d, int ip, int prefix) {
    d.addresses.add(new NetDevice.Address(ip, prefix));
    if (prefix < 32) {
      routes.add(new Route(new Subnet(ip, prefix), 0, d, ip));
    }
  }

  /** {@code ip route add DST via G dev D}. */
  public void addRoute(Subnet dst, int gateway, NetDevice d) {
    routes.add(new Route(dst, gateway, d, 0));
  }

  /** {@code ip route add default via G dev D}. */
  public void addDefaultRoute(int gateway, NetDevice d) {
    routes.removeIf(Route::isDefault);
    routes.add(0, new Route(new Subnet(0, 0), gateway, d, 0));
  }

  public void removeDefaultRoute() {
    routes.removeIf(Route::isDefault);
  }

  /** The routes as {@code ip route} lists them: the default first, then by insertion. */
  public List<Route> routes() {
    return List.copyOf(routes);
  }

  /** The ARP table ({@code ip neigh}). */
  public List<Neighbour> neighbours() {
    return List.copyOf(neighbours.values());
  }

  /** Whether {@code ip} is one of this namespace's own addresses (or the loopback network). */
  public boolean isLocal(int ip) {
    if ((ip >>> 24) == 127) {
      return true;
    }
    for (NetDevice d : devices.values()) {
      for (NetDevice.Address a : d.addresses) {
        if (a.ip() == ip) {
          return true;
        }
      }
    }
    return false;
  }

  /** The longest-prefix route to {@code dst}, or null. */
  public Route route(int dst) {
    Route best = null;
    for (Route r : routes) {
      if (r.destination().contains(dst)
          && r.device().up
          && (best == null || r.destination().prefix() > best.destination().prefix())) {
        best = r;
      }
    }
    return best;
  }

  /** The source address a socket gets towards {@code dst}, 0 without a route. */
  public int sourceFor(int dst) {
    if (isLocal(dst)) {
      return (dst >>> 24) == 127 ? 0x7f000001 : dst;
    }
    Route r = route(dst);
    if (r == null) {
      return 0;
    }
    if (r.source() != 0) {
      return r.source();
    }
    return r.device().addresses.isEmpty() ? 0 : r.device().addresses.get(0).ip();
  }

  // ---- sockets --------------------------------------------------------------------------------

  /** A kernel UDP socket on {@code port} (the vxlan devices' on 4789): it takes every datagram. */
  void listenUdp(int port, Consumer<Ipv4Packet> socket) {
    udpSockets.put(port, socket);
  }

  /** A listening TCP socket owned by the data plane itself (docker-proxy). */
  public void listen(int port, TcpService service) {
    services.put(port, service);
  }

  public void unlisten(int port) {
    services.remove(port);
    sockets.removeIf(l -> l.port() == port);
  }

  /**
   * A listening socket of a named process (docker-proxy) on {@code bindAddress} ("0.0.0.0", "::",
   * "127.0.0.1"): the data plane's service for the port, and a line of {@code ss -ltn}.
   */
  public void listen(String bindAddress, int port, String process, TcpService service) {
    listen(port, service);
    if (bindAddress.isEmpty() || bindAddress.equals("0.0.0.0")) {
      // dockerd starts a docker-proxy for 0.0.0.0 and one for [::]
      sockets.add(new HostViews.Listener("0.0.0.0", port, process));
      sockets.add(new HostViews.Listener("[::]", port, process));
    } else {
      String shown = bindAddress.contains(":") ? "[" + bindAddress + "]" : bindAddress;
      sockets.add(new HostViews.Listener(shown, port, process));
    }
  }

  /** The listening sockets {@code ss -ltn} shows, in the order they were opened. */
  public List<HostViews.Listener> sockets() {
    return List.copyOf(sockets);
  }

  /** Listening sockets of the namespace's processes, found when a SYN comes. */
  public void processServices(IntFunction<TcpService> lookup) {
    this.externalServices = lookup;
  }

  /** The data plane's own listening ports (docker-proxy), for {@code ss -ltn}. */
  public Map<Integer, TcpService> ownServices() {
    return Map.copyOf(services);
  }

  private TcpService service(int port) {
    TcpService s = services.get(port);
    return s != null ? s : externalServices.apply(port);
  }

  private int ephemeralPort() {
    int p = nextEphemeral++;
    if (nextEphemeral > 60999) {
      nextEphemeral = 32768;
    }
    return p;
  }

  int nextId() {
    ipId = (ipId + 1) & 0xffff;
    return ipId;
  }

  /** Linux's TCP timestamp clock: milliseconds plus a per-namespace offset. */
  long tsNow() {
    return (tsOffset + stack.wire().now() / 1_000_000L) & 0xffffffffL;
  }

  // ---- ping -----------------------------------------------------------------------------------

  /** As {@link #ping(int, int, int, int, int, NetAccess.PmtuDisc, Consumer)} with the default. */
  public void ping(int dst, int id, int seq, int size, int ttl, Consumer<EchoResult> done) {
    ping(dst, id, seq, size, ttl, NetAccess.PmtuDisc.WANT, done);
  }

  /**
   * Sends one ICMP echo request of {@code size} data bytes; {@code done} gets the reply, or the
   * error the kernel reports. A request nobody answers leaves {@code done} uncalled (the caller's
   * horizon ends it). With {@code pmtu} DO a request larger than the route's MTU is the socket's
   * local error (EMSGSIZE, the MTU reported), nothing sent; otherwise it leaves in fragments
   * without DF, and one that fits carries DF unless {@code pmtu} is DONT (IP_MTU_DISCOVER).
   */
  public void ping(
      int dst,
      int id,
      int seq,
      int size,
      int ttl,
      NetAccess.PmtuDisc pmtu,
      Consumer<EchoResult> done) {
    if (size < 0 || size > MAX_ECHO_DATA) {
      done.accept(new EchoResult(Outcome.MESSAGE_TOO_LONG, 0, 0, 0));
      return;
    }
    int src = sourceFor(dst);
    if (src == 0) {
      done.accept(new EchoResult(Outcome.NO_ROUTE, 0, 0, 0));
      return;
    }
    int mtu = mtuTowards(dst);
    boolean fits = size + 28 <= mtu;
    if (!fits && pmtu == NetAccess.PmtuDisc.DO) {
      done.accept(new EchoResult(Outcome.MESSAGE_TOO_LONG, 0, 0, 0, mtu));
      return;
    }
    long sent = stack.wire().now();
    byte[] data = new byte[size];
    for (int i = 8; i < size; i++) {
      data[i] = (byte) i;
    }
    long waiter = ((long) id << 16) | seq;
    echoWaiters.put(
        waiter,
        r ->
            done.accept(new EchoResult(r.outcome(), stack.wire().now() - sent, r.ttl(), r.from())));
    IcmpMessage req = new IcmpMessage(IcmpMessage.ECHO_REQUEST, 0, id, seq, data);
    boolean df = fits && pmtu != NetAccess.PmtuDisc.DONT;
    Ipv4Packet p = new Ipv4Packet(0, nextId(), df, ttl, Ipv4Packet.ICMP, src, dst, req);
    arpFailureListeners.put(
        dst,
        o -> {
          Consumer<EchoResult> w = echoWaiters.remove(waiter);
          if (w != null) {
            w.accept(new EchoResult(Outcome.HOST_UNREACHABLE, 0, 0, src));
          }
        });
    sendIp(p);
  }

  /**
   * The caller stopped waiting for echo {@code id}/{@code seq} (its horizon passed): a reply that
   * comes later finds nobody, as a raw socket's reader that moved on.
   */
  public void forgetEcho(int id, int seq) {
    echoWaiters.remove(((long) id << 16) | seq);
  }

  /** Packets waiting for their fragments (tests: their queues must not pile up). */
  int reassembliesPending() {
    return reassembly.pending();
  }

  /** Echo requests still waited for (tests: lost ones must not pile up). */
  int echoesWaited() {
    return echoWaiters.size();
  }

  /** The MTU of the interface packets to {@code dst} leave by (the loopback's for local ones). */
  public int mtuTowards(int dst) {
    if (isLocal(dst)) {
      NetDevice lo = devices.get("lo");
      return lo != null ? lo.mtu : NetDevice.Loopback.MTU;
    }
    Route r = route(dst);
    return r != null ? r.device().mtu : 0;
  }

  // ---- sending --------------------------------------------------------------------------------

  /** A locally generated packet: OUTPUT and POSTROUTING hooks, routing, ARP, the interface. */
  void sendIp(Ipv4Packet p) {
    if (netfilter != null) {
      p = natOutput(p);
      if (p == null) {
        return;
      }
    }
    if (isLocal(p.dst()) || virtualEcho(p)) {
      NetDevice lo = devices.get("lo");
      if (lo != null) {
        lo.transmit(Frame.ipv4(Mac.ZERO, Mac.ZERO, p));
      }
      return;
    }
    Route r = route(p.dst());
    if (r == null) {
      return;
    }
    toNextHop(r, p);
  }

  /**
   * A packet larger than the interface's MTU leaves in fragments ({@code ip_fragment}); with DF it
   * is dropped (a socket checks the MTU before sending, {@link #forward} answers ICMP).
   */
  private void toNextHop(Route r, Ipv4Packet p) {
    NetDevice dev = r.device();
    if (p.length() <= dev.mtu) {
      toNextHopWhole(r, p);
      return;
    }
    if (p.dontFragment()) {
      return;
    }
    for (Ipv4Packet piece : Ipv4Fragments.fragment(p, dev.mtu)) {
      toNextHopWhole(r, piece);
    }
  }

  private void toNextHopWhole(Route r, Ipv4Packet p) {
    int hop = r.gateway() != 0 ? r.gateway() : p.dst();
    NetDevice dev = r.device();
    Neighbour n = neighbours.get(hop);
    if (n != null && n.state().equals("REACHABLE") && n.device() == dev) {
      dev.transmit(Frame.ipv4(n.mac(), dev.mac, p));
      return;
    }
    List<Ipv4Packet> queue = waitingForArp.computeIfAbsent(hop, k -> new ArrayList<>());
    queue.add(p);
    if (n == null || !n.state().equals("INCOMPLETE")) {
      neighbours.put(hop, new Neighbour(hop, dev, 0, "INCOMPLETE"));
      arp(dev, hop, 1);
    }
  }

  private void arp(NetDevice dev, int hop, int attempt) {
    int src = dev.addresses.isEmpty() ? 0 : dev.addresses.get(0).ip();
    for (NetDevice.Address a : dev.addresses) {
      if (new Subnet(a.ip(), a.prefix()).contains(hop)) {
        src = a.ip();
      }
    }
    dev.transmit(Frame.arp(Mac.BROADCAST, dev.mac, ArpPacket.request(dev.mac, src, hop)));
    stack
        .wire()
        .after(
            SECOND,
            () -> {
              Neighbour n = neighbours.get(hop);
              if (n == null || !n.state().equals("INCOMPLETE")) {
                return;
              }
              if (attempt < ARP_TRIES) {
                arp(dev, hop, attempt + 1);
                return;
              }
              neighbours.put(hop, new Neighbour(hop, dev, 0, "FAILED"));
              List<Ipv4Packet> dropped = waitingForArp.remove(hop);
              if (dropped != null) {
                for (Ipv4Packet d : dropped) {
                  unreachable(d);
                }
              }
            });
  }

  /** Nobody answered ARP for a packet's next hop: its sender hears of it. */
  private void unreachable(Ipv4Packet p) {
    if (isLocal(p.src())) {
      Consumer<Outcome> l = arpFailureListeners.remove(p.dst());
      if (l != null) {
        l.accept(Outcome.HOST_UNREACHABLE);
      }
      for (TcpConn c : List.copyOf(connections.values())) {
        if (c.remoteIp == p.dst() && c.state == TcpConn.State.SYN_SENT) {
          c.fail(Outcome.HOST_UNREACHABLE);
        }
      }
    } else {
      icmpError(p, IcmpMessage.HOST_UNREACHABLE);
    }
  }

  private void icmpError(Ipv4Packet offending, int code) {
    icmpError(offending, IcmpMessage.UNREACHABLE, code, 0);
  }

  /**
   * An ICMP error of {@code type}/{@code code} about {@code offending}, quoting its header and 8
   * bytes; {@code mtu} is the next-hop MTU of "fragmentation needed" (RFC 1191), 0 otherwise.
   */
  private void icmpError(Ipv4Packet offending, int type, int code, int mtu) {
    if (offending.body() instanceof IcmpMessage m && m.type() != IcmpMessage.ECHO_REQUEST) {
      return;
    }
    if (offending.fragmentOffset() != 0) {
      return;
    }
    byte[] bytes = FrameCodec.encode(Frame.ipv4(0, 0, offending));
    // icmp_send quotes as much of the packet as fits in 576 bytes: 548 after its headers
    byte[] quoted = Arrays.copyOfRange(bytes, 14, Math.min(bytes.length, 14 + ICMP_QUOTE));
    int src = sourceFor(offending.src());
    if (src == 0) {
      return;
    }
    sendIp(
        new Ipv4Packet(
            0xc0,
            nextId(),
            false,
            64,
            Ipv4Packet.ICMP,
            src,
            offending.src(),
            new IcmpMessage(type, code, 0, mtu, quoted)));
  }

  // ---- receiving ------------------------------------------------------------------------------

  /** A frame reached this namespace on {@code dev}. */
  void input(NetDevice dev, Frame f) {
    if (f.payload() instanceof ArpPacket a) {
      arpInput(dev, a);
      return;
    }
    Ipv4Packet p = f.ip();
    if (p == null) {
      return;
    }
    if (f.dst() != dev.mac && !Mac.isGroup(f.dst()) && !(dev instanceof NetDevice.Loopback)) {
      return;
    }
    if (p.isFragment() && (host || isLocal(p.dst()))) {
      // the host defragments before conntrack sees the flow (nf_defrag_ipv4), as any namespace
      // does before delivering locally; a forwarded packet is fragmented again on its way out
      p = reassembly.add(p);
      if (p == null) {
        return;
      }
    }
    if (netfilter != null && !(dev instanceof NetDevice.Loopback)) {
      p = prerouting(dev, p);
    }
    if (isLocal(p.dst()) || virtualEcho(p)) {
      deliverLocal(p);
      return;
    }
    if (!forwarding) {
      return;
    }
    forward(dev, p);
  }

  private void arpInput(NetDevice dev, ArpPacket a) {
    if (a.senderIp() != 0) {
      Neighbour n = neighbours.get(a.senderIp());
      boolean forUs = a.op() == ArpPacket.REQUEST && ownsOn(dev, a.targetIp());
      if (n != null || forUs || a.op() == ArpPacket.REPLY) {
        neighbours.put(a.senderIp(), new Neighbour(a.senderIp(), dev, a.senderMac(), "REACHABLE"));
        List<Ipv4Packet> waiting = waitingForArp.remove(a.senderIp());
        if (waiting != null) {
          arpFailureListeners.remove(a.senderIp());
          for (Ipv4Packet p : waiting) {
            dev.transmit(Frame.ipv4(a.senderMac(), dev.mac, p));
          }
        }
      }
    }
    if (a.op() == ArpPacket.REQUEST && ownsOn(dev, a.targetIp())) {
      dev.transmit(
          Frame.arp(
              a.senderMac(),
              dev.mac,
              ArpPacket.reply(dev.mac, a.targetIp(), a.senderMac(), a.senderIp())));
    }
  }

  /**
   * Linux answers ARP for any of the namespace's addresses (arp_ignore=0); a load balancer's
   * virtual addresses are aliases of its interface, so they are answered too.
   */
  private boolean ownsOn(NetDevice dev, int ip) {
    return (ip >>> 24) != 127
        && (isLocal(ip) || (ipvs != null && ipvs.isVirtual(ip)))
        && !(dev instanceof NetDevice.Loopback);
  }

  private void forward(NetDevice in, Ipv4Packet p) {
    Route r = route(p.dst());
    if (r == null) {
      icmpError(p, IcmpMessage.NET_UNREACHABLE);
      return;
    }
    if (p.ttl() <= 1) {
      return;
    }
    if (p.dontFragment() && p.length() > r.device().mtu) {
      // ip_forward: DF and too big for the way out, before the TTL is touched
      icmpError(p, IcmpMessage.UNREACHABLE, IcmpMessage.FRAG_NEEDED, r.device().mtu);
      return;
    }
    Conntrack.Tuple t = Conntrack.tuple(p);
    Conntrack.Match m = conntrack.lookup(t, stack.wire().now());
    if (m == null) {
      // a reply PREROUTING already translated back (un-masqueraded) is its flow's original reversed
      m = conntrack.lookup(t.reversed(), stack.wire().now());
    }
    boolean established = m != null && (m.reply() || m.entry().replied);
    Netfilter.Verdict v =
        netfilter.evaluate(
            "filter",
            "FORWARD",
            packet(p, in.name, r.device().name, false, established),
            p.length());
    if (v.action() == Netfilter.Action.DROP) {
      return;
    }
    toNextHop(r, p.withTtl(p.ttl() - 1));
  }

  private void deliverLocal(Ipv4Packet p) {
    Ipv4Packet.Transport t = p.body();
    if (t instanceof IcmpMessage m) {
      icmpInput(p, m);
    } else if (t instanceof TcpSegment s) {
      tcpInput(p, s);
    } else if (t instanceof UdpDatagram u) {
      Consumer<Ipv4Packet> socket = udpSockets.get(u.dstPort());
      if (socket != null) {
        socket.accept(p);
      } else {
        icmpError(p, IcmpMessage.PORT_UNREACHABLE);
      }
    } else if (p.protocol() == Esp.PROTOCOL && host && stack.ipsec() != null) {
      Ipv4Packet plain = stack.ipsec().open(p); // xfrm input: no state, no packet
      if (plain != null) {
        deliverLocal(plain);
      }
    }
  }

  private void icmpInput(Ipv4Packet p, IcmpMessage m) {
    switch (m.type()) {
      case IcmpMessage.ECHO_REQUEST -> {
        IcmpMessage reply = new IcmpMessage(IcmpMessage.ECHO_REPLY, 0, m.id(), m.seq(), m.data());
        stack
            .wire()
            .after(
                stack.kernelNanos(),
                () ->
                    sendIp(
                        new Ipv4Packet(
                            0, nextId(), false, 64, Ipv4Packet.ICMP, p.dst(), p.src(), reply)));
      }
      case IcmpMessage.ECHO_REPLY -> {
        Consumer<EchoResult> w = echoWaiters.remove(((long) m.id() << 16) | m.seq());
        if (w != null) {
          w.accept(new EchoResult(Outcome.OK, 0, p.ttl(), p.src()));
        }
      }
      case IcmpMessage.UNREACHABLE -> icmpErrorInput(m);
      default -> {}
    }
  }

  /** An ICMP error about a packet this namespace sent: the socket that sent it hears. */
  private void icmpErrorInput(IcmpMessage m) {
    byte[] q = m.data();
    if (q.length < 28) {
      return;
    }
    int proto = q[9] & 0xff;
    int dst =
        ((q[16] & 0xff) << 24) | ((q[17] & 0xff) << 16) | ((q[18] & 0xff) << 8) | (q[19] & 0xff);
    Outcome o =
        m.code() == IcmpMessage.PORT_UNREACHABLE ? Outcome.REFUSED : Outcome.HOST_UNREACHABLE;
    if (proto == Ipv4Packet.ICMP) {
      int id = ((q[24] & 0xff) << 8) | (q[25] & 0xff);
      int seq = ((q[26] & 0xff) << 8) | (q[27] & 0xff);
      Consumer<EchoResult> w = echoWaiters.remove(((long) id << 16) | seq);
      if (w != null) {
        int from = 0;
        w.accept(new EchoResult(o, 0, 64, from));
      }
    } else if (proto == Ipv4Packet.TCP) {
      int sport = ((q[20] & 0xff) << 8) | (q[21] & 0xff);
      for (TcpConn c : List.copyOf(connections.values())) {
        if (c.remoteIp == dst && c.localPort == sport) {
          c.fail(o);
        }
      }
    }
  }

  // ---- netfilter hooks (host namespace) -------------------------------------------------------

  private Netfilter.Packet packet(
      Ipv4Packet p, String in, String out, boolean dstLocal, boolean established) {
    return packet(p, in, out, dstLocal, established, false);
  }

  private Netfilter.Packet packet(
      Ipv4Packet p, String in, String out, boolean dstLocal, boolean established, boolean ipvs) {
    return new Netfilter.Packet(
        p.protocol(),
        in,
        out,
        p.src(),
        p.dst(),
        p.srcPort(),
        dport(p),
        isLocal(p.src()),
        dstLocal,
        established,
        ipvs);
  }

  private static int dport(Ipv4Packet p) {
    return p.dstPort();
  }

  /** PREROUTING: a known flow gets its NAT (or its NAT undone); a new one meets nat/PREROUTING. */
  private Ipv4Packet prerouting(NetDevice in, Ipv4Packet p) {
    return natFirst(p, "PREROUTING", in.name);
  }

  /** OUTPUT: as PREROUTING for what the host itself sends. */
  private Ipv4Packet natOutput(Ipv4Packet p) {
    return natFirst(p, "OUTPUT", null);
  }

  /** A packet of a known flow gets its NAT; the first of a new flow meets nat/{@code chain}. */
  private Ipv4Packet natFirst(Ipv4Packet p, String chain, String in) {
    Conntrack.Tuple t = Conntrack.tuple(p);
    Conntrack.Match m = conntrack.lookup(t, stack.wire().now());
    if (m != null) {
      return translate(m, p);
    }
    Conntrack.Entry e = conntrack.create(t, stack.wire().now());
    Netfilter.Verdict v =
        netfilter.evaluate("nat", chain, packet(p, in, null, isLocal(p.dst()), false), p.length());
    if (v.action() == Netfilter.Action.DNAT) {
      e.dnatIp = v.toIp();
      e.dnatPort = v.toPort();
    } else if (ipvs != null) {
      int real = ipvs.schedule(p.protocol(), p.dst(), dport(p));
      if (real != 0) {
        e.dnatIp = real;
        e.dnatPort = dport(p);
        e.ipvs = true;
      }
    }
    return translate(new Conntrack.Match(e, false), p);
  }

  /** Applies a flow's NAT to one of its packets, and settles a new flow's SNAT. */
  private Ipv4Packet translate(Conntrack.Match m, Ipv4Packet p) {
    Conntrack.Entry e = m.entry();
    conntrack.seen(e, p, stack.wire().now());
    if (m.reply()) {
      e.replied = true;
      Conntrack.Tuple o = e.original;
      return rewrite(p, o.dst(), o.dport(), o.src(), o.sport());
    }
    Ipv4Packet q = p;
    if (e.dnatIp != 0) {
      q = rewrite(q, q.src(), sport(q), e.dnatIp, e.dnatPort);
    }
    if (!e.confirmed) {
      Route r = isLocal(q.dst()) ? null : route(q.dst());
      if (isLocal(q.dst())) {
        conntrack.confirm(e);
      } else if (r != null) {
        Netfilter.Verdict v =
            netfilter.evaluate(
                "nat",
                "POSTROUTING",
                packet(q, null, r.device().name, false, false, e.ipvs),
                q.length());
        if (v.action() == Netfilter.Action.MASQUERADE && !r.device().addresses.isEmpty()) {
          e.snatIp = r.source() != 0 ? r.source() : r.device().addresses.get(0).ip();
        } else if (v.action() == Netfilter.Action.SNAT) {
          e.snatIp = v.toIp();
        }
        conntrack.confirm(e);
      }
    }
    if (e.snatIp != 0) {
      q = rewrite(q, e.snatIp, sport(q), q.dst(), dport(q));
    }
    return q;
  }

  private static int sport(Ipv4Packet p) {
    return p.srcPort();
  }

  private static Ipv4Packet rewrite(Ipv4Packet p, int src, int sport, int dst, int dport) {
    Ipv4Packet.Transport t = p.body();
    if (t instanceof TcpSegment s) {
      t = s.withPorts(sport, dport);
    } else if (t instanceof UdpDatagram u) {
      t = u.withPorts(sport, dport);
    }
    return p.withAddresses(src, dst, t);
  }

  // ---- TCP ------------------------------------------------------------------------------------

  private static String connKey(int localIp, int localPort, int remoteIp, int remotePort) {
    return localIp + ":" + localPort + ">" + remoteIp + ":" + remotePort;
  }

  /**
   * Connects to {@code dst:port}, sends {@code request} once established and collects what the
   * server sends until it closes; {@code done} gets the result. Without a route, at once.
   */
  public void connect(int dst, int port, byte[] request, Consumer<TcpResult> done) {
    int src = sourceFor(dst);
    long start = stack.wire().now();
    if (src == 0) {
      done.accept(new TcpResult(Outcome.NO_ROUTE, new byte[0], 0));
      return;
    }
    TcpConn c = new TcpConn(this, src, ephemeralPort(), dst, port);
    c.request = request;
    c.onDone = (o, bytes) -> done.accept(new TcpResult(o, bytes, stack.wire().now() - start));
    connections.put(connKey(src, c.localPort, dst, port), c);
    c.iss = stack.random().nextLong() & 0xffffffffL;
    c.sendSyn(0);
  }

  private void tcpInput(Ipv4Packet p, TcpSegment s) {
    TcpConn c = connections.get(connKey(p.dst(), s.dstPort(), p.src(), s.srcPort()));
    if (c != null) {
      c.input(s);
      return;
    }
    if (s.has(TcpSegment.RST)) {
      return;
    }
    TcpService svc = s.has(TcpSegment.SYN) && !s.has(TcpSegment.ACK) ? service(s.dstPort()) : null;
    if (svc == null) {
      long ack = (s.seq() + s.data().length + (s.has(TcpSegment.SYN) ? 1 : 0)) & 0xffffffffL;
      TcpSegment rst =
          s.has(TcpSegment.ACK)
              ? new TcpSegment(
                  s.dstPort(), s.srcPort(), s.ack(), 0, TcpSegment.RST, 0, new byte[0], new byte[0])
              : new TcpSegment(
                  s.dstPort(),
                  s.srcPort(),
                  0,
                  ack,
                  TcpSegment.RST | TcpSegment.ACK,
                  0,
                  new byte[0],
                  new byte[0]);
      sendIp(Ipv4Packet.of(0, 64, p.dst(), p.src(), rst));
      return;
    }
    TcpConn server = new TcpConn(this, p.dst(), s.dstPort(), p.src(), s.srcPort());
    server.service = svc;
    server.iss = stack.random().nextLong() & 0xffffffffL;
    connections.put(connKey(p.dst(), s.dstPort(), p.src(), s.srcPort()), server);
    server.acceptSyn(s);
  }

  /** The client's close() while still connecting to {@code dst:port}: its connection goes. */
  public void abort(int dst, int port) {
    for (TcpConn c : List.copyOf(connections.values())) {
      if (c.remoteIp == dst && c.remotePort == port && c.service == null) {
        c.fail(Outcome.TIMEOUT);
      }
    }
  }

  void closed(TcpConn c) {
    connections.remove(connKey(c.localIp, c.localPort, c.remoteIp, c.remotePort));
  }
}

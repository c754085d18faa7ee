package dev.ddlab.sim.network.dataplane;

import dev.ddlab.sim.clock.SeededRandom;
import dev.ddlab.sim.network.dataplane.frame.Frame;
import dev.ddlab.sim.network.dataplane.frame.UdpDatagram;
import dev.ddlab.sim.network.dataplane.frame.Vxlan;
import dev.ddlab.sim.network.types.Ipv4;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * One node's kernel network stack: the host namespace (lo, eth0 on the underlay, the bridges, VLAN
 * and dummy links drivers make), a namespace per sandbox, veth pairs between them, and the {@link
 * Wire} that carries frames on virtual time. It knows nothing of libnetwork: drivers program it as
 * libnetwork programs the kernel through netlink and iptables.
 *
 * <p>Every frame that leaves or enters an interface passes {@link #captured}: taps ({@code
 * tcpdump}) and the frame observer (the introspection seam's frames in flight) see the same frames.
 */
public final class NetStack {
  /** Something that watches frames on interfaces (tcpdump, the topology panel). */
  public interface Tap {
    /** A frame left ({@code outgoing}) or entered {@code device} at {@code nanos}. */
    void frame(long nanos, NetDevice device, Frame frame, boolean outgoing);
  }

  /** Something that watches frames travel a link: sent at one end, due at the other. */
  public interface LinkObserver {
    void inFlight(long sentNanos, long dueNanos, NetDevice from, NetDevice to, Frame frame);
  }

  /** Link latency of a veth (µs scale, with seeded jitter), bridge and kernel turnaround. */
  private static final long VETH_NANOS = 9_000;

  private static final long JITTER_NANOS = 6_000;
  private static final long BRIDGE_NANOS = 2_000;
  private static final long KERNEL_NANOS = 4_000;
  private static final long LOOPBACK_NANOS = 12_000;

  private final String node;
  private final Wire wire;
  private final SeededRandom random;
  private final LongSupplier clock;
  private final Netns host;
  private final Map<String, Netns> namespaces = new LinkedHashMap<>();
  private final List<Tap> taps = new ArrayList<>();
  private final List<LinkObserver> observers = new ArrayList<>();
  private final Map<Integer, VxlanDevice> vxlans = new LinkedHashMap<>();
  private int nextIndex = 1;
  private long framesCaptured;
  private Ipsec ipsec;

  /**
   * @param clock the virtual clock's present (epoch nanos): the wire catches up with it before each
   *     exchange
   */
  public NetStack(String node, Wire wire, SeededRandom random, LongSupplier clock) {
    this.node = node;
    this.wire = wire;
    this.random = random;
    this.clock = clock;
    this.host = new Netns(this, "", true);
    NetDevice lo = new NetDevice.Loopback(nextIndex++);
    host.add(lo);
    host.addAddress(lo, Ipv4.parse("127.0.0.1"), 8);
  }

  public String node() {
    return node;
  }

  /** The swarm's network keys this node's IPsec uses (its encrypted overlays' tunnels). */
  public void networkKeys(dev.ddlab.sim.network.driverapi.NetworkKeys keys) {
    ipsec = new Ipsec(keys, clock);
  }

  /** The host's IPsec, or null before the keys came. */
  Ipsec ipsec() {
    return ipsec;
  }

  public Wire wire() {
    return wire;
  }

  SeededRandom random() {
    return random;
  }

  public Netns host() {
    return host;
  }

  /** A sandbox's namespace by key, or null. */
  public Netns netns(String key) {
    return key == null || key.isEmpty() ? host : namespaces.get(key);
  }

  /** The sandboxes' namespaces, in the order they were made. */
  public List<Netns> namespaces() {
    return List.copyOf(namespaces.values());
  }

  /** {@code ip netns add}: a fresh namespace with its loopback up. */
  public Netns createNetns(String key) {
    Netns ns = new Netns(this, key, false);
    NetDevice lo = new NetDevice.Loopback(1);
    ns.add(lo);
    ns.addAddress(lo, Ipv4.parse("127.0.0.1"), 8);
    namespaces.put(key, ns);
    return ns;
  }

  public void deleteNetns(String key) {
    Netns ns = namespaces.remove(key);
    if (ns == null) {
      return;
    }
    for (NetDevice d : ns.devices()) {
      if (d instanceof NetDevice.Veth v && v.peer != null) {
        dropPeer(v.peer);
      }
      if (d instanceof NetDevice.Macvlan m) {
        m.parent.macvlans.remove(m);
      }
    }
  }

  /** Deleting one end of a veth deletes the other (and takes it off its bridge). */
  private void dropPeer(NetDevice.Veth other) {
    if (other.master != null) {
      other.master.detach(other);
    }
    other.peer = null;
    if (other.ns != null) {
      other.ns.remove(other);
    }
  }

  // ---- devices --------------------------------------------------------------------------------

  /** The node's NIC on the underlay, with its address (the node's). */
  public NetDevice addEther(String name, int address, int prefix, Segment segment) {
    NetDevice.Ether eth = new NetDevice.Ether(name, nextIndex++, randomMac());
    host.add(eth);
    host.addAddress(eth, address, prefix);
    if (segment != null) {
      segment.plug(eth);
    }
    return eth;
  }

  /** {@code ip link add NAME type bridge} with the gateway address, as the bridge driver does. */
  public Bridge addBridge(String name, int address, int prefix) {
    Bridge b =
        new Bridge(name, nextIndex++, 0x0242_0000_0000L | (random.nextLong() & 0xffff_ffffL));
    host.add(b);
    if (address != 0) {
      host.addAddress(b, address, prefix);
    }
    return b;
  }

  /** {@code ip link add NAME type bridge} in namespace {@code ns} (an overlay's br0). */
  public Bridge addBridge(Netns ns, String name, int address, int prefix) {
    Bridge b =
        new Bridge(name, nextIndex++, 0x0242_0000_0000L | (random.nextLong() & 0xffff_ffffL));
    ns.add(b);
    if (address != 0) {
      ns.addAddress(b, address, prefix);
    }
    return b;
  }

  /**
   * {@code ip link add NAME type vxlan id VNI dstport 4789} made in the host namespace (where its
   * UDP socket stays), moved into {@code ns} and enslaved to {@code bridge}. The host's socket on
   * port 4789 hands each datagram to the device of its VNI.
   */
  public VxlanDevice addVxlan(Netns ns, String name, int vni, int local, Bridge bridge) {
    VxlanDevice v = new VxlanDevice(name, nextIndex++, randomMac(), vni, local);
    ns.add(v);
    bridge.attach(v);
    vxlans.put(vni, v);
    host.listenUdp(
        Vxlan.PORT,
        p -> {
          if (p.body() instanceof UdpDatagram u) {
            Vxlan.Decapsulated d = Vxlan.decapsulate(u);
            VxlanDevice to = d == null ? null : vxlans.get(d.vni());
            if (to != null && to.ns != null) {
              to.receive(d.inner());
            }
          }
        });
    return v;
  }

  /** The vxlan device of {@code vni} on this node, or null. */
  public VxlanDevice vxlan(int vni) {
    return vxlans.get(vni);
  }

  /** Deletes a namespace that is not a sandbox's (an overlay network's), with its links. */
  public void deleteNamespace(String key) {
    Netns ns = namespaces.get(key);
    if (ns == null) {
      return;
    }
    for (NetDevice d : ns.devices()) {
      if (d instanceof VxlanDevice v) {
        vxlans.remove(v.vni, v);
      }
    }
    deleteNetns(key);
  }

  /** {@code ip link add PARENT.VID link PARENT type vlan id VID}. */
  public NetDevice addVlan(String name, NetDevice parent, int vid) {
    NetDevice.Vlan v = new NetDevice.Vlan(name, nextIndex++, parent, vid);
    parent.vlans.add(v);
    host.add(v);
    return v;
  }

  public NetDevice addDummy(String name) {
    NetDevice d = new NetDevice.Dummy(name, nextIndex++, randomMac());
    host.add(d);
    return d;
  }

  /** Removes a host link (a bridge with its ports, a VLAN link). */
  public void removeLink(String name) {
    NetDevice d = host.device(name);
    if (d == null) {
      return;
    }
    if (d instanceof Bridge b) {
      for (NetDevice p : b.ports()) {
        b.detach(p);
      }
    }
    if (d instanceof NetDevice.Vlan v) {
      v.parent.vlans.remove(v);
    }
    host.remove(d);
  }

  /**
   * A veth pair: {@code hostName} stays in the host namespace (and joins {@code bridge} when one is
   * given); the other end is moved into {@code ns} as {@code inner} with {@code mac}.
   */
  public NetDevice vethPair(String hostName, Bridge bridge, Netns ns, String inner, long mac) {
    return vethPair(host, hostName, bridge, ns, inner, mac, NetDevice.ETHERNET_MTU);
  }

  /**
   * A veth pair between two namespaces: {@code outerName} in {@code outerNs} (on {@code bridge}
   * when given), {@code inner} in {@code ns} with {@code mac}; both ends with {@code mtu}.
   */
  public NetDevice vethPair(
      Netns outerNs, String outerName, Bridge bridge, Netns ns, String inner, long mac, int mtu) {
    NetDevice.Veth outer = new NetDevice.Veth(outerName, nextIndex++, randomMac());
    NetDevice.Veth in = new NetDevice.Veth(inner, nextIndex++, mac);
    outer.peer = in;
    in.peer = outer;
    outer.mtu = mtu;
    in.mtu = mtu;
    outerNs.add(outer);
    if (bridge != null) {
      bridge.attach(outer);
    }
    ns.add(in);
    return in;
  }

  /** A macvlan child of {@code parent} (bridge mode), moved into {@code ns} as {@code inner}. */
  public NetDevice macvlan(NetDevice parent, Netns ns, String inner, long mac) {
    NetDevice.Macvlan m = new NetDevice.Macvlan(inner, nextIndex++, mac, parent);
    parent.macvlans.add(m);
    ns.add(m);
    return m;
  }

  /** Takes an interface out of its namespace (and a veth's peer with it). */
  public void deleteLink(NetDevice d) {
    if (d instanceof NetDevice.Veth v) {
      if (v.peer != null) {
        dropPeer(v.peer);
      }
      v.peer = null;
    }
    if (d instanceof NetDevice.Macvlan m) {
      m.parent.macvlans.remove(m);
    }
    if (d.ns != null) {
      d.ns.remove(d);
    }
  }

  /** A locally administered unicast MAC, as the kernel gives a new veth or dummy. */
  private long randomMac() {
    long m = random.nextLong() & 0xffff_ffff_ffffL;
    return (m & ~(1L << 40)) | (2L << 40);
  }

  // ---- timing ---------------------------------------------------------------------------------

  long linkNanos() {
    return VETH_NANOS + random.nextInt((int) JITTER_NANOS);
  }

  long bridgeNanos() {
    return BRIDGE_NANOS;
  }

  long kernelNanos() {
    return KERNEL_NANOS;
  }

  long loopbackNanos() {
    return LOOPBACK_NANOS;
  }

  /**
   * Runs one exchange: the wire catches up with the virtual clock, {@code start} sends, and the
   * wire runs until {@code done} holds, nothing is left to carry, or {@code horizonNanos} passed.
   */
  public void exchange(Runnable start, java.util.function.BooleanSupplier done, long horizonNanos) {
    wire.catchUp(clock.getAsLong());
    long until = wire.now() + horizonNanos;
    start.run();
    wire.runUntil(until, done);
  }

  // ---- observation ----------------------------------------------------------------------------

  public AutoCloseable tap(Tap t) {
    taps.add(t);
    return () -> taps.remove(t);
  }

  public AutoCloseable observe(LinkObserver o) {
    observers.add(o);
    return () -> observers.remove(o);
  }

  void captured(NetDevice d, Frame f, boolean outgoing) {
    framesCaptured++;
    if (!taps.isEmpty()) {
      long now = wire.now();
      for (Tap t : List.copyOf(taps)) {
        t.frame(now, d, f, outgoing);
      }
    }
  }

  void inFlight(NetDevice from, NetDevice to, Frame f, long due) {
    if (!observers.isEmpty()) {
      long now = wire.now();
      for (LinkObserver o : List.copyOf(observers)) {
        o.inFlight(now, due, from, to, f);
      }
    }
  }

  /**
   * Publishes every frame put on a link as a {@link dev.ddlab.events.FrameEvent} through {@code
   * sink} (the bus's transient channel): the introspection seam's frames in flight. {@code owner}
   * names a sandbox's namespace (its container); the host's ends are named after the node.
   */
  public AutoCloseable publishFrames(
      java.util.function.Consumer<dev.ddlab.events.FrameEvent> sink,
      java.util.function.Function<Netns, String> owner) {
    return observe(
        (sent, due, from, to, f) ->
            sink.accept(
                new dev.ddlab.events.FrameEvent(
                    sent,
                    node,
                    linkId(from, to),
                    end(from, owner),
                    end(to, owner),
                    due,
                    () -> new dev.ddlab.sim.network.dataplane.frame.TcpdumpFormat().summary(f),
                    () -> dev.ddlab.sim.network.dataplane.frame.FrameCodec.encode(f))));
  }

  /** A veth pair is named after its host end ("node1:veth1a2b3c4"); the rest is the underlay. */
  public String linkId(NetDevice a, NetDevice b) {
    for (NetDevice d : new NetDevice[] {a, b}) {
      if (d instanceof NetDevice.Veth && d.netns() != null && d.netns().isHost()) {
        return node + ":" + d.name();
      }
    }
    return "underlay";
  }

  private String end(NetDevice d, java.util.function.Function<Netns, String> owner) {
    Netns ns = d.netns();
    String who = ns == null ? node : ns.isHost() ? ns.stack().node() : owner.apply(ns);
    return who + ":" + d.name();
  }

  /** Frames seen on interfaces so far (each frame counts once per interface it crosses). */
  public long framesSeen() {
    return framesCaptured;
  }

  /** Runs {@code action} with every namespace (host first). */
  public void forEachNetns(Consumer<Netns> action) {
    action.accept(host);
    namespaces.values().forEach(action);
  }
}

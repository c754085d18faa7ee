package dev.ddlab.sim.network.dataplane;

import dev.ddlab.sim.network.dataplane.frame.Frame;
import dev.ddlab.sim.network.dataplane.frame.Mac;
import java.util.ArrayList;
import java.util.List;

/**
 * A network interface of a namespace, as the kernel's {@code net_device}: name, index, MAC, MTU,
 * state, addresses, the bridge it is enslaved to, counters. A frame the stack sends leaves through
 * {@link #transmit}; a frame arriving from the medium enters through {@link #receive}, which hands
 * it to the master bridge, to a macvlan child whose MAC it carries, or to the namespace.
 */
public abstract class NetDevice {
  /** The MTU an Ethernet-like device (veth, bridge, eth) starts with. */
  public static final int ETHERNET_MTU = 1500;

  /** An address on the interface: {@code inet A/P}. */
  public record Address(int ip, int prefix) {}

  private final String kind;
  String name;
  final int index;
  final long mac;
  int mtu = ETHERNET_MTU;
  boolean up = true;
  Netns ns;
  Bridge master;
  final List<Address> addresses = new ArrayList<>();
  final List<Macvlan> macvlans = new ArrayList<>();
  final List<Vlan> vlans = new ArrayList<>();
  long rxPackets;
  long rxBytes;
  long txPackets;
  long txBytes;

  NetDevice(String kind, String name, int index, long mac) {
    this.kind = kind;
    this.name = name;
    this.index = index;
    this.mac = mac;
  }

  public String kind() {
    return kind;
  }

  public String name() {
    return name;
  }

  public int index() {
    return index;
  }

  public long mac() {
    return mac;
  }

  public int mtu() {
    return mtu;
  }

  public boolean up() {
    return up;
  }

  public List<Address> addresses() {
    return List.copyOf(addresses);
  }

  /** The bridge this interface is a port of, or null. */
  public Bridge master() {
    return master;
  }

  public Netns netns() {
    return ns;
  }

  /** The link this one hangs from ({@code eth0.100@eth0}), or null. */
  public NetDevice parent() {
    return null;
  }

  /** The other end of a veth, or null. */
  public NetDevice peer() {
    return null;
  }

  public long rxPackets() {
    return rxPackets;
  }

  public long txPackets() {
    return txPackets;
  }

  public long rxBytes() {
    return rxBytes;
  }

  public long txBytes() {
    return txBytes;
  }

  NetStack stack() {
    return ns.stack();
  }

  /** Sends a frame out of this interface onto its medium. */
  final void transmit(Frame f) {
    if (!up) {
      return;
    }
    txPackets++;
    txBytes += f.length();
    stack().captured(this, f, true);
    send(f);
  }

  /** What the medium does with a frame this interface sends. */
  abstract void send(Frame f);

  /** A frame arrives on this interface from its medium. */
  void receive(Frame f) {
    if (!up) {
      return;
    }
    rxPackets++;
    rxBytes += f.length();
    stack().captured(this, f, false);
    deliverUp(f);
  }

  /** After capture: the bridge, a macvlan child, or the namespace's stack. */
  void deliverUp(Frame f) {
    if (f.vlan() >= 0) {
      for (Vlan v : vlans) {
        if (v.vid == f.vlan()) {
          v.receive(f.tagged(-1));
        }
      }
      return;
    }
    if (master != null) {
      master.input(this, f);
      return;
    }
    for (Macvlan m : macvlans) {
      if (m.mac == f.dst() && m.up) {
        m.receive(f);
        return;
      }
      if (Mac.isGroup(f.dst()) && m.up) {
        m.receive(f);
      }
    }
    ns.input(this, f);
  }

  /** The loopback: what it sends comes back in. */
  static final class Loopback extends NetDevice {
    static final int MTU = 65536;

    Loopback(int index) {
      super("loopback", "lo", index, 0);
      mtu = MTU;
    }

    @Override
    void send(Frame f) {
      stack().wire().after(stack().loopbackNanos(), () -> receive(f));
    }
  }

  /** When the last frame sent on this link arrives: a link keeps its frames in order. */
  long lastDue;

  /** The arrival time of a frame sent now: the link's latency, never before the one before. */
  long due() {
    lastDue = Math.max(stack().wire().now() + stack().linkNanos(), lastDue);
    return lastDue;
  }

  /** One end of a veth pair: what it sends arrives at its peer after the link's latency. */
  static final class Veth extends NetDevice {
    Veth peer;

    Veth(String name, int index, long mac) {
      super("veth", name, index, mac);
    }

    @Override
    public NetDevice peer() {
      return peer;
    }

    @Override
    void send(Frame f) {
      Veth p = peer;
      if (p != null) {
        long due = due();
        stack().inFlight(this, p, f, due);
        stack().wire().at(due, () -> p.receive(f));
      }
    }
  }

  /** The node's NIC on the underlay segment. */
  static final class Ether extends NetDevice {
    Segment segment;

    Ether(String name, int index, long mac) {
      super("ether", name, index, mac);
    }

    @Override
    void send(Frame f) {
      if (segment != null) {
        segment.carry(this, f);
      }
    }
  }

  /** An 802.1Q sub-interface ({@code eth0.100}): tags what it sends, takes its VLAN's frames. */
  static final class Vlan extends NetDevice {
    final NetDevice parent;
    final int vid;

    Vlan(String name, int index, NetDevice parent, int vid) {
      super("vlan", name, index, parent.mac);
      this.parent = parent;
      this.vid = vid;
    }

    @Override
    public NetDevice parent() {
      return parent;
    }

    public int vid() {
      return vid;
    }

    @Override
    void send(Frame f) {
      parent.transmit(f.tagged(vid));
    }
  }

  /**
   * A macvlan child in bridge mode: its own MAC on the parent link. The kernel passes frames
   * between children of one parent, never between a child and the parent itself.
   */
  static final class Macvlan extends NetDevice {
    final NetDevice parent;

    Macvlan(String name, int index, long mac, NetDevice parent) {
      super("macvlan", name, index, mac);
      this.parent = parent;
    }

    @Override
    public NetDevice parent() {
      return parent;
    }

    @Override
    void send(Frame f) {
      for (Macvlan sibling : parent.macvlans) {
        if (sibling != this && (sibling.mac == f.dst() || Mac.isGroup(f.dst()))) {
          Macvlan s = sibling;
          stack().wire().at(due(), () -> s.receive(f));
          if (!Mac.isGroup(f.dst())) {
            return;
          }
        }
      }
      parent.transmit(f);
    }
  }

  /** A dummy link: takes frames and drops them. */
  static final class Dummy extends NetDevice {
    Dummy(String name, int index, long mac) {
      super("dummy", name, index, mac);
    }

    @Override
    void send(Frame f) {}
  }
}

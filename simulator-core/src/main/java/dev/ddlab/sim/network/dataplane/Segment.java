package dev.ddlab.sim.network.dataplane;

import dev.ddlab.sim.network.dataplane.frame.Frame;
import dev.ddlab.sim.network.dataplane.frame.Ipv4Packet;
import dev.ddlab.sim.network.dataplane.frame.Mac;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The underlay an {@code eth0} plugs into: a learning switch with trunk ports, so tagged frames
 * (VLAN 100 of a macvlan on {@code eth0.100}) cross it with their tag. Nodes of a cluster and
 * simulated devices (a router, a server on VLAN 100) attach to it.
 */
public final class Segment {
  /** Something plugged into the segment. */
  public interface Port {
    /** The MACs this port answers for (its own and, for a NIC, its macvlan children's). */
    boolean owns(long mac);

    void deliver(Frame f);
  }

  /** Whether the underlay between two node addresses is cut (the cluster's fault injection). */
  @FunctionalInterface
  public interface Cut {
    Cut NONE = (src, dst) -> false;

    boolean between(int src, int dst);
  }

  private final Wire wire;
  private final long latencyNanos;
  private final List<Port> ports = new ArrayList<>();
  private Cut cut = Cut.NONE;

  public Segment(Wire wire, long latencyNanos) {
    this.wire = wire;
    this.latencyNanos = latencyNanos;
  }

  public Wire wire() {
    return wire;
  }

  public void plug(Port p) {
    ports.add(p);
  }

  /**
   * IPv4 frames between node addresses {@code cut} separates leave the sender's NIC and are lost on
   * the way (a partition, a link down); ARP still crosses.
   */
  public void cut(Cut c) {
    this.cut = c;
  }

  public void unplug(Port p) {
    ports.remove(p);
  }

  /** A port that is a plain function: a simulated device's NIC. */
  public static Port device(long mac, Consumer<Frame> in) {
    return new Port() {
      @Override
      public boolean owns(long m) {
        return m == mac;
      }

      @Override
      public void deliver(Frame f) {
        in.accept(f);
      }
    };
  }

  /**
   * A node's NIC sends: as {@link #send}, and each crossing is a frame in flight for the sender's
   * stack and, when the other end is another node's NIC, for the receiver's too (each node's
   * observers, {@code ddlab pcap} and the panels, see what its {@code eth0} sends and receives).
   */
  void carry(NetDevice.Ether from, Frame f) {
    forward(portOf(from), from, f);
  }

  /** Sends a frame from port {@code from} to the ports it is for (all others when flooded). */
  public void send(Port from, Frame f) {
    forward(from, null, f);
  }

  private void forward(Port from, NetDevice.Ether nic, Frame f) {
    boolean lost = f.payload() instanceof Ipv4Packet ip && cut.between(ip.src(), ip.dst());
    for (Port p : ports) {
      if (p != from && (Mac.isGroup(f.dst()) || p.owns(f.dst()))) {
        long due = wire.now() + latencyNanos;
        if (nic != null) {
          NetDevice.Ether to = nicOf(p);
          nic.stack().inFlight(nic, to != null ? to : nic, f, due);
          if (to != null && to.stack() != nic.stack() && !lost) {
            to.stack().inFlight(nic, to, f, due);
          }
        }
        if (!lost) {
          wire.at(due, () -> p.deliver(f));
        }
      }
    }
  }

  private NetDevice.Ether nicOf(Port p) {
    for (Map.Entry<NetDevice.Ether, Port> e : nics.entrySet()) {
      if (e.getValue() == p) {
        return e.getKey();
      }
    }
    return null;
  }

  private final Map<NetDevice.Ether, Port> nics = new LinkedHashMap<>();

  /** The port of a node's NIC, made when it is plugged in. */
  Port portOf(NetDevice.Ether nic) {
    return nics.computeIfAbsent(
        nic,
        n ->
            new Port() {
              @Override
              public boolean owns(long m) {
                if (m == n.mac) {
                  return true;
                }
                for (NetDevice.Vlan v : n.vlans) {
                  for (NetDevice.Macvlan c : v.macvlans) {
                    if (c.mac == m) {
                      return true;
                    }
                  }
                }
                for (NetDevice.Macvlan c : n.macvlans) {
                  if (c.mac == m) {
                    return true;
                  }
                }
                return false;
              }

              @Override
              public void deliver(Frame f) {
                n.receive(f);
              }
            });
  }

  void plug(NetDevice.Ether nic) {
    nic.segment = this;
    plug(portOf(nic));
  }
}

package dev.ddlab.sim.network.dataplane;

import dev.ddlab.sim.network.dataplane.frame.Frame;
import dev.ddlab.sim.network.dataplane.frame.Mac;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Linux bridge ({@code net/bridge}): an 802.1d learning switch whose ports are interfaces of the
 * host (the host ends of veths), and an interface of its own through which the host takes part
 * (docker0 holds the gateway address). It learns each source MAC on the port it came in by,
 * forwards known unicast to that one port, floods broadcasts and unknown destinations to all other
 * ports, and passes frames for its own MAC (and broadcasts) up to the host. STP is off, as Docker
 * leaves it.
 */
public final class Bridge extends NetDevice {
  /** A learnt address: the port it was seen on. */
  public record FdbEntry(long mac, NetDevice port, long seenNanos) {}

  private final List<NetDevice> ports = new ArrayList<>();
  private final Map<Long, FdbEntry> fdb = new LinkedHashMap<>();

  Bridge(String name, int index, long mac) {
    super("bridge", name, index, mac);
  }

  /** {@code ip link set DEV master BR}. */
  void attach(NetDevice port) {
    port.master = this;
    ports.add(port);
    adjustMtu();
  }

  void detach(NetDevice port) {
    port.master = null;
    ports.remove(port);
    fdb.values().removeIf(e -> e.port() == port);
    adjustMtu();
  }

  /** The kernel's br_mtu_auto_adjust: a bridge with ports takes the least of their MTUs. */
  private void adjustMtu() {
    if (!ports.isEmpty()) {
      mtu = ports.stream().mapToInt(NetDevice::mtu).min().orElse(mtu);
    }
  }

  /** The ports in the order they were attached ({@code brctl show}). */
  public List<NetDevice> ports() {
    return List.copyOf(ports);
  }

  /** The forwarding database, in learning order ({@code bridge fdb}). */
  public List<FdbEntry> fdb() {
    return List.copyOf(fdb.values());
  }

  /** A frame came in on {@code port}. */
  void input(NetDevice port, Frame f) {
    if (!Mac.isGroup(f.src())) {
      fdb.put(f.src(), new FdbEntry(f.src(), port, stack().wire().now()));
    }
    // tcpdump puts the bridge into promiscuous mode: it sees what passes through it.
    stack().captured(this, f, false);
    forward(port, f);
  }

  /** The host sends through the bridge's own interface: as if it came in on a local port. */
  @Override
  void send(Frame f) {
    forward(null, f);
  }

  private void forward(NetDevice from, Frame f) {
    long delay = stack().bridgeNanos();
    if (f.dst() == mac && from != null) {
      stack().wire().after(delay, () -> ns.input(this, f));
      return;
    }
    FdbEntry known = Mac.isGroup(f.dst()) ? null : fdb.get(f.dst());
    if (known != null) {
      if (known.port() != from) {
        NetDevice out = known.port();
        stack().wire().after(delay, () -> out.transmit(f));
      }
      return;
    }
    for (NetDevice p : ports) {
      if (p != from) {
        stack().wire().after(delay, () -> p.transmit(f));
      }
    }
    if (from != null && Mac.isGroup(f.dst())) {
      stack().wire().after(delay, () -> ns.input(this, f));
    }
  }
}

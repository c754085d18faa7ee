package dev.ddlab.sim.underlay;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A machine's network interface on the underlay ({@code eth0}): its address, the ports something
 * listens on, and whether the link is up. A machine that is switched off has its link down: it
 * neither sends nor receives.
 */
public final class Nic {
  private final Underlay underlay;
  private final String node;
  private final String address;
  private final Map<Integer, Consumer<Packet>> listeners = new LinkedHashMap<>();
  private boolean up = true;

  Nic(Underlay underlay, String node, String address) {
    this.underlay = underlay;
    this.node = node;
    this.address = address;
  }

  public String node() {
    return node;
  }

  public String address() {
    return address;
  }

  public boolean isUp() {
    return up;
  }

  /** Link up or down (a machine powered off, a cable pulled). */
  public void setUp(boolean up) {
    this.up = up;
  }

  /** Listens on {@code port}; packets to a port nobody listens on are dropped ("refused"). */
  public void listen(int port, Consumer<Packet> handler) {
    listeners.put(port, handler);
  }

  public void close(int port) {
    listeners.remove(port);
  }

  public boolean listening(int port) {
    return listeners.containsKey(port);
  }

  /**
   * Sends {@code payload} from {@code srcPort} to {@code dst:dstPort}; it arrives after the
   * underlay's latency unless a fault drops it.
   *
   * @return the packet as sent (its id follows it through the panels)
   */
  public Packet send(
      int srcPort, String dst, int dstPort, String proto, byte[] payload, String summary) {
    return underlay.send(this, srcPort, dst, dstPort, proto, payload, summary);
  }

  void deliver(Packet p) {
    Consumer<Packet> h = listeners.get(p.dstPort());
    if (h == null) {
      underlay.dropped(p, node, "port closed");
      return;
    }
    underlay.delivered(p, node);
    h.accept(p);
  }
}

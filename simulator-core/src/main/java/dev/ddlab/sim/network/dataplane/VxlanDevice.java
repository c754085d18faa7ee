package dev.ddlab.sim.network.dataplane;

import dev.ddlab.sim.network.dataplane.frame.ArpPacket;
import dev.ddlab.sim.network.dataplane.frame.Esp;
import dev.ddlab.sim.network.dataplane.frame.Frame;
import dev.ddlab.sim.network.dataplane.frame.Ipv4Packet;
import dev.ddlab.sim.network.dataplane.frame.Mac;
import dev.ddlab.sim.network.dataplane.frame.Vxlan;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Linux {@code vxlan} device as Docker's overlay driver makes it ({@code ip link add vxlan0 type
 * vxlan id VNI dstport 4789 proxy l2miss l3miss}, learning off, MTU 1450): enslaved to the overlay
 * namespace's {@code br0}, it tunnels what the bridge gives it to the node behind the destination
 * MAC (its forwarding database, filled from the control plane) in UDP from the node's address, and
 * answers ARP itself from its neighbour table ({@code proxy}). Nothing is flooded: a frame for an
 * unknown MAC or an ARP request for an unknown address is dropped, as a miss with nobody to fill
 * it. Its UDP socket lives in the host namespace, where the device was made; frames decapsulated
 * there with its VNI come in through {@link #receive}.
 */
public final class VxlanDevice extends NetDevice {
  /** The overlay MTU: 1500 of the underlay less the 50 bytes of encapsulation. */
  public static final int MTU = 1500 - Vxlan.OVERHEAD;

  /** The MTU of an encrypted overlay: room for ESP's 26 bytes, a multiple of 4. */
  public static final int ENCRYPTED_MTU = (MTU - Esp.EXPANSION) / 4 * 4;

  final int vni;
  private final int local;
  private boolean encrypted;
  private final Map<Long, Integer> fdb = new LinkedHashMap<>();
  private final Map<Integer, Long> neighbours = new LinkedHashMap<>();

  VxlanDevice(String name, int index, long mac, int vni, int local) {
    super("vxlan", name, index, mac);
    this.vni = vni;
    this.local = local;
    this.mtu = MTU;
  }

  public int vni() {
    return vni;
  }

  /**
   * {@code -o encrypted}: the tunnel's datagrams leave in ESP ({@link Ipsec}), and the device's MTU
   * leaves room for it (libnetwork's maxMTU: 1450 less 26, down to a multiple of 4: 1424).
   */
  public void encrypt() {
    encrypted = true;
    mtu = ENCRYPTED_MTU;
  }

  public boolean encrypted() {
    return encrypted;
  }

  /** The node address the tunnel leaves from. */
  public int local() {
    return local;
  }

  /**
   * A peer from the control plane: {@code ip neigh add IP lladdr MAC dev vxlan0 nud permanent} and
   * {@code bridge fdb add MAC dev vxlan0 dst VTEP self permanent}.
   */
  public void addPeer(int ip, long peerMac, int vtep) {
    neighbours.put(ip, peerMac);
    fdb.put(peerMac, vtep);
  }

  public void removePeer(int ip, long peerMac) {
    neighbours.remove(ip);
    fdb.remove(peerMac);
  }

  /** The tunnel endpoint behind {@code peerMac}, or 0 ({@code bridge fdb show dev vxlan0}). */
  public int vtepOf(long peerMac) {
    return fdb.getOrDefault(peerMac, 0);
  }

  /** The permanent neighbours, address to MAC, in the order they were added. */
  public Map<Integer, Long> neighbourTable() {
    return Map.copyOf(neighbours);
  }

  @Override
  void send(Frame f) {
    if (f.payload() instanceof ArpPacket a) {
      Long answer = a.op() == ArpPacket.REQUEST ? neighbours.get(a.targetIp()) : null;
      if (answer != null) {
        long m = answer;
        Frame reply =
            Frame.arp(
                a.senderMac(), m, ArpPacket.reply(m, a.targetIp(), a.senderMac(), a.senderIp()));
        stack().wire().after(stack().kernelNanos(), () -> receive(reply));
      }
      return;
    }
    Integer vtep = Mac.isGroup(f.dst()) ? null : fdb.get(f.dst());
    if (vtep == null || f.length() - 14 > mtu) {
      return;
    }
    Netns host = stack().host();
    Ipv4Packet outer =
        Vxlan.encapsulate(f, vni, Mac.ZERO, Mac.ZERO, local, vtep, host.nextId()).ip();
    if (encrypted) {
      if (stack().ipsec() == null) {
        return; // no keys yet: the policy has no state to use
      }
      outer = stack().ipsec().seal(outer);
    }
    host.sendIp(outer);
  }
}

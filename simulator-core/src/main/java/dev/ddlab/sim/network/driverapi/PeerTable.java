package dev.ddlab.sim.network.driverapi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The control plane's table of overlay peers (libnetwork's {@code overlay_peer_table} in networkdb,
 * gossiped between the nodes of a swarm): per network, which endpoint has which address and MAC
 * behind which node's underlay address (its VTEP). A node's overlay driver publishes its own
 * endpoints and hears of the others' ({@code driverapi.Driver.EventNotify}), so its vxlan devices
 * know every peer before a frame is sent and never flood. Shared by the nodes of a cluster;
 * delivery is immediate (the gossip's delay is not modelled).
 */
public final class PeerTable {
  /** One endpoint of network {@code nid}: address, prefix, MAC, and the node it lives on. */
  public record Peer(String nid, String eid, int ip, int prefix, long mac, int vtep) {}

  /** A node's overlay driver listening to one network's peers. */
  public interface Watcher {
    void peerAdd(Peer p);

    void peerDelete(Peer p);
  }

  private record Subscription(int vtep, Watcher watcher) {}

  private final Map<String, Map<String, Peer>> peers = new LinkedHashMap<>();
  private final Map<String, List<Subscription>> watchers = new LinkedHashMap<>();

  /**
   * The node at {@code vtep} joins network {@code nid}'s table: {@code w} hears of the peers on
   * other nodes already there, then of each change. Closing leaves the table.
   */
  public AutoCloseable join(String nid, int vtep, Watcher w) {
    Subscription s = new Subscription(vtep, w);
    watchers.computeIfAbsent(nid, k -> new ArrayList<>()).add(s);
    for (Peer p : List.copyOf(peers.getOrDefault(nid, Map.of()).values())) {
      if (p.vtep() != vtep) {
        w.peerAdd(p);
      }
    }
    return () -> {
      List<Subscription> l = watchers.get(nid);
      if (l != null) {
        l.remove(s);
        if (l.isEmpty()) {
          watchers.remove(nid);
        }
      }
    };
  }

  /** A node publishes one of its endpoints. */
  public void add(Peer p) {
    peers.computeIfAbsent(p.nid(), k -> new LinkedHashMap<>()).put(p.eid(), p);
    for (Subscription s : List.copyOf(watchers.getOrDefault(p.nid(), List.of()))) {
      if (s.vtep() != p.vtep()) {
        s.watcher().peerAdd(p);
      }
    }
  }

  /** A node withdraws one of its endpoints. */
  public void delete(String nid, String eid) {
    Map<String, Peer> m = peers.get(nid);
    Peer p = m == null ? null : m.remove(eid);
    if (p == null) {
      return;
    }
    if (m.isEmpty()) {
      peers.remove(nid);
    }
    for (Subscription s : List.copyOf(watchers.getOrDefault(nid, List.of()))) {
      if (s.vtep() != p.vtep()) {
        s.watcher().peerDelete(p);
      }
    }
  }

  /** The peers of network {@code nid} on every node, in the order they were published. */
  public List<Peer> peers(String nid) {
    return List.copyOf(peers.getOrDefault(nid, Map.of()).values());
  }
}

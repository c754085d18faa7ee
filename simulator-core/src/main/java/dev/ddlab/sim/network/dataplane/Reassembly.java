package dev.ddlab.sim.network.dataplane;

import dev.ddlab.sim.network.dataplane.frame.Ipv4Fragments;
import dev.ddlab.sim.network.dataplane.frame.Ipv4Packet;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A namespace's IPv4 reassembly queues ({@code ip_defrag}): fragments wait by source, destination,
 * protocol and identification until the packet is whole; a queue still incomplete after {@code
 * ipfrag_time} (30 s) is dropped, and only so many queues are kept at once (the oldest goes first),
 * as the kernel bounds the memory fragments may hold.
 */
final class Reassembly {
  /** Linux's net.ipv4.ipfrag_time. */
  static final long TIMEOUT_NANOS = 30_000_000_000L;

  /** The most packets waiting for pieces at once. */
  static final int MAX_QUEUES = 64;

  /** The most payload one queue holds: twice what a whole packet can carry (duplicates). */
  static final int MAX_BYTES = 2 * 65_535;

  private record Key(int src, int dst, int protocol, int id) {}

  private final Wire wire;
  private final Map<Key, List<Ipv4Packet>> queues = new LinkedHashMap<>();

  Reassembly(Wire wire) {
    this.wire = wire;
  }

  /** Takes a fragment; the whole packet when it was the piece missing, else null. */
  Ipv4Packet add(Ipv4Packet fragment) {
    Key key = new Key(fragment.src(), fragment.dst(), fragment.protocol(), fragment.id());
    List<Ipv4Packet> queue = queues.get(key);
    if (queue == null) {
      if (queues.size() >= MAX_QUEUES) {
        Iterator<Key> oldest = queues.keySet().iterator();
        oldest.next();
        oldest.remove();
      }
      List<Ipv4Packet> created = new ArrayList<>();
      queues.put(key, created);
      wire.after(
          TIMEOUT_NANOS,
          () -> {
            if (queues.get(key) == created) {
              queues.remove(key);
            }
          });
      queue = created;
    }
    queue.add(fragment);
    int held = 0;
    for (Ipv4Packet p : queue) {
      held += p.body().length();
    }
    if (held > MAX_BYTES) {
      queues.remove(key);
      return null;
    }
    Ipv4Packet whole = Ipv4Fragments.reassemble(queue);
    if (whole != null) {
      queues.remove(key);
    }
    return whole;
  }

  /** Packets still waiting for pieces. */
  int pending() {
    return queues.size();
  }
}

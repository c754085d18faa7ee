package dev.ddlab.sim.swarm;

import dev.ddlab.sim.swarm.store.ClusterStore;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The last JSON message a node decoded from each sender, per kind: the same bytes again (an idle
 * swarm's periodic heartbeats and assignments repeat themselves) give the object decoded before
 * instead of parsing them again. The objects are only read by their receivers.
 */
final class Decoded {
  private record Last(byte[] payload, Object value) {}

  private final Map<String, Map<Class<?>, Last>> last = new HashMap<>();

  /** The object in {@code payload} after its channel byte, sent by {@code from}. */
  <T> T read(String from, byte[] payload, Class<T> type) {
    Map<Class<?>, Last> bySender = last.computeIfAbsent(from, k -> new HashMap<>());
    Last l = bySender.get(type);
    if (l != null && Arrays.equals(l.payload(), payload)) {
      return type.cast(l.value());
    }
    T value = ClusterStore.read(payload, 1, payload.length - 1, type);
    bySender.put(type, new Last(payload, value));
    return value;
  }
}

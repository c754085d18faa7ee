package dev.ddlab.sim.swarm;

import dev.ddlab.sim.swarm.store.ClusterStore;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * A node's JSON messages (heartbeats, assignments), which an idle swarm repeats every period: the
 * last one decoded from each sender per kind, so the same bytes again give the object decoded
 * before instead of being parsed again, and the last one encoded per key, so an equal object sent
 * again is not serialised again. The objects are only read by their receivers.
 */
final class JsonMessages {
  private record Last(byte[] payload, Object value) {}

  private final Map<String, Map<Class<?>, Last>> last = new HashMap<>();
  private final Map<String, Last> sent = new HashMap<>();

  /** {@code value} as JSON bytes, the bytes of the last one sent under {@code key} if equal. */
  byte[] write(String key, Object value) {
    Last l = sent.get(key);
    if (l != null && l.value().equals(value)) {
      return l.payload();
    }
    byte[] bytes = ClusterStore.write(value);
    sent.put(key, new Last(bytes, value));
    return bytes;
  }

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

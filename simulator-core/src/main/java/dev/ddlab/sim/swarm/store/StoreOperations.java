package dev.ddlab.sim.swarm.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ddlab.sim.swarm.raft.Operations;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What the swarm's Raft entries carry: a batch of {@link StoreAction}s (JSON on the wire and in the
 * WAL), and store snapshots (bytes).
 */
public final class StoreOperations implements Operations {
  /** A batch of store actions: one Raft entry. */
  public record Batch(List<StoreAction> actions) {}

  /** A store snapshot chunk. */
  public record Snapshot(byte[] bytes) {}

  @Override
  public byte[] encode(Object operation) {
    ObjectNode o = ClusterStore.JSON.createObjectNode();
    if (operation instanceof Snapshot s) {
      o.put("snapshot", s.bytes());
    } else {
      ArrayNode arr = o.putArray("actions");
      for (StoreAction a : ((Batch) operation).actions()) {
        ObjectNode n = arr.addObject();
        n.put("kind", a.kind());
        n.put("id", a.id());
        n.set("object", a.object());
      }
    }
    return ClusterStore.bytes(o);
  }

  @Override
  public Object decode(byte[] bytes) {
    try {
      JsonNode o = ClusterStore.JSON.readTree(bytes);
      if (o.has("snapshot")) {
        return new Snapshot(o.get("snapshot").binaryValue());
      }
      List<StoreAction> actions = new ArrayList<>();
      for (JsonNode n : o.get("actions")) {
        JsonNode obj = n.get("object");
        actions.add(
            new StoreAction(
                n.get("kind").asText(),
                n.get("id").asText(),
                obj == null || obj.isNull() ? null : obj));
      }
      return new Batch(actions);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String describe(Object operation) {
    List<String> parts = new ArrayList<>();
    for (StoreAction a : ((Batch) operation).actions()) {
      parts.add((a.object() == null ? "delete " : "put ") + a.kind() + " " + a.id());
    }
    return String.join(", ", parts);
  }
}

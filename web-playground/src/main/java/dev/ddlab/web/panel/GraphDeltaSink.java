package dev.ddlab.web.panel;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ddlab.web.Json;
import org.graphstream.stream.Sink;

/**
 * Listens to a GraphStream graph and records each change as a JSON operation, the deltas a panel
 * sends to the browser: {@code addNode}, {@code removeNode}, {@code addEdge}, {@code removeEdge},
 * {@code setNode}/{@code unsetNode}, {@code setEdge}/{@code unsetEdge}, {@code setGraph}/{@code
 * unsetGraph}, {@code clear}.
 */
final class GraphDeltaSink implements Sink {
  private ArrayNode ops = Json.MAPPER.createArrayNode();

  /** The operations since the last drain. */
  ArrayNode drain() {
    ArrayNode out = ops;
    ops = Json.MAPPER.createArrayNode();
    return out;
  }

  private ObjectNode op(String name) {
    return ops.addObject().put("op", name);
  }

  @Override
  public void nodeAdded(String source, long time, String nodeId) {
    op("addNode").put("id", nodeId);
  }

  @Override
  public void nodeRemoved(String source, long time, String nodeId) {
    op("removeNode").put("id", nodeId);
  }

  @Override
  public void edgeAdded(
      String source, long time, String edgeId, String from, String to, boolean directed) {
    op("addEdge").put("id", edgeId).put("from", from).put("to", to);
  }

  @Override
  public void edgeRemoved(String source, long time, String edgeId) {
    op("removeEdge").put("id", edgeId);
  }

  @Override
  public void graphCleared(String source, long time) {
    op("clear");
  }

  @Override
  public void stepBegins(String source, long time, double step) {}

  @Override
  public void graphAttributeAdded(String source, long time, String key, Object value) {
    op("setGraph").put("key", key).set("value", Json.MAPPER.valueToTree(value));
  }

  @Override
  public void graphAttributeChanged(
      String source, long time, String key, Object oldValue, Object newValue) {
    graphAttributeAdded(source, time, key, newValue);
  }

  @Override
  public void graphAttributeRemoved(String source, long time, String key) {
    op("unsetGraph").put("key", key);
  }

  @Override
  public void nodeAttributeAdded(String source, long time, String id, String key, Object value) {
    op("setNode").put("id", id).put("key", key).set("value", Json.MAPPER.valueToTree(value));
  }

  @Override
  public void nodeAttributeChanged(
      String source, long time, String id, String key, Object oldValue, Object newValue) {
    nodeAttributeAdded(source, time, id, key, newValue);
  }

  @Override
  public void nodeAttributeRemoved(String source, long time, String id, String key) {
    op("unsetNode").put("id", id).put("key", key);
  }

  @Override
  public void edgeAttributeAdded(String source, long time, String id, String key, Object value) {
    op("setEdge").put("id", id).put("key", key).set("value", Json.MAPPER.valueToTree(value));
  }

  @Override
  public void edgeAttributeChanged(
      String source, long time, String id, String key, Object oldValue, Object newValue) {
    edgeAttributeAdded(source, time, id, key, newValue);
  }

  @Override
  public void edgeAttributeRemoved(String source, long time, String id, String key) {
    op("unsetEdge").put("id", id).put("key", key);
  }
}

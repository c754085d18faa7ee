package dev.ddlab.web.panel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ddlab.web.Json;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.graphstream.graph.Edge;
import org.graphstream.graph.Element;
import org.graphstream.graph.Graph;
import org.graphstream.graph.Node;
import org.graphstream.graph.implementations.MultiGraph;

/**
 * A panel model kept as a GraphStream graph. Each refresh describes the picture the panel should
 * show ({@link #describe}); the graph is reconciled to it element by element, and the graph's own
 * events, caught by a {@link GraphDeltaSink}, become the deltas sent to the browsers. Only what
 * changed travels.
 */
public abstract class GraphModel implements PanelModel {
  protected final PanelContext context;
  private final Graph graph;
  private final GraphDeltaSink sink = new GraphDeltaSink();

  protected GraphModel(PanelContext context, String name) {
    this.context = context;
    this.graph = new MultiGraph(name, false, false);
    graph.addSink(sink);
  }

  /** Fills {@code picture} with what the panel shows now; called with the session locked. */
  protected abstract void describe(Picture picture);

  /** The graph (read-only use: tests and subclasses' answers). */
  public Graph graph() {
    return graph;
  }

  @Override
  public final void refresh() {
    reconcile();
    ArrayNode ops = sink.drain();
    if (!ops.isEmpty()) {
      ObjectNode delta = Json.MAPPER.createObjectNode();
      delta.set("ops", ops);
      context.publish(delta);
    }
  }

  @Override
  public JsonNode snapshot() {
    refresh();
    ObjectNode out = Json.MAPPER.createObjectNode();
    out.set("graph", attributes(graph));
    ArrayNode nodes = out.putArray("nodes");
    graph.nodes().forEach(n -> nodes.addObject().put("id", n.getId()).setAll(attributes(n)));
    ArrayNode edges = out.putArray("edges");
    graph
        .edges()
        .forEach(
            e ->
                edges
                    .addObject()
                    .put("id", e.getId())
                    .put("from", e.getSourceNode().getId())
                    .put("to", e.getTargetNode().getId())
                    .setAll(attributes(e)));
    return out;
  }

  private void reconcile() {
    Picture p = new Picture();
    describe(p);
    for (Edge e : graph.edges().collect(Collectors.toList())) {
      Picture.EdgeSpec want = p.edges.get(e.getId());
      if (want == null
          || !want.from.equals(e.getSourceNode().getId())
          || !want.to.equals(e.getTargetNode().getId())) {
        graph.removeEdge(e);
      }
    }
    for (Node n : graph.nodes().collect(Collectors.toList())) {
      if (!p.nodes.containsKey(n.getId())) {
        graph.removeNode(n);
      }
    }
    sync(graph, p.graph);
    p.nodes.forEach(
        (id, attrs) -> {
          Node n = graph.getNode(id);
          if (n == null) {
            n = graph.addNode(id);
          }
          sync(n, attrs);
        });
    p.edges.forEach(
        (id, spec) -> {
          if (graph.getNode(spec.from) == null || graph.getNode(spec.to) == null) {
            return;
          }
          Edge e = graph.getEdge(id);
          if (e == null) {
            e = graph.addEdge(id, spec.from, spec.to, true);
          }
          sync(e, spec.attrs);
        });
  }

  private static void sync(Element element, Map<String, Object> want) {
    Set<String> stale = new HashSet<>();
    element.attributeKeys().forEach(stale::add);
    stale.removeAll(want.keySet());
    stale.forEach(element::removeAttribute);
    want.forEach(
        (k, v) -> {
          if (!Objects.equals(element.getAttribute(k), v)) {
            element.setAttribute(k, v);
          }
        });
  }

  private static ObjectNode attributes(Element element) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    element
        .attributeKeys()
        .sorted()
        .forEach(k -> o.set(k, Json.MAPPER.valueToTree(element.getAttribute(k))));
    return o;
  }

  /** The picture a panel wants: nodes and edges with their attributes, in insertion order. */
  public static final class Picture {
    private final Map<String, Object> graph = new LinkedHashMap<>();
    private final Map<String, Map<String, Object>> nodes = new LinkedHashMap<>();
    private final Map<String, EdgeSpec> edges = new LinkedHashMap<>();

    /** Sets a graph-wide attribute (a summary the panel shows). */
    public Picture graph(String key, Object value) {
      if (value != null) {
        graph.put(key, value);
      }
      return this;
    }

    /** Adds (or extends) a node; null values are left out. */
    public Picture node(String id, Object... keyValues) {
      Map<String, Object> attrs = nodes.computeIfAbsent(id, k -> new LinkedHashMap<>());
      put(attrs, keyValues);
      return this;
    }

    public Picture edge(String id, String from, String to, Object... keyValues) {
      EdgeSpec spec = edges.computeIfAbsent(id, k -> new EdgeSpec(from, to));
      put(spec.attrs, keyValues);
      return this;
    }

    public boolean hasNode(String id) {
      return nodes.containsKey(id);
    }

    private static void put(Map<String, Object> attrs, Object[] keyValues) {
      for (int i = 0; i + 1 < keyValues.length; i += 2) {
        Object v = keyValues[i + 1];
        if (v != null) {
          attrs.put((String) keyValues[i], v instanceof List<?> l ? List.copyOf(l) : v);
        }
      }
    }

    private static final class EdgeSpec {
      final String from;
      final String to;
      final Map<String, Object> attrs = new LinkedHashMap<>();

      EdgeSpec(String from, String to) {
        this.from = from;
        this.to = to;
      }
    }
  }
}

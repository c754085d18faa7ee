package dev.ddlab.web.panel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ddlab.events.SimEvent;
import dev.ddlab.session.Session;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class GraphModelTest {
  private final List<JsonNode> published = new ArrayList<>();
  private Consumer<GraphModel.Picture> picture = p -> {};

  private final GraphModel model =
      new GraphModel(
          new PanelContext() {
            @Override
            public Session session() {
              return null;
            }

            @Override
            public void publish(JsonNode delta) {
              published.add(delta);
            }
          },
          "test") {
        @Override
        protected void describe(Picture p) {
          picture.accept(p);
        }

        @Override
        public boolean affectedBy(SimEvent event) {
          return true;
        }
      };

  @Test
  void a_snapshot_lists_nodes_and_edges_with_their_attributes() {
    picture =
        p ->
            p.node("h:node1", "kind", "host", "address", "192.168.0.11")
                .node("c:web", "kind", "container", "state", "running")
                .edge("c:web>h:node1", "c:web", "h:node1", "ip", "172.17.0.2")
                .graph("title", "x");
    JsonNode snap = model.snapshot();
    assertEquals("192.168.0.11", snap.path("nodes").get(0).path("address").asText());
    assertEquals("c:web", snap.path("edges").get(0).path("from").asText());
    assertEquals("172.17.0.2", snap.path("edges").get(0).path("ip").asText());
    assertEquals("x", snap.path("graph").path("title").asText());
  }

  @Test
  void a_refresh_sends_only_what_changed() {
    picture =
        p ->
            p.node("c:web", "kind", "container", "state", "running")
                .node("c:db", "kind", "container");
    model.snapshot();
    published.clear();
    model.refresh();
    assertTrue(published.isEmpty(), "nothing changed, nothing sent: " + published);

    picture = p -> p.node("c:web", "kind", "container", "state", "exited");
    model.refresh();
    assertEquals(1, published.size());
    String ops = published.get(0).path("ops").toString();
    assertEquals(
        "[{\"op\":\"removeNode\",\"id\":\"c:db\"},"
            + "{\"op\":\"setNode\",\"id\":\"c:web\",\"key\":\"state\",\"value\":\"exited\"}]",
        ops);
  }

  @Test
  void an_edge_whose_end_disappears_is_removed_with_it() {
    picture = p -> p.node("a").node("b").edge("a>b", "a", "b");
    model.snapshot();
    published.clear();
    picture = p -> p.node("a");
    model.refresh();
    String ops = published.get(0).path("ops").toString();
    assertEquals(
        "[{\"op\":\"removeEdge\",\"id\":\"a>b\"},{\"op\":\"removeNode\",\"id\":\"b\"}]", ops);
  }
}

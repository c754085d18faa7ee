package dev.ddlab.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ddlab.session.Session;
import dev.ddlab.session.SimSession;
import dev.ddlab.web.panel.LayersPanel;
import dev.ddlab.web.panel.NamespacesPanel;
import dev.ddlab.web.panel.PanelContext;
import dev.ddlab.web.panel.PanelModel;
import dev.ddlab.web.panel.TopologyPanel;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/** The panels on a simulated session, driven by commands typed at its shell. */
class PanelsOnSimSessionTest {
  private final SimSession session = SimSession.open("single", 42);
  private final List<JsonNode> deltas = new ArrayList<>();
  private final PanelContext context =
      new PanelContext() {
        @Override
        public Session session() {
          return session;
        }

        @Override
        public void publish(JsonNode delta) {
          deltas.add(delta);
        }
      };

  private void docker(String line) {
    var e = session.type("node1", "docker " + line);
    assertEquals(0, e.exitCode(), e.output());
  }

  private static JsonNode node(JsonNode snapshot, String id) {
    return StreamSupport.stream(snapshot.path("nodes").spliterator(), false)
        .filter(n -> n.path("id").asText().equals(id))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + id + " in " + snapshot));
  }

  @Test
  void topology_shows_a_running_container_its_network_endpoint_and_published_port() {
    PanelModel topo = new TopologyPanel().open(context);
    topo.snapshot();
    docker("run -d --name web -p 8080:80 nginx");
    topo.refresh();
    JsonNode snap = topo.snapshot();
    JsonNode web =
        StreamSupport.stream(snap.path("nodes").spliterator(), false)
            .filter(n -> "web".equals(n.path("label").asText()))
            .findFirst()
            .orElseThrow();
    assertEquals("running", web.path("state").asText());
    assertEquals("nginx", web.path("image").asText());
    assertEquals(8080, node(snap, "p:node1:8080/tcp").path("port").asInt());
    assertTrue(
        StreamSupport.stream(snap.path("edges").spliterator(), false)
            .anyMatch(
                e ->
                    e.path("to").asText().equals("n:node1:bridge")
                        && e.path("ip").asText().startsWith("172.17.")),
        snap.toString());
    assertTrue(
        deltas.stream().anyMatch(d -> d.toString().contains("\"op\":\"addNode\"")),
        "the new container went out as a delta");
  }

  @Test
  void layers_show_nginx_stack_efficiency_and_a_marked_tree() {
    docker("pull nginx");
    docker("run -d --name web nginx");
    PanelModel layers = new LayersPanel().open(context);
    JsonNode snap = layers.snapshot();
    JsonNode image =
        StreamSupport.stream(snap.path("nodes").spliterator(), false)
            .filter(n -> n.path("ref").asText().equals("nginx:latest"))
            .findFirst()
            .orElseThrow(() -> new AssertionError(snap.toString()));
    JsonNode selected =
        layers.request(
            dev.ddlab.web.Json.read(
                "{\"op\":\"select\",\"node\":\"node1\",\"image\":\""
                    + image.path("imageId").asText()
                    + "\"}"));
    long layerCount =
        StreamSupport.stream(selected.path("nodes").spliterator(), false)
            .filter(n -> n.path("kind").asText().equals("layer"))
            .count();
    assertTrue(layerCount >= 2, selected.toString());
    double efficiency = selected.path("graph").path("efficiency").asDouble();
    assertTrue(efficiency > 0 && efficiency <= 1, "efficiency " + efficiency);
    assertTrue(node(selected, "l:0").path("createdBy").asText().length() > 0);
    assertEquals("writable", node(selected, "w:web").path("kind").asText());
    JsonNode tree = layers.request(dev.ddlab.web.Json.read("{\"op\":\"tree\",\"layer\":\"l:0\"}"));
    assertTrue(tree.path("rows").size() > 0);
    assertEquals("A", tree.path("rows").get(0).path("mark").asText());
  }

  @Test
  void layers_show_the_latest_build_stage_by_stage_with_cache_hits_and_copy_from_edges() {
    for (String line :
        List.of(
            "git clone -q https://github.com/nigelpoulton/ddd-book.git",
            "cd ddd-book/multi-stage",
            "docker build -q -t multi:stage .")) {
      var e = session.type("node1", line);
      assertEquals(0, e.exitCode(), e.output());
    }
    PanelModel layers = new LayersPanel().open(context);
    JsonNode snap = layers.snapshot();
    JsonNode build = node(snap, "b:node1");
    assertEquals("DONE", build.path("status").asText());
    List<JsonNode> steps =
        StreamSupport.stream(snap.path("nodes").spliterator(), false)
            .filter(n -> "step".equals(n.path("kind").asText()))
            .toList();
    assertEquals(
        List.of("base", "build-client", "build-server", "prod"),
        steps.stream().map(n -> n.path("stage").asText()).distinct().toList());
    JsonNode client =
        steps.stream()
            .filter(n -> n.path("stage").asText().equals("build-client"))
            .findFirst()
            .orElseThrow();
    JsonNode server =
        steps.stream()
            .filter(n -> n.path("stage").asText().equals("build-server"))
            .findFirst()
            .orElseThrow();
    assertEquals(client.path("start").asLong(), server.path("start").asLong(), "parallel stages");
    long fromEdges =
        StreamSupport.stream(snap.path("edges").spliterator(), false)
            .filter(e -> e.path("from").asText().startsWith("s:node1:"))
            .count();
    assertEquals(2, fromEdges, snap.path("edges").toString());

    var again = session.type("node1", "docker build -q -t multi:stage .");
    assertEquals(0, again.exitCode(), again.output());
    layers.refresh();
    JsonNode cached = layers.snapshot();
    assertTrue(
        StreamSupport.stream(cached.path("nodes").spliterator(), false)
            .filter(n -> "step".equals(n.path("kind").asText()))
            .filter(n -> n.path("instruction").asText().startsWith("RUN"))
            .allMatch(n -> n.path("cached").asBoolean()),
        cached.toString());
  }

  @Test
  void namespaces_show_seven_kinds_and_sharing_with_network_container() {
    docker("run -d --name web nginx");
    docker("run -d --name side --network container:web alpine sleep 1d");
    PanelModel ns = new NamespacesPanel().open(context);
    JsonNode snap = ns.snapshot();
    List<String> netOfEach = new ArrayList<>();
    for (JsonNode e : snap.path("edges")) {
      if (e.path("id").asText().endsWith(">net")) {
        netOfEach.add(e.path("to").asText());
      }
    }
    assertEquals(2, netOfEach.size(), snap.toString());
    assertEquals(netOfEach.get(0), netOfEach.get(1), "side shares web's network namespace");
    long kinds =
        StreamSupport.stream(snap.path("edges").spliterator(), false)
            .filter(e -> e.path("from").asText().contains(":"))
            .map(e -> e.path("id").asText().substring(e.path("id").asText().indexOf('>') + 1))
            .distinct()
            .count();
    assertEquals(7, kinds);
    assertTrue(node(snap, netOfEach.get(0)).path("label").asText().matches("net:\\[\\d+\\]"));
  }

  @Test
  void dataplane_draws_bridge_and_sandboxes_and_sends_a_pings_frames_arp_first() {
    docker("network create net1");
    docker("run -d --name c2 --network net1 alpine sleep 1d");
    docker("run -d --name c1 --network net1 alpine sleep 1d");
    PanelModel dp = new dev.ddlab.web.panel.DataPlanePanel().open(context);
    session.events().subscribe(dev.ddlab.events.SimEvent.class, dp::affectedBy);
    JsonNode snap = dp.snapshot();
    assertEquals("bridge", node(snap, "b:node1:docker0").path("kind").asText());
    JsonNode c1 = node(snap, "s:node1:c1");
    assertTrue(
        c1.path("interfaces").get(0).asText().startsWith("eth0 172.18.0.3/16"), c1.toString());
    JsonNode host = node(snap, "h:node1");
    assertTrue(host.path("nat").toString().contains("MASQUERADE"), host.toString());
    JsonNode veth =
        StreamSupport.stream(snap.path("edges").spliterator(), false)
            .filter(e -> e.path("from").asText().equals("s:node1:c1"))
            .findFirst()
            .orElseThrow(() -> new AssertionError(snap.toString()));
    assertTrue(veth.path("to").asText().startsWith("b:node1:br-"), veth.toString());
    assertEquals("c1:eth0", veth.path("inner").asText());

    deltas.clear();
    docker("exec c1 ping -c 1 c2");
    dp.refresh();
    List<String> frames = new ArrayList<>();
    for (JsonNode d : deltas) {
      for (JsonNode f : d.path("frames")) {
        frames.add(f.path("from").asText() + " " + f.path("summary").asText());
      }
    }
    // c1's ARP request reaches the bridge on c1's veth, then c2 on c2's; the reply comes back; then
    // the echo request and reply take the same two hops
    assertTrue(frames.size() >= 8, frames.toString());
    assertTrue(frames.get(0).startsWith("c1:eth0 ARP, Request who-has 172.18.0.2"), frames.get(0));
    assertTrue(frames.get(1).contains("ARP, Request who-has 172.18.0.2"), frames.get(1));
    assertTrue(frames.get(2).startsWith("c2:eth0 ARP, Reply 172.18.0.2 is-at"), frames.get(2));
    assertTrue(
        frames.stream()
            .anyMatch(f -> f.startsWith("c1:eth0 IP 172.18.0.3 > 172.18.0.2: ICMP echo request")),
        frames.toString());
    assertTrue(
        frames.stream()
            .anyMatch(f -> f.startsWith("c2:eth0 IP 172.18.0.2 > 172.18.0.3: ICMP echo reply")),
        frames.toString());
    assertEquals(frames.size(), dp.snapshot().path("frames").size(), "a later browser lists them");
  }
}

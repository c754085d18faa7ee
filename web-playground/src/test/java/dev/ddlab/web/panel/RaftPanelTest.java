package dev.ddlab.web.panel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ddlab.session.Session;
import dev.ddlab.session.SimSession;
import dev.ddlab.web.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/** The Raft panel's model on a simulated three-manager swarm: what it shows, what faults do. */
class RaftPanelTest {
  private final List<JsonNode> deltas = new ArrayList<>();

  private PanelModel open(Session session) {
    return new RaftPanel()
        .open(
            new PanelContext() {
              @Override
              public Session session() {
                return session;
              }

              @Override
              public void publish(JsonNode delta) {
                deltas.add(delta);
              }
            });
  }

  private static SimSession swarm(long seed) {
    SimSession s = SimSession.open("swarm-3m2w", seed);
    s.type("mgr1", "docker swarm init --advertise-addr 10.0.0.1");
    for (String m : new String[] {"mgr2", "mgr3"}) {
      s.type(
          m,
          "docker swarm join --token $(ssh mgr1 docker swarm join-token -q manager) 10.0.0.1:2377");
    }
    s.advance(Duration.ofSeconds(2));
    return s;
  }

  private static JsonNode manager(JsonNode state, String node) {
    return StreamSupport.stream(state.path("managers").spliterator(), false)
        .filter(m -> m.path("node").asText().equals(node))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + node + " in " + state));
  }

  private static JsonNode ask(PanelModel m, String action, String node) {
    ObjectNode args = Json.MAPPER.createObjectNode().put("action", action).put("node", node);
    return m.request(args);
  }

  @Test
  void it_shows_each_managers_role_term_log_with_the_commit_index_and_the_messages() {
    try (SimSession s = swarm(41)) {
      JsonNode snap = open(s).snapshot();
      assertTrue(snap.path("faults").asBoolean());
      assertEquals(5, snap.path("nodes").size());
      assertEquals("leader", manager(snap, "mgr1").path("role").asText());
      assertEquals("follower", manager(snap, "mgr2").path("role").asText());
      JsonNode log = manager(snap, "mgr2").path("log");
      assertTrue(log.size() > 0 && log.size() <= RaftPanel.LOG_SHOWN, log.toString());
      assertTrue(log.get(0).path("committed").asBoolean(), log.toString());
      assertTrue(
          StreamSupport.stream(snap.path("messages").spliterator(), false)
              .anyMatch(m -> m.path("summary").asText().startsWith("AppendEntries")),
          snap.path("messages").toString());
    }
  }

  @Test
  void stopping_the_leaders_daemon_from_the_panel_leads_to_a_new_leader() {
    try (SimSession s = swarm(42)) {
      PanelModel raft = open(s);
      raft.snapshot();
      JsonNode answer = ask(raft, "stop", "mgr1");
      assertTrue(answer.path("ok").asBoolean(), answer.toString());
      assertEquals(
          "Đã dừng Docker trên mgr1 (như service docker stop).", answer.path("message").asText());
      JsonNode after = deltas.get(deltas.size() - 1);
      assertEquals("down", manager(after, "mgr1").path("role").asText());
      s.advance(Duration.ofSeconds(15));
      raft.refresh();
      JsonNode later = deltas.get(deltas.size() - 1);
      assertTrue(
          List.of("mgr2", "mgr3").stream()
              .anyMatch(n -> manager(later, n).path("role").asText().equals("leader")),
          later.path("managers").toString());
      assertTrue(ask(raft, "start", "mgr1").path("ok").asBoolean());
    }
  }

  @Test
  void forcing_a_followers_timeout_makes_it_lead_and_the_leader_is_refused() {
    try (dev.ddlab.session.RecordingSession s = new dev.ddlab.session.RecordingSession(swarm(43))) {
      PanelModel raft = open(s);
      JsonNode before = raft.snapshot();
      long term = manager(before, "mgr1").path("term").asLong();
      JsonNode refused = ask(raft, "timeout", "mgr1");
      assertFalse(refused.path("ok").asBoolean(), refused.toString());
      assertTrue(refused.path("message").asText().contains("đang là leader"), refused.toString());
      assertEquals(0, s.inputCount(), "a refused timeout is not recorded");
      JsonNode answer = ask(raft, "timeout", "mgr2");
      assertTrue(answer.path("ok").asBoolean(), answer.toString());
      assertEquals(
          dev.ddlab.session.Input.Kind.FORCE_ELECTION, s.inputs().get(0).kind(), "recorded");
      s.advance(Duration.ofSeconds(3));
      raft.refresh();
      JsonNode later = deltas.get(deltas.size() - 1);
      assertEquals("leader", manager(later, "mgr2").path("role").asText(), later.toString());
      assertTrue(manager(later, "mgr2").path("term").asLong() > term);
    }
  }

  @Test
  void the_services_view_counts_running_tasks_per_node_and_follows_a_drain() {
    try (SimSession s = swarm(44)) {
      s.type("mgr1", "docker service create --name web --replicas 4 alpine sleep 1d");
      s.advance(Duration.ofSeconds(5));
      PanelModel raft = open(s);
      JsonNode web = raft.snapshot().path("services").get(0);
      assertEquals("web", web.path("name").asText());
      assertEquals(4, web.path("replicas").asInt());
      int total = 0;
      for (JsonNode n : (Iterable<JsonNode>) () -> web.path("running").elements()) {
        total += n.asInt();
      }
      assertEquals(4, total, web.toString());
      assertTrue(web.path("running").has("mgr3"), web.toString());
      s.type("mgr1", "docker node update --availability drain mgr3");
      s.advance(Duration.ofSeconds(10));
      JsonNode after = raft.snapshot().path("services").get(0);
      assertFalse(after.path("running").has("mgr3"), after.toString());
      int moved = 0;
      for (JsonNode n : (Iterable<JsonNode>) () -> after.path("running").elements()) {
        moved += n.asInt();
      }
      assertEquals(4, moved, after.toString());
    }
  }

  @Test
  void isolate_heal_drop_and_latency_go_through_the_sessions_network_faults() {
    try (SimSession s = swarm(43)) {
      PanelModel raft = open(s);
      assertTrue(ask(raft, "isolate", "mgr2").path("ok").asBoolean());
      assertEquals("[\"mgr2\"]", raft.snapshot().path("isolated").toString());
      assertTrue(ask(raft, "heal", "").path("ok").asBoolean());
      assertEquals(0, raft.snapshot().path("isolated").size());
      ObjectNode drop = Json.MAPPER.createObjectNode();
      drop.put("action", "drop").put("node", "mgr1").put("to", "mgr3");
      assertEquals(
          "Tin nhắn kế tiếp từ mgr1 đến mgr3 sẽ bị mất.",
          raft.request(drop).path("message").asText());
      ObjectNode lat = Json.MAPPER.createObjectNode();
      lat.put("action", "latency").put("ms", 200);
      assertTrue(raft.request(lat).path("ok").asBoolean());
      assertEquals(200.0, raft.snapshot().path("latencyMs").asDouble());
    }
  }

  @Test
  void bad_requests_answer_in_vietnamese_and_change_nothing() {
    try (SimSession s = swarm(44)) {
      PanelModel raft = open(s);
      JsonNode none = ask(raft, "stop", "mgr9");
      assertFalse(none.path("ok").asBoolean());
      assertEquals("Không có node mgr9 trong phiên này.", none.path("message").asText());
      ObjectNode lat = Json.MAPPER.createObjectNode();
      lat.put("action", "latency").put("ms", 99999);
      assertEquals("Độ trễ phải từ 0 đến 5000 ms.", raft.request(lat).path("message").asText());
      assertEquals("Không hiểu thao tác: x", ask(raft, "x", "mgr1").path("message").asText());
      assertEquals("leader", manager(raft.snapshot(), "mgr1").path("role").asText());
    }
  }

  @Test
  void a_session_before_swarm_init_shows_no_managers_and_still_offers_faults() {
    try (SimSession s = SimSession.open("swarm-3m2w", 45)) {
      JsonNode snap = open(s).snapshot();
      assertTrue(snap.path("simulated").asBoolean());
      assertEquals(0, snap.path("managers").size());
      assertEquals(5, snap.path("nodes").size());
    }
  }
}

package dev.ddlab.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ddlab.introspect.SwarmView;
import dev.ddlab.introspect.SwarmView.RaftState;
import dev.ddlab.session.Input.Kind;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * "Force a timeout" from the Raft panel ({@link NetworkFaults#forceElection}): a follower campaigns
 * at once and leads in a later term; the leader itself, or a cluster without a leader, is refused
 * with nothing changed and nothing recorded; the input replays to the same state.
 */
class ForceElectionTest {
  private static final String JOIN =
      "docker swarm join --token $(ssh mgr1 docker swarm join-token -q %s) 10.0.0.1:2377";

  private static void ok(Session s, String node, String line) {
    TranscriptEntry e = s.type(node, line);
    assertEquals(0, e.exitCode(), line + " →\n" + e.output());
  }

  private static RecordingSession threeManagers() {
    RecordingSession s = new RecordingSession(SimSession.open("swarm-3m3w", 5));
    ok(s, "mgr1", "docker swarm init --advertise-addr 10.0.0.1");
    ok(s, "mgr2", JOIN.formatted("manager"));
    ok(s, "mgr3", JOIN.formatted("manager"));
    s.advance(Duration.ofSeconds(2));
    return s;
  }

  private static RaftState leader(Session s) {
    return s.introspection().swarm().managers().stream()
        .filter(m -> m.role() == SwarmView.Role.LEADER)
        .findFirst()
        .orElseThrow();
  }

  private static String raft(Session s) {
    return s.introspection().swarm().managers().toString();
  }

  @Test
  void a_follower_forced_to_time_out_leads_in_a_later_term_and_replays_the_same() {
    List<Input> inputs;
    String after;
    try (RecordingSession s = threeManagers()) {
      RaftState before = leader(s);
      assertEquals("mgr1", before.node());
      s.networkFaults().forceElection("mgr3");
      s.advance(Duration.ofSeconds(3));
      RaftState now = leader(s);
      assertEquals("mgr3", now.node(), raft(s));
      assertTrue(now.term() > before.term(), raft(s));
      inputs = s.inputs();
      after = raft(s);
    }
    assertEquals(Kind.FORCE_ELECTION, inputs.get(inputs.size() - 2).kind());
    assertEquals("mgr3", inputs.get(inputs.size() - 2).node());
    try (RecordingSession r =
        Replay.replayAll(SimSession::open, "swarm-3m3w", 5, inputs).session()) {
      assertEquals(after, raft(r));
      assertEquals(inputs, r.inputs());
    }
  }

  @Test
  void the_leader_itself_or_a_swarm_without_a_leader_is_refused_and_nothing_changes() {
    try (RecordingSession s = threeManagers()) {
      int count = s.inputCount();
      String before = raft(s);
      IllegalStateException e =
          assertThrows(IllegalStateException.class, () -> s.networkFaults().forceElection("mgr1"));
      assertTrue(e.getMessage().contains("mgr1 đang là leader"), e.getMessage());
      e = assertThrows(IllegalStateException.class, () -> s.networkFaults().forceElection("wrk1"));
      assertTrue(e.getMessage().contains("không phải manager"), e.getMessage());
      assertEquals(before, raft(s));
      assertEquals(count, s.inputCount(), "a refused request is not recorded");

      // two of three managers down: no quorum, no leader
      s.node("mgr1").daemon().orElseThrow().stop();
      s.node("mgr2").daemon().orElseThrow().stop();
      s.advance(Duration.ofSeconds(20));
      count = s.inputCount();
      before = raft(s);
      e = assertThrows(IllegalStateException.class, () -> s.networkFaults().forceElection("mgr3"));
      assertTrue(e.getMessage().startsWith("Chưa có leader"), e.getMessage());
      assertEquals(before, raft(s));
      assertEquals(count, s.inputCount());
    }
  }
}

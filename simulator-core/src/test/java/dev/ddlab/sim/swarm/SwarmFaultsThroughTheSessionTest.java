package dev.ddlab.sim.swarm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ddlab.introspect.SwarmView;
import dev.ddlab.introspect.SwarmView.Message;
import dev.ddlab.introspect.SwarmView.RaftState;
import dev.ddlab.introspect.SwarmView.Role;
import dev.ddlab.session.NetworkFaults;
import dev.ddlab.session.SimSession;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The seams the Raft panel uses: faults injected through the session ({@link NetworkFaults}, a
 * node's daemon) and what the introspection's swarm view then shows (roles, terms, messages with
 * their fate). Nothing here reaches into {@code dev.ddlab.sim}.
 */
class SwarmFaultsThroughTheSessionTest {
  private static SimSession threeManagers(long seed) {
    SimSession s = SimSession.open("swarm-3m2w", seed);
    s.type("mgr1", "docker swarm init --advertise-addr 10.0.0.1:2377");
    for (String m : new String[] {"mgr2", "mgr3"}) {
      s.type(
          m,
          "docker swarm join --token $(ssh mgr1 docker swarm join-token -q manager) 10.0.0.1:2377");
    }
    s.advance(Duration.ofSeconds(2));
    return s;
  }

  private static String leader(SwarmView view) {
    List<RaftState> leaders =
        view.managers().stream().filter(m -> m.role() == Role.LEADER).toList();
    assertTrue(leaders.size() <= 1, leaders.toString());
    return leaders.isEmpty() ? "" : leaders.get(0).node();
  }

  @Test
  void isolating_the_leader_on_the_underlay_elects_another_after_pre_votes_and_heal_rejoins_it() {
    try (SimSession s = threeManagers(31)) {
      SwarmView view = s.introspection().swarm();
      String old = leader(view);
      assertEquals("mgr1", old);
      long term = view.managers().get(0).term();
      NetworkFaults net = s.networkFaults();
      assertTrue(net.supported());
      net.isolate(old);
      assertEquals(java.util.Set.of("mgr1"), net.isolated());
      s.advance(Duration.ofSeconds(15));
      String now =
          view.managers().stream()
              .filter(m -> !m.node().equals(old) && m.role() == Role.LEADER)
              .map(RaftState::node)
              .findFirst()
              .orElse("");
      assertFalse(now.isEmpty(), view.managers().toString());
      assertTrue(
          view.managers().stream().filter(m -> m.node().equals(now)).findFirst().get().term()
              > term);
      List<Message> msgs = view.messages();
      assertTrue(msgs.size() <= SwarmView.MESSAGES_KEPT);
      assertTrue(
          msgs.stream().anyMatch(m -> m.from().equals(old) && m.state().equals("dropped")),
          "the isolated leader's messages are lost: " + msgs);
      net.heal();
      assertTrue(net.isolated().isEmpty());
      s.advance(Duration.ofSeconds(5));
      assertEquals(now, leader(view), "the old leader rejoins as a follower");
      assertEquals(
          Role.FOLLOWER,
          view.managers().stream().filter(m -> m.node().equals(old)).findFirst().get().role());
    }
  }

  @Test
  void stopping_the_leaders_daemon_shows_it_down_and_the_others_elect_a_new_leader() {
    try (SimSession s = threeManagers(32)) {
      SwarmView view = s.introspection().swarm();
      s.node("mgr1").daemon().orElseThrow().stop();
      assertEquals(Role.DOWN, view.managers().get(0).role());
      s.advance(Duration.ofSeconds(15));
      String now = leader(view);
      assertNotEquals("mgr1", now);
      assertFalse(now.isEmpty());
      assertTrue(
          view.messages().stream().anyMatch(m -> m.summary().startsWith("PreVote")),
          view.messages().toString());
      s.node("mgr1").daemon().orElseThrow().start();
      s.advance(Duration.ofSeconds(5));
      assertEquals(now, leader(view));
    }
  }

  @Test
  void a_dropped_message_and_added_latency_show_in_the_messages_view() {
    try (SimSession s = threeManagers(33)) {
      SwarmView view = s.introspection().swarm();
      NetworkFaults net = s.networkFaults();
      net.dropNext("mgr1", "mgr2");
      net.setLatency(Duration.ofMillis(300));
      assertEquals(Duration.ofMillis(300), net.latency());
      s.advance(Duration.ofMillis(1500));
      List<Message> msgs = view.messages();
      assertTrue(
          msgs.stream()
              .anyMatch(
                  m ->
                      m.from().equals("mgr1")
                          && m.to().equals("mgr2")
                          && m.dropReason().equals("dropped by hand")),
          msgs.toString());
      Message last = msgs.get(msgs.size() - 1);
      assertEquals(300_000_000L, last.dueNanos() - last.sentNanos(), last.toString());
      assertEquals("mgr1", leader(view), "one lost heartbeat and slower messages keep the leader");
    }
  }

  @Test
  void a_session_without_a_simulated_network_refuses_faults_in_vietnamese() {
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> NetworkFaults.NONE.isolate("mgr1"));
    assertTrue(e.getMessage().contains("mạng mô phỏng"), e.getMessage());
    assertFalse(NetworkFaults.NONE.supported());
  }
}

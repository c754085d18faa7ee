package dev.ddlab.sim.swarm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ddlab.introspect.SwarmView;
import dev.ddlab.session.SimSession;
import dev.ddlab.sim.swarm.raft.RaftStatus;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SwarmRaftStatusTest {
  @Test
  void the_raft_view_shows_one_leader_its_followers_their_logs_and_a_stopped_manager_as_down() {
    try (SimSession s = SimSession.open("swarm-3m2w", 21)) {
      s.type("mgr1", "docker swarm init");
      for (String m : new String[] {"mgr2", "mgr3"}) {
        s.type(
            m,
            "docker swarm join --token $(ssh mgr1 docker swarm join-token -q manager) 10.0.0.1:2377");
      }
      s.advance(Duration.ofSeconds(2));
      SwarmCluster c = s.host("mgr1").swarm().cluster();
      List<RaftStatus> raft = c.raft();
      assertEquals(List.of("mgr1", "mgr2", "mgr3"), raft.stream().map(RaftStatus::node).toList());
      assertEquals(
          1, raft.stream().filter(r -> r.role().equals("leader")).count(), raft.toString());
      RaftStatus leader = raft.stream().filter(r -> r.role().equals("leader")).findFirst().get();
      for (RaftStatus r : raft) {
        assertEquals(leader.term(), r.term());
        assertEquals(leader.commitIndex(), r.commitIndex(), r.node());
        assertTrue(
            r.log().stream().anyMatch(e -> e.summary().contains("put node")), r.log().toString());
      }
      s.type("mgr1", "docker service create --name web --replicas 3 -d alpine sleep 1d");
      s.advance(Duration.ofSeconds(3));
      SwarmView view = s.introspection().swarm();
      assertEquals(3, view.managers().size());
      assertEquals(
          1, view.managers().stream().filter(m -> m.role() == SwarmView.Role.LEADER).count());
      assertEquals("web", view.services().get(0).name());
      assertEquals(3, view.services().get(0).replicas());
      assertEquals(
          3,
          view.tasks(view.services().get(0).id()).stream()
              .filter(t -> t.state().equals("running"))
              .count());
      RaftStatus before = c.raft().get(2);
      s.type("mgr3", "service docker stop");
      RaftStatus down = c.raft().get(2);
      assertEquals("down", down.role());
      assertEquals(SwarmView.Role.DOWN, view.managers().get(2).role());
      // the stopped manager's card keeps what it knew, not term 0 and an empty log
      assertEquals(before.term(), down.term());
      assertTrue(before.term() > 0);
      assertTrue(down.commitIndex() >= before.commitIndex() && down.commitIndex() > 0);
      assertTrue(down.log().size() >= before.log().size(), down.log().toString());
      assertEquals("", down.leader());
    }
  }
}

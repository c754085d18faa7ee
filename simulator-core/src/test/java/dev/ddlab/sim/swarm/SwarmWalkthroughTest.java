package dev.ddlab.sim.swarm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ddlab.session.SimSession;
import dev.ddlab.session.TranscriptEntry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The course's §6 on swarm-3m3w through the docker CLI of each node. */
class SwarmWalkthroughTest {
  private static TranscriptEntry run(SimSession s, String node, String line) {
    return s.type(node, line);
  }

  private static TranscriptEntry ok(SimSession s, String node, String line) {
    TranscriptEntry e = run(s, node, line);
    assertEquals(0, e.exitCode(), line + " →\n" + e.output());
    return e;
  }

  @Test
  void
      init_join_three_managers_and_three_workers_then_a_service_spreads_and_survives_a_leader_stop() {
    try (SimSession s = SimSession.open("swarm-3m3w", 7)) {
      TranscriptEntry init =
          ok(
              s,
              "mgr1",
              "docker swarm init --advertise-addr 10.0.0.1:2377 --listen-addr 10.0.0.1:2377");
      assertTrue(init.output().startsWith("Swarm initialized: current node ("), init.output());
      assertTrue(init.output().contains("docker swarm join --token SWMTKN-1-"), init.output());
      assertTrue(init.output().contains(" 10.0.0.1:2377\n"), init.output());
      for (String w : new String[] {"wrk1", "wrk2", "wrk3"}) {
        TranscriptEntry j =
            ok(
                s,
                w,
                "docker swarm join --token $(ssh mgr1 docker swarm join-token -q worker) 10.0.0.1:2377");
        assertEquals("This node joined a swarm as a worker.\n", j.output());
      }
      for (String m : new String[] {"mgr2", "mgr3"}) {
        TranscriptEntry j =
            ok(
                s,
                m,
                "docker swarm join --token $(ssh mgr1 docker swarm join-token -q manager) 10.0.0.1:2377");
        assertEquals("This node joined a swarm as a manager.\n", j.output());
      }
      TranscriptEntry ls = ok(s, "mgr1", "docker node ls");
      assertEquals(7, ls.output().split("\n").length, ls.output());
      assertTrue(ls.output().contains("Leader"), ls.output());
      assertEquals(2, ls.output().split("Reachable", -1).length - 1, ls.output());
      TranscriptEntry create =
          ok(s, "mgr1", "docker service create --name web-fe --replicas 6 alpine sleep 1d");
      assertTrue(create.output().contains("overall progress: 6 out of 6 tasks"), create.output());
      assertTrue(create.output().endsWith("verify: Service converged \n"), create.output());
      TranscriptEntry sls = ok(s, "mgr2", "docker service ls");
      assertTrue(sls.output().contains("6/6"), sls.output());
      ok(s, "mgr1", "docker service ps web-fe");
      TranscriptEntry worker = run(s, "wrk1", "docker node ls");
      assertEquals(1, worker.exitCode());
      assertTrue(
          worker.output().contains("Worker nodes can't be used to view or modify cluster state"),
          worker.output());
      ok(s, "mgr1", "docker service scale web-fe=10");
      ok(s, "mgr1", "service docker stop");
      s.advance(Duration.ofSeconds(30));
      TranscriptEntry after = ok(s, "mgr2", "docker node ls");
      assertTrue(after.output().contains("Unreachable"), after.output());
      TranscriptEntry svc = ok(s, "mgr3", "docker service ls");
      assertTrue(svc.output().contains("10/10"), svc.output());
      TranscriptEntry ps = ok(s, "mgr3", "docker service ps web-fe");
      assertTrue(ps.output().contains(" \\_ web-fe."), ps.output());
      ok(s, "mgr1", "service docker start");
      s.advance(Duration.ofSeconds(15));
      TranscriptEntry back = ok(s, "mgr1", "docker node ls");
      assertEquals(3, back.output().split("Reachable|Leader", -1).length - 1, back.output());
      TranscriptEntry drain = ok(s, "mgr2", "docker node update --availability drain wrk1");
      assertEquals("wrk1\n", drain.output());
      s.advance(Duration.ofSeconds(5));
      TranscriptEntry onWrk1 = ok(s, "mgr2", "docker node ps wrk1");
      assertTrue(!onWrk1.output().contains("Running        Running"), onWrk1.output());
      ok(s, "mgr2", "docker service rm web-fe");
      s.advance(Duration.ofSeconds(5));
      TranscriptEntry gone = ok(s, "wrk2", "docker ps -q");
      assertEquals("", gone.output());
    }
  }

  @Test
  void a_hostname_two_nodes_share_after_a_rejoin_is_ambiguous_and_the_daemon_counts_both() {
    try (SimSession s = SimSession.open("swarm-1m1w", 5)) {
      ok(s, "mgr1", "docker swarm init");
      String join =
          "docker swarm join --token $(ssh mgr1 docker swarm join-token -q worker) 10.0.0.1:2377";
      ok(s, "wrk1", join);
      ok(s, "wrk1", "docker swarm leave");
      s.advance(Duration.ofSeconds(30));
      ok(s, "wrk1", join);
      TranscriptEntry ls = ok(s, "mgr1", "docker node ls --format '{{.Hostname}} {{.Status}}'");
      assertEquals("mgr1 Ready\nwrk1 Down\nwrk1 Ready\n", ls.output());
      TranscriptEntry rm = run(s, "mgr1", "docker node rm wrk1");
      assertEquals(1, rm.exitCode(), rm.output());
      assertEquals(
          "Error response from daemon: node wrk1 is ambiguous (2 matches found)\n", rm.output());
    }
  }
}

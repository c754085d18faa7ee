package dev.ddlab.sim.swarm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ddlab.session.SimSession;
import dev.ddlab.session.TranscriptEntry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Autolock, quorum loss, backup and a force-new-cluster restore, as the course walks them. */
class SwarmFailuresTest {
  private static TranscriptEntry ok(SimSession s, String node, String line) {
    TranscriptEntry e = s.type(node, line);
    assertEquals(0, e.exitCode(), "[" + node + "] " + line + " →\n" + e.output());
    return e;
  }

  private static SimSession threeManagers(long seed) {
    SimSession s = SimSession.open("swarm-3m2w", seed);
    ok(s, "mgr1", "docker swarm init --advertise-addr 10.0.0.1:2377");
    for (String m : new String[] {"mgr2", "mgr3"}) {
      ok(
          s,
          m,
          "docker swarm join --token $(ssh mgr1 docker swarm join-token -q manager) 10.0.0.1:2377");
    }
    for (String w : new String[] {"wrk1", "wrk2"}) {
      ok(
          s,
          w,
          "docker swarm join --token $(ssh mgr1 docker swarm join-token -q worker) 10.0.0.1:2377");
    }
    return s;
  }

  @Test
  void an_autolocked_manager_is_locked_after_a_restart_until_unlocked_with_the_key() {
    try (SimSession s = threeManagers(11)) {
      TranscriptEntry upd = ok(s, "mgr1", "docker swarm update --autolock=true");
      assertTrue(
          upd.output().startsWith("Swarm updated.\nTo unlock a swarm manager after it restarts"),
          upd.output());
      String key = ok(s, "mgr1", "docker swarm unlock-key -q").output().trim();
      assertTrue(key.startsWith("SWMKEY-1-"), key);
      s.advance(Duration.ofSeconds(2));
      ok(s, "mgr2", "service docker restart");
      TranscriptEntry ls = s.type("mgr2", "docker node ls");
      assertEquals(1, ls.exitCode());
      assertEquals(
          "Error response from daemon: Swarm is encrypted and needs to be unlocked before it can be"
              + " used. Please use \"docker swarm unlock\" to unlock it.\n",
          ls.output());
      TranscriptEntry bad = s.type("mgr2", "echo SWMKEY-1-wrong | docker swarm unlock");
      assertEquals(1, bad.exitCode());
      assertTrue(bad.output().contains("invalid key provided"), bad.output());
      ok(s, "mgr2", "echo " + key + " | docker swarm unlock");
      s.advance(Duration.ofSeconds(5));
      TranscriptEntry after = ok(s, "mgr2", "docker node ls");
      assertEquals(3, after.output().split("Reachable|Leader", -1).length - 1, after.output());
      TranscriptEntry again = s.type("mgr2", "echo " + key + " | docker swarm unlock");
      assertTrue(again.output().contains("swarm is not locked"), again.output());
    }
  }

  @Test
  void without_a_quorum_management_stops_but_running_tasks_keep_running() {
    try (SimSession s = threeManagers(12)) {
      ok(s, "mgr1", "docker service create --name web --replicas 4 alpine sleep 1d");
      ok(s, "mgr2", "service docker stop");
      ok(s, "mgr3", "service docker stop");
      s.advance(Duration.ofSeconds(30));
      TranscriptEntry ls = s.type("mgr1", "docker service ls");
      assertEquals(1, ls.exitCode());
      assertTrue(ls.output().contains("The swarm does not have a leader"), ls.output());
      TranscriptEntry ps = ok(s, "wrk1", "docker ps --format '{{.Names}}'");
      assertTrue(ps.output().contains("web."), ps.output());
      ok(s, "mgr2", "service docker start");
      s.advance(Duration.ofSeconds(30));
      TranscriptEntry back = ok(s, "mgr1", "docker service ls");
      assertTrue(back.output().contains("web"), back.output());
    }
  }

  @Test
  void a_backup_restored_with_force_new_cluster_keeps_the_services() {
    try (SimSession s = threeManagers(13)) {
      ok(s, "mgr1", "docker service create --name web --replicas 2 alpine sleep 1d");
      ok(s, "mgr2", "service docker stop");
      ok(s, "mgr2", "tar -czvf swarm.bkp /var/lib/docker/swarm/");
      ok(s, "mgr2", "service docker start");
      ok(s, "mgr2", "service docker stop");
      ok(s, "mgr2", "rm -r /var/lib/docker/swarm");
      ok(s, "mgr2", "tar -zxvf swarm.bkp -C /");
      ok(s, "mgr2", "service docker start");
      TranscriptEntry init =
          ok(
              s,
              "mgr2",
              "docker swarm init --force-new-cluster --advertise-addr 10.0.0.2:2377 --listen-addr 10.0.0.2:2377");
      assertTrue(init.output().startsWith("Swarm initialized: current node ("), init.output());
      TranscriptEntry ls = ok(s, "mgr2", "docker service ls");
      assertTrue(ls.output().contains("web"), ls.output());
      TranscriptEntry nodes = ok(s, "mgr2", "docker node ls");
      assertTrue(nodes.output().contains("Leader"), nodes.output());
    }
  }

  @Test
  void an_autolocked_backup_restored_and_unlocked_is_forced_into_a_new_cluster_with_its_services() {
    try (SimSession s = threeManagers(17)) {
      ok(s, "mgr1", "docker swarm update --autolock=true");
      String key = ok(s, "mgr1", "docker swarm unlock-key -q").output().trim();
      ok(s, "mgr1", "docker service create --name web --replicas 2 alpine sleep 1d");
      ok(s, "mgr2", "service docker stop");
      ok(s, "mgr2", "tar -czvf swarm.bkp /var/lib/docker/swarm/");
      ok(s, "mgr2", "service docker start");
      ok(s, "mgr2", "echo " + key + " | docker swarm unlock");
      ok(s, "mgr2", "service docker stop");
      ok(s, "mgr2", "rm -r /var/lib/docker/swarm");
      ok(s, "mgr2", "tar -zxvf swarm.bkp -C /");
      ok(s, "mgr2", "service docker start");
      assertEquals(1, s.type("mgr2", "docker node ls").exitCode(), "locked until unlocked");
      ok(s, "mgr2", "echo " + key + " | docker swarm unlock");
      TranscriptEntry init =
          ok(
              s,
              "mgr2",
              "docker swarm init --force-new-cluster --advertise-addr 10.0.0.2:2377 --listen-addr 10.0.0.2:2377");
      assertTrue(init.output().startsWith("Swarm initialized: current node ("), init.output());
      TranscriptEntry ls = ok(s, "mgr2", "docker service ls");
      assertTrue(ls.output().contains("web"), ls.output());
      TranscriptEntry nodes = ok(s, "mgr2", "docker node ls");
      assertTrue(nodes.output().contains("Leader"), nodes.output());
    }
  }

  @Test
  void promote_and_demote_move_nodes_in_and_out_of_the_raft_group_but_never_the_last_manager() {
    try (SimSession s = threeManagers(14)) {
      assertEquals(
          "Node wrk1 promoted to a manager in the swarm.\n",
          ok(s, "mgr1", "docker node promote wrk1").output());
      TranscriptEntry ls = ok(s, "wrk1", "docker node ls");
      assertEquals(4, ls.output().split("Reachable|Leader", -1).length - 1, ls.output());
      assertEquals(
          "Manager mgr1 demoted in the swarm.\n",
          ok(s, "mgr1", "docker node demote mgr1").output());
      s.advance(Duration.ofSeconds(5));
      TranscriptEntry after = ok(s, "mgr2", "docker node ls");
      assertEquals(3, after.output().split("Reachable|Leader", -1).length - 1, after.output());
      TranscriptEntry worker = s.type("mgr1", "docker node ls");
      assertTrue(worker.output().contains("Worker nodes can't be used"), worker.output());
    }
    try (SimSession s = SimSession.open("swarm-1m1w", 15)) {
      ok(s, "mgr1", "docker swarm init");
      TranscriptEntry last = s.type("mgr1", "docker node demote mgr1");
      assertEquals(1, last.exitCode());
      assertEquals(
          "Error response from daemon: rpc error: code = FailedPrecondition desc = attempting to"
              + " demote the last manager of the swarm\n",
          last.output());
    }
  }

  @Test
  void a_rolling_update_replaces_two_tasks_at_a_time_twenty_seconds_apart_and_rolls_back() {
    try (SimSession s = threeManagers(16)) {
      ok(s, "mgr1", "docker service create --name uber-svc --replicas 6 nigelpoulton/tu-demo:v1");
      long t0 = s.clock().nowNanos();
      TranscriptEntry up =
          ok(
              s,
              "mgr1",
              "docker service update --image nigelpoulton/tu-demo:v2 --update-parallelism 2"
                  + " --update-delay 20s uber-svc");
      assertTrue(
          up.output().startsWith("uber-svc\noverall progress: 6 out of 6 tasks"), up.output());
      long took = (s.clock().nowNanos() - t0) / 1_000_000_000L;
      assertTrue(took >= 40 && took < 60, "three batches twenty seconds apart took " + took + " s");
      TranscriptEntry ps = ok(s, "mgr2", "docker service ps uber-svc");
      assertEquals(6, ps.output().split("tu-demo:v2", -1).length - 1, ps.output());
      assertEquals(6, ps.output().split("tu-demo:v1", -1).length - 1, ps.output());
      ok(s, "mgr1", "docker service rollback uber-svc");
      TranscriptEntry ls = ok(s, "mgr1", "docker service ls");
      assertTrue(ls.output().contains("nigelpoulton/tu-demo:v1"), ls.output());
    }
  }
}

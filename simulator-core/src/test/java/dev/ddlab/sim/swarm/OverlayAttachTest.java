package dev.ddlab.sim.swarm;

import static dev.ddlab.sim.swarm.TypedSwarm.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ddlab.session.SimSession;
import dev.ddlab.session.TranscriptEntry;
import org.junit.jupiter.api.Test;

/**
 * Standalone containers on swarm networks (moby's findAndAttachNetwork, swarmkit's network
 * attachment tasks): a network made without {@code --attachable} is refused by the manager; on an
 * attachable one, on a manager as on a worker, the container gets an address from the allocator,
 * reaches the other standalone containers and the service's tasks by name across nodes, and holds
 * the network until it leaves it.
 */
class OverlayAttachTest {
  @Test
  void docker_run_on_an_overlay_that_is_not_attachable_is_refused_by_the_manager() {
    try (SimSession s = TypedSwarm.swarm("swarm-1m1w", 4, "wrk1")) {
      ok(s, "mgr1", "docker network create -d overlay uber-net");
      ok(
          s,
          "mgr1",
          "docker service create --name web --network uber-net --replicas 2 alpine sleep 1d");
      String refusal =
          "docker: Error response from daemon: Could not attach to network uber-net: rpc error:"
              + " code = PermissionDenied desc = network uber-net not manually attachable.";
      for (String node : new String[] {"mgr1", "wrk1"}) {
        TranscriptEntry e = s.type(node, "docker run -d --network uber-net alpine sleep 1d");
        assertEquals(125, e.exitCode(), node + "\n" + e.output());
        assertTrue(e.output().contains(refusal), node + "\n" + e.output());
      }
      ok(s, "mgr1", "docker network create -d overlay other-net");
      TranscriptEntry e = s.type("wrk1", "docker run -d --network other-net alpine sleep 1d");
      assertEquals(125, e.exitCode(), e.output());
      assertTrue(e.output().contains("network other-net not manually attachable."), e.output());
    }
  }

  /**
   * The address {@code container} has on {@code network}, as {@code docker inspect} on its node
   * shows it.
   */
  private static String address(SimSession s, String node, String container, String network) {
    return ok(
            s,
            node,
            "docker inspect -f '{{(index .NetworkSettings.Networks \""
                + network
                + "\").IPAddress}}' "
                + container)
        .strip();
  }

  /** The name of the one container of service {@code service} running on {@code node}. */
  private static String taskContainer(SimSession s, String node, String service) {
    return ok(
            s,
            node,
            "docker ps --format '{{.Names}}' -f label=com.docker.swarm.service.name=" + service)
        .strip();
  }

  @Test
  void standalone_containers_on_an_attachable_overlay_reach_each_other_and_the_tasks_by_name() {
    try (SimSession s = TypedSwarm.swarm("swarm-1m1w", 4, "wrk1")) {
      ok(s, "mgr1", "docker network create -d overlay --attachable ov1");
      ok(s, "mgr1", "docker service create --name web --mode global --network ov1 alpine sleep 1d");
      ok(s, "mgr1", "docker run -d --name c1 --network ov1 alpine sleep 1d");
      ok(s, "wrk1", "docker run -d --name c2 --network ov1 alpine sleep 1d");
      String[][] from = {
        {"mgr1", "c1"},
        {"wrk1", "c2"},
        {"mgr1", taskContainer(s, "mgr1", "web")},
        {"wrk1", taskContainer(s, "wrk1", "web")},
      };
      for (String[] f : from) {
        assertTrue(f[1].startsWith("c") || f[1].startsWith("web."), f[1]);
        for (String[] to : from) {
          if (to == f) {
            continue;
          }
          TranscriptEntry e = s.type(f[0], "docker exec " + f[1] + " ping -c 1 -W 2 " + to[1]);
          assertEquals(0, e.exitCode(), f[1] + " -> " + to[1] + "\n" + e.output());
          String ip = address(s, to[0], to[1], "ov1");
          assertTrue(
              e.output().contains("64 bytes from " + ip + ":"),
              f[1] + " -> " + to[1] + " at " + ip + "\n" + e.output());
        }
        TranscriptEntry e = s.type(f[0], "docker exec " + f[1] + " ping -c 1 -W 2 web");
        assertEquals(0, e.exitCode(), f[1] + " -> web\n" + e.output());
      }
      String c2 = address(s, "wrk1", "c2", "ov1");
      assertTrue(c2.startsWith("10.0.1."), c2);
      assertTrue(
          ok(s, "mgr1", "docker exec c1 nslookup c2").contains("Address: " + c2),
          "c1 resolves c2 on the other node");
      String names =
          ok(s, "wrk1", "docker network inspect -f '{{range .Containers}}{{.Name}} {{end}}' ov1");
      assertTrue(names.contains("c2 "), names);
      assertFalse(names.contains("c1 "), "an endpoint of another node is not listed\n" + names);
    }
  }

  @Test
  void the_attachment_holds_the_network_until_the_container_leaves_it() {
    try (SimSession s = TypedSwarm.swarm("swarm-1m1w", 5, "wrk1")) {
      String id = ok(s, "mgr1", "docker network create -d overlay --attachable ov1").strip();
      ok(s, "mgr1", "docker run -d --name c1 --network ov1 alpine sleep 1d");
      ok(s, "wrk1", "docker run -d --name c2 --network ov1 alpine sleep 1d");
      assertEquals(id + "\n", ok(s, "wrk1", "docker network ls -q --no-trunc -f name=ov1"));

      TranscriptEntry rm = s.type("mgr1", "docker network rm ov1");
      assertEquals(1, rm.exitCode(), rm.output());
      assertTrue(
          rm.output()
              .startsWith(
                  "Error response from daemon: rpc error: code = FailedPrecondition desc = network "
                      + id
                      + " is in use by task "),
          rm.output());

      ok(s, "wrk1", "docker network disconnect ov1 c2");
      assertEquals("", ok(s, "wrk1", "docker network ls -q -f name=ov1"));
      assertEquals(
          "{}", ok(s, "wrk1", "docker inspect -f '{{json .NetworkSettings.Networks}}' c2").strip());

      ok(s, "mgr1", "docker stop c1");
      ok(s, "mgr1", "docker start c1");
      assertTrue(address(s, "mgr1", "c1", "ov1").startsWith("10.0.1."));
      ok(s, "mgr1", "docker rm -f c1");
      assertEquals("ov1\n", ok(s, "mgr1", "docker network rm ov1"));
    }
  }

  @Test
  void a_worker_asks_the_manager_and_a_stopped_container_gives_its_attachment_back() {
    try (SimSession s = TypedSwarm.swarm("swarm-1m1w", 6, "wrk1")) {
      ok(s, "mgr1", "docker network create -d overlay --attachable ov1");
      ok(s, "wrk1", "docker run -d --name c2 --network ov1 alpine sleep 1d");
      String tasks = ok(s, "mgr1", "docker node ps -q wrk1");
      assertEquals("", tasks, "an attachment is no service task");
      ok(s, "wrk1", "docker stop c2");
      assertEquals("", ok(s, "wrk1", "docker network ls -q -f name=ov1"));
      assertEquals("ov1\n", ok(s, "mgr1", "docker network rm ov1"));
      TranscriptEntry e = s.type("wrk1", "docker start c2");
      assertEquals(1, e.exitCode(), e.output());
      assertTrue(e.output().contains("network ov1 not found"), e.output());
    }
  }

  @Test
  void a_running_container_connected_to_an_attachable_overlay_gets_an_attachment_too() {
    try (SimSession s = TypedSwarm.swarm("swarm-1m1w", 9, "wrk1")) {
      ok(s, "mgr1", "docker network create -d overlay --attachable ov1");
      ok(s, "mgr1", "docker run -d --name c1 --network ov1 alpine sleep 1d");
      ok(s, "wrk1", "docker run -d --name c3 alpine sleep 1d");
      ok(s, "wrk1", "docker network connect ov1 c3");
      TranscriptEntry e = s.type("wrk1", "docker exec c3 ping -c 1 c1");
      assertEquals(0, e.exitCode(), e.output());
      assertTrue(e.output().contains("64 bytes from " + address(s, "mgr1", "c1", "ov1") + ":"));
      ok(s, "wrk1", "docker network disconnect ov1 c3");
      assertEquals("", ok(s, "wrk1", "docker network ls -q -f name=ov1"));
      TranscriptEntry rm = s.type("mgr1", "docker network rm ov1");
      assertEquals(1, rm.exitCode(), "c1's attachment still holds it\n" + rm.output());
    }
  }

  /**
   * {@code --ip} on an attachable overlay goes to the manager with the attachment (moby's
   * findAndAttachNetwork passes IPAMConfig's address, swarmkit's allocator takes it): the container
   * has that address; one already taken is not allocated and the daemon gives up waiting, in its
   * words, and nothing is left behind.
   */
  @Test
  void a_requested_address_on_an_attachable_overlay_is_the_one_the_manager_allocates() {
    try (SimSession s = TypedSwarm.swarm("swarm-1m1w", 9, "wrk1")) {
      ok(s, "mgr1", "docker network create -d overlay --attachable --subnet 10.9.0.0/24 ov1");
      ok(s, "wrk1", "docker run -d --name c1 --network ov1 --ip 10.9.0.50 alpine sleep 1d");
      assertEquals("10.9.0.50", address(s, "wrk1", "c1", "ov1"));
      ok(s, "mgr1", "docker run -d --name c2 alpine sleep 1d");
      ok(s, "mgr1", "docker network connect --ip 10.9.0.60 ov1 c2");
      assertEquals("10.9.0.60", address(s, "mgr1", "c2", "ov1"));
      TranscriptEntry ping = s.type("mgr1", "docker exec c2 ping -c 1 10.9.0.50");
      assertEquals(0, ping.exitCode(), ping.output());

      TranscriptEntry taken =
          s.type("mgr1", "docker run -d --name c3 --network ov1 --ip 10.9.0.50 alpine sleep 1d");
      assertEquals(125, taken.exitCode(), taken.output());
      assertTrue(
          taken
              .output()
              .contains(
                  "attaching to network failed, make sure your network options are correct and"
                      + " check manager logs: context deadline exceeded"),
          taken.output());
      assertEquals(
          "", ok(s, "mgr1", "docker ps -q -f name=c3 -f status=running"), "c3 does not run");
      String members =
          ok(s, "mgr1", "docker network inspect -f '{{range .Containers}}{{.Name}} {{end}}' ov1");
      assertFalse(members.contains("c3"), members);
    }
  }

  /** moby's findAndAttachNetwork: a second connect to the same dynamic network is a conflict. */
  @Test
  void connecting_a_container_twice_to_an_attachable_overlay_says_it_is_already_attached() {
    try (SimSession s = TypedSwarm.swarm("swarm-1m1w", 9, "wrk1")) {
      ok(s, "mgr1", "docker network create -d overlay --attachable ov1");
      ok(s, "wrk1", "docker run -d --name c1 --network ov1 alpine sleep 1d");
      TranscriptEntry e = s.type("wrk1", "docker network connect ov1 c1");
      assertEquals(1, e.exitCode(), e.output());
      assertEquals(
          "Error response from daemon: c1 is already attached to network ov1\n", e.output());
    }
  }

  /**
   * A stopped container already on a network: Docker keeps its settings and answers nothing
   * (daemon.updateNetworkSettings' "avoid duplicate config"; dockerd 20.10 here exits 0).
   */
  @Test
  void connecting_a_stopped_container_again_to_its_network_changes_nothing() {
    try (SimSession s = TypedSwarm.swarm("swarm-1m1w", 9, "wrk1")) {
      ok(s, "wrk1", "docker network create n1");
      ok(s, "wrk1", "docker run -d --name c1 --network n1 alpine sleep 1d");
      ok(s, "wrk1", "docker stop -t 0 c1");
      TranscriptEntry e = s.type("wrk1", "docker network connect n1 c1");
      assertEquals(0, e.exitCode(), e.output());
      assertEquals("", e.output());
      ok(s, "wrk1", "docker start c1");
    }
  }
}

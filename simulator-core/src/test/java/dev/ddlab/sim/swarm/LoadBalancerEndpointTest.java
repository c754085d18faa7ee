package dev.ddlab.sim.swarm;

import static dev.ddlab.sim.swarm.TypedSwarm.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ddlab.session.SimSession;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Docker 18.09+'s load-balancer endpoint: every node with a task or a standalone container on an
 * overlay network has sandbox {@code lb-NET} on it, endpoint {@code NET-endpoint}, at an address
 * the allocator gives that node on the network (after the tasks'), which {@code network inspect}
 * lists with the peers' underlay addresses; it keeps the network on no node.
 */
class LoadBalancerEndpointTest {
  /** "lb-ov1 ov1-endpoint 10.0.1.5/24" lines of the node's network inspect, and the others. */
  private static List<String> containers(SimSession s, String node) {
    return List.of(
        ok(
                s,
                node,
                "docker network inspect -f '{{range $k, $v := .Containers}}{{$k}} {{$v.Name}}"
                    + " {{$v.IPv4Address}}{{println}}{{end}}' ov1")
            .strip()
            .split("\n"));
  }

  private static String lb(List<String> lines) {
    for (String l : lines) {
      if (l.startsWith("lb-ov1 ")) {
        return l;
      }
    }
    throw new AssertionError("no lb-ov1 in " + lines);
  }

  @Test
  void every_node_with_a_task_or_an_attachment_lists_its_own_lb_endpoint_and_the_peers() {
    try (SimSession s = TypedSwarm.swarm("swarm-1m1w", 7, "wrk1")) {
      ok(s, "mgr1", "docker network create -d overlay --attachable ov1");
      ok(s, "mgr1", "docker service create --name web --network ov1 --replicas 2 alpine sleep 1d");
      String vip =
          ok(
                  s,
                  "mgr1",
                  "docker service inspect -f '{{range .Endpoint.VirtualIPs}}{{.Addr}}{{end}}' web")
              .strip();
      List<String> onMgr = containers(s, "mgr1");
      List<String> onWrk = containers(s, "wrk1");
      String mgrLb = lb(onMgr);
      String wrkLb = lb(onWrk);
      assertTrue(mgrLb.matches("lb-ov1 ov1-endpoint 10\\.0\\.1\\.\\d+/24"), mgrLb);
      assertTrue(wrkLb.matches("lb-ov1 ov1-endpoint 10\\.0\\.1\\.\\d+/24"), wrkLb);
      assertNotEquals(mgrLb, wrkLb, "each node has an address of its own");
      Set<String> addresses = new TreeSet<>();
      for (String l : onMgr) {
        addresses.add(l.substring(l.lastIndexOf(' ') + 1));
      }
      for (String l : onWrk) {
        addresses.add(l.substring(l.lastIndexOf(' ') + 1));
      }
      addresses.add(vip);
      assertEquals(5, addresses.size(), "VIP, two tasks, two lb endpoints\n" + onMgr + onWrk);
      assertEquals(
          "10.0.0.1 10.0.0.2",
          ok(s, "wrk1", "docker network inspect -f '{{range .Peers}}{{.IP}} {{end}}' ov1").strip());
      String gw =
          ok(
              s,
              "wrk1",
              "docker network inspect -f '{{range .Containers}}{{.Name}} {{end}}' docker_gwbridge");
      assertFalse(gw.contains("ov1-endpoint"), gw);

      ok(s, "mgr1", "docker service rm web");
      ok(s, "mgr1", "sleep 5");
      assertEquals(
          "", ok(s, "wrk1", "docker network ls -q -f name=ov1"), "the lb keeps no network");
      ok(s, "wrk1", "docker run -d --name c2 --network ov1 alpine sleep 1d");
      String lbAgain = lb(containers(s, "wrk1"));
      assertTrue(lbAgain.startsWith("lb-ov1 ov1-endpoint 10.0.1."), lbAgain);
      ok(s, "wrk1", "docker rm -f c2");
      assertEquals("", ok(s, "wrk1", "docker network ls -q -f name=ov1"));
      assertEquals("ov1\n", ok(s, "mgr1", "docker network rm ov1"));
    }
  }
}

package dev.ddlab.sim.swarm;

import static dev.ddlab.sim.swarm.TypedSwarm.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ddlab.session.SimSession;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A service's virtual IP answers (libnetwork's IPVS load balancing): from another service's task,
 * {@code wget web} reaches a replica through the VIP, consecutive connections land on the replicas
 * in turn (each replica's nginx logs one request of three), {@code ping web} is answered from the
 * VIP, and after a scale down the replicas gone get no more connections.
 */
class ServiceVipTest {
  private static final List<String> NODES = List.of("mgr1", "wrk1", "wrk2");

  /** Requests each running replica of web logged (nginx's access log), by container. */
  private static Map<String, Integer> served(SimSession s) {
    Map<String, Integer> out = new LinkedHashMap<>();
    for (String node : NODES) {
      for (String c : ok(s, node, "docker ps -q -f name=web.").strip().split("\n")) {
        if (!c.isBlank()) {
          String logs = ok(s, node, "docker logs " + c + " 2>/dev/null");
          out.put(c, (int) logs.lines().filter(l -> l.contains("\"GET / HTTP/1.1\" 200")).count());
        }
      }
    }
    return out;
  }

  /** Three nginx replicas of web and one client task on uber-net, over swarm-3m3w. */
  private static SimSession webAndClient() {
    SimSession s = TypedSwarm.swarm("swarm-3m3w", 5, "wrk1", "wrk2");
    ok(s, "mgr1", "docker network create -d overlay uber-net");
    ok(s, "mgr1", "docker service create --name web --network uber-net --replicas 3 nginx");
    ok(s, "mgr1", "docker service create --name client --network uber-net alpine sleep 1d");
    return s;
  }

  /** The node the client task runs on and its container. */
  private static String[] client(SimSession s) {
    for (String node : NODES) {
      String c = ok(s, node, "docker ps -q -f name=client.").strip();
      if (!c.isEmpty()) {
        return new String[] {node, c};
      }
    }
    throw new AssertionError("no client task");
  }

  @Test
  void connections_to_a_service_vip_go_round_robin_over_its_replicas_and_ping_answers() {
    try (SimSession s = webAndClient()) {
      String vip =
          ok(
                  s,
                  "mgr1",
                  "docker service inspect -f '{{range .Endpoint.VirtualIPs}}{{.Addr}}{{end}}' web")
              .strip();
      vip = vip.substring(0, vip.indexOf('/'));
      String[] at = client(s);
      String clientNode = at[0];
      String client = at[1];
      assertEquals(3, served(s).size(), "three replicas run");

      for (int i = 0; i < 3; i++) {
        String page = ok(s, clientNode, "docker exec " + client + " wget -qO- web");
        assertTrue(page.contains("Welcome to nginx!"), page);
      }
      assertEquals(List.of(1, 1, 1), List.copyOf(served(s).values()), "one request each");

      String ping = ok(s, clientNode, "docker exec " + client + " ping -c 1 web");
      assertTrue(ping.contains("64 bytes from " + vip + ": seq=0 ttl=64"), ping);

      ok(s, "mgr1", "docker service scale web=1");
      ok(s, "mgr1", "sleep 10"); // the replicas scaled away stop and go
      Map<String, Integer> before = served(s);
      assertEquals(1, before.size(), before.toString());
      for (int i = 0; i < 3; i++) {
        ok(s, clientNode, "docker exec " + client + " wget -qO- web");
      }
      Map<String, Integer> after = served(s);
      assertEquals(before.keySet(), after.keySet());
      int left = before.values().iterator().next();
      assertEquals(left + 3, after.values().iterator().next(), "all three on the replica left");
    }
  }

  /**
   * Docker 18.09 and later balance a VIP in the network's load-balancer sandbox of the client's
   * node ({@code lb-NET}), which SNATs to its own address: the replica's nginx logs that address,
   * not the client's.
   */
  @Test
  void a_replica_sees_the_load_balancer_of_the_clients_node_as_the_source() {
    try (SimSession s = webAndClient()) {
      String[] at = client(s);
      String clientNode = at[0];
      String client = at[1];
      String lb =
          ok(
                  s,
                  clientNode,
                  "docker network inspect -f '{{(index .Containers \"lb-uber-net\").IPv4Address}}'"
                      + " uber-net")
              .strip();
      lb = lb.substring(0, lb.indexOf('/'));
      String own =
          ok(
                  s,
                  clientNode,
                  "docker inspect -f '{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}' "
                      + client)
              .strip();
      for (int i = 0; i < 3; i++) {
        ok(s, clientNode, "docker exec " + client + " wget -qO- web");
      }
      int seen = 0;
      for (String node : NODES) {
        for (String c : ok(s, node, "docker ps -q -f name=web.").strip().split("\n")) {
          if (!c.isBlank()) {
            for (String line : ok(s, node, "docker logs " + c + " 2>/dev/null").split("\n")) {
              if (line.contains("\"GET / HTTP/1.1\" 200")) {
                assertTrue(line.startsWith(lb + " - - ["), lb + " (client " + own + "): " + line);
                seen++;
              }
            }
          }
        }
      }
      assertEquals(3, seen);
    }
  }
}

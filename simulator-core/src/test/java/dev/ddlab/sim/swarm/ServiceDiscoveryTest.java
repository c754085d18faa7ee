package dev.ddlab.sim.swarm;

import static dev.ddlab.sim.swarm.TypedSwarm.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ddlab.session.SimSession;
import dev.ddlab.session.TranscriptEntry;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Service discovery in the embedded DNS on overlay networks (libnetwork's service records): a
 * service's name answers its VIP on that network, {@code tasks.NAME} its running tasks' addresses
 * in turn, and a dnsrr service's name its tasks' addresses; names of services on other networks are
 * not known.
 */
class ServiceDiscoveryTest {
  /** The address nslookup printed for the name (busybox's answer). */
  private static String answer(String nslookup) {
    for (String line : nslookup.split("\n")) {
      if (line.startsWith("Address: ")) {
        return line.substring("Address: ".length());
      }
    }
    throw new AssertionError(nslookup);
  }

  /** The addresses the allocator gave a service's tasks (one network each here). */
  private static Set<String> taskAddresses(SimSession s, String service) {
    String out =
        ok(
            s,
            "mgr1",
            "docker inspect -f '{{range .NetworksAttachments}}{{range .Addresses}}{{.}}{{end}}"
                + "{{end}}' $(docker service ps -q "
                + service
                + ")");
    return new TreeSet<>(List.of(out.strip().replace("/24", "").split("\n")));
  }

  @Test
  void a_service_name_answers_its_vip_and_tasks_name_each_task_in_turn_across_nodes() {
    try (SimSession s = TypedSwarm.swarm("swarm-1m1w", 11, "wrk1")) {
      ok(s, "mgr1", "docker network create -d overlay uber-net");
      ok(s, "mgr1", "docker network create -d overlay other-net");
      ok(
          s,
          "mgr1",
          "docker service create --name web --network uber-net --replicas 2 alpine sleep 1d");
      ok(
          s,
          "mgr1",
          "docker service create --name rr --endpoint-mode dnsrr --network uber-net --replicas 2"
              + " alpine sleep 1d");
      ok(s, "mgr1", "docker service create --name lone --network other-net alpine sleep 1d");
      String vip =
          ok(
                  s,
                  "mgr1",
                  "docker service inspect -f '{{range .Endpoint.VirtualIPs}}{{.Addr}}{{end}}' web")
              .strip();
      Set<String> webTasks = taskAddresses(s, "web");
      Set<String> rrTasks = taskAddresses(s, "rr");
      String c = ok(s, "wrk1", "docker ps -q -f name=web").strip().split("\n")[0];

      assertEquals(
          vip.substring(0, vip.indexOf('/')),
          answer(ok(s, "wrk1", "docker exec " + c + " nslookup web")));
      Set<String> seen = new TreeSet<>();
      seen.add(answer(ok(s, "wrk1", "docker exec " + c + " nslookup tasks.web")));
      seen.add(answer(ok(s, "wrk1", "docker exec " + c + " nslookup tasks.web")));
      assertEquals(webTasks, seen);
      Set<String> rr = new TreeSet<>();
      rr.add(answer(ok(s, "wrk1", "docker exec " + c + " nslookup rr")));
      rr.add(answer(ok(s, "wrk1", "docker exec " + c + " nslookup rr")));
      assertEquals(rrTasks, rr);
      // a task's address is reachable by its name, over VXLAN when it runs on the other node
      for (int i = 0; i < 2; i++) {
        String ping = ok(s, "wrk1", "docker exec " + c + " ping -c 1 tasks.rr");
        assertTrue(ping.contains("1 packets received"), ping);
      }
      // lone is on another network: not a name here
      TranscriptEntry e = s.type("wrk1", "docker exec " + c + " nslookup lone");
      assertEquals(1, e.exitCode(), e.output());
    }
  }
}

package dev.ddlab.sim.swarm;

import static dev.ddlab.sim.swarm.TypedSwarm.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ddlab.session.SimSession;
import dev.ddlab.session.TranscriptEntry;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The routing mesh: a port published in ingress mode answers on every node, on {@code localhost}
 * and on the node's own address, also where no replica runs (the host DNATs it to its ingress
 * sandbox, which balances it over the tasks through VXLAN); the host shows Docker's DOCKER-INGRESS
 * rule; {@code service ls} lists the port; a port published in host mode answers only where a task
 * runs.
 */
class IngressRoutingMeshTest {
  private static final Map<String, String> NODES =
      Map.of("mgr1", "10.0.0.1", "wrk1", "10.0.0.4", "wrk2", "10.0.0.5");

  private static SimSession swarm() {
    return TypedSwarm.swarm("swarm-3m3w", 3, "wrk1", "wrk2");
  }

  @Test
  void an_ingress_port_answers_on_every_node_even_without_a_replica() {
    try (SimSession s = swarm()) {
      ok(
          s,
          "mgr1",
          "docker service create --name web --replicas 1 -p 8080:80"
              + " --constraint node.hostname==wrk1 nginx");
      assertTrue(ok(s, "wrk1", "docker ps -q -f name=web.").strip().length() > 0);
      assertEquals("", ok(s, "wrk2", "docker ps -q -f name=web.").strip());
      for (Map.Entry<String, String> n : NODES.entrySet()) {
        for (String host : List.of("localhost", n.getValue())) {
          String page = ok(s, n.getKey(), "curl -s " + host + ":8080");
          assertTrue(page.contains("Welcome to nginx!"), n.getKey() + " " + host + "\n" + page);
        }
      }
      assertEquals(
          """
          Chain DOCKER-INGRESS (2 references)
          target     prot opt source               destination         \n\
          DNAT       tcp  --  0.0.0.0/0            0.0.0.0/0            tcp dpt:8080 to:172.18.0.2:8080
          RETURN     all  --  0.0.0.0/0            0.0.0.0/0           \n""",
          ok(s, "wrk2", "iptables -t nat -L DOCKER-INGRESS -n"));
      String ls = ok(s, "mgr1", "docker service ls");
      assertTrue(ls.contains("*:8080->80/tcp"), ls);
      String pretty = ok(s, "mgr1", "docker service inspect --pretty web");
      assertTrue(
          pretty.endsWith(
              "Endpoint Mode:\tvip\nPorts:\n PublishedPort = 8080\n  Protocol = tcp\n"
                  + "  TargetPort = 80\n  PublishMode = ingress \n"),
          pretty);

      // a node that leaves takes its ingress sandbox and its DNAT with it
      ok(s, "wrk2", "docker swarm leave");
      String nets = ok(s, "wrk2", "docker network ls");
      assertTrue(!nets.contains("ingress"), nets);
      String nat = ok(s, "wrk2", "iptables -t nat -L DOCKER-INGRESS -n");
      assertTrue(!nat.contains("DNAT"), nat);
      assertTrue(!ok(s, "wrk2", "docker network inspect docker_gwbridge").contains("ingress-sbox"));
    }
  }

  @Test
  void a_host_mode_port_answers_only_where_a_task_runs() {
    try (SimSession s = swarm()) {
      ok(
          s,
          "mgr1",
          "docker service create --name hostweb --publish mode=host,target=80,published=9090"
              + " --constraint node.hostname==wrk1 nginx");
      String page = ok(s, "wrk1", "curl -s localhost:9090");
      assertTrue(page.contains("Welcome to nginx!"), page);
      TranscriptEntry e = s.type("wrk2", "curl -s localhost:9090");
      assertNotEquals(0, e.exitCode(), e.output());
      String ls = ok(s, "mgr1", "docker service ls");
      assertTrue(!ls.contains("9090"), ls);
    }
  }

  /**
   * docker_gwbridge is made with {@code enable_icc=false}: the rule between its own ports drops
   * (libnetwork's icc rule), where a user bridge's accepts.
   */
  @Test
  void docker_gwbridge_drops_traffic_between_its_own_ports() {
    try (SimSession s = swarm()) {
      ok(s, "wrk1", "docker network create n1");
      String rules = ok(s, "wrk1", "iptables -S FORWARD");
      assertTrue(
          rules.contains("-A FORWARD -i docker_gwbridge -o docker_gwbridge -j DROP\n"), rules);
      assertTrue(rules.contains("-A FORWARD -i docker0 -o docker0 -j ACCEPT\n"), rules);
    }
  }
}

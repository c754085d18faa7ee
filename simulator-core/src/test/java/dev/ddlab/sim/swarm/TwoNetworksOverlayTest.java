package dev.ddlab.sim.swarm;

import static dev.ddlab.sim.swarm.TypedSwarm.ok;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ddlab.session.SimSession;
import org.junit.jupiter.api.Test;

/**
 * The course's §8 example: node1 (172.31.1.5) and node2 (192.168.1.25) on two networks joined by a
 * router. The swarm forms across it, and an overlay between a task on each node carries a ping in
 * VXLAN between the two node addresses, one routed hop apart on the underlay.
 */
class TwoNetworksOverlayTest {
  @Test
  void an_overlay_spans_two_underlay_networks_through_the_router() {
    try (SimSession s = TypedSwarm.swarmAt("two-networks", 12, "node1", "172.31.1.5", "node2")) {
      String route = ok(s, "node2", "ip route");
      assertTrue(route.startsWith("default via 192.168.1.1 dev eth0"), route);

      ok(s, "node1", "docker network create -d overlay uber-net");
      ok(
          s,
          "node1",
          "docker service create --name test --network uber-net --replicas 2 alpine sleep infinity");
      String peer =
          ok(
                  s,
                  "node2",
                  "docker inspect -f '{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}'"
                      + " $(docker ps -q)")
              .strip();
      ok(s, "node2", "tcpdump -i eth0 -n -c 2 udp port 4789 &");
      String ping = ok(s, "node1", "docker exec $(docker ps -q) ping -c 1 " + peer);
      assertTrue(ping.contains("1 packets received"), ping);
      String captured = ok(s, "node2", "true");
      assertTrue(
          captured.contains("IP 172.31.1.5.") && captured.contains(" > 192.168.1.25.4789: VXLAN"),
          captured);
      assertTrue(captured.contains("IP 192.168.1.25."), captured);
      String neighbours = ok(s, "node2", "ip neigh");
      assertTrue(
          neighbours.contains("192.168.1.1 dev eth0") && !neighbours.contains("172.31.1.5"),
          "node2 reaches node1 through the router, never on its own LAN\n" + neighbours);
    }
  }
}

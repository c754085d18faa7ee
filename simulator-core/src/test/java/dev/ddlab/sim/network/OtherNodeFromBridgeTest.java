package dev.ddlab.sim.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ddlab.session.SimSession;
import dev.ddlab.session.TranscriptEntry;
import org.junit.jupiter.api.Test;

/**
 * A container on a node's default bridge reaches another node (masqueraded to its node's address):
 * the answer comes back through conntrack, translated back in PREROUTING and then let through
 * FORWARD as part of an established flow. On one LAN one hop is the container's node; across the
 * course's two networks the router is one more.
 */
class OtherNodeFromBridgeTest {
  private static String ok(SimSession s, String node, String line) {
    TranscriptEntry e = s.type(node, line);
    assertEquals(0, e.exitCode(), node + "$ " + line + "\n" + e.output());
    return e.output();
  }

  @Test
  void a_bridge_container_pings_another_node_and_fetches_its_published_port() {
    try (SimSession s = SimSession.open("swarm-1m1w", 3)) {
      String ping = ok(s, "wrk1", "docker run --rm alpine ping -c 1 10.0.0.1");
      assertTrue(ping.contains("64 bytes from 10.0.0.1: seq=0 ttl=63"), ping);
      ok(s, "mgr1", "docker run -d -p 8080:80 nginx");
      assertTrue(
          ok(s, "wrk1", "docker run --rm alpine wget -qO- 10.0.0.1:8080")
              .contains("<title>Welcome to nginx!</title>"));
    }
  }

  @Test
  void across_two_networks_the_router_is_one_more_hop() {
    try (SimSession s = SimSession.open("two-networks", 3)) {
      String ping = ok(s, "node2", "docker run --rm alpine ping -c 1 172.31.1.5");
      assertTrue(ping.contains("64 bytes from 172.31.1.5: seq=0 ttl=62"), ping);
    }
  }
}

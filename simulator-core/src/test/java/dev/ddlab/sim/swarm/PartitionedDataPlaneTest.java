package dev.ddlab.sim.swarm;

import static dev.ddlab.sim.swarm.TypedSwarm.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ddlab.session.NetworkFaults;
import dev.ddlab.session.SimSession;
import dev.ddlab.session.TranscriptEntry;
import org.junit.jupiter.api.Test;

/**
 * The underlay's faults (the Raft panel's isolate and heal, {@link NetworkFaults}) cut the data
 * plane too: a node cut off the others loses the VXLAN frames to and from it, as its control
 * plane's packets are lost, and healing brings them back. The frames still leave the sender's eth0.
 */
class PartitionedDataPlaneTest {
  @Test
  void a_ping_across_an_isolated_node_loses_its_packets_and_heals_after() {
    try (SimSession s = TypedSwarm.swarm("swarm-1m1w", 21, "wrk1")) {
      ok(s, "mgr1", "docker network create -d overlay --attachable --subnet 10.9.0.0/24 ov");
      ok(s, "mgr1", "docker run -d --name c1 --network ov --ip 10.9.0.10 alpine sleep 1d");
      ok(s, "wrk1", "docker run -d --name c2 --network ov --ip 10.9.0.20 alpine sleep 1d");
      assertTrue(
          ok(s, "mgr1", "docker exec c1 ping -c 1 10.9.0.20").contains("1 packets received"));

      NetworkFaults net = s.networkFaults();
      net.isolate("wrk1");
      ok(s, "mgr1", "tcpdump -i eth0 -n -c 1 udp port 4789 &");
      ok(s, "wrk1", "tcpdump -i eth0 -n -c 1 udp port 4789 &");
      TranscriptEntry lost = s.type("mgr1", "docker exec c1 ping -c 2 10.9.0.20");
      assertEquals(1, lost.exitCode(), lost.output());
      assertTrue(
          lost.output().contains("2 packets transmitted, 0 packets received, 100% packet loss"),
          lost.output());
      assertTrue(
          lost.output().contains("IP 10.0.0.1.") && lost.output().contains("vni 4097"),
          "the request still leaves mgr1's eth0 in VXLAN\n" + lost.output());
      String quiet = s.type("wrk1", "true").output();
      assertFalse(quiet.contains("vni"), "wrk1's eth0 hears nothing of it\n" + quiet);

      net.heal();
      TranscriptEntry back = s.type("mgr1", "docker exec c1 ping -c 1 10.9.0.20");
      assertEquals(0, back.exitCode(), back.output());
      assertTrue(back.output().contains("64 bytes from 10.9.0.20"), back.output());
      String heard = s.type("wrk1", "true").output();
      assertTrue(heard.contains("vni 4097"), "after the heal wrk1's capture sees it\n" + heard);
    }
  }
}

package dev.ddlab.sim.network.dataplane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ddlab.session.ScriptRunner;
import dev.ddlab.session.SimSession;
import dev.ddlab.sim.clock.SeededRandom;
import dev.ddlab.sim.network.types.Ipv4;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the data plane keeps is bounded as the kernel bounds it, whatever the traffic: nothing is
 * built bigger than an IPv4 packet, lost echo requests are not waited for once their sender gave
 * up, and connection tracking forgets idle flows and holds at most nf_conntrack_max of them.
 */
class BoundedStateTest {
  private static final long SECOND = 1_000_000_000L;

  @Test
  void an_echo_request_larger_than_an_ipv4_packet_is_message_too_long_and_no_frame_leaves() {
    NetStack stack = new NetStack("node1", new Wire(), new SeededRandom(1), () -> 0L);
    Netns ns = stack.createNetns("c1");
    stack.vethPair("veth0", null, ns, "eth0", 0x0242_0a00_0002L);
    ns.addAddress(ns.device("eth0"), Ipv4.parse("10.0.0.2"), 24);
    List<String> frames = new ArrayList<>();
    stack.tap((nanos, d, f, out) -> frames.add(d.name()));
    List<Netns.EchoResult> results = new ArrayList<>();
    // 999,999,999 data bytes was once an array of that size per request (OutOfMemoryError)
    ns.ping(Ipv4.parse("10.0.0.1"), 7, 1, 999_999_999, 64, results::add);
    ns.ping(Ipv4.parse("10.0.0.1"), 7, 2, Netns.MAX_ECHO_DATA + 1, 64, results::add);
    assertEquals(2, results.size());
    assertTrue(results.stream().allMatch(r -> r.outcome() == Netns.Outcome.MESSAGE_TOO_LONG));
    assertEquals(List.of(), frames);
    assertEquals(0, ns.echoesWaited());
  }

  @Test
  void echo_requests_nobody_answers_are_not_waited_for_after_the_sender_gave_up() {
    try (SimSession s = SimSession.open("single", 3)) {
      new ScriptRunner(s)
          .run(
              """
              docker network create net1
              docker network create net2
              docker run -d --name far --network net2 alpine sleep 1d
              docker run --rm --network net1 alpine ping -c 20 -W 1 172.19.0.2
              """);
      NetStack stack = s.host("node1").network().stack();
      int waited = 0;
      for (Netns ns : stack.namespaces()) {
        waited += ns.echoesWaited();
      }
      waited += stack.host().echoesWaited();
      assertEquals(0, waited);
    }
  }

  private static Conntrack.Tuple icmp(int id) {
    return new Conntrack.Tuple(1, Ipv4.parse("172.17.0.2"), id, Ipv4.parse("8.8.8.8"), id);
  }

  @Test
  void an_idle_flow_is_forgotten_after_its_protocols_timeout() {
    Conntrack ct = new Conntrack();
    Conntrack.Entry echo = ct.create(icmp(1), 0);
    ct.confirm(echo);
    assertNotNull(ct.lookup(icmp(1), 30 * SECOND));
    assertNotNull(ct.lookup(icmp(1).reversed(), 30 * SECOND));
    assertNull(ct.lookup(icmp(1), 61 * SECOND));
    assertNull(ct.lookup(icmp(1).reversed(), 61 * SECOND));
    assertEquals(0, ct.size());

    Conntrack.Tuple web =
        new Conntrack.Tuple(6, Ipv4.parse("10.0.0.5"), 40000, Ipv4.parse("172.17.0.2"), 80);
    Conntrack.Entry tcp = ct.create(web, 0);
    ct.confirm(tcp);
    tcp.replied = true;
    // an established TCP flow lives five days without a packet
    assertNotNull(ct.lookup(web, 4 * 86_400 * SECOND));
    assertNull(ct.lookup(web, 10 * 86_400 * SECOND));
  }

  @Test
  void the_table_holds_at_most_nf_conntrack_max_flows() {
    Conntrack ct = new Conntrack();
    for (int i = 0; i < Conntrack.MAX + 1_000; i++) {
      ct.confirm(ct.create(icmp(i), i));
    }
    assertEquals(Conntrack.MAX, ct.size());
    assertNull(ct.lookup(icmp(0), Conntrack.MAX + 1_000));
    assertNotNull(ct.lookup(icmp(Conntrack.MAX + 999), Conntrack.MAX + 1_000));
  }
}

package dev.ddlab.sim.underlay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ddlab.events.EventBus;
import dev.ddlab.sim.clock.SeededRandom;
import dev.ddlab.sim.clock.VirtualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The faults the Raft scenarios and the panels inject, one by one. */
class UnderlayTest {
  private final VirtualClock clock = new VirtualClock();
  private final EventBus bus = new EventBus();
  private final Underlay net = new Underlay(clock, new SeededRandom(7), bus);
  private final Nic a = net.attach("mgr1", "10.0.0.1");
  private final Nic b = net.attach("mgr2", "10.0.0.2");
  private final Nic c = net.attach("mgr3", "10.0.0.3");
  private final List<String> got = new ArrayList<>();

  UnderlayTest() {
    for (Nic n : List.of(a, b, c)) {
      n.listen(2377, p -> got.add(p.src() + ">" + n.address() + " at " + clock.nowNanos()));
    }
  }

  private void send(Nic from, String to) {
    from.send(40000, to, 2377, "tcp", new byte[] {1}, "raft");
  }

  @Test
  void a_packet_arrives_after_the_latency_that_was_set() {
    long start = clock.nowNanos();
    net.setLatency(Duration.ofMillis(3));
    send(a, "10.0.0.2");
    clock.advance(Duration.ofMillis(2));
    assertTrue(got.isEmpty());
    clock.advance(Duration.ofMillis(1));
    assertEquals(List.of("10.0.0.1>10.0.0.2 at " + (start + 3_000_000)), got);
  }

  @Test
  void an_isolated_machine_reaches_no_one_and_the_others_still_reach_each_other() {
    net.isolate("10.0.0.1");
    assertFalse(net.reachable("10.0.0.1", "10.0.0.2"));
    assertFalse(net.reachable("10.0.0.3", "10.0.0.1"));
    assertTrue(net.reachable("10.0.0.2", "10.0.0.3"));
    send(a, "10.0.0.2");
    send(b, "10.0.0.3");
    clock.advance(Duration.ofMillis(1));
    assertEquals(1, got.size());
    assertTrue(got.get(0).startsWith("10.0.0.2>10.0.0.3"));
    net.heal();
    assertTrue(net.reachable("10.0.0.1", "10.0.0.2"));
  }

  @Test
  void drop_next_loses_exactly_one_packet_in_that_direction() {
    net.dropNext("10.0.0.1", "10.0.0.2");
    send(a, "10.0.0.2");
    send(a, "10.0.0.2");
    send(b, "10.0.0.1");
    clock.advance(Duration.ofMillis(1));
    assertEquals(2, got.size());
  }

  @Test
  void a_link_taken_down_loses_what_is_in_flight_and_a_detached_machine_has_no_route() {
    send(a, "10.0.0.2");
    b.setUp(false);
    clock.advance(Duration.ofMillis(1));
    assertTrue(got.isEmpty(), "the packet in flight is lost when the link goes down");
    b.setUp(true);
    net.detach("10.0.0.3");
    assertFalse(net.reachable("10.0.0.1", "10.0.0.3"));
    send(a, "10.0.0.3");
    send(a, "10.0.0.2");
    clock.advance(Duration.ofMillis(1));
    assertEquals(1, got.size());
    assertTrue(got.get(0).startsWith("10.0.0.1>10.0.0.2"));
  }
}

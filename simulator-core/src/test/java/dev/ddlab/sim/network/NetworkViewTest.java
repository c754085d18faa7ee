package dev.ddlab.sim.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ddlab.introspect.NetworkView;
import dev.ddlab.session.ScriptRunner;
import dev.ddlab.session.SimSession;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The introspection seam's view of the data plane: the veth pairs of a node (host end, container
 * end) and, per link, the frames sent and not yet arrived on the virtual clock, with their tcpdump
 * line and bytes.
 */
class NetworkViewTest {
  @Test
  void links_are_the_veth_pairs_and_frames_stay_in_flight_until_they_arrive() {
    try (SimSession s = SimSession.open("single", 3)) {
      new ScriptRunner(s)
          .run(
              """
              docker run -d --name c2 alpine sleep 1d
              docker run -d --name c1 alpine sleep 1d
              """);
      NetworkView view = s.introspection().network();
      List<NetworkView.Link> links = view.links();
      assertEquals(2, links.size(), links.toString());
      NetworkView.Link c1 =
          links.stream().filter(l -> l.b().equals("c1:eth0")).findFirst().orElseThrow();
      assertEquals("veth", c1.kind());
      assertEquals("node1", c1.node());
      assertEquals(c1.id(), c1.a());
      assertTrue(c1.a().startsWith("node1:veth"), c1.a());
      // the shell's ping runs its exchange on the wire ahead of the clock: right after it, the
      // last frames are still travelling
      new ScriptRunner(s).run("docker exec c1 ping -c 1 172.17.0.2");
      long now = s.clock().nowNanos();
      for (NetworkView.Link l : links) {
        for (NetworkView.Frame f : view.inFlight(l.id())) {
          assertTrue(f.arrivesNanos() > now);
          assertTrue(f.bytes().length >= 42);
          assertTrue(f.summary().startsWith("ARP") || f.summary().startsWith("IP "), f.summary());
        }
      }
      s.advance(java.time.Duration.ofSeconds(1));
      assertEquals(List.of(), view.inFlight(c1.id()), "everything has arrived a second later");
    }
  }

  @Test
  void interfaces_show_bridges_veth_ends_and_sandboxes_and_nat_lists_masquerade_and_dnat() {
    try (SimSession s = SimSession.open("single", 3)) {
      new ScriptRunner(s).run("docker run -d --name web -p 8080:80 nginx");
      NetworkView view = s.introspection().network();
      List<NetworkView.Interface> all = view.interfaces("node1");
      NetworkView.Interface docker0 =
          all.stream().filter(i -> i.name().equals("docker0")).findFirst().orElseThrow();
      assertEquals("node1", docker0.owner());
      assertEquals("bridge", docker0.kind());
      assertEquals(List.of("172.17.0.1/16"), docker0.addresses());
      NetworkView.Interface inner =
          all.stream()
              .filter(i -> i.owner().equals("web"))
              .filter(i -> i.name().equals("eth0"))
              .findFirst()
              .orElseThrow();
      assertEquals("veth", inner.kind());
      assertEquals(List.of("172.17.0.2/16"), inner.addresses());
      assertEquals("02:42:ac:11:00:02", inner.mac());
      String hostEnd = inner.peer().substring("node1:".length());
      NetworkView.Interface outer =
          all.stream().filter(i -> i.name().equals(hostEnd)).findFirst().orElseThrow();
      assertEquals("docker0", outer.master());
      assertEquals("web:eth0", outer.peer());
      assertEquals(
          List.of(
              "-A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE",
              "-A POSTROUTING -s 172.17.0.2/32 -d 172.17.0.2/32 -p tcp -m tcp --dport 80 -j"
                  + " MASQUERADE",
              "-A DOCKER ! -i docker0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination"
                  + " 172.17.0.2:80"),
          view.natRules("node1"));
      assertEquals(List.of(), view.interfaces("node9"));
    }
  }
}

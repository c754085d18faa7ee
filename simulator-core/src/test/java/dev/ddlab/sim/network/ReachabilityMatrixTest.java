package dev.ddlab.sim.network;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ddlab.session.ScriptRunner;
import dev.ddlab.session.SimSession;
import dev.ddlab.session.TranscriptEntry;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Who reaches whom on one node, by name and by address, through the frame data plane: the default
 * bridge (no names), two user bridges (names, isolated from each other), none (only lo), host (the
 * node's own stack), macvlan on VLAN 100 (its own segment: not the node, not the bridges). Each
 * cell is one {@code ping -c 1 -W 1}: R reply, L lost, U network unreachable, N name unknown.
 */
class ReachabilityMatrixTest {
  private static final List<String> SOURCES = List.of("d1", "u1", "v1", "n1", "h1", "m1");

  /** Targets by name, then by address: d2, u2, v1, m2, the node, docker0's gateway. */
  private static final List<String> TARGETS =
      List.of(
          "d2",
          "u2",
          "v1",
          "m2",
          "172.17.0.3",
          "172.18.0.3",
          "172.19.0.2",
          "10.100.0.3",
          "192.168.0.11",
          "172.17.0.1");

  private static final String EXPECTED =
      """
      d1: N N N N R L L L R R
      u1: N R N N L R L L R R
      v1: N N R N L L R L R R
      n1: N N N N U U U U U U
      h1: N N N N R R R L R R
      m1: N N N R L L L R L L
      """;

  @Test
  void reachability_and_names_follow_the_networks_each_container_is_on() {
    try (SimSession s = SimSession.open("single", 3)) {
      ScriptRunner r = new ScriptRunner(s);
      r.run(
          """
          docker network create net1
          docker network create net2
          docker network create -d macvlan --subnet 10.100.0.0/24 --gateway 10.100.0.1 -o parent=eth0.100 vlan100
          docker run -d --name d1 alpine sleep 1d
          docker run -d --name d2 alpine sleep 1d
          docker run -d --name u1 --network net1 alpine sleep 1d
          docker run -d --name u2 --network net1 alpine sleep 1d
          docker run -d --name v1 --network net2 alpine sleep 1d
          docker run -d --name n1 --network none alpine sleep 1d
          docker run -d --name h1 --network host alpine sleep 1d
          docker run -d --name m1 --network vlan100 alpine sleep 1d
          docker run -d --name m2 --network vlan100 alpine sleep 1d
          """);
      StringBuilder got = new StringBuilder();
      for (String src : SOURCES) {
        List<String> cells = new ArrayList<>();
        for (String dst : TARGETS) {
          TranscriptEntry t = r.line("docker exec " + src + " ping -c 1 -W 1 " + dst);
          cells.add(cell(t.output()));
        }
        got.append(src).append(": ").append(String.join(" ", cells)).append('\n');
      }
      assertEquals(EXPECTED, got.toString());
    }
  }

  private static String cell(String out) {
    if (out.contains("bad address")) {
      return "N";
    }
    if (out.contains("Network is unreachable")) {
      return "U";
    }
    if (out.contains(" 1 packets received")) {
      return "R";
    }
    if (out.contains(" 0 packets received")) {
      return "L";
    }
    return "?(" + out.replace("\n", "|") + ")";
  }
}

package dev.ddlab.sim.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ddlab.session.ScriptRunner;
import dev.ddlab.session.SimSession;
import dev.ddlab.session.TranscriptEntry;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A macvlan network on VLAN 100 of the node's eth0: its containers reach each other (and find each
 * other by name, as on any user network), while the node neither reaches them nor is reached, and
 * the gateway, a router off the node, does not answer in the lab.
 */
class MacvlanTest {
  @Test
  void containers_on_a_macvlan_network_reach_each_other_and_not_the_node() {
    try (SimSession s = SimSession.open("single", 3)) {
      List<TranscriptEntry> t =
          new ScriptRunner(s)
              .run(
                  """
                  docker pull -q alpine
                  docker network create -d macvlan --subnet 10.100.0.0/24 --gateway 10.100.0.1 -o parent=eth0.100 vlan100
                  docker network ls --filter driver=macvlan --format '{{.Name}} {{.Driver}} {{.Scope}}'
                  docker network inspect -f '{{json .Options}} {{json .IPAM.Config}}' vlan100
                  docker run -d --name m1 -p 8080:80 --network vlan100 alpine sleep 1d
                  docker run --rm --network vlan100 alpine ping -c 1 -W 1 m1
                  docker run --rm --network host alpine ping -c 1 -W 1 10.100.0.2
                  docker run --rm --network vlan100 alpine ping -c 1 -W 1 10.100.0.1
                  docker run --rm --network vlan100 alpine ping -c 1 -W 1 172.17.0.1
                  docker run --rm --network vlan100 alpine wget -qO- 172.17.0.1:8080
                  docker port m1
                  docker network create -d macvlan -o parent=eth0.100 again
                  """);
      String output = String.join("", t.stream().map(TranscriptEntry::output).toList());
      assertEquals(0, t.get(1).exitCode(), output);
      assertEquals("vlan100 macvlan local\n", t.get(2).output());
      assertEquals(
          "{\"parent\":\"eth0.100\"} [{\"Subnet\":\"10.100.0.0/24\",\"Gateway\":\"10.100.0.1\"}]\n",
          t.get(3).output());
      assertTrue(t.get(5).output().contains("1 packets received"), t.get(5).output());
      assertTrue(t.get(5).output().startsWith("PING m1 (10.100.0.2)"), t.get(5).output());
      for (int i = 6; i <= 8; i++) {
        assertTrue(t.get(i).output().contains("0 packets received"), t.get(i).output());
      }
      assertEquals(
          "wget: can't connect to remote host (172.17.0.1): Host is unreachable\n",
          t.get(9).output());
      assertEquals("", t.get(10).output(), "macvlan publishes no ports");
      assertTrue(
          t.get(11)
              .output()
              .matches(
                  "Error response from daemon: network dm-[0-9a-f]{12} is"
                      + " already using parent interface eth0.100\n"),
          t.get(11).output());
    }
  }
}

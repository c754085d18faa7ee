package dev.ddlab.sim.network;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ddlab.session.ScriptRunner;
import dev.ddlab.session.SimSession;
import dev.ddlab.session.TranscriptEntry;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code docker run --ip}: an address on a user network, refused elsewhere as dockerd does. */
class RunIpTest {
  @Test
  void run_ip_gives_the_address_on_a_user_network_and_is_refused_on_the_default_bridge() {
    try (SimSession s = SimSession.open("single", 3)) {
      List<TranscriptEntry> t =
          new ScriptRunner(s)
              .run(
                  """
                  docker network create --subnet 10.30.0.0/24 net1
                  docker run -d --name c1 --network net1 --ip 10.30.0.77 alpine sleep 1d
                  docker inspect -f '{{.NetworkSettings.Networks.net1.IPAddress}}' c1
                  docker run --rm --ip 172.17.0.9 alpine true
                  docker run --rm --network host --ip 10.30.0.78 alpine true
                  """);
      assertEquals("10.30.0.77\n", t.get(2).output());
      // checked on dockerd 20.10
      String refused =
          "docker: Error response from daemon: user specified IP address is supported on user"
              + " defined networks only.\nSee 'docker run --help'.\n";
      assertEquals(refused, t.get(3).output());
      assertEquals(125, t.get(3).exitCode());
      assertEquals(refused, t.get(4).output());
    }
  }

  @Test
  void an_address_needs_a_subnet_the_user_configured_on_run_and_on_connect() {
    try (SimSession s = SimSession.open("single", 3)) {
      List<TranscriptEntry> t =
          new ScriptRunner(s)
              .run(
                  """
                  docker pull -q alpine
                  docker network create auto
                  docker run --rm --network auto --ip 172.18.0.77 alpine true
                  docker create --name c2 alpine sleep 1d
                  docker network connect --ip 172.18.0.78 auto c2
                  docker network connect --ip 172.17.0.78 bridge c2
                  docker create --name c3 --network none alpine sleep 1d
                  docker network connect auto c3
                  """);
      // checked on dockerd 20.10
      String noSubnet =
          "user specified IP address is supported only when connecting to networks with user"
              + " configured subnets";
      assertEquals(
          "docker: Error response from daemon: " + noSubnet + ".\nSee 'docker run --help'.\n",
          t.get(2).output());
      assertEquals(125, t.get(2).exitCode());
      assertEquals("Error response from daemon: " + noSubnet + "\n", t.get(4).output());
      assertEquals(
          "Error response from daemon: user specified IP address is supported on user defined"
              + " networks only\n",
          t.get(5).output());
      assertEquals(
          "Error response from daemon: container cannot be connected to multiple networks with"
              + " one of the networks in private (none) mode\n",
          t.get(7).output());
      assertEquals(1, t.get(7).exitCode());
    }
  }
}

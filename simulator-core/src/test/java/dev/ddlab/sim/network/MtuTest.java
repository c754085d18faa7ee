package dev.ddlab.sim.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ddlab.session.ScriptRunner;
import dev.ddlab.session.SimSession;
import dev.ddlab.session.TranscriptEntry;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A user bridge with {@code -o com.docker.network.driver.mtu=1450}, as dockerd 20.10 made it on
 * this machine: the veths get the MTU and the bridge takes its ports' least (the kernel's
 * auto-adjust), so iputils ping (ubuntu with iputils-ping installed) with {@code -M do} past it is
 * the socket's local error with that MTU, as the same ping printed on this machine, and without
 * {@code -M} it is fragmented and answered.
 */
class MtuTest {
  private static final String SETUP =
      """
      docker network create -o com.docker.network.driver.mtu=1450 small
      docker run -d --name c1 --network small alpine sleep 1d
      echo 'FROM ubuntu' > Dockerfile
      echo 'RUN apt-get update && apt-get install -y iputils-ping' >> Dockerfile
      docker build -q -t pinger .
      """;

  private static final int SETUP_LINES = 5;

  private static final String PING = "docker run --rm --network small pinger ping ";

  private static List<TranscriptEntry> run(SimSession s, String script) {
    List<TranscriptEntry> all = new ScriptRunner(s).run(SETUP + script);
    for (TranscriptEntry e : all.subList(0, SETUP_LINES)) {
      assertEquals(0, e.exitCode(), e.toString());
    }
    return all.subList(SETUP_LINES, all.size());
  }

  /** More commands in a session already set up. */
  private static List<TranscriptEntry> then(SimSession s, String script) {
    return new ScriptRunner(s).run(script);
  }

  @Test
  void the_containers_veth_and_the_bridge_take_the_networks_mtu() {
    try (SimSession s = SimSession.open("single", 3)) {
      List<TranscriptEntry> t = run(s, "ip link show\n");
      String id = then(s, "docker inspect -f '{{.Id}}' c1").get(0).output().trim();
      assertEquals(
          1450,
          s.host("node1").network().sandbox(id).netns().device("eth0").mtu(),
          "container's eth0");
      String host = t.get(0).output();
      assertTrue(host.matches("(?s).*: br-[0-9a-f]{12}: <[^>]*> mtu 1450 .*"), host);
      assertTrue(host.matches("(?s).*: docker0: <[^>]*> mtu 1500 .*"), host);
    }
  }

  @Test
  void iputils_ping_with_M_do_past_the_mtu_is_a_local_error_per_request_and_exit_1() {
    try (SimSession s = SimSession.open("single", 3)) {
      TranscriptEntry e = run(s, PING + "-c 2 -M do -s 1430 c1\n").get(0);
      assertEquals(
          """
          PING c1 (172.18.0.2) 1430(1458) bytes of data.
          ping: local error: message too long, mtu=1450
          ping: local error: message too long, mtu=1450

          --- c1 ping statistics ---
          2 packets transmitted, 0 received, +2 errors, 100% packet loss, time 1000ms

          """,
          e.output());
      assertEquals(1, e.exitCode());
    }
  }

  @Test
  void without_M_do_the_same_ping_is_fragmented_and_answered() {
    try (SimSession s = SimSession.open("single", 3)) {
      TranscriptEntry e = run(s, PING + "-c 1 -s 1430 c1\n").get(0);
      assertTrue(
          e.output().contains("\n1438 bytes from 172.18.0.2: icmp_seq=1 ttl=64 "), e.output());
      assertEquals(0, e.exitCode());
      TranscriptEntry fits = then(s, PING + "-c 1 -M do -s 1422 c1\n").get(0);
      assertEquals(0, fits.exitCode(), fits.output());
    }
  }

  @Test
  void a_bad_M_value_is_iputils_error_with_exit_2() {
    try (SimSession s = SimSession.open("single", 3)) {
      TranscriptEntry e = run(s, PING + "-M foo -c 1 c1\n").get(0);
      assertEquals("ping: invalid -M argument: foo\n", e.output());
      assertEquals(2, e.exitCode());
    }
  }

  @Test
  void an_mtu_option_that_is_not_a_number_or_negative_is_refused_as_dockerd_does() {
    try (SimSession s = SimSession.open("single", 3)) {
      List<TranscriptEntry> t =
          new ScriptRunner(s)
              .run(
                  """
                  docker network create -o com.docker.network.driver.mtu=abc n1
                  docker network create -o com.docker.network.driver.mtu=-5 n2
                  docker network ls -q --filter name=n1 --filter name=n2
                  """);
      assertEquals(
          "Error response from daemon: failed to parse com.docker.network.driver.mtu value: abc"
              + " (strconv.Atoi: parsing \"abc\": invalid syntax)\n",
          t.get(0).output());
      assertEquals(1, t.get(0).exitCode());
      assertEquals("Error response from daemon: invalid MTU number: -5\n", t.get(1).output());
      assertEquals(1, t.get(1).exitCode());
      assertEquals("", t.get(2).output());
    }
  }
}

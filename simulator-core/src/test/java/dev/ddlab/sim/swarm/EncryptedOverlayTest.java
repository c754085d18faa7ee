package dev.ddlab.sim.swarm;

import static dev.ddlab.sim.swarm.TypedSwarm.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ddlab.session.SimSession;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code docker network create -d overlay -o encrypted}: between the nodes the tunnel is IPsec ESP
 * in transport mode, so the underlay shows ESP packets (SPI, sequence number) and no VXLAN in the
 * clear, while the containers reach each other as on any overlay, with an MTU of 1424.
 */
class EncryptedOverlayTest {
  private static final Pattern ESP =
      Pattern.compile(
          "IP 10\\.0\\.0\\.(\\d) > 10\\.0\\.0\\.(\\d): ESP\\(spi=0x([0-9a-f]{8}),seq=0x(\\d+)\\),"
              + " length (\\d+)");

  @Test
  void an_encrypted_overlay_crosses_the_underlay_in_esp_and_still_carries_the_ping() {
    try (SimSession s = TypedSwarm.swarm("swarm-1m1w", 8, "wrk1")) {
      ok(s, "mgr1", "docker network create -d overlay -o encrypted --attachable sec");
      ok(s, "mgr1", "docker run -d --name c1 --network sec alpine sleep 1d");
      ok(s, "wrk1", "docker run -d --name c2 --network sec alpine sleep 1d");
      String c2 = ok(s, "wrk1", "docker inspect -f '{{.Id}}' c2").strip();
      assertEquals(
          1424,
          s.host("wrk1").network().sandbox(c2).netns().device("eth0").mtu(),
          "1450 less ESP's 26 bytes");
      assertEquals(
          "",
          ok(s, "mgr1", "docker network inspect -f '{{index .Options \"encrypted\"}}' sec")
              .strip());

      ok(s, "wrk1", "tcpdump -i eth0 -n -c 4 esp or udp port 4789 &");
      String ping = ok(s, "mgr1", "docker exec c1 ping -c 2 c2");
      assertTrue(ping.contains("2 packets received"), ping);
      String captured = ok(s, "wrk1", "true");
      assertFalse(captured.contains("VXLAN"), "no VXLAN in the clear\n" + captured);
      Matcher m = ESP.matcher(captured);
      int seen = 0;
      String spiThere = null;
      String spiBack = null;
      while (m.find()) {
        seen++;
        // ESP payload: SPI, seq, IV (16) + UDP, VXLAN (16) + inner frame (98) + pad/trailer + ICV
        assertTrue(Integer.parseInt(m.group(5)) >= 16 + 16 + 98 + 2 + 8, m.group());
        if (m.group(1).equals("1")) {
          spiThere = m.group(3);
        } else {
          spiBack = m.group(3);
        }
      }
      assertEquals(4, seen, captured);
      assertTrue(spiThere != null && spiBack != null && !spiThere.equals(spiBack), captured);
      assertTrue(captured.contains(",seq=0x1), ") && captured.contains(",seq=0x2), "), captured);
    }
  }

  /**
   * libnetwork's programMangle and programInput (encryption.go) on each node where the network's
   * subnet is set up: VXLAN of the VNI marked for the IPsec policy on the way out, dropped on the
   * way in unless it came through IPsec, in iptables' own words (as iptables 1.8 saves the same
   * rules here); gone with the network.
   */
  @Test
  void an_encrypted_vni_gets_dockers_mark_and_input_rules_and_loses_them_with_the_network() {
    try (SimSession s = TypedSwarm.swarm("swarm-1m1w", 8, "wrk1")) {
      ok(s, "mgr1", "docker network create -d overlay -o encrypted --attachable sec");
      ok(s, "wrk1", "docker run -d --name c2 --network sec alpine sleep 1d");
      String vxlan = "-m udp --dport 4789 -m u32 --u32 \"0x0>>0x16&0x3c@0xc&0xffffff00=0x100100\"";
      assertEquals(
          "-P INPUT ACCEPT\n"
              + "-A INPUT -p udp -m policy --dir in --pol none "
              + vxlan
              + " -j DROP\n"
              + "-A INPUT -p udp -m policy --dir in --pol ipsec "
              + vxlan
              + " -j ACCEPT\n",
          ok(s, "wrk1", "iptables -S INPUT"));
      assertEquals(
          "-P OUTPUT ACCEPT\n"
              + "-A OUTPUT -p udp "
              + vxlan
              + " -j MARK --set-xmark 0xd0c4e3/0xffffffff\n",
          ok(s, "wrk1", "iptables -t mangle -S OUTPUT"));
      String listed = ok(s, "wrk1", "iptables -t mangle -L OUTPUT -n");
      assertTrue(
          listed.contains(
              "udp dpt:4789 u32 \"0x0>>0x16&0x3c@0xc&0xffffff00=0x100100\" MARK set"
                  + " 0xd0c4e3\n"),
          listed);

      ok(s, "wrk1", "docker rm -f c2");
      assertEquals("-P INPUT ACCEPT\n", ok(s, "wrk1", "iptables -S INPUT"));
      assertEquals("-P OUTPUT ACCEPT\n", ok(s, "wrk1", "iptables -t mangle -S OUTPUT"));
    }
  }
}

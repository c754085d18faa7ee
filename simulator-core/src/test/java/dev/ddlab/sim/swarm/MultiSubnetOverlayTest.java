package dev.ddlab.sim.swarm;

import static dev.ddlab.sim.swarm.TypedSwarm.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ddlab.session.SimSession;
import dev.ddlab.session.TranscriptEntry;
import dev.ddlab.sim.network.dataplane.NetDevice;
import dev.ddlab.sim.network.dataplane.Netns;
import dev.ddlab.sim.network.dataplane.VxlanDevice;
import dev.ddlab.sim.network.drivers.OverlayDriver;
import dev.ddlab.sim.network.types.Ipv4;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Overlays with several subnets, as swarmkit and libnetwork make them: one IPAM config and one VNI
 * per subnet ({@code vxlanid_list} "4097,4098"), per subnet a bridge and a vxlan device in the
 * network's namespace, made when the subnet first has an endpoint or a peer on the node; addresses
 * from the first subnet with one free, {@code --ip} in the subnet that holds it; a container
 * reaches the other subnet through its own subnet's gateway (libnetwork's static routes), the
 * namespace routing between its bridges, so a frame crosses the tunnel with the VNI of the
 * destination's subnet.
 */
class MultiSubnetOverlayTest {
  private static final String CREATE =
      "docker network create -d overlay --attachable --subnet 10.1.0.0/24 --subnet 10.2.0.0/24"
          + " --gateway 10.2.0.254 ov";

  /** c1 on mgr1 at 10.1.0.10, c2 on wrk1 at 10.2.0.10, on one network of two subnets. */
  private static SimSession twoSubnets(long seed) {
    SimSession s = TypedSwarm.swarm("swarm-1m1w", seed, "wrk1");
    ok(s, "mgr1", CREATE);
    ok(s, "mgr1", "docker run -d --name c1 --network ov --ip 10.1.0.10 alpine sleep 1d");
    ok(s, "wrk1", "docker run -d --name c2 --network ov --ip 10.2.0.10 alpine sleep 1d");
    return s;
  }

  @Test
  void inspect_shows_one_ipam_config_and_one_vni_per_subnet_on_the_manager_and_the_worker() {
    try (SimSession s = twoSubnets(11)) {
      String want =
          "[{\"Subnet\":\"10.1.0.0/24\",\"Gateway\":\"10.1.0.1\"},"
              + "{\"Subnet\":\"10.2.0.0/24\",\"Gateway\":\"10.2.0.254\"}]"
              + " {\"com.docker.network.driver.overlay.vxlanid_list\":\"4097,4098\"}\n";
      String format = "docker network inspect -f '{{json .IPAM.Config}} {{json .Options}}' ov";
      assertEquals(want, ok(s, "mgr1", format));
      assertEquals(want, ok(s, "wrk1", format));
      ok(s, "mgr1", "docker network create -d overlay ov2");
      assertEquals(
          "{\"com.docker.network.driver.overlay.vxlanid_list\":\"4099\"}\n",
          ok(s, "mgr1", "docker network inspect -f '{{json .Options}}' ov2"),
          "VNIs are handed out serially across networks");
      assertEquals(
          "10.2.0.254 24\n",
          ok(
              s,
              "wrk1",
              "docker inspect -f '{{.NetworkSettings.Networks.ov.Gateway}}"
                  + " {{.NetworkSettings.Networks.ov.IPPrefixLen}}' c2"),
          "an endpoint's gateway is its own subnet's");
    }
  }

  @Test
  void a_container_on_one_subnet_pings_one_on_the_other_across_nodes_through_its_gateway() {
    try (SimSession s = twoSubnets(12)) {
      assertTrue(
          ok(s, "wrk1", "docker exec c2 ip route").contains("10.1.0.0/24 via 10.2.0.254 dev eth0"),
          "libnetwork's static route to the other subnet");
      assertTrue(
          ok(s, "mgr1", "docker exec c1 ip route").contains("10.2.0.0/24 via 10.1.0.1 dev eth0"));
      String there = ok(s, "mgr1", "docker exec c1 ping -c 2 c2");
      assertTrue(there.contains("64 bytes from 10.2.0.10: seq=1 ttl=63"), there);
      String back = ok(s, "wrk1", "docker exec c2 ping -c 1 10.1.0.10");
      assertTrue(back.contains("64 bytes from 10.1.0.10: seq=0 ttl=63"), back);
    }
  }

  @Test
  void frames_to_the_other_subnet_cross_the_tunnel_with_that_subnets_vni() {
    try (SimSession s = twoSubnets(13)) {
      ok(s, "mgr1", "docker exec c1 ping -c 1 c2");
      ok(s, "mgr1", "tcpdump -i eth0 -n -c 2 udp port 4789 &");
      TranscriptEntry ping = s.type("mgr1", "docker exec c1 ping -c 1 10.2.0.10");
      assertEquals(0, ping.exitCode(), ping.output());
      String out = ping.output();
      assertTrue(
          out.contains(
              "IP 10.0.0.1.50101 > 10.0.0.2.4789: VXLAN, flags [I] (0x08), vni 4098\n"
                  + "IP 10.1.0.10 > 10.2.0.10: ICMP echo request"),
          out);
      assertTrue(
          out.contains(
              "> 10.0.0.1.4789: VXLAN, flags [I] (0x08), vni 4097\n"
                  + "IP 10.2.0.10 > 10.1.0.10: ICMP echo reply"),
          out);
    }
  }

  /**
   * libnetwork makes a subnet's bridge and vxlan device when the subnet first has an endpoint or a
   * peer on the node, and osl numbers them in that order: mgr1, with c1 and its load balancer on
   * the first subnet, has br0 and vxlan0 alone until c2 on wrk1 brings a peer on the second.
   */
  @Test
  void each_subnet_gets_its_bridge_and_vxlan_device_when_the_node_first_needs_it() {
    try (SimSession s = TypedSwarm.swarm("swarm-1m1w", 14, "wrk1")) {
      String id = ok(s, "mgr1", CREATE).strip();
      ok(s, "mgr1", "docker run -d --name c1 --network ov --ip 10.1.0.10 alpine sleep 1d");
      Netns mgr1 = s.host("mgr1").network().stack().netns(OverlayDriver.sandboxKey(id));
      assertBridge(mgr1, 0, "10.1.0.1", 4097);
      assertNull(mgr1.device("br1"), "no endpoint or peer on 10.2.0.0/24 yet");
      assertNull(mgr1.device("vxlan1"));

      ok(s, "wrk1", "docker run -d --name c2 --network ov --ip 10.2.0.10 alpine sleep 1d");
      assertBridge(mgr1, 1, "10.2.0.254", 4098);
      Netns wrk1 = s.host("wrk1").network().stack().netns(OverlayDriver.sandboxKey(id));
      int a = wrk1.device("br0").addresses().get(0).ip() == Ipv4.parse("10.1.0.1") ? 0 : 1;
      assertBridge(wrk1, a, "10.1.0.1", 4097);
      assertBridge(wrk1, 1 - a, "10.2.0.254", 4098);
    }
  }

  private static void assertBridge(Netns ns, int i, String gateway, int vni) {
    NetDevice br = ns.device("br" + i);
    assertNotNull(br, ns.key() + " br" + i);
    assertEquals(Ipv4.parse(gateway), br.addresses().get(0).ip(), ns.key() + " br" + i);
    VxlanDevice vx = (VxlanDevice) ns.device("vxlan" + i);
    assertEquals(vni, vx.vni(), ns.key() + " vxlan" + i);
    assertEquals(br, vx.master(), "vxlan" + i + " is enslaved to br" + i);
  }

  @Test
  void addresses_come_from_the_first_subnet_with_one_free_and_ip_from_the_subnet_holding_it() {
    try (SimSession s = TypedSwarm.swarm("swarm-1m1w", 15, "wrk1")) {
      ok(
          s,
          "mgr1",
          "docker network create -d overlay --attachable --subnet 10.1.0.0/29 --subnet"
              + " 10.2.0.0/24 ov");
      List<String> names = List.of("c1", "c2", "c3", "c4", "c5");
      StringBuilder got = new StringBuilder();
      for (String c : names) {
        ok(s, "mgr1", "docker run -d --name " + c + " --network ov alpine sleep 1d");
        got.append(
            ok(s, "mgr1", "docker inspect -f '{{.NetworkSettings.Networks.ov.IPAddress}}' " + c));
      }
      ok(s, "mgr1", "docker run -d --name c6 --network ov --ip 10.2.0.99 alpine sleep 1d");
      // 10.1.0.0/29: gateway .1, c1 .2, mgr1's load balancer .3, c2 … c4 .4 … .6; then 10.2.0.0/24
      assertEquals("10.1.0.2\n10.1.0.4\n10.1.0.5\n10.1.0.6\n10.2.0.2\n", got.toString());
      assertTrue(ok(s, "mgr1", "docker exec c1 ping -c 1 c6").contains("64 bytes from 10.2.0.99"));
      assertTrue(ok(s, "mgr1", "docker exec c5 ping -c 1 c2").contains("64 bytes from 10.1.0.4"));
    }
  }

  @Test
  void bad_subnet_and_gateway_combinations_are_refused_as_docker_refuses_them() {
    try (SimSession s = TypedSwarm.swarm("swarm-1m1w", 16, "wrk1")) {
      String[][] cases = {
        {
          "--subnet 10.3.0.0/24 --subnet 10.3.0.0/25",
          "multiple overlapping subnet configuration is not supported"
        },
        {"--subnet 10.4.0.0/24 --gateway 10.5.0.1", "no matching subnet for gateway 10.5.0.1"},
        {
          "--subnet 10.4.0.0/24 --gateway 10.4.0.1 --gateway 10.4.0.2",
          "every ip-range or gateway must have a corresponding subnet"
        },
        {
          "--subnet 10.4.0.0/24 --subnet 10.5.0.0/24 --gateway 10.4.0.1 --gateway 10.4.0.2",
          "cannot configure multiple gateways (10.4.0.2, 10.4.0.1) for the same subnet"
              + " (10.4.0.0/24)"
        },
      };
      for (String[] c : cases) {
        TranscriptEntry e = s.type("mgr1", "docker network create -d overlay " + c[0] + " bad");
        assertEquals(1, e.exitCode(), c[0] + "\n" + e.output());
        assertEquals(c[1] + "\n", e.output(), c[0]);
      }
      ok(
          s,
          "mgr1",
          "cat > stack.yml <<'EOF'\n"
              + "services:\n"
              + "  web:\n"
              + "    image: nginx\n"
              + "    networks: [ov]\n"
              + "networks:\n"
              + "  ov:\n"
              + "    driver: overlay\n"
              + "    ipam:\n"
              + "      config:\n"
              + "        - subnet: 10.4.0.0/24\n"
              + "          gateway: 10.5.0.1\n"
              + "EOF");
      TranscriptEntry stack = s.type("mgr1", "docker stack deploy -c stack.yml st");
      assertEquals(1, stack.exitCode(), stack.output());
      assertTrue(
          stack
              .output()
              .contains(
                  "failed to create network st_ov: Error response from daemon: rpc error: code ="
                      + " InvalidArgument desc = ipam configuration: subnet 10.4.0.0/24 does not"
                      + " contain gateway 10.5.0.1"),
          "swarmkit's own check when the CLI's is not on the way\n" + stack.output());
      assertEquals("", ok(s, "mgr1", "docker network ls -q -f driver=overlay -f name=bad"));
    }
  }
}

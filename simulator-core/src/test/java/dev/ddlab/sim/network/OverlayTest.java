package dev.ddlab.sim.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ddlab.engine.EngineException;
import dev.ddlab.engine.dto.Ipam;
import dev.ddlab.engine.dto.NetworkCreateRequest;
import dev.ddlab.session.ScriptRunner;
import dev.ddlab.session.SimSession;
import dev.ddlab.session.TranscriptEntry;
import dev.ddlab.sim.network.dataplane.NetDevice;
import dev.ddlab.sim.network.dataplane.NetStack;
import dev.ddlab.sim.network.dataplane.Netns;
import dev.ddlab.sim.network.dataplane.VxlanDevice;
import dev.ddlab.sim.network.dataplane.frame.FrameCodec;
import dev.ddlab.sim.network.dataplane.frame.TcpdumpFormat;
import dev.ddlab.sim.network.dataplane.frame.UdpDatagram;
import dev.ddlab.sim.network.dataplane.frame.Vxlan;
import dev.ddlab.sim.network.drivers.OverlayDriver;
import dev.ddlab.sim.network.types.Ipv4;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The overlay driver on two nodes of one LAN, given network objects as the swarm allocator writes
 * them (subnet, gateway, {@code vxlanid_list}), as libnetwork's driver tests do: a container on
 * each node, frames between them tunnelled in VXLAN with the network's VNI between the nodes'
 * addresses, the peers known from the control plane (no ARP crosses the tunnel), the namespace with
 * br0 and vxlan0, MTU 1450, and docker_gwbridge for the way out.
 */
class OverlayTest {
  private static final String NID =
      "9e8f2be4a1c0d3f5b6a7980112233445566778899aabbccddeeff00112233445";

  private static NetworkCreateRequest overlay(String vnis) {
    Ipam.Config config = new Ipam.Config("10.0.9.0/24", null, "10.0.9.1", null);
    Map<String, String> options = new LinkedHashMap<>();
    if (vnis != null) {
      options.put(OverlayDriver.VXLAN_IDS, vnis);
    }
    return new NetworkCreateRequest(
        "ov",
        "overlay",
        false,
        true,
        false,
        new Ipam("default", Map.of(), List.of(config)),
        false,
        options,
        Map.of());
  }

  /** mgr1 (10.0.0.1) runs c1 at 10.0.9.2, wrk1 (10.0.0.2) runs c2 at 10.0.9.3, on VNI 4097. */
  private static SimSession twoNodes() {
    SimSession s = SimSession.open("swarm-1m1w", 3);
    for (String node : List.of("mgr1", "wrk1")) {
      s.host(node).network().createSwarmNetwork(NID, overlay("4097"));
    }
    List<TranscriptEntry> t =
        run(
            s,
            """
        docker run -d --name c1 --network ov --ip 10.0.9.2 alpine sleep 1d
        @wrk1
        docker run -d --name c2 --network ov --ip 10.0.9.3 alpine sleep 1d
        @mgr1
        """);
    for (TranscriptEntry e : t) {
      assertEquals(0, e.exitCode(), e.toString());
    }
    return s;
  }

  private static List<TranscriptEntry> run(SimSession s, String script) {
    return new ScriptRunner(s).run(script);
  }

  private static int exit(List<TranscriptEntry> t) {
    return t.get(t.size() - 1).exitCode();
  }

  @Test
  void a_ping_between_containers_on_two_nodes_crosses_the_underlay_in_vxlan_with_the_vni()
      throws Exception {
    try (SimSession s = twoNodes()) {
      NetStack stack = s.host("mgr1").network().stack();
      TcpdumpFormat fmt = new TcpdumpFormat();
      List<String> onEth0 = new ArrayList<>();
      List<byte[]> bytes = new ArrayList<>();
      List<TranscriptEntry> t;
      try (AutoCloseable tap =
          stack.tap(
              (nanos, d, f, out) -> {
                if (d.netns().isHost() && d.name().equals("eth0")) {
                  onEth0.add((out ? "> " : "< ") + fmt.summary(f));
                  bytes.add(FrameCodec.encode(f));
                }
              })) {
        t = run(s, "docker exec c1 ping -c 1 10.0.9.3");
      }
      String all = String.join("\n", onEth0);
      assertEquals(0, exit(t), t.toString());
      // the nodes find each other by ARP on the LAN; the containers' frames only in the tunnel
      List<String> tunnel = onEth0.stream().filter(l -> l.contains("VXLAN")).toList();
      assertEquals(2, tunnel.size(), all);
      assertTrue(
          tunnel
              .get(0)
              .matches(
                  "> IP 10\\.0\\.0\\.1\\.\\d+ > 10\\.0\\.0\\.2\\.4789: VXLAN, flags \\[I\\] \\(0x08\\),"
                      + " vni 4097\nIP 10\\.0\\.9\\.2 > 10\\.0\\.9\\.3: ICMP echo request, id \\d+,"
                      + " seq 0, length 64"),
          all);
      assertTrue(
          tunnel
              .get(1)
              .matches(
                  "< IP 10\\.0\\.0\\.2\\.\\d+ > 10\\.0\\.0\\.1\\.4789: VXLAN, flags \\[I\\] \\(0x08\\),"
                      + " vni 4097\nIP 10\\.0\\.9\\.3 > 10\\.0\\.9\\.2: ICMP echo reply, id \\d+,"
                      + " seq 0, length 64"),
          all);
      assertTrue(onEth0.stream().noneMatch(l -> l.contains("who-has 10.0.9.")), all);
      // the bytes: outer UDP to 4789, VNI 4097, the inner ICMP, 50 bytes more than the inner frame
      for (byte[] b : bytes) {
        if (FrameCodec.decode(b).ip() != null
            && FrameCodec.decode(b).ip().body() instanceof UdpDatagram u) {
          Vxlan.Decapsulated d = Vxlan.decapsulate(u);
          assertNotNull(d);
          assertEquals(4097, d.vni());
          assertEquals(b.length, d.inner().length() + Vxlan.OVERHEAD);
          assertTrue(FrameCodec.checksumsValid(b));
        }
      }
    }
  }

  @Test
  void a_ping_past_the_overlay_mtu_is_fragmented_in_the_sandbox_and_each_piece_is_tunnelled()
      throws Exception {
    try (SimSession s = twoNodes()) {
      NetStack stack = s.host("mgr1").network().stack();
      TcpdumpFormat fmt = new TcpdumpFormat();
      List<String> inner = new ArrayList<>();
      List<Integer> sizes = new ArrayList<>();
      List<TranscriptEntry> t;
      try (AutoCloseable tap =
          stack.tap(
              (nanos, d, f, out) -> {
                if (d.netns().isHost()
                    && d.name().equals("eth0")
                    && fmt.summary(f).contains("VXLAN")) {
                  inner.add(fmt.summary(f).split("\n")[1]);
                  sizes.add(f.length());
                }
              })) {
        t = run(s, "docker exec c1 ping -c 1 -s 1430 10.0.9.3");
      }
      assertEquals(0, exit(t), t.toString());
      assertTrue(
          t.get(0).output().contains("1438 bytes from 10.0.9.3: seq=0 ttl=64"), t.toString());
      // busybox sets no DF: 1458 bytes leave eth0 (MTU 1450) as 1444 + 34, and so come back
      assertEquals(4, inner.size(), inner.toString());
      assertTrue(
          inner
              .get(0)
              .matches(
                  "IP 10\\.0\\.9\\.2 > 10\\.0\\.9\\.3: ICMP echo request, id \\d+, seq 0, length 1424"),
          inner.toString());
      assertEquals("IP 10.0.9.2 > 10.0.9.3: ip-proto-1", inner.get(1));
      assertTrue(inner.get(2).contains("ICMP echo reply"), inner.toString());
      assertEquals("IP 10.0.9.3 > 10.0.9.2: ip-proto-1", inner.get(3));
      // each piece with its inner Ethernet header and 50 bytes of VXLAN fits the underlay's 1500
      assertEquals(List.of(1444 + 14 + 50, 34 + 14 + 50, 1444 + 14 + 50, 34 + 14 + 50), sizes);
    }
  }

  @Test
  void busybox_ping_has_no_M_option_so_a_container_cannot_ask_for_df() {
    try (SimSession s = twoNodes()) {
      List<TranscriptEntry> t = run(s, "docker exec c1 ping -c 1 -M do -s 1430 10.0.9.3");
      assertTrue(
          t.get(0).output().startsWith("ping: invalid option -- 'M'\nBusyBox"), t.toString());
      assertEquals(1, exit(t));
    }
  }

  @Test
  void tcpdump_on_a_nodes_eth0_shows_the_tunnel_in_tcpdumps_words() {
    try (SimSession s = twoNodes()) {
      List<TranscriptEntry> t =
          run(
              s,
              """
              tcpdump -i eth0 -n -c 2 udp port 4789 &
              docker exec c1 ping -c 1 10.0.9.3
              """);
      String out = t.get(1).output();
      String[] lines = out.split("\n");
      String time = "\\d\\d:\\d\\d:\\d\\d\\.\\d{6} ";
      // tcpdump 4.99: the outer packet, then the inner frame on its own line
      assertTrue(
          lines[0].matches(
              time
                  + "IP 10\\.0\\.0\\.1\\.\\d+ > 10\\.0\\.0\\.2\\.4789: VXLAN, flags \\[I\\]"
                  + " \\(0x08\\), vni 4097"),
          out);
      assertTrue(
          lines[1].matches(
              "IP 10\\.0\\.9\\.2 > 10\\.0\\.9\\.3: ICMP echo request, id \\d+, seq 0, length 64"),
          out);
      assertTrue(
          lines[2].matches(
              time
                  + "IP 10\\.0\\.0\\.2\\.\\d+ > 10\\.0\\.0\\.1\\.4789: VXLAN, flags \\[I\\]"
                  + " \\(0x08\\), vni 4097"),
          out);
      assertTrue(out.contains("\n2 packets captured\n"), out);
    }
  }

  @Test
  void the_overlay_namespace_holds_br0_with_the_gateway_vxlan0_and_a_veth_per_container() {
    try (SimSession s = twoNodes()) {
      NetStack stack = s.host("mgr1").network().stack();
      Netns ns = stack.netns(OverlayDriver.sandboxKey(NID));
      assertNotNull(ns, "namespace 1-" + NID.substring(0, 10));
      assertEquals(
          List.of("lo", "br0", "vxlan0", "veth0"),
          ns.devices().stream().map(NetDevice::name).toList());
      assertEquals(Ipv4.parse("10.0.9.1"), ns.device("br0").addresses().get(0).ip());
      VxlanDevice vx = (VxlanDevice) ns.device("vxlan0");
      assertEquals(4097, vx.vni());
      assertEquals(1450, vx.mtu());
      assertEquals(ns.device("br0"), vx.master());
      // the remote container, from the control plane: address, MAC, and its node
      assertEquals(Map.of(Ipv4.parse("10.0.9.3"), 0x0242_0a00_0903L), vx.neighbourTable());
      assertEquals(Ipv4.parse("10.0.0.2"), vx.vtepOf(0x0242_0a00_0903L));
      Netns c1 = s.host("mgr1").network().sandbox(containerId(s, "c1")).netns();
      assertEquals(1450, c1.device("eth0").mtu());
    }
  }

  private static String containerId(SimSession s, String name) {
    return run(s, "docker inspect -f '{{.Id}}' " + name).get(0).output().trim();
  }

  @Test
  void overlay_containers_leave_through_docker_gwbridge() {
    try (SimSession s = twoNodes()) {
      List<TranscriptEntry> t =
          run(s, "docker network ls --format '{{.Name}} {{.Driver}} {{.Scope}}'");
      assertEquals(
          "bridge bridge local\ndocker_gwbridge bridge local\nhost host local\nnone null local\n"
              + "ov overlay swarm\n",
          t.get(0).output());
      Netns c1 = s.host("mgr1").network().sandbox(containerId(s, "c1")).netns();
      assertEquals(
          List.of(
              "0.0.0.0/0 via 172.18.0.1 dev eth1",
              "127.0.0.0/8 via 0.0.0.0 dev lo",
              "10.0.9.0/24 via 0.0.0.0 dev eth0",
              "172.18.0.0/16 via 0.0.0.0 dev eth1"),
          c1.routes().stream()
              .map(
                  r ->
                      r.destination()
                          + " via "
                          + Ipv4.format(r.gateway())
                          + " dev "
                          + r.device().name())
              .toList());
      // the gateway bridge's endpoint is not one of the container's networks
      String networks = "{{range $k, $v := .NetworkSettings.Networks}}{{$k}} {{end}}";
      assertEquals("ov \n", run(s, "docker inspect -f '" + networks + "' c1").get(0).output());
    }
  }

  @Test
  void a_container_that_stops_is_withdrawn_from_the_other_nodes() {
    try (SimSession s = twoNodes()) {
      List<TranscriptEntry> t =
          run(
              s,
              """
              @wrk1
              docker stop -t 0 c2
              @mgr1
              docker exec c1 ping -c 1 -W 1 10.0.9.3
              """);
      VxlanDevice vx =
          (VxlanDevice)
              s.host("mgr1")
                  .network()
                  .stack()
                  .netns(OverlayDriver.sandboxKey(NID))
                  .device("vxlan0");
      assertEquals(Map.of(), vx.neighbourTable());
      assertEquals(1, exit(t), t.toString());
      assertNull(s.host("wrk1").network().stack().netns(OverlayDriver.sandboxKey(NID)));
    }
  }

  @Test
  void a_node_outside_a_swarm_refuses_an_overlay_network_as_dockerd_does() {
    try (SimSession s = SimSession.open("single", 3)) {
      List<TranscriptEntry> t = run(s, "docker network create -d overlay ov");
      assertEquals(
          "Error response from daemon: This node is not a swarm manager. Use \"docker swarm init\""
              + " or \"docker swarm join\" to connect this node to swarm and try again.\n",
          t.get(0).output());
      assertEquals(1, exit(t));
    }
  }

  @Test
  void an_overlay_network_without_a_vni_per_subnet_is_refused_and_leaves_nothing() {
    try (SimSession s = SimSession.open("swarm-1m1w", 3)) {
      NetworkController c = s.host("mgr1").network();
      EngineException e =
          assertThrows(EngineException.class, () -> c.createSwarmNetwork(NID, overlay(null)));
      assertEquals("insufficient vnis(0) passed to overlay", e.getMessage());
      assertTrue(c.lookup("ov").isEmpty());
      // the pool went back: the same subnet can be asked for again
      c.createSwarmNetwork(NID, overlay("4097"));
      assertEquals("swarm", c.find("ov").scope());
    }
  }
}

package dev.ddlab.sim.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ddlab.session.ScriptRunner;
import dev.ddlab.session.SimSession;
import dev.ddlab.session.TranscriptEntry;
import dev.ddlab.sim.network.dataplane.NetStack;
import dev.ddlab.sim.network.dataplane.frame.FrameCodec;
import dev.ddlab.sim.network.dataplane.frame.TcpdumpFormat;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the frame data plane puts on the links: a ping between two containers is ARP then ICMP
 * through the bridge, a published port is DNAT to the container, traffic from a container leaving
 * the node is masqueraded to the node's address, and every frame is real bytes that decode back.
 */
class FramesTest {
  /** "IFACE > line" or "IFACE < line" per frame on the node, without time stamps. */
  private static List<String> capture(SimSession s, String setup, String traffic) throws Exception {
    new ScriptRunner(s).run(setup);
    NetStack stack = s.host("node1").network().stack();
    TcpdumpFormat fmt = new TcpdumpFormat();
    List<String> lines = new ArrayList<>();
    try (AutoCloseable tap =
        stack.tap(
            (nanos, d, f, out) -> {
              String where =
                  d.netns().isHost()
                      ? d.name()
                      : "ns" + (stack.namespaces().indexOf(d.netns()) + 1) + ":" + d.name();
              lines.add(where + (out ? " > " : " < ") + fmt.summary(f));
              byte[] bytes = FrameCodec.encode(f);
              assertTrue(FrameCodec.checksumsValid(bytes), "checksums of " + f);
              assertEquals(f.length(), bytes.length);
              assertEquals(fmt.summary(f), fmt.summary(FrameCodec.decode(bytes)));
            })) {
      List<TranscriptEntry> t = new ScriptRunner(s).run(traffic);
      lines.add("exit " + t.get(t.size() - 1).exitCode());
    }
    return lines;
  }

  private static List<String> on(List<String> lines, String prefix) {
    return lines.stream()
        .filter(l -> l.startsWith(prefix))
        .map(l -> l.substring(prefix.length()))
        .toList();
  }

  private static String bridgeOf(SimSession s) {
    return s.host("node1").network().stack().host().devices().stream()
        .filter(d -> d.name().startsWith("br-"))
        .findFirst()
        .orElseThrow()
        .name();
  }

  @Test
  void ping_between_containers_is_arp_then_icmp_through_the_bridge() throws Exception {
    try (SimSession s = SimSession.open("single", 3)) {
      List<String> lines =
          capture(
              s,
              """
              docker network create net1
              docker run -d --name c2 --network net1 alpine sleep 1d
              docker run -d --name c1 --network net1 alpine sleep 1d
              """,
              "docker exec c1 ping -c 1 172.18.0.2");
      String bridge = bridgeOf(s);
      List<String> onBridge = on(lines, bridge + " < ");
      String id = onBridge.get(2).replaceAll(".*id (\\d+),.*", "$1");
      assertEquals(
          List.of(
              "ARP, Request who-has 172.18.0.2 tell 172.18.0.3, length 28",
              "ARP, Reply 172.18.0.2 is-at 02:42:ac:12:00:02, length 28",
              "IP 172.18.0.3 > 172.18.0.2: ICMP echo request, id " + id + ", seq 0, length 64",
              "IP 172.18.0.2 > 172.18.0.3: ICMP echo reply, id " + id + ", seq 0, length 64"),
          onBridge,
          String.join("\n", lines));
      // c1 (ns2) sends the request and gets the reply; c2 (ns1) answers; nothing else on the links
      assertEquals(
          List.of(
              "ARP, Request who-has 172.18.0.2 tell 172.18.0.3, length 28",
              "IP 172.18.0.3 > 172.18.0.2: ICMP echo request, id " + id + ", seq 0, length 64"),
          on(lines, "ns2:eth0 > "));
      assertEquals(
          List.of(
              "ARP, Reply 172.18.0.2 is-at 02:42:ac:12:00:02, length 28",
              "IP 172.18.0.2 > 172.18.0.3: ICMP echo reply, id " + id + ", seq 0, length 64"),
          on(lines, "ns1:eth0 > "));
      assertEquals(20 + 1, lines.size(), "4 frames, each on 5 interfaces: " + lines);
      assertEquals("exit 0", lines.get(lines.size() - 1));
    }
  }

  @Test
  void the_host_reaching_a_published_port_on_its_address_is_dnat_to_the_container()
      throws Exception {
    try (SimSession s = SimSession.open("single", 3)) {
      List<String> lines =
          capture(s, "docker run -d --name web -p 8080:80 nginx", "curl -s 192.168.0.11:8080");
      String all = String.join("\n", lines);
      // OUTPUT's DOCKER chain rewrites the destination: the container sees the node as client
      assertTrue(
          lines.stream()
              .anyMatch(
                  l ->
                      l.matches(
                          "ns1:eth0 < IP 192\\.168\\.0\\.11\\.\\d+ > 172\\.17\\.0\\.2\\.80: Flags \\[S\\].*")),
          all);
      assertTrue(lines.stream().noneMatch(l -> l.contains(".8080")), all);
      assertTrue(lines.stream().noneMatch(l -> l.startsWith("lo ")), all);
      assertEquals("exit 0", lines.get(lines.size() - 1));
    }
  }

  @Test
  void a_container_reaching_a_published_port_on_the_node_address_meets_docker_proxy()
      throws Exception {
    try (SimSession s = SimSession.open("single", 3)) {
      List<String> lines =
          capture(
              s,
              "docker run -d --name web -p 8080:80 nginx",
              "docker run --rm alpine wget -qO- 192.168.0.11:8080");
      String all = String.join("\n", lines);
      // "-A DOCKER -i docker0 -j RETURN": no DNAT from the bridge; the proxy on the host answers
      // and opens its own connection from the gateway
      assertTrue(
          lines.stream()
              .anyMatch(
                  l ->
                      l.matches(
                          "docker0 < IP 172\\.17\\.0\\.3\\.\\d+ > 192\\.168\\.0\\.11\\.8080: Flags \\[S\\].*")),
          all);
      assertTrue(
          lines.stream()
              .anyMatch(
                  l ->
                      l.matches(
                          "docker0 > IP 192\\.168\\.0\\.11\\.8080 > 172\\.17\\.0\\.3\\.\\d+: Flags \\[S\\.\\].*")),
          all);
      assertTrue(
          lines.stream()
              .anyMatch(
                  l ->
                      l.matches(
                          "docker0 > IP 172\\.17\\.0\\.1\\.\\d+ > 172\\.17\\.0\\.2\\.80: Flags \\[S\\].*")),
          all);
      assertEquals("exit 0", lines.get(lines.size() - 1));
    }
  }

  @Test
  void containers_on_different_bridges_never_see_each_others_frames() throws Exception {
    try (SimSession s = SimSession.open("single", 3)) {
      List<String> lines =
          capture(
              s,
              """
              docker network create net1
              docker network create net2
              docker run -d --name far --network net2 alpine sleep 1d
              docker run -d --name near --network net1 alpine sleep 1d
              """,
              "docker exec near ping -c 1 -W 1 172.19.0.2");
      // the request reaches the host through br-net1 and DOCKER-ISOLATION drops it there
      String all = String.join("\n", lines);
      assertTrue(
          lines.contains(
              bridgeOf(s)
                  + " < IP 172.18.0.2 > 172.19.0.2: ICMP echo request, id 2, seq 0, length 64"),
          all);
      assertTrue(
          lines.stream()
              .noneMatch(l -> l.contains("> IP 172.18.0.2 > 172.19.0.2") && !l.startsWith("ns2")),
          all);
      assertTrue(lines.stream().noneMatch(l -> l.startsWith("ns1:")), all);
      assertEquals("exit 1", lines.get(lines.size() - 1));
    }
  }

  @Test
  void a_connection_nobody_answers_fails_after_its_virtual_time() {
    try (SimSession s = SimSession.open("single", 3)) {
      List<TranscriptEntry> t =
          new ScriptRunner(s)
              .run(
                  """
                  date
                  curl 172.31.0.9
                  date
                  """);
      // the default route's gateway never answers ARP: three solicitations a second apart
      assertEquals("Mon Jan  1 00:00:00 UTC 2024\n", t.get(0).output());
      assertEquals(
          "curl: (7) Failed to connect to 172.31.0.9 port 80 after 3000 ms: No route to host\n",
          t.get(1).output());
      assertEquals(7, t.get(1).exitCode());
      assertEquals("Mon Jan  1 00:00:03 UTC 2024\n", t.get(2).output());
    }
  }

  @Test
  void every_frame_put_on_a_link_goes_on_the_bus_with_its_times_and_bytes() throws Exception {
    try (SimSession s = SimSession.open("single", 3)) {
      new ScriptRunner(s)
          .run(
              """
              docker run -d --name c2 alpine sleep 1d
              docker run -d --name c1 alpine sleep 1d
              """);
      List<dev.ddlab.events.FrameEvent> seen = new ArrayList<>();
      try (AutoCloseable sub = s.events().subscribe(dev.ddlab.events.FrameEvent.class, seen::add)) {
        new ScriptRunner(s).run("docker exec c1 ping -c 1 172.17.0.2");
      }
      TcpdumpFormat fmt = new TcpdumpFormat();
      dev.ddlab.events.FrameEvent first = seen.get(0);
      assertEquals("node1", first.node());
      assertEquals("c1:eth0", first.from());
      assertTrue(first.to().startsWith("node1:veth"), first.to());
      assertEquals(first.to(), first.link(), "a veth pair is named after its host end");
      assertTrue(first.arrivesNanos() > first.timeNanos(), "a link takes time");
      assertEquals("ARP, Request who-has 172.17.0.2 tell 172.17.0.3, length 28", first.summary());
      assertEquals(first.summary(), fmt.summary(FrameCodec.decode(first.bytes())));
      // four frames (ARP request and reply, echo request and reply), each on two links: the
      // sender's veth pair to the bridge, then the bridge port's veth pair to the receiver
      assertEquals(8, seen.size(), seen.toString());
    }
  }
}

package dev.ddlab.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ddlab.events.FrameEvent;
import dev.ddlab.introspect.PcapWriter;
import dev.ddlab.session.ScriptRunner;
import dev.ddlab.session.Session;
import dev.ddlab.session.SimSession;
import dev.ddlab.sim.network.dataplane.frame.ArpPacket;
import dev.ddlab.sim.network.dataplane.frame.Frame;
import dev.ddlab.sim.network.dataplane.frame.FrameCodec;
import dev.ddlab.sim.network.dataplane.frame.IcmpMessage;
import dev.ddlab.sim.network.dataplane.frame.Ipv4Packet;
import dev.ddlab.sim.network.dataplane.frame.Mac;
import dev.ddlab.sim.network.dataplane.frame.Vxlan;
import dev.ddlab.sim.network.types.Ipv4;
import dev.ddlab.web.Json;
import dev.ddlab.web.panel.DataPlanePanel;
import dev.ddlab.web.panel.PanelContext;
import dev.ddlab.web.panel.PanelModel;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ddlab pcap} and the VXLAN codec read by Debian's tshark: the frames of a ping between two
 * containers, a VXLAN frame with its VNI and inner addresses, and a ping across an overlay network
 * between two nodes as a node's eth0 carries it. Skipped without tshark unless {@code
 * DDLAB_REQUIRE_TSHARK=1} (.ci/run installs it and sets it).
 */
class PcapCommandTest {
  private static final String TSHARK = "/usr/bin/tshark";

  @TempDir Path tmp;

  private static void needTshark() {
    boolean present = new File(TSHARK).canExecute();
    if (!present && "1".equals(System.getenv("DDLAB_REQUIRE_TSHARK"))) {
      throw new AssertionError("DDLAB_REQUIRE_TSHARK=1 but " + TSHARK + " is missing");
    }
    assumeTrue(present, "tshark tests skipped: apt-get install tshark");
  }

  /** tshark's fields of each frame, one line a frame, fields joined by '|', repeats by ','. */
  private static List<String> tshark(Path pcap, String... fields) throws Exception {
    List<String> cmd =
        new java.util.ArrayList<>(
            List.of(TSHARK, "-n", "-r", pcap.toString(), "-T", "fields", "-E", "separator=|"));
    for (String f : fields) {
      cmd.add("-e");
      cmd.add(f);
    }
    Process p =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), out);
    return out.lines().filter(l -> !l.startsWith("Running as user")).toList();
  }

  @Test
  void a_ping_between_two_containers_is_written_as_pcap_that_tshark_reads_arp_then_icmp()
      throws Exception {
    needTshark();
    Path script = tmp.resolve("ping.ddsh");
    Files.writeString(
        script,
        """
        # two containers on a user network, one ping
        docker network create net1
        docker run -d --name c2 --network net1 alpine sleep 1d
        docker run -d --name c1 --network net1 alpine sleep 1d
        docker exec c1 ping -c 1 c2
        """);
    Path out = tmp.resolve("ping.pcap");
    StringWriter err = new StringWriter();
    StringWriter stdout = new StringWriter();
    int status =
        Main.commandLine()
            .setOut(new PrintWriter(stdout))
            .setErr(new PrintWriter(err))
            .execute("pcap", "--script", script.toString(), "-o", out.toString());
    assertEquals(0, status, err.toString());
    assertTrue(
        stdout.toString().matches("\\d+ frames written to .*ping.pcap\\n"), stdout.toString());
    List<String> frames =
        tshark(
            out,
            "_ws.col.Protocol",
            "arp.src.proto_ipv4",
            "arp.dst.proto_ipv4",
            "ip.src",
            "ip.dst",
            "icmp.type");
    assertEquals(8, frames.size(), String.join("\n", frames));
    // c1 asks for c2 (two hops through the bridge), c2 answers, then the echo both ways
    assertEquals("ARP|172.18.0.3|172.18.0.2|||", frames.get(0));
    assertEquals("ARP|172.18.0.3|172.18.0.2|||", frames.get(1));
    assertTrue(frames.get(2).startsWith("ARP|172.18.0.2|172.18.0.3"), frames.get(2));
    assertEquals("ICMP|||172.18.0.3|172.18.0.2|8", frames.get(4));
    assertEquals("ICMP|||172.18.0.2|172.18.0.3|0", frames.get(7));
  }

  /**
   * The playground's "Tải pcap" button asks the data plane panel for the active node's frames: the
   * same script in a session of the same seed gives the bytes {@code ddlab pcap} writes.
   */
  @Test
  void the_playgrounds_pcap_download_is_the_file_ddlab_pcap_writes_and_tshark_reads_it()
      throws Exception {
    needTshark();
    String commands =
        """
        docker network create net1
        docker run -d --name c2 --network net1 alpine sleep 1d
        docker run -d --name c1 --network net1 alpine sleep 1d
        docker exec c1 ping -c 2 c2
        """;
    Path script = tmp.resolve("ping.ddsh");
    Files.writeString(script, commands);
    Path cli = tmp.resolve("cli.pcap");
    int status =
        Main.commandLine()
            .setOut(new PrintWriter(new StringWriter()))
            .execute("pcap", "--script", script.toString(), "-o", cli.toString());
    assertEquals(0, status);
    JsonNode answer;
    try (SimSession s = SimSession.open("single", 1)) {
      PanelModel panel =
          new DataPlanePanel()
              .open(
                  new PanelContext() {
                    @Override
                    public Session session() {
                      return s;
                    }

                    @Override
                    public void publish(JsonNode delta) {}
                  });
      new ScriptRunner(s).run(commands);
      answer = panel.request(Json.MAPPER.readTree("{\"pcap\": \"node1\"}"));
    }
    assertEquals("ddlab-node1.pcap", answer.path("file").asText());
    byte[] download = Base64.getDecoder().decode(answer.path("pcap").asText());
    assertEquals(
        HexFormat.of().formatHex(Files.readAllBytes(cli)), HexFormat.of().formatHex(download));
    Path saved = tmp.resolve(answer.path("file").asText());
    Files.write(saved, download);
    List<String> icmp =
        tshark(saved, "icmp.type", "icmp.seq").stream().filter(l -> !l.equals("|")).toList();
    // two requests and two replies, each on c1's veth, the bridge and c2's veth: 4 × 2 links
    assertEquals(answer.path("frames").asInt(), tshark(saved, "frame.len").size());
    assertEquals(8, icmp.size(), String.join("\n", icmp));
    assertEquals("8|0", icmp.get(0));
    assertEquals("0|1", icmp.get(icmp.size() - 1));
  }

  @Test
  void tshark_reads_a_vxlan_frames_vni_and_inner_addresses() throws Exception {
    needTshark();
    int c1 = Ipv4.parse("10.0.1.3");
    int c2 = Ipv4.parse("10.0.1.4");
    Frame echo =
        Frame.ipv4(
            0x02420a000104L,
            0x02420a000103L,
            Ipv4Packet.of(
                1, 64, c1, c2, new IcmpMessage(IcmpMessage.ECHO_REQUEST, 0, 7, 1, new byte[56])));
    Frame arp =
        Frame.arp(Mac.BROADCAST, 0x02420a000103L, ArpPacket.request(0x02420a000103L, c1, c2));
    int node1 = Ipv4.parse("192.168.0.11");
    int node2 = Ipv4.parse("192.168.0.12");
    Path out = tmp.resolve("vxlan.pcap");
    Files.write(
        out,
        PcapWriter.write(
            List.of(
                new PcapWriter.Record(
                    1_704_067_200_000_000_000L,
                    FrameCodec.encode(
                        Vxlan.encapsulate(
                            arp, 4097, 0x02420000000cL, 0x02420000000bL, node1, node2, 1))),
                new PcapWriter.Record(
                    1_704_067_200_000_100_000L,
                    FrameCodec.encode(
                        Vxlan.encapsulate(
                            echo, 4097, 0x02420000000cL, 0x02420000000bL, node1, node2, 2))))));
    List<String> frames =
        tshark(
            out,
            "frame.len",
            "ip.src",
            "ip.dst",
            "udp.dstport",
            "vxlan.flag_i",
            "vxlan.vni",
            "arp.dst.proto_ipv4",
            "icmp.type");
    assertEquals(
        List.of(
            "92|192.168.0.11|192.168.0.12|4789|1|4097|10.0.1.4|",
            "148|192.168.0.11,10.0.1.3|192.168.0.12,10.0.1.4|4789|1|4097||8"),
        frames);
  }

  /**
   * The frames mgr1's eth0 carries while {@code command} runs on an overlay between two nodes: c1
   * (10.0.9.2) on mgr1, c2 (10.0.9.3) on wrk1, VNI 4097.
   */
  private static List<PcapWriter.Record> overlayCapture(String command) throws Exception {
    return overlayCapture(command, Map.of());
  }

  private static List<PcapWriter.Record> overlayCapture(String command, Map<String, String> options)
      throws Exception {
    List<PcapWriter.Record> records = new java.util.ArrayList<>();
    try (SimSession s = SimSession.open("swarm-1m1w", 3)) {
      TwoNodeOverlay.wire(s, options);
      try (AutoCloseable sub =
          s.events()
              .subscribe(
                  FrameEvent.class,
                  f -> {
                    if (f.node().equals("mgr1") && f.link().equals("underlay")) {
                      records.add(new PcapWriter.Record(f.timeNanos(), f.bytes()));
                    }
                  })) {
        new ScriptRunner(s).run(command);
      }
    }
    return records;
  }

  @Test
  void a_ping_across_an_overlay_is_captured_on_eth0_as_vxlan_that_tshark_reads_with_its_vni()
      throws Exception {
    needTshark();
    List<PcapWriter.Record> records = overlayCapture("docker exec c1 ping -c 1 10.0.9.3");
    Path out = tmp.resolve("overlay.pcap");
    Files.write(out, PcapWriter.write(records));
    List<String> tunnel =
        tshark(out, "frame.len", "ip.src", "ip.dst", "udp.dstport", "vxlan.vni", "icmp.type")
            .stream()
            .filter(l -> l.contains("|4789|"))
            .toList();
    // 98 bytes of inner frame (ICMP with 56 data bytes) and 50 of encapsulation
    assertEquals(
        List.of(
            "148|10.0.0.1,10.0.9.2|10.0.0.2,10.0.9.3|4789|4097|8",
            "148|10.0.0.2,10.0.9.3|10.0.0.1,10.0.9.2|4789|4097|0"),
        tunnel);
  }

  /**
   * TCP across the overlay: a connection to a closed port of c2 (SYN, then RST) crosses eth0 as
   * VXLAN that tshark opens to the inner TCP header, each frame 50 bytes longer than inside.
   */
  @Test
  void a_tcp_connection_across_an_overlay_is_vxlan_with_the_inner_tcp_that_tshark_reads()
      throws Exception {
    needTshark();
    List<PcapWriter.Record> records =
        overlayCapture("docker exec c1 wget -q -T 1 -O - http://10.0.9.3:8080/");
    Path out = tmp.resolve("tcp.pcap");
    Files.write(out, PcapWriter.write(records));
    List<String> tunnel =
        tshark(
                out,
                "ip.len",
                "frame.len",
                "vxlan.vni",
                "tcp.srcport",
                "tcp.dstport",
                "tcp.flags.syn",
                "tcp.flags.reset")
            .stream()
            .filter(l -> l.contains("|4097|"))
            .toList();
    assertEquals(2, tunnel.size(), String.join("\n", tunnel));
    // the outer IPv4 length is the inner frame plus 36 (IPv4 20, UDP 8, VXLAN 8), the frame 50 more
    for (String l : tunnel) {
      String[] f = l.split("\\|", -1);
      int outer = Integer.parseInt(f[0].split(",")[0]);
      int inner = Integer.parseInt(f[0].split(",")[1]);
      assertEquals(outer, inner + 14 + 36, l);
      assertEquals(Integer.parseInt(f[1]), inner + 14 + 50, l);
    }
    assertTrue(tunnel.get(0).matches(".*\\|4097\\|\\d+\\|8080\\|1\\|0"), tunnel.get(0));
    assertTrue(tunnel.get(1).matches(".*\\|4097\\|8080\\|\\d+\\|0\\|1"), tunnel.get(1));
  }

  /**
   * {@code -o encrypted}: tshark reads the tunnel as ESP (SPI, sequence numbers from 1 each way)
   * and finds neither VXLAN nor the inner ICMP in it; each frame is 26 bytes longer than the clear
   * tunnel's 148 (SPI, sequence, IV, pad length, next header, ICV; no padding needed here).
   */
  @Test
  void a_ping_across_an_encrypted_overlay_is_esp_that_tshark_cannot_look_into() throws Exception {
    needTshark();
    List<PcapWriter.Record> records =
        overlayCapture("docker exec c1 ping -c 2 10.0.9.3", Map.of("encrypted", ""));
    Path out = tmp.resolve("encrypted.pcap");
    Files.write(out, PcapWriter.write(records));
    List<String> tunnel =
        tshark(
                out,
                "frame.len",
                "ip.src",
                "ip.dst",
                "ip.proto",
                "esp.sequence",
                "vxlan.vni",
                "icmp.type")
            .stream()
            .filter(l -> l.contains("|50|"))
            .toList();
    assertEquals(
        List.of(
            "174|10.0.0.1|10.0.0.2|50|1||",
            "174|10.0.0.2|10.0.0.1|50|1||",
            "174|10.0.0.1|10.0.0.2|50|2||",
            "174|10.0.0.2|10.0.0.1|50|2||"),
        tunnel);
    List<String> spis = tshark(out, "esp.spi").stream().filter(l -> !l.isEmpty()).toList();
    assertEquals(4, spis.size(), spis.toString());
    assertEquals(spis.get(0), spis.get(2), "one SA each way");
    assertTrue(!spis.get(0).equals(spis.get(1)), spis.toString());
  }

  @Test
  void a_ping_past_the_overlay_mtu_crosses_in_fragments_that_tshark_reassembles() throws Exception {
    needTshark();
    List<PcapWriter.Record> records = overlayCapture("docker exec c1 ping -c 1 -s 1430 10.0.9.3");
    Path out = tmp.resolve("fragments.pcap");
    Files.write(out, PcapWriter.write(records));
    List<String> tunnel =
        tshark(
                out,
                "frame.len",
                "udp.dstport",
                "ip.flags.mf",
                "ip.frag_offset",
                "ip.reassembled.length",
                "icmp.type")
            .stream()
            .filter(l -> l.contains("|4789|"))
            .toList();
    // outer IPv4 then inner: the inner packet of 1458 bytes as 1444 (MF) + 34 at offset 1424
    // (tshark counts it in 8-byte units, 178), put back together by tshark (1438 bytes of ICMP)
    // on the second piece, both ways
    assertEquals(
        List.of(
            "1508|4789|0,1|0,0||",
            "98|4789|0,0|0,178|1438|8",
            "1508|4789|0,1|0,0||",
            "98|4789|0,0|0,178|1438|0"),
        tunnel);
  }

  /**
   * An overlay of two subnets made by the script itself (swarm init, join, {@code network create
   * --subnet … --subnet …}): the echo request from 10.1.0.10 on mgr1 to 10.2.0.10 on wrk1 leaves
   * mgr1's eth0 in the second subnet's VNI, the reply comes back in the first's, each inner packet
   * routed once in an overlay namespace (TTL 63); ddlab pcap writes node mgr1's frames.
   */
  @Test
  void a_ping_between_the_subnets_of_an_overlay_crosses_in_the_vni_of_the_destinations_subnet()
      throws Exception {
    needTshark();
    Path script = tmp.resolve("subnets.ddsh");
    Files.writeString(
        script,
        """
        docker swarm init --advertise-addr 10.0.0.1
        @wrk1
        docker swarm join --token $(ssh mgr1 docker swarm join-token -q worker) 10.0.0.1:2377
        @mgr1
        docker network create -d overlay --attachable --subnet 10.1.0.0/24 --subnet 10.2.0.0/24 ov
        docker run -d --name c1 --network ov --ip 10.1.0.10 alpine sleep 1d
        @wrk1
        docker run -d --name c2 --network ov --ip 10.2.0.10 alpine sleep 1d
        @mgr1
        docker exec c1 ping -c 1 10.2.0.10
        """);
    Path out = tmp.resolve("subnets.pcap");
    StringWriter err = new StringWriter();
    int status =
        Main.commandLine()
            .setOut(new PrintWriter(new StringWriter()))
            .setErr(new PrintWriter(err))
            .execute(
                "pcap",
                "--script",
                script.toString(),
                "--template",
                "swarm-1m1w",
                "--node",
                "mgr1",
                "-o",
                out.toString());
    assertEquals(0, status, err.toString());
    List<String> tunnel =
        tshark(out, "frame.len", "ip.src", "ip.dst", "ip.ttl", "vxlan.vni", "icmp.type").stream()
            .filter(l -> l.contains("|10.1.0.10") || l.contains(",10.1.0.10|"))
            .toList();
    // c1's veth (TTL 64), the tunnel both ways (the inner packet routed once: 63), c1's veth again
    assertEquals(
        List.of(
            "98|10.1.0.10|10.2.0.10|64||8",
            "148|10.0.0.1,10.1.0.10|10.0.0.2,10.2.0.10|64,63|4098|8",
            "148|10.0.0.2,10.2.0.10|10.0.0.1,10.1.0.10|64,63|4097|0",
            "98|10.2.0.10|10.1.0.10|63||0"),
        tunnel);
  }

  @Test
  void a_missing_script_is_an_error_and_writes_nothing() throws IOException {
    StringWriter err = new StringWriter();
    Path out = tmp.resolve("x.pcap");
    int status =
        Main.commandLine()
            .setErr(new PrintWriter(err))
            .execute("pcap", "--script", tmp.resolve("nope").toString(), "-o", out.toString());
    assertEquals(1, status);
    assertTrue(err.toString().startsWith("ddlab pcap: "), err.toString());
    assertTrue(!Files.exists(out));
  }
}

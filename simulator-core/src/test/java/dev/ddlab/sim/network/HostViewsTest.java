package dev.ddlab.sim.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.ddlab.session.ScriptRunner;
import dev.ddlab.session.SimSession;
import dev.ddlab.session.TranscriptEntry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The host's network tools against the real ones: the same state (docker0 172.17.0.1/16, one
 * container 172.17.0.2 publishing 80 on 8080, Docker's rules) was built with ip, iptables and a
 * veth in network namespaces and printed by Debian's iproute2, bridge-utils and iptables
 * (src/test/resources/hostviews/host.txt). Debian's iptables 1.8.9 prints protocol numbers with -n
 * where Ubuntu 22.04's 1.8.7 prints names; MACs and veth names are the kernel's own.
 */
class HostViewsTest {
  private static Map<String, String> real() throws IOException {
    try (InputStream in = HostViewsTest.class.getResourceAsStream("/hostviews/host.txt")) {
      assertNotNull(in, "missing /hostviews/host.txt");
      Map<String, String> out = new LinkedHashMap<>();
      String key = null;
      StringBuilder b = new StringBuilder();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (line.startsWith("### ")) {
          if (key != null) {
            out.put(key, b.toString());
          }
          key = line.substring(4);
          b.setLength(0);
        } else {
          b.append(line).append('\n');
        }
      }
      out.put(key, b.toString());
      return out;
    }
  }

  /** iptables 1.8.7's protocol names where 1.8.9 prints numbers. */
  private static String names(String text) {
    return text.replaceAll("(?m)^(\\S+ +)0    --", "$1all  --")
        .replaceAll("(?m)^(\\S+ +)6    --", "$1tcp  --")
        .replaceAll("(?m)^((?: +\\d+){2} \\S+ +)0    --", "$1all  --")
        .replaceAll("(?m)^((?: +\\d+){2} \\S+ +)6    --", "$1tcp  --");
  }

  private static List<TranscriptEntry> run(String commands) {
    try (SimSession s = SimSession.open("single", 3)) {
      return new ScriptRunner(s)
          .run(
              "docker run -d --name web -p 8080:80 nginx\ncurl -s localhost:8080 >/dev/null\n"
                  + commands);
    }
  }

  @Test
  void iptables_shows_the_rules_docker_installs_as_iptables_prints_them() throws IOException {
    Map<String, String> real = real();
    List<TranscriptEntry> t =
        run(
            """
            iptables -t nat -S
            iptables -S
            iptables -t nat -L -n
            iptables -L -n
            iptables -L DOCKER-USER
            iptables -t nat -L -n -v
            """);
    assertEquals(real.get("iptables -t nat -S"), t.get(2).output());
    assertEquals(real.get("iptables -S"), t.get(3).output());
    assertEquals(names(real.get("iptables -t nat -L -n")), t.get(4).output());
    assertEquals(names(real.get("iptables -L -n")), t.get(5).output());
    assertEquals(real.get("iptables -L DOCKER-USER"), t.get(6).output());
    // the counters are the traffic's own; the columns are iptables'
    String counters = "(?m)^ +\\d+[KMG]? +\\d+[KMG]? ";
    assertEquals(
        names(real.get("iptables -t nat -L -n -v"))
            .replaceAll(counters, "    # # ")
            .replaceAll("\\d+ packets, \\d+ bytes", "# packets, # bytes"),
        t.get(7)
            .output()
            .replaceAll(counters, "    # # ")
            .replaceAll("\\d+ packets, \\d+ bytes", "# packets, # bytes"));
  }

  @Test
  void ip_brctl_and_bridge_show_the_links_the_bridge_driver_made() throws IOException {
    Map<String, String> real = real();
    List<TranscriptEntry> t =
        run(
            """
            ip route show dev docker0
            brctl show
            bridge link
            ip neigh
            ip addr show docker0
            """);
    assertEquals(
        real.get("ip route").replace(" dev docker0", ""), t.get(2).output(), "routes of docker0");
    String mac = "[0-9a-f]{2}(:[0-9a-f]{2}){5}";
    assertEquals(
        real.get("brctl show")
            .replaceAll("8000\\.[0-9a-f]{12}", "ID")
            .replaceAll("veth\\w+", "VETH"),
        t.get(3).output().replaceAll("8000\\.[0-9a-f]{12}", "ID").replaceAll("veth\\w+", "VETH"));
    assertEquals(
        real.get("bridge link").replaceAll("^\\d+: veth\\w+", "N: VETH"),
        t.get(4).output().replaceAll("^\\d+: veth\\w+", "N: VETH"));
    assertEquals(
        real.get("ip neigh").replace("DELAY", "REACHABLE").replaceAll(mac, "MAC"),
        t.get(5).output().replaceAll(mac, "MAC"));
    String docker0 = real.get("ip addr").split("(?m)^3: ")[0].split("(?m)^2: ")[1];
    assertEquals(
        docker0.replaceAll(mac, "MAC").replaceAll("fe80::\\S+/64", "LL").replace("qlen 1000", ""),
        t.get(6)
            .output()
            .replaceFirst("^\\d+: ", "")
            .replaceAll(mac, "MAC")
            .replaceAll("fe80::\\S+/64", "LL"));
  }

  @Test
  void ss_lists_docker_proxy_on_every_published_address() throws IOException {
    try (InputStream in = HostViewsTest.class.getResourceAsStream("/hostviews/ss-ltn.txt")) {
      String real = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      List<TranscriptEntry> t;
      try (SimSession s = SimSession.open("single", 3)) {
        t =
            new ScriptRunner(s)
                .run(
                    """
                    docker run -d --name aa -p 127.0.0.1:7000:70 -p 32768:90 alpine sleep 1d
                    docker run -d --name bb -p 8080:80 alpine sleep 1d
                    ss -ltn
                    """);
      }
      // the real listeners: 127.0.0.1:7000, 0.0.0.0:32768, 0.0.0.0:8080, [::]:8080
      String sim = t.get(t.size() - 1).output();
      assertEquals(
          real,
          sim.replace("LISTEN 0      4096            [::]:32768         [::]:*          \n", ""));
    }
  }

  @Test
  void tcpdump_on_docker0_prints_arp_then_icmp_between_containers_and_its_counts() {
    List<TranscriptEntry> t;
    try (SimSession s = SimSession.open("single", 3)) {
      t =
          new ScriptRunner(s)
              .run(
                  """
                  docker run -d --name c2 alpine sleep 1d
                  docker run -d --name c1 alpine sleep 1d
                  tcpdump -i docker0 -n -c 4 &
                  docker exec c1 ping -c 1 172.17.0.2
                  tcpdump -i docker0 port
                  tcpdump -i nosuch
                  """);
    }
    String started = t.get(2).output();
    assertEquals(
        "[1] "
            + started.substring(4, started.indexOf('\n'))
            + "\ntcpdump: verbose output suppressed, use -v[v]... for full protocol decode\n"
            + "listening on docker0, link-type EN10MB (Ethernet), snapshot length 262144 bytes\n",
        started);
    String[] lines = t.get(3).output().split("\n");
    String time = "\\d\\d:\\d\\d:\\d\\d\\.\\d{6} ";
    assertEquals(
        true,
        lines[0].matches(time + "ARP, Request who-has 172.17.0.2 tell 172.17.0.3, length 28"),
        lines[0]);
    assertEquals(
        true,
        lines[1].matches(time + "ARP, Reply 172.17.0.2 is-at 02:42:ac:11:00:02, length 28"),
        lines[1]);
    assertEquals(
        true,
        lines[2].matches(
            time + "IP 172.17.0.3 > 172.17.0.2: ICMP echo request, id \\d+, seq 0, length 64"),
        lines[2]);
    assertEquals(
        true,
        lines[3].matches(
            time + "IP 172.17.0.2 > 172.17.0.3: ICMP echo reply, id \\d+, seq 0, length 64"),
        lines[3]);
    assertEquals("4 packets captured", lines[4]);
    assertEquals("4 packets received by filter", lines[5]);
    assertEquals("0 packets dropped by kernel", lines[6]);
    assertEquals("tcpdump: can't parse filter expression: syntax error\n", t.get(4).output());
    assertEquals(1, t.get(4).exitCode());
    assertEquals(
        "tcpdump: nosuch: No such device exists\n(SIOCGIFHWADDR: No such device)\n",
        t.get(5).output());
  }
}

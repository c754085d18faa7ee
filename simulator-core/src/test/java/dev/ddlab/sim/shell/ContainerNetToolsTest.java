package dev.ddlab.sim.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ddlab.session.ScriptRunner;
import dev.ddlab.session.SimSession;
import dev.ddlab.session.TranscriptEntry;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * ip, ifconfig, route, netstat, nslookup and dig inside containers read the container's own
 * namespace and Docker's embedded DNS: busybox's applets in alpine, and the Debian/Ubuntu packages
 * (iproute2, net-tools, dnsutils) once apt-get installed them. Expected texts have the shape the
 * real tools printed in containers of dockerd 20.10 on this machine (busybox applets; Debian's
 * iproute2, net-tools 2.10 and dig 9.18 run in the container's namespace).
 */
class ContainerNetToolsTest {
  private static final String SETUP =
      """
      docker network create n1
      docker run -d --name web --network n1 alpine sleep 1d
      docker run -d --name deb --network n1 ubuntu sleep 1d
      docker exec deb apt-get update
      docker exec deb apt-get install -y iproute2 net-tools dnsutils
      """;

  private static TranscriptEntry last(SimSession s, String script) {
    List<TranscriptEntry> t = new ScriptRunner(s).run(script);
    return t.get(t.size() - 1);
  }

  private static SimSession session() {
    SimSession s = SimSession.open("single", 3);
    for (TranscriptEntry e : new ScriptRunner(s).run(SETUP)) {
      assertEquals(0, e.exitCode(), e.toString());
    }
    return s;
  }

  private static void check(SimSession s, String command, int exit, String expected) {
    TranscriptEntry e = last(s, command + "\n");
    assertEquals(expected, e.output(), command);
    assertEquals(exit, e.exitCode(), command);
  }

  @Test
  void busybox_ip_shows_the_containers_own_interfaces_and_routes_in_its_words() {
    try (SimSession s = session()) {
      check(
          s,
          "docker exec web ip addr",
          0,
          """
          1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue qlen 1000
              link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00
              inet 127.0.0.1/8 scope host lo
                 valid_lft forever preferred_lft forever
          6: eth0@if5: <BROADCAST,MULTICAST,UP,LOWER_UP,M-DOWN> mtu 1500 qdisc noqueue\s
              link/ether 02:42:ac:12:00:02 brd ff:ff:ff:ff:ff:ff
              inet 172.18.0.2/16 brd 172.18.255.255 scope global eth0
                 valid_lft forever preferred_lft forever
          """);
      check(
          s,
          "docker exec web ip route",
          0,
          """
          default via 172.18.0.1 dev eth0\s
          172.18.0.0/16 dev eth0 scope link  src 172.18.0.2\s
          """);
    }
  }

  @Test
  void iproute2_from_apt_shows_the_container_namespace_with_its_peer_netnsid() {
    try (SimSession s = session()) {
      check(
          s,
          "docker exec deb ip addr",
          0,
          """
          1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000
              link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00
              inet 127.0.0.1/8 scope host lo
                 valid_lft forever preferred_lft forever
          8: eth0@if7: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group default\s
              link/ether 02:42:ac:12:00:03 brd ff:ff:ff:ff:ff:ff link-netnsid 0
              inet 172.18.0.3/16 brd 172.18.255.255 scope global eth0
                 valid_lft forever preferred_lft forever
          """);
      check(
          s,
          "docker exec deb ip route",
          0,
          """
          default via 172.18.0.1 dev eth0\s
          172.18.0.0/16 dev eth0 proto kernel scope link src 172.18.0.3\s
          """);
    }
  }

  @Test
  void ifconfig_prints_net_tools_and_busybox_blocks_with_the_frames_counters() {
    try (SimSession s = session()) {
      assertEquals(0, last(s, "docker exec web ping -c 2 deb\n").exitCode());
      TranscriptEntry deb = last(s, "docker exec deb ifconfig eth0\n");
      assertTrue(
          deb.output()
              .startsWith(
                  """
                  eth0: flags=4163<UP,BROADCAST,RUNNING,MULTICAST>  mtu 1500
                          inet 172.18.0.3  netmask 255.255.0.0  broadcast 172.18.255.255
                          ether 02:42:ac:12:00:03  txqueuelen 0  (Ethernet)
                          RX packets 3  bytes\s"""),
          deb.output());
      assertTrue(deb.output().contains("        RX errors 0  dropped 0  overruns 0  frame 0\n"));
      TranscriptEntry web = last(s, "docker exec web ifconfig\n");
      assertTrue(
          web.output()
              .startsWith(
                  """
                  eth0      Link encap:Ethernet  HWaddr 02:42:AC:12:00:02 \s
                            inet addr:172.18.0.2  Bcast:172.18.255.255  Mask:255.255.0.0
                            UP BROADCAST RUNNING MULTICAST  MTU:1500  Metric:1
                  """),
          web.output());
      assertTrue(
          web.output()
              .endsWith(
                  """
                  lo        Link encap:Local Loopback \s
                            inet addr:127.0.0.1  Mask:255.0.0.0
                            UP LOOPBACK RUNNING  MTU:65536  Metric:1
                            RX packets:0 errors:0 dropped:0 overruns:0 frame:0
                            TX packets:0 errors:0 dropped:0 overruns:0 carrier:0
                            collisions:0 txqueuelen:1000\s
                            RX bytes:0 (0.0 B)  TX bytes:0 (0.0 B)

                  """),
          web.output());
      check(
          s,
          "docker exec web ifconfig nosuch",
          1,
          "ifconfig: nosuch: error fetching interface information: Device not found\n");
      check(
          s,
          "docker exec deb ifconfig nosuch",
          1,
          "nosuch: error fetching interface information: Device not found\n");
    }
  }

  @Test
  void route_and_netstat_print_the_kernel_routing_table() {
    try (SimSession s = session()) {
      check(
          s,
          "docker exec deb route -n",
          0,
          """
          Kernel IP routing table
          Destination     Gateway         Genmask         Flags Metric Ref    Use Iface
          0.0.0.0         172.18.0.1      0.0.0.0         UG    0      0        0 eth0
          172.18.0.0      0.0.0.0         255.255.0.0     U     0      0        0 eth0
          """);
      check(
          s,
          "docker exec web netstat -rn",
          0,
          """
          Kernel IP routing table
          Destination     Gateway         Genmask         Flags   MSS Window  irtt Iface
          0.0.0.0         172.18.0.1      0.0.0.0         UG        0 0          0 eth0
          172.18.0.0      0.0.0.0         255.255.0.0     U         0 0          0 eth0
          """);
    }
  }

  @Test
  void dig_and_binds_nslookup_ask_the_embedded_dns() {
    try (SimSession s = session()) {
      TranscriptEntry dig = last(s, "docker exec deb dig web\n");
      assertEquals(0, dig.exitCode());
      assertTrue(
          dig.output()
              .startsWith(
                  "\n; <<>> DiG 9.18.18-0ubuntu0.22.04.1-Ubuntu <<>> web\n"
                      + ";; global options: +cmd\n;; Got answer:\n"
                      + ";; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: "),
          dig.output());
      assertTrue(
          dig.output()
              .endsWith(
                  """
                  ;; flags: qr rd ra; QUERY: 1, ANSWER: 1, AUTHORITY: 0, ADDITIONAL: 0

                  ;; QUESTION SECTION:
                  ;web.\t\t\t\tIN\tA

                  ;; ANSWER SECTION:
                  web.\t\t\t600\tIN\tA\t172.18.0.2

                  ;; Query time: 0 msec
                  ;; SERVER: 127.0.0.11#53(127.0.0.11) (UDP)
                  ;; WHEN: Mon Jan 01 00:00:07 UTC 2024
                  ;; MSG SIZE  rcvd: 40

                  """),
          dig.output());
      check(s, "docker exec deb dig +short web", 0, "172.18.0.2\n");
      check(
          s,
          "docker exec deb nslookup web",
          0,
          """
          Server:\t\t127.0.0.11
          Address:\t127.0.0.11#53

          Non-authoritative answer:
          Name:\tweb
          Address: 172.18.0.2

          """);
    }
  }

  @Test
  void names_the_embedded_dns_forwards_upstream_time_out_three_times_in_binds_tools() {
    try (SimSession s = session()) {
      String errors = ";; communications error to 127.0.0.11#53: timed out\n".repeat(3);
      check(
          s,
          "docker exec deb nslookup nosuch.example",
          1,
          errors + ";; no servers could be reached\n\n");
      TranscriptEntry dig = last(s, "docker exec deb dig @127.0.0.11 nosuch.example\n");
      assertEquals(
          errors
              + "\n; <<>> DiG 9.18.18-0ubuntu0.22.04.1-Ubuntu <<>> @127.0.0.11 nosuch.example\n"
              + "; (1 server found)\n;; global options: +cmd\n;; no servers could be reached\n",
          dig.output());
      assertEquals(9, dig.exitCode());
      // the entry is stamped when typed; the next prompt comes 15 s later
      assertEquals(15_000_000_000L, last(s, "true\n").virtualTimeNanos() - dig.virtualTimeNanos());
    }
  }

  @Test
  void host_answers_from_the_embedded_dns_or_times_out_twice() {
    try (SimSession s = session()) {
      check(s, "docker exec deb host web", 0, "web has address 172.18.0.2\n");
      TranscriptEntry usage = last(s, "docker exec deb host\n");
      assertEquals(1, usage.exitCode());
      assertTrue(
          usage.output().endsWith("       -6 use IPv6 query transport only\n"), usage.output());
      check(
          s,
          "docker exec deb host web 127.0.0.11",
          0,
          "Using domain server:\nName: 127.0.0.11\nAddress: 127.0.0.11#53\nAliases: \n\n"
              + "web has address 172.18.0.2\n");
      check(
          s,
          "docker exec deb host nosuch.example",
          1,
          ";; communications error to 127.0.0.11#53: timed out\n".repeat(2)
              + ";; no servers could be reached\n");
    }
  }
}

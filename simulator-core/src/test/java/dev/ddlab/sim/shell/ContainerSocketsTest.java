package dev.ddlab.sim.shell;

import static dev.ddlab.sim.shell.TypedContainers.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ddlab.session.SimSession;
import dev.ddlab.session.TranscriptEntry;
import org.junit.jupiter.api.Test;

/**
 * {@code netstat} inside a container lists the namespace's sockets: the ports its processes listen
 * on, at the addresses each program binds (nginx 0.0.0.0 and ::), and on a user-defined network the
 * embedded DNS's TCP and UDP sockets on 127.0.0.11 that dockerd opens in the namespace; busybox's
 * applet (alpine) and net-tools (Debian) each in their own words, as both printed in a container of
 * dockerd 20.10 here (busybox 1.35's applet; net-tools 2.10).
 */
class ContainerSocketsTest {
  private static final String SETUP =
      """
      docker network create n1
      docker run -d --name web --network n1 nginx:alpine
      docker run -d --name plain nginx:alpine
      docker run -d --name deb --network n1 nginx
      docker exec deb apt-get update
      docker exec deb apt-get install -y net-tools
      """;

  private static SimSession session() {
    return TypedContainers.session(3, SETUP);
  }

  /** The embedded DNS's port on 127.0.0.11 in {@code proto} as the output shows it. */
  private static String dnsPort(String out, String proto) {
    for (String l : out.split("\n")) {
      if (l.startsWith(proto + " ") && l.contains("127.0.0.11:")) {
        String a = l.split("\\s+")[3];
        return a.substring(a.indexOf(':') + 1);
      }
    }
    throw new AssertionError("no " + proto + " socket on 127.0.0.11\n" + out);
  }

  @Test
  void busybox_netstat_lists_nginx_on_both_stacks_and_the_embedded_dns_on_a_user_network() {
    try (SimSession s = session()) {
      TranscriptEntry e = run(s, "docker exec web netstat -tln");
      assertEquals(0, e.exitCode(), e.output());
      String tcp = dnsPort(e.output(), "tcp");
      int port = Integer.parseInt(tcp);
      assertTrue(port >= 32768 && port <= 60999, tcp);
      assertEquals(
          "Active Internet connections (only servers)\n"
              + "Proto Recv-Q Send-Q Local Address           Foreign Address         State       \n"
              + String.format(
                  "tcp        0      0 %-23s 0.0.0.0:*               LISTEN      %n",
                  "127.0.0.11:" + tcp)
              + "tcp        0      0 0.0.0.0:80              0.0.0.0:*               LISTEN      \n"
              + "tcp        0      0 :::80                   :::*                    LISTEN      \n",
          e.output());

      String all = run(s, "docker exec web netstat -ltunp").output();
      String udp = dnsPort(all, "udp");
      assertEquals(
          "Active Internet connections (only servers)\n"
              + "Proto Recv-Q Send-Q Local Address           Foreign Address         State"
              + "       PID/Program name    \n"
              + String.format(
                  "tcp        0      0 %-23s 0.0.0.0:*               LISTEN      -%n",
                  "127.0.0.11:" + tcp)
              + "tcp        0      0 0.0.0.0:80              0.0.0.0:*               LISTEN     "
              + " 1/nginx: master proc\n"
              + "tcp        0      0 :::80                   :::*                    LISTEN     "
              + " 1/nginx: master proc\n"
              + String.format(
                  "udp        0      0 %-23s 0.0.0.0:*                           -%n",
                  "127.0.0.11:" + udp),
          all,
          "the DNS sockets are dockerd's, no process of the container owns them");
      assertEquals(tcp, dnsPort(run(s, "docker exec web netstat -tln").output(), "tcp"));
    }
  }

  @Test
  void on_the_default_bridge_there_is_no_embedded_dns_and_without_l_no_server_is_listed() {
    try (SimSession s = session()) {
      assertEquals(
          "Active Internet connections (only servers)\n"
              + "Proto Recv-Q Send-Q Local Address           Foreign Address         State       \n"
              + "tcp        0      0 0.0.0.0:80              0.0.0.0:*               LISTEN      \n"
              + "tcp        0      0 :::80                   :::*                    LISTEN      \n",
          run(s, "docker exec plain netstat -lt").output());
      assertEquals(
          "Active Internet connections (w/o servers)\n"
              + "Proto Recv-Q Send-Q Local Address           Foreign Address         State       \n"
              + "Active UNIX domain sockets (w/o servers)\n"
              + "Proto RefCnt Flags       Type       State         I-Node Path\n",
          run(s, "docker exec web netstat").output());
    }
  }

  @Test
  void busybox_netstat_refuses_an_unknown_option_with_its_usage() {
    try (SimSession s = session()) {
      TranscriptEntry e = run(s, "docker exec web netstat -z");
      assertEquals(1, e.exitCode());
      assertTrue(
          e.output()
              .startsWith(
                  "netstat: invalid option -- 'z'\nBusyBox v1.36.1 (2023-11-07 18:53:09 UTC)"
                      + " multi-call binary.\n\nUsage: netstat [-ral] [-tuwx] [-enWp]\n"),
          e.output());
    }
  }

  @Test
  void net_tools_netstat_names_tcp6_and_shows_the_program_in_twenty_columns() {
    try (SimSession s = session()) {
      String out = run(s, "docker exec deb netstat -tlnp").output();
      String tcp = dnsPort(out, "tcp");
      assertEquals(
          "Active Internet connections (only servers)\n"
              + "Proto Recv-Q Send-Q Local Address           Foreign Address         State      "
              + " PID/Program name    \n"
              + String.format(
                  "tcp        0      0 %-23s 0.0.0.0:*               LISTEN      -"
                      + "                   %n",
                  "127.0.0.11:" + tcp)
              + "tcp        0      0 0.0.0.0:80              0.0.0.0:*               LISTEN     "
              + " 1/nginx: master pro \n"
              + "tcp6       0      0 :::80                   :::*                    LISTEN     "
              + " 1/nginx: master pro \n",
          out);
      String named = run(s, "docker exec deb netstat -tl").output();
      assertTrue(
          named.contains(
              "tcp6       0      0 [::]:80                 [::]:*                  LISTEN     \n"),
          "without -n net-tools writes IPv6's any address in brackets\n" + named);
    }
  }

  /**
   * iproute2's ss in a Debian container, in its table as ss 6.1 lays it out here: a listening
   * socket's Send-Q is its backlog (nginx 511, dockerd's resolver 4096), nginx's IPV6_V6ONLY socket
   * is [::]:80, UDP comes first and is UNCONN, Netid only when both kinds are listed.
   */
  @Test
  void ss_in_a_debian_container_lists_backlogs_and_the_v6only_socket_in_its_table() {
    try (SimSession s = session()) {
      assertEquals(0, run(s, "docker exec deb apt-get install -y iproute2").exitCode());
      String out = run(s, "docker exec deb ss -tuln").output();
      String tcp = dnsPort(out.replace("tcp   LISTEN", "tcp "), "tcp");
      String udp = dnsPort(out.replace("udp   UNCONN", "udp "), "udp");
      assertEquals(
          "Netid State  Recv-Q Send-Q Local Address:Port  Peer Address:PortProcess\n"
              + "udp   UNCONN 0      0         127.0.0.11:"
              + String.format("%-5s", udp)
              + "      0.0.0.0:*          \n"
              + "tcp   LISTEN 0      4096      127.0.0.11:"
              + String.format("%-5s", tcp)
              + "      0.0.0.0:*          \n"
              + "tcp   LISTEN 0      511          0.0.0.0:80         0.0.0.0:*          \n"
              + "tcp   LISTEN 0      511             [::]:80            [::]:*          \n",
          out);
      assertEquals(
          "Netid State Recv-Q Send-Q Local Address:Port Peer Address:PortProcess\n",
          run(s, "docker exec deb ss").output(),
          "nothing established");
    }
  }
}

package dev.ddlab.sim.network;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ddlab.session.ScriptRunner;
import dev.ddlab.session.SimSession;
import dev.ddlab.session.TranscriptEntry;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * /etc/hosts, /etc/resolv.conf and /etc/hostname in containers as dockerd writes them (each case
 * checked on dockerd 20.10): the short ID as hostname, the container's own record last, --add-host
 * before it, the embedded DNS on user-defined networks, the node's upstream resolver elsewhere.
 */
class EtcFilesTest {
  private static final String DEFAULTS =
      """
      127.0.0.1\tlocalhost
      ::1\tlocalhost ip6-localhost ip6-loopback
      fe00::0\tip6-localnet
      ff00::0\tip6-mcastprefix
      ff02::1\tip6-allnodes
      ff02::2\tip6-allrouters
      """;

  private static List<TranscriptEntry> run(String script) {
    try (SimSession s = SimSession.open("single", 3)) {
      return new ScriptRunner(s).run("docker pull -q alpine\n" + script);
    }
  }

  @Test
  void default_bridge_has_the_short_id_as_hostname_and_the_nodes_resolver() {
    List<TranscriptEntry> t =
        run(
            """
            docker run -d --name c1 alpine sleep 1d
            docker exec c1 cat /etc/hosts
            docker exec c1 cat /etc/hostname
            docker exec c1 cat /etc/resolv.conf
            docker inspect -f '{{.Id}}' c1
            docker diff c1
            """);
    String id = t.get(5).output().substring(0, 12);
    assertEquals(DEFAULTS + "172.17.0.2\t" + id + "\n", t.get(2).output());
    assertEquals(id + "\n", t.get(3).output());
    assertEquals(
        """
        # This is /run/systemd/resolve/resolv.conf managed by man:systemd-resolved(8).
        # Do not edit.

        nameserver 192.168.0.1
        search .
        """,
        t.get(4).output());
    assertEquals("", t.get(6).output(), "the files are mounts, not changes of the container");
  }

  @Test
  void a_user_network_uses_the_embedded_dns_and_keeps_add_host_before_the_own_record() {
    List<TranscriptEntry> t =
        run(
            """
            docker network create net1
            docker run --rm --network net1 --hostname hh --add-host foo:10.0.0.9 --add-host gw:host-gateway --dns 9.9.9.9 --dns-search example.com alpine sh -c 'cat /etc/hosts; cat /etc/resolv.conf; cat /etc/hostname'
            docker run --rm --network net1 alpine cat /etc/resolv.conf
            docker run --rm --network none alpine cat /etc/hosts
            docker run --rm --dns 1.1.1.1 --dns-option ndots:2 alpine cat /etc/resolv.conf
            docker run --rm --add-host foo alpine true
            docker run --rm --add-host foo:1.2.3 alpine true
            """);
    assertEquals(
        DEFAULTS
            + "10.0.0.9\tfoo\n172.17.0.1\tgw\n172.18.0.2\thh\n"
            + "search example.com\nnameserver 127.0.0.11\noptions ndots:0\n"
            + "hh\n",
        t.get(2).output());
    assertEquals("nameserver 127.0.0.11\noptions ndots:0\n", t.get(3).output());
    assertEquals(DEFAULTS, t.get(4).output());
    assertEquals("search .\nnameserver 1.1.1.1\noptions ndots:2\n", t.get(5).output());
    assertEquals(
        "invalid argument \"foo\" for \"--add-host\" flag: bad format for add-host:"
            + " \"foo\"\nSee 'docker run --help'.\n",
        t.get(6).output());
    assertEquals(
        "invalid argument \"foo:1.2.3\" for \"--add-host\" flag: invalid IP address in"
            + " add-host: \"1.2.3\"\nSee 'docker run --help'.\n",
        t.get(7).output());
  }

  @Test
  void host_mode_sees_the_nodes_own_files_and_container_mode_those_it_joins() {
    List<TranscriptEntry> t =
        run(
            """
            docker run --rm --network host alpine cat /etc/hostname
            docker run -d --name w1 alpine sleep 1d
            docker run --rm --network container:w1 alpine cat /etc/hostname
            docker exec w1 cat /etc/hostname
            """);
    assertEquals("node1\n", t.get(1).output());
    assertEquals(t.get(4).output(), t.get(3).output());
  }

  @Test
  void nslookup_asks_the_embedded_dns_on_user_networks_and_times_out_elsewhere() {
    List<TranscriptEntry> t =
        run(
            """
            docker network create net1
            docker run -d --name web --network net1 alpine sleep 1d
            docker run --rm --network net1 alpine nslookup web
            date
            docker run --rm --network net1 alpine nslookup nosuch
            date
            docker run --rm alpine nslookup web
            """);
    assertEquals(
        "Server:\t\t127.0.0.11\nAddress:\t127.0.0.11:53\n\nNon-authoritative answer:\n"
            + "Name:\tweb\nAddress: 172.18.0.2\n\nNon-authoritative answer:\n\n",
        t.get(3).output());
    String timedOut = ";; connection timed out; no servers could be reached\n\n";
    assertEquals(timedOut, t.get(5).output());
    assertEquals(1, t.get(5).exitCode());
    assertEquals("Mon Jan  1 00:00:05 UTC 2024\n", t.get(6).output(), "busybox waits 5 s");
    assertEquals(timedOut, t.get(7).output(), "the default bridge has no embedded DNS");
  }
}

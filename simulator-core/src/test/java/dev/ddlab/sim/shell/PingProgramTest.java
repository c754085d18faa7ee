package dev.ddlab.sim.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ddlab.session.ScriptRunner;
import dev.ddlab.session.SimSession;
import dev.ddlab.session.TranscriptEntry;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * busybox ping in alpine containers, against what busybox printed on a real dockerd (recorded in
 * docs/reference/real-docker-ping-network-top.md): two user networks, "web" on net1 and "far" on
 * net2.
 */
class PingProgramTest {
  private static final Pattern TIME = Pattern.compile("time=(\\d+\\.\\d{3}) ms");
  private static final long SECOND = 1_000_000_000L;

  private static final String SETUP =
      """
      docker network create net1
      docker network create net2
      docker run -d --name web --network net1 alpine sleep 1d
      docker run -d --name far --network net2 alpine sleep 1d
      """;

  /** Runs the setup, then {@code script}; returns the script's entries only. */
  private static List<TranscriptEntry> run(SimSession s, String script) {
    List<TranscriptEntry> all = new ScriptRunner(s).run(SETUP + script);
    return all.subList(4, all.size());
  }

  /** Round-trip times are seeded, so the text is compared with them masked. */
  private static String masked(String out) {
    return TIME.matcher(out)
        .replaceAll("time=T ms")
        .replaceAll("min/avg/max = [0-9./]+ ms", "min/avg/max = T/T/T ms");
  }

  private static long elapsed(TranscriptEntry from, TranscriptEntry to) {
    return (to.virtualTimeNanos() - from.virtualTimeNanos()) / SECOND;
  }

  @Test
  void ping_c_3_answers_by_name_on_a_user_network_in_two_virtual_seconds() {
    try (SimSession s = SimSession.open("single", 3)) {
      List<TranscriptEntry> t =
          run(s, "docker run --rm --network net1 alpine ping -c 3 web\ntrue\n");
      assertEquals(
          """
          PING web (172.18.0.2): 56 data bytes
          64 bytes from 172.18.0.2: seq=0 ttl=64 time=T ms
          64 bytes from 172.18.0.2: seq=1 ttl=64 time=T ms
          64 bytes from 172.18.0.2: seq=2 ttl=64 time=T ms

          --- web ping statistics ---
          3 packets transmitted, 3 packets received, 0% packet loss
          round-trip min/avg/max = T/T/T ms
          """,
          masked(t.get(0).output()));
      assertEquals(0, t.get(0).exitCode());
      assertEquals(2, elapsed(t.get(0), t.get(1)));
    }
  }

  @Test
  void reply_times_are_small_and_the_statistics_add_them_up() {
    try (SimSession s = SimSession.open("single", 5)) {
      String out = run(s, "docker run --rm --network net1 alpine ping -c 4 web\n").get(0).output();
      Matcher m = TIME.matcher(out);
      long min = Long.MAX_VALUE;
      long max = 0;
      long sum = 0;
      int n = 0;
      while (m.find()) {
        long us = Math.round(Double.parseDouble(m.group(1)) * 1000);
        assertTrue(us > 0 && us < 1000, out);
        min = Math.min(min, us);
        max = Math.max(max, us);
        sum += us;
        n++;
      }
      assertEquals(4, n);
      String stats =
          String.format(
              "round-trip min/avg/max = %d.%03d/%d.%03d/%d.%03d ms\n",
              min / 1000, min % 1000, sum / n / 1000, sum / n % 1000, max / 1000, max % 1000);
      assertTrue(out.endsWith(stats), out + " should end with " + stats);
    }
  }

  @Test
  void the_same_seed_gives_the_same_times() {
    String a;
    String b;
    try (SimSession s = SimSession.open("single", 9)) {
      a = run(s, "docker run --rm --network net1 alpine ping -c 3 web\n").get(0).output();
    }
    try (SimSession s = SimSession.open("single", 9)) {
      b = run(s, "docker run --rm --network net1 alpine ping -c 3 web\n").get(0).output();
    }
    assertEquals(a, b);
  }

  @Test
  void quiet_prints_only_the_header_and_the_statistics() {
    try (SimSession s = SimSession.open("single", 3)) {
      assertEquals(
          """
          PING web (172.18.0.2): 100 data bytes

          --- web ping statistics ---
          2 packets transmitted, 2 packets received, 0% packet loss
          round-trip min/avg/max = T/T/T ms
          """,
          masked(
              run(s, "docker run --rm --network net1 alpine ping -qc2 -s 100 web\n")
                  .get(0)
                  .output()));
    }
  }

  @Test
  void names_the_resolver_does_not_know_are_a_bad_address_with_exit_1() {
    try (SimSession s = SimSession.open("single", 3)) {
      List<TranscriptEntry> t =
          run(
              s,
              """
              docker run --rm --network net1 alpine ping -c 1 nobody
              docker run --rm --network net1 alpine ping -c 1 far
              docker run --rm alpine ping -c 1 web
              """);
      assertEquals("ping: bad address 'nobody'\n", t.get(0).output());
      assertEquals(1, t.get(0).exitCode());
      assertEquals("ping: bad address 'far'\n", t.get(1).output(), "far is on another network");
      assertEquals("ping: bad address 'web'\n", t.get(2).output(), "the default bridge has no DNS");
    }
  }

  @Test
  void a_container_on_another_bridge_never_answers_and_ping_waits_w_seconds() {
    try (SimSession s = SimSession.open("single", 3)) {
      List<TranscriptEntry> t =
          run(
              s,
              """
              docker inspect -f '{{.NetworkSettings.Networks.net2.IPAddress}}' far
              docker run --rm --network net1 alpine ping -c 2 -W 1 172.19.0.2
              true
              """);
      assertEquals("172.19.0.2\n", t.get(0).output());
      assertEquals(
          """
          PING 172.19.0.2 (172.19.0.2): 56 data bytes

          --- 172.19.0.2 ping statistics ---
          2 packets transmitted, 0 packets received, 100% packet loss
          """,
          t.get(1).output());
      assertEquals(1, t.get(1).exitCode());
      assertEquals(2, elapsed(t.get(1), t.get(2)), "a request at 0 s and 1 s, then -W 1");
    }
  }

  @Test
  void the_host_side_of_a_bridge_answers_every_container() {
    try (SimSession s = SimSession.open("single", 3)) {
      List<TranscriptEntry> t =
          run(
              s,
              """
              docker run --rm --network net1 alpine ping -c 1 172.19.0.1
              docker run --rm --network host alpine ping -c 1 172.19.0.2
              """);
      assertEquals(0, t.get(0).exitCode(), t.get(0).output());
      assertEquals(0, t.get(1).exitCode(), t.get(1).output());
    }
  }

  @Test
  void a_container_without_a_network_has_no_route() {
    try (SimSession s = SimSession.open("single", 3)) {
      TranscriptEntry e =
          run(s, "docker run --rm --network none alpine ping -c 1 172.18.0.2\n").get(0);
      assertEquals(
          "PING 172.18.0.2 (172.18.0.2): 56 data bytes\nping: sendto: Network is unreachable\n",
          e.output());
      assertEquals(1, e.exitCode());
    }
  }

  @Test
  void a_deadline_stops_after_as_many_requests_as_seconds_and_fails_short_of_c() {
    try (SimSession s = SimSession.open("single", 3)) {
      List<TranscriptEntry> t =
          run(
              s,
              """
              docker run --rm --network net1 alpine ping -w 2 web
              docker run --rm --network net1 alpine ping -c 5 -w 2 web
              true
              """);
      assertTrue(
          t.get(0).output().contains("2 packets transmitted, 2 packets received"),
          t.get(0).output());
      assertEquals(0, t.get(0).exitCode());
      assertTrue(
          t.get(1).output().contains("2 packets transmitted, 2 packets received"),
          t.get(1).output());
      assertEquals(1, t.get(1).exitCode(), "fewer replies than -c before the deadline");
      assertEquals(2, elapsed(t.get(1), t.get(2)));
    }
  }

  @Test
  void bad_options_print_busybox_usage_and_exit_1() {
    try (SimSession s = SimSession.open("single", 3)) {
      List<TranscriptEntry> t =
          run(
              s,
              """
              docker run --rm alpine ping -z web
              docker run --rm alpine ping -c x web
              docker run --rm alpine ping
              docker run --rm alpine ping web -c 1
              """);
      String usage = t.get(2).output();
      assertTrue(
          usage.startsWith(
              "BusyBox v1.36.1 (2023-11-07 18:53:09 UTC) multi-call binary.\n\n"
                  + "Usage: ping [OPTIONS] HOST\n"),
          usage);
      assertTrue(
          usage.contains("\t-W SEC\t\tSeconds to wait for the first response (default 10)\n"));
      assertEquals(1, t.get(2).exitCode());
      assertEquals("ping: invalid option -- 'z'\n" + usage, t.get(0).output());
      assertEquals(1, t.get(0).exitCode());
      assertEquals("ping: invalid number 'x'\n", t.get(1).output());
      assertEquals(1, t.get(1).exitCode());
      assertEquals(usage, t.get(3).output(), "musl's getopt stops at the host");
    }
  }

  @Test
  void ctrl_c_prints_the_statistics_and_exits_0_after_replies() {
    try (SimSession s = SimSession.open("single", 3)) {
      List<TranscriptEntry> t =
          run(
              s,
              """
              docker run -it --network net1 alpine sh
              ping web
              ^C
              echo $?
              """);
      assertTrue(t.get(1).output().startsWith("PING web (172.18.0.2): 56 data bytes\n"));
      String stats = t.get(2).output();
      assertTrue(stats.startsWith("\n--- web ping statistics ---\n"), stats);
      assertTrue(stats.contains(" packets received, 0% packet loss\n"), stats);
      assertEquals("0\n", t.get(3).output());
    }
  }

  @Test
  void ubuntu_has_no_ping() {
    try (SimSession s = SimSession.open("single", 3)) {
      TranscriptEntry e = run(s, "docker run --rm ubuntu ping -c 1 web\n").get(0);
      assertTrue(
          e.output().contains("exec: \"ping\": executable file not found in $PATH"), e.output());
      assertEquals(127, e.exitCode());
    }
  }

  @Test
  void busybox_refuses_a_size_over_65535_as_its_number_parser_does() {
    // a request that large was once built byte by byte: a gigabyte per echo, OutOfMemoryError
    try (SimSession s = SimSession.open("single", 3)) {
      TranscriptEntry e =
          run(s, "docker run --rm --network net1 alpine ping -c 1 -s 999999999 web\n").get(0);
      assertEquals("ping: number 999999999 is not in 0..65535 range\n", e.output());
      assertEquals(1, e.exitCode());
    }
  }

  @Test
  void a_size_past_what_one_ipv4_packet_holds_is_message_too_long() {
    try (SimSession s = SimSession.open("single", 3)) {
      List<TranscriptEntry> t =
          run(
              s,
              """
              docker run --rm --network net1 alpine ping -c 1 -s 65508 web
              docker run --rm --network net1 alpine ping -c 1 -s 65507 web
              """);
      assertEquals(
          "PING web (172.18.0.2): 65508 data bytes\nping: sendto: Message too long\n",
          t.get(0).output());
      assertEquals(1, t.get(0).exitCode());
      assertTrue(
          t.get(1).output().contains("65515 bytes from 172.18.0.2: seq=0"), t.get(1).output());
      assertEquals(0, t.get(1).exitCode());
    }
  }
}

package dev.ddlab.sim.shell;

import static dev.ddlab.sim.shell.TypedContainers.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ddlab.session.SimSession;
import dev.ddlab.session.TranscriptEntry;
import org.junit.jupiter.api.Test;

/**
 * busybox {@code nc} in alpine (nc_bloaty.c as Alpine builds it): a connection from the container's
 * namespace through the frames, silent on failure unless {@code -v}/{@code -vv} asks, {@code -z}
 * connecting and closing at once, stdin sent and the server's bytes written out.
 */
class NcTest {
  private static final String SETUP =
      """
      docker network create n1
      docker run -d --name web --network n1 nginx:alpine
      docker run -d --name cli --network n1 alpine sleep 1d
      docker run -d --name other alpine sleep 1d
      """;

  private static SimSession session() {
    return TypedContainers.session(5, SETUP);
  }

  private static void check(SimSession s, String command, int exit, String output) {
    TranscriptEntry e = run(s, command);
    assertEquals(output, e.output(), command);
    assertEquals(exit, e.exitCode(), command);
  }

  private static String ip(SimSession s, String container) {
    return run(s, "docker inspect -f '{{.NetworkSettings.Networks.n1.IPAddress}}' " + container)
        .output()
        .strip();
  }

  @Test
  void zero_io_mode_reports_an_open_port_only_when_asked_and_refusals_only_with_vv() {
    try (SimSession s = session()) {
      String web = ip(s, "web");
      check(s, "docker exec cli nc -z web 80", 0, "");
      check(s, "docker exec cli nc -zv web 80", 0, "web (" + web + ":80) open\n");
      check(s, "docker exec cli nc -zv web 81", 1, "");
      check(
          s,
          "docker exec cli nc -zvv web 81",
          1,
          "nc: web (" + web + ":81): Connection refused\nsent 0, rcvd 0\n");
      check(s, "docker exec cli nc -z nosuch 80", 1, "nc: bad address 'nosuch'\n");
    }
  }

  @Test
  void stdin_goes_to_the_server_and_its_answer_to_stdout() {
    try (SimSession s = session()) {
      TranscriptEntry e =
          run(s, "docker exec cli sh -c 'printf \"GET / HTTP/1.0\\r\\n\\r\\n\" | nc web 80'");
      assertEquals(0, e.exitCode(), e.output());
      assertTrue(e.output().startsWith("HTTP/1.1 200 OK\r\nServer: nginx/"), e.output());
      assertTrue(e.output().contains("<title>Welcome to nginx!</title>"), e.output());
      TranscriptEntry counted =
          run(
              s,
              "docker exec cli sh -c 'printf \"GET / HTTP/1.0\\r\\n\\r\\n\" | nc -vv web 80"
                  + " >/dev/null'");
      assertTrue(
          counted.output().matches("(?s)web \\(\\S+:80\\) open\nsent 18, rcvd \\d+\n"),
          counted.output());
    }
  }

  @Test
  void another_bridge_is_out_of_reach_and_w_gives_up_on_the_connect() {
    try (SimSession s = session()) {
      String web = ip(s, "web");
      check(s, "docker exec other nc -z -w 2 " + web + " 80", 1, "");
      check(
          s,
          "docker exec other nc -zv -w 2 " + web + " 80",
          1,
          "nc: " + web + " (" + web + ":80): Operation timed out\n");
    }
  }

  @Test
  void the_frames_of_a_zero_io_connect_are_a_handshake_and_both_fins() {
    try (SimSession s = session()) {
      String id = run(s, "docker network ls -q -f name=n1").output().strip();
      run(s, "tcpdump -i br-" + id + " -n tcp &");
      String out = run(s, "docker exec cli nc -z web 80").output();
      String[] flags = {"[S]", "[S.]", "[.]", "[F.]", "[F.]"};
      int at = 0;
      for (String f : flags) {
        int i = out.indexOf("Flags " + f, at);
        assertTrue(i >= 0, f + " after " + at + "\n" + out);
        at = i + 1;
      }
      assertTrue(!out.contains("[R"), "no reset\n" + out);
    }
  }

  @Test
  void usage_and_what_is_not_simulated_are_said() {
    try (SimSession s = session()) {
      TranscriptEntry e = run(s, "docker exec cli nc");
      assertEquals(1, e.exitCode());
      assertEquals(NcTool.USAGE, e.output());
      check(s, "docker exec cli nc -l -p 9000", 1, "nc: -l is not simulated by ddlab\n");
    }
  }

  @Test
  void options_are_read_as_musls_getopt_reads_them_with_busyboxs_errors() {
    try (SimSession s = session()) {
      check(s, "docker exec cli nc -w", 1, "nc: option requires an argument: w\n" + NcTool.USAGE);
      check(s, "docker exec cli nc -x web 80", 1, "nc: unrecognized option: x\n" + NcTool.USAGE);
      check(s, "docker exec cli nc -zw x web 80", 1, "nc: invalid number 'x'\n");
      // a value in the option's own word, flags clustered before it; options end at "--"
      TranscriptEntry clustered = run(s, "docker exec cli nc -vzw5 web 80");
      TranscriptEntry spaced = run(s, "docker exec cli nc -v -z -w 5 -- web 80");
      assertEquals(0, clustered.exitCode(), clustered.output());
      assertEquals(spaced.output(), clustered.output());
    }
  }
}

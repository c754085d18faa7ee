package dev.ddlab.session;

import static dev.ddlab.session.MemoryLimitTest.ends;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A foreground {@code docker run} (exec, start -a, attach) without a terminal streams what the
 * container prints, as docker/cli does, and the container goes at the pace of its reader: every
 * byte reaches a pipe, a file or a command substitution, and a reader that has had enough ends the
 * CLI as on the private dockerd.
 */
class ForegroundStreamTest {
  private static SimSession session() {
    SimSession s = SimSession.open("single", 1);
    s.type("node1", "docker pull -q alpine");
    return s;
  }

  private static String type(SimSession s, String line) {
    return ends(() -> s.type("node1", line)).output();
  }

  @Test
  void every_line_reaches_a_pipe() {
    try (SimSession s = session()) {
      assertEquals("200000\n", type(s, "docker run --rm alpine sh -c 'seq 1 200000' | wc -l"));
      assertEquals("200000\n", type(s, "docker run --rm alpine seq 1 200000 | wc -l"));
      assertEquals("1288895\n", type(s, "docker run --rm alpine seq 1 200000 | wc -c"));
    }
  }

  @Test
  void every_line_reaches_a_file_and_a_command_substitution() {
    try (SimSession s = session()) {
      assertEquals("", type(s, "docker run --rm alpine seq 1 200000 > n.txt"));
      assertEquals("200000 n.txt\n", type(s, "wc -l n.txt"));
      assertEquals("1288894\n", type(s, "x=$(docker run --rm alpine seq 1 200000); echo ${#x}"));
    }
  }

  @Test
  void a_reader_that_had_enough_ends_run_with_its_write_error_and_the_container_runs_on() {
    try (SimSession s = session()) {
      // the private dockerd (20.10, CLI 28): three lines, "write /dev/stdout: broken pipe" on
      // stderr and 1, as run proxies signals and so catches SIGPIPE; the container keeps running
      assertEquals(
          "y\ny\ny\nwrite /dev/stdout: broken pipe\n1 0\n",
          type(s, "docker run --name yy alpine yes | head -3; echo ${PIPESTATUS[@]}"));
      assertEquals(
          "yy running\n", type(s, "docker ps --format '{{.Names}} {{.State}}' -f name=yy"));
      assertEquals(
          "y\ny\nwrite /dev/stdout: broken pipe\n1 0\n",
          type(s, "docker attach yy | head -2; echo ${PIPESTATUS[@]}"));
      s.type("node1", "docker rm -f yy");
      s.type("node1", "docker create --name sa alpine yes");
      assertEquals(
          "y\nwrite /dev/stdout: broken pipe\n1 0\n",
          type(s, "docker start -a sa | head -1; echo ${PIPESTATUS[@]}"));
    }
  }

  @Test
  void without_signal_proxying_a_broken_pipe_is_sigpipe() {
    try (SimSession s = session()) {
      assertEquals(
          "y\ny\n141 0\n",
          type(
              s,
              "docker run --sig-proxy=false --name yy alpine yes | head -2; echo ${PIPESTATUS[@]}"));
      assertEquals("y\ny\n141 0\n", type(s, "docker exec yy yes | head -2; echo ${PIPESTATUS[@]}"));
      assertEquals(
          "y\n141 0\n",
          type(s, "docker attach --sig-proxy=false yy | head -1; echo ${PIPESTATUS[@]}"));
    }
  }

  @Test
  void yes_on_the_terminal_streams_a_bounded_tail_and_stops_with_ctrl_c() {
    try (SimSession s = session()) {
      TranscriptEntry run = ends(() -> s.type("node1", "docker run --name yy alpine yes"));
      String shown = run.output();
      assertTrue(
          shown.startsWith("y\n") && shown.length() <= 2 * TerminalOutput.KEEP,
          shown.length() + " " + shown.substring(0, Math.min(300, shown.length())));
      assertTrue(s.isAttached("node1"));
      s.advance(Duration.ofSeconds(5));
      TranscriptEntry c = s.interrupt("node1");
      assertEquals(130, c.exitCode());
      assertTrue(!s.isAttached("node1"));
    }
  }
}

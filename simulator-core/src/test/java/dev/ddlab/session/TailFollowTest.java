package dev.ddlab.session;

import static dev.ddlab.session.MemoryLimitTest.ends;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * {@code tail -f}: the last lines, then what is appended as virtual time passes, until Ctrl-C, on
 * the host and in a container (GNU tail 9.1 and busybox print the same here).
 */
class TailFollowTest {
  private static final String NODE = "node1";

  @Test
  void tail_f_prints_what_is_appended_as_time_passes_until_ctrl_c() {
    try (SimSession s = SimSession.open("single", 1)) {
      s.type(NODE, "seq 12 > log");
      s.type(NODE, "(sleep 2; echo thirteen >> log; sleep 2; echo fourteen >> log) &");
      long before = s.nowNanos();
      TranscriptEntry e = ends(() -> s.type(NODE, "tail -f -n 2 log"));
      assertEquals("11\n12\nthirteen\nfourteen\n", e.output());
      assertEquals("", s.prompt(NODE), "it follows until Ctrl-C");
      assertTrue(s.nowNanos() - before >= 4_000_000_000L);
      assertEquals(130, s.interrupt(NODE).exitCode());
      assertEquals("130\n", s.type(NODE, "echo $?").output());
      assertEquals("", s.type(NODE, "echo more >> log; sleep 5").output(), "nothing follows now");
    }
  }

  @Test
  void tail_f_of_files_that_do_not_exist_ends_and_a_pipe_is_read_to_its_end() {
    try (SimSession s = SimSession.open("single", 1)) {
      TranscriptEntry e = s.type(NODE, "tail -f nofile");
      assertTrue(e.output().endsWith("tail: no files remaining\n"), e.output());
      assertEquals(1, e.exitCode());
      assertEquals("3\n", s.type(NODE, "seq 3 | tail -f -n 1").output());
    }
  }

  @Test
  void tail_f_in_a_container_follows_until_the_container_stops() {
    try (SimSession s = SimSession.open("single", 1)) {
      s.type(NODE, "docker pull -q alpine");
      s.type(
          NODE,
          "docker run -d --name tw alpine sh -c 'echo a > /f; sleep 2; echo b >> /f; sleep 100'");
      TranscriptEntry e = ends(() -> s.type(NODE, "docker exec tw tail -f /f"));
      assertTrue(e.output().startsWith("a\nb\n"), e.output());
    }
  }
}

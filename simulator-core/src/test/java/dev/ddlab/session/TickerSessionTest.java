package dev.ddlab.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A session whose time a wall-clock ticker moves (the playground, {@link Session#followTicker}): a
 * long wait does not end within its typed line; the terminal stays busy while {@link
 * Session#advance} moves it at the page's speed, and what it prints meanwhile is there for the
 * screen ({@link Session#unshownOutput}) while the transcript keeps it as before.
 */
class TickerSessionTest {
  private static SimSession ticking() {
    SimSession s = SimSession.open("single", 3);
    s.followTicker();
    return s;
  }

  @Test
  void a_host_sleep_follows_the_ticker_and_the_terminal_stays_busy() {
    try (SimSession s = ticking()) {
      long start = s.nowNanos();
      TranscriptEntry e = s.type("node1", "sleep 300; echo done");
      assertEquals(start, s.nowNanos(), "the line moved no time itself");
      assertEquals("", s.prompt("node1"), "busy");
      s.advance(Duration.ofSeconds(299));
      assertEquals("", s.prompt("node1"));
      assertEquals("", s.unshownOutput("node1"));
      s.advance(Duration.ofSeconds(1));
      assertEquals("ubuntu@node1:~$ ", s.prompt("node1"));
      assertEquals("done\n", s.unshownOutput("node1"));
      assertEquals("", s.unshownOutput("node1"), "handed out once");
      TranscriptEntry next = s.type("node1", "echo next");
      assertEquals("done\nnext\n", next.output(), "the transcript as before");
      assertEquals(5, s.shownOutput("node1"));
      assertEquals(0, s.transcript().get(0).exitCode(), e.command());
    }
  }

  @Test
  void a_loop_prints_each_line_as_the_ticker_reaches_it() {
    try (SimSession s = ticking()) {
      TranscriptEntry e = s.type("node1", "for i in 1 2 3; do echo $i; sleep 1; done");
      assertEquals("1\n", e.output());
      assertEquals("", s.prompt("node1"));
      s.advance(Duration.ofMillis(1000));
      assertEquals("2\n", s.unshownOutput("node1"));
      s.advance(Duration.ofMillis(1000));
      assertEquals("3\n", s.unshownOutput("node1"));
      assertEquals("", s.prompt("node1"));
      s.advance(Duration.ofMillis(1000));
      assertEquals("ubuntu@node1:~$ ", s.prompt("node1"));
    }
  }

  @Test
  void ctrl_c_ends_a_sleep_the_ticker_moves_with_130() {
    try (SimSession s = ticking()) {
      s.type("node1", "sleep 300");
      s.advance(Duration.ofSeconds(10));
      assertEquals(130, s.interrupt("node1").exitCode());
      assertEquals("ubuntu@node1:~$ ", s.prompt("node1"));
      assertEquals("130\n", s.type("node1", "echo $?").output());
    }
  }

  @Test
  void an_attached_container_and_a_timeout_follow_the_ticker() {
    try (SimSession s = ticking()) {
      s.type("node1", "docker pull -q alpine");
      long t0 = s.nowNanos();
      TranscriptEntry r =
          s.type("node1", "docker run alpine sh -c 'echo start; sleep 30; echo end'");
      assertEquals("start\n", r.output());
      assertTrue(
          s.nowNanos() - t0 <= Duration.ofSeconds(1).toNanos(), "at most a second in the line");
      assertEquals("", s.prompt("node1"));
      s.advance(Duration.ofNanos(t0 + Duration.ofSeconds(30).toNanos() - 1_000_000 - s.nowNanos()));
      assertEquals("", s.unshownOutput("node1"));
      s.advance(Duration.ofMillis(1));
      assertEquals("end\n", s.unshownOutput("node1"));
      assertEquals("ubuntu@node1:~$ ", s.prompt("node1"));

      long start = s.nowNanos();
      s.type("node1", "timeout 60 docker events");
      assertTrue(s.nowNanos() - start <= Duration.ofSeconds(1).toNanos());
      assertEquals("", s.prompt("node1"));
      s.advance(Duration.ofSeconds(60));
      assertEquals("ubuntu@node1:~$ ", s.prompt("node1"));
      assertEquals("124\n", s.type("node1", "echo $?").output());
    }
  }

  @Test
  void a_command_s_own_short_work_still_ends_within_its_line() {
    try (SimSession s = ticking()) {
      TranscriptEntry e = s.type("node1", "docker run --rm alpine echo hi");
      assertTrue(e.output().endsWith("Status: Downloaded newer image for alpine:latest\nhi\n"));
      assertEquals("ubuntu@node1:~$ ", s.prompt("node1"));
    }
  }

  @Test
  void a_partial_line_is_there_for_the_screen_before_its_newline() {
    try (SimSession s = ticking()) {
      TranscriptEntry e = s.type("node1", "printf 'a'; sleep 5; echo b");
      assertEquals("a", e.output());
      assertEquals("", s.prompt("node1"));
      s.advance(Duration.ofSeconds(5));
      assertTrue(s.outputPending("node1"));
      assertEquals("b\n", s.unshownOutput("node1"));
      assertEquals("ubuntu@node1:~$ ", s.prompt("node1"));
    }
  }

  @Test
  void a_background_job_s_output_at_an_idle_prompt_is_pending_for_the_screen_at_once() {
    try (SimSession s = ticking()) {
      s.type("node1", "(sleep 3; echo done) &");
      assertEquals("ubuntu@node1:~$ ", s.prompt("node1"));
      s.advance(Duration.ofMillis(2999));
      assertFalse(s.outputPending("node1"));
      s.advance(Duration.ofMillis(1));
      assertTrue(s.outputPending("node1"), "bash prints it at once");
      assertEquals("done\n", s.unshownOutput("node1"));
      assertFalse(s.outputPending("node1"), "handed out once");
      TranscriptEntry next = s.type("node1", "echo next");
      assertTrue(next.output().startsWith("done\n"), "the transcript as before: " + next.output());
      assertEquals(5, s.shownOutput("node1"));
    }
  }

  @Test
  void ctrl_c_records_what_the_line_returned_when_an_int_trap_lets_it_go_on() {
    try (SimSession s = SimSession.open("single", 3)) {
      s.type("node1", "trap 'echo CAUGHT' INT");
      // ended by the Ctrl-C at once, then the line goes on: bash's status is echo's
      s.type("node1", "sleep infinity; echo \"after $?\"; (exit 4)");
      TranscriptEntry c = s.interrupt("node1");
      assertEquals("after 130\n", c.output());
      assertEquals(4, c.exitCode(), "the line's status, not 130");
    }
  }

  @Test
  void ctrl_c_that_the_foreground_ignores_records_the_line_s_status_once_it_ends() {
    try (SimSession s = ticking()) {
      s.type("node1", "trap '' INT; sleep 5; (exit 7)");
      s.interrupt("node1");
      assertEquals("", s.prompt("node1"), "the sleep ignores Ctrl-C");
      s.advance(Duration.ofSeconds(5));
      assertEquals("ubuntu@node1:~$ ", s.prompt("node1"));
      TranscriptEntry c = s.transcript().get(1);
      assertEquals("^C", c.command());
      assertEquals(7, c.exitCode());
      assertEquals(7, s.transcript().get(0).exitCode());
    }
  }
}

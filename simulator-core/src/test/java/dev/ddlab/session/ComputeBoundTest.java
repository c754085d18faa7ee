package dev.ddlab.session;

import static dev.ddlab.session.MemoryLimitTest.ends;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A line that computes without end, in a session without a ticker (a script, a golden, the grader,
 * the fuzz): bash would run it until Ctrl-C; the session ends it after {@link
 * TerminalSession#CPU_BOUND_STEPS} steps as {@code timeout} would (status 124) and says so in
 * Vietnamese, so the next line finds the prompt. With a ticker the CPU slice suspends it instead
 * ({@link SuspendedLineTest}).
 */
class ComputeBoundTest {
  private static final String NODE = "node1";

  @Test
  void a_line_that_computes_without_end_is_ended_with_124_and_a_notice() {
    for (String line :
        List.of(
            "yes ip | grep -m 2 y; echo \"${PIPESTATUS[@]}\"",
            "while true; do :; done; echo after",
            "yes > /dev/null")) {
      try (SimSession s = SimSession.open("single", 1)) {
        long cpu = s.clock().cpuEvents();
        TranscriptEntry e = ends(() -> s.type(NODE, line));
        assertEquals(TerminalSession.CPU_BOUND_NOTICE, e.output(), line);
        assertEquals(124, e.exitCode(), line);
        assertEquals("ubuntu@node1:~$ ", s.prompt(NODE), line + ": the prompt is back");
        assertEquals("124\n", s.type(NODE, "echo $?").output(), line);
        long ran = s.clock().cpuEvents() - cpu;
        assertEquals(TerminalSession.CPU_BOUND_STEPS + 1, ran, line + ": bounded in steps");
        s.clock().advance(java.time.Duration.ofMinutes(10));
        assertEquals(ran, s.clock().cpuEvents() - cpu, line + ": nothing of it runs on");
      }
    }
  }

  @Test
  void a_long_line_that_ends_and_a_computing_background_job_are_left_alone() {
    try (SimSession s = SimSession.open("single", 1)) {
      TranscriptEntry big = ends(() -> s.type(NODE, "yes | head -c 100000000 > /dev/null"));
      assertEquals("", big.output());
      assertEquals(0, big.exitCode());
      s.type(NODE, "yes > /dev/null &");
      assertEquals(0, s.type(NODE, "sleep 300").exitCode(), "a sleep beside it is not ended");
      assertEquals("", s.type(NODE, "sleep 300").output());
      assertEquals("0\n", s.type(NODE, "echo $?").output());
      s.type(NODE, "kill %1");
    }
  }

  @Test
  void with_a_ticker_the_slice_suspends_it_instead() {
    try (SimSession s = SimSession.open("single", 1)) {
      s.followTicker();
      ends(() -> s.type(NODE, "yes ip | grep -m 2 y"));
      assertEquals("", s.prompt(NODE), "the terminal stays busy");
      assertEquals(130, s.interrupt(NODE).exitCode());
    }
  }
}

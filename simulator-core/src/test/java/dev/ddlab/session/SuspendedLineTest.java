package dev.ddlab.session;

import static dev.ddlab.session.MemoryLimitTest.ends;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ddlab.sim.clock.VirtualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A line that computes without end ({@code yes | grep n}, {@code while true; do :; done}, {@code
 * yes > /dev/null}) runs as bash runs it, until Ctrl-C, but in a session that follows a ticker it
 * holds the server one CPU slice at a time ({@link VirtualClock#cpuSlice}): once the slice is spent
 * the line is suspended (the terminal busy, nothing of it on the clock), and the ticker's next beat
 * or the next typed line resumes it for one more slice. Counted in steps, so the same inputs give
 * the same transcript.
 */
class SuspendedLineTest {
  private static final String NODE = "node1";

  /** A session whose clock has a CPU slice, as the playground's. */
  private static SimSession ticking() {
    SimSession s = SimSession.open("single", 1);
    s.clock().cpuSlice(VirtualClock.CPU_SLICE);
    return s;
  }

  /** Timers of work (not upkeep) that fire while {@code r} runs. */
  private static long work(SimSession s, Runnable r) {
    long before = s.clock().workEvents();
    r.run();
    return s.clock().workEvents() - before;
  }

  @Test
  void a_pipeline_that_never_ends_is_suspended_after_a_slice_and_each_beat_runs_one_more() {
    for (String line :
        List.of(
            "yes | grep n",
            "while true; do :; done",
            "yes > /dev/null",
            "docker run --rm alpine sh -c 'yes | grep n'")) {
      try (SimSession s = ticking()) {
        s.type(NODE, "docker pull -q alpine");
        long typed = work(s, () -> ends(() -> s.type(NODE, line)));
        assertEquals("", s.prompt(NODE), line + ": the terminal stays busy");
        assertTrue(typed <= 2L * VirtualClock.CPU_SLICE, line + ": one slice, not " + typed);
        for (int beat = 0; beat < 5; beat++) {
          long moved = work(s, () -> s.advance(Duration.ofSeconds(60)));
          assertTrue(moved > 0, line + ": the beat resumed it");
          assertTrue(
              moved <= 2L * VirtualClock.CPU_SLICE,
              line + ": a minute's beat runs one slice, not " + moved);
          assertEquals("", s.prompt(NODE), line);
        }
        TranscriptEntry c = s.interrupt(NODE);
        assertEquals(130, c.exitCode(), line);
        assertEquals("ubuntu@node1:~$ ", s.prompt(NODE), line + ": Ctrl-C ends it");
        assertEquals("0\n", s.type(NODE, "echo $((1-1))").output(), line);
        if (!line.startsWith(
            "docker")) { // a container's sh, PID 1, ignores the SIGINT proxied to it
          assertEquals(0, work(s, () -> s.advance(Duration.ofSeconds(60))), line + ": none left");
        }
      }
    }
  }

  @Test
  void a_finite_line_longer_than_a_slice_finishes_over_the_beats_with_its_output() {
    try (SimSession s = ticking()) {
      s.type(NODE, "yes | head -c 400000 | wc -c; echo done");
      assertEquals("", s.prompt(NODE));
      int beats = 0;
      while (!s.prompt(NODE).endsWith("$ ") && beats++ < 100) {
        s.advance(Duration.ofSeconds(1));
      }
      assertTrue(beats > 1, "more than one beat: " + beats);
      // what the line printed meanwhile comes with the terminal's next output
      assertEquals("400000\ndone\n", s.type(NODE, "true").output());
    }
  }

  @Test
  void a_background_job_that_computes_without_end_leaves_the_prompt_to_the_next_line() {
    try (SimSession s = ticking()) {
      s.type(NODE, "yes > /dev/null &");
      long w = work(s, () -> assertEquals("hi\n", s.type(NODE, "echo hi").output()));
      assertTrue(w <= 2L * VirtualClock.CPU_SLICE, "one slice, not " + w);
      assertEquals("ubuntu@node1:~$ ", s.prompt(NODE));
      assertTrue(s.type(NODE, "kill %1").output().contains("Terminated"));
    }
  }

  @Test
  void the_same_inputs_suspend_and_resume_at_the_same_steps() {
    List<String> a = transcript();
    assertEquals(a, transcript());
  }

  private static List<String> transcript() {
    try (SimSession s = ticking()) {
      List<String> seen = new ArrayList<>();
      s.type(NODE, "i=0; while true; do i=$((i+1)); echo $i; done | grep -c 7");
      for (int k = 0; k < 3; k++) {
        s.advance(Duration.ofMillis(700));
        seen.add(s.clock().nowNanos() + " " + s.clock().workEvents());
      }
      seen.add(s.interrupt(NODE).output());
      seen.add(s.type(NODE, "echo $?").output());
      return seen;
    }
  }
}

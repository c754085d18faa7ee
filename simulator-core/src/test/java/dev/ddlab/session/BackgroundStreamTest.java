package dev.ddlab.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A background docker command's stream ({@code docker run alpine sh -c 'sleep 2; echo hi' &})
 * reaches the terminal as it comes, as bash prints a job's output while the learner types: at the
 * virtual moment the container writes it, inside whatever line is running then (no ticker), or at
 * the ticker's beat that reaches that moment at an idle prompt (the playground), not at the next
 * prompt only.
 */
class BackgroundStreamTest {
  private static SimSession session(boolean ticking) {
    SimSession s = SimSession.open("single", 5);
    s.type("node1", "docker pull -q alpine");
    if (ticking) {
      s.followTicker();
    }
    return s;
  }

  @Test
  void a_jobs_output_comes_inside_the_line_running_when_the_container_writes_it() {
    try (SimSession s = session(false)) {
      TranscriptEntry start = s.type("node1", "docker run alpine sh -c 'sleep 2; echo hi' &");
      assertTrue(start.output().startsWith("[1] "), start.output());
      assertFalse(start.output().contains("hi"), start.output());
      // bash: a, then hi (the job's write two seconds in), then b
      TranscriptEntry line = s.type("node1", "echo a; sleep 3; echo b");
      assertTrue(line.output().startsWith("a\nhi\nb\n"), line.output());
    }
  }

  @Test
  void at_an_idle_prompt_the_beat_that_reaches_the_write_shows_it() {
    try (SimSession s = session(true)) {
      s.type("node1", "docker run alpine sh -c 'sleep 2; echo hi' &");
      s.unshownOutput("node1");
      assertEquals("ubuntu@node1:~$ ", s.prompt("node1"));
      s.advance(Duration.ofMillis(1900));
      assertFalse(s.outputPending("node1"));
      s.advance(Duration.ofMillis(200));
      assertTrue(s.outputPending("node1"), "bash prints it at once");
      assertTrue(s.unshownOutput("node1").startsWith("hi\n"));
      TranscriptEntry next = s.type("node1", "echo next");
      assertTrue(next.output().startsWith("hi\n"), "the transcript as before: " + next.output());
    }
  }
}

package dev.ddlab.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * grep with context or line numbers reading a pipe whose writer still writes prints each group as
 * its lines come, numbered and separated as over the whole input (one scan carried from run to
 * run).
 */
class GrepOnOpenPipeTest {
  @Test
  void context_and_line_numbers_continue_across_the_runs_of_an_open_pipe() {
    try (SimSession s = SimSession.open("single", 3)) {
      s.followTicker();
      TranscriptEntry e =
          s.type(
              "node1",
              "for i in 1 2 3 4 5 6; do if [ $i = 2 ] || [ $i = 5 ]; then echo hit$i; else echo"
                  + " x$i; fi; sleep 1; done | grep -n -A1 hit");
      assertEquals("", s.prompt("node1"), "the loop still runs");
      StringBuilder seen = new StringBuilder(e.output());
      for (int k = 0; k < 8; k++) {
        s.advance(Duration.ofMillis(1000));
        seen.append(s.unshownOutput("node1"));
      }
      assertEquals("2:hit2\n3-x3\n--\n5:hit5\n6-x6\n", seen.toString());
    }
  }
}

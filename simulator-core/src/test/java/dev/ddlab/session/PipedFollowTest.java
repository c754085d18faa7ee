package dev.ddlab.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A streaming docker command into a pipe ({@code docker logs -f logger | grep x}) follows the
 * container as the host's {@code docker logs -f} does on the terminal: what the container logged so
 * far at once, each new line as it is logged, in a session a ticker moves and in one it does not.
 */
class PipedFollowTest {
  @Test
  void logs_f_into_grep_prints_what_was_logged_at_once_and_each_new_line_as_it_comes() {
    try (SimSession s = SimSession.open("single", 3)) {
      s.followTicker();
      s.type("node1", "docker pull -q alpine");
      s.type(
          "node1",
          "docker run -d --name logger alpine sh -c 'i=0; while true; do i=$((i+1)); echo x$i; echo"
              + " y$i; sleep 1; done'");
      TranscriptEntry e = s.type("node1", "docker logs -f logger | grep x");
      assertTrue(e.output().startsWith("x1\n"), "the logs so far, at once: " + e.output());
      assertFalse(e.output().contains("y"), "through grep");
      int n = e.output().split("\n").length;
      assertEquals("", s.prompt("node1"));
      s.advance(Duration.ofMillis(1000));
      assertEquals("x" + (n + 1) + "\n", s.unshownOutput("node1"));
      s.advance(Duration.ofMillis(1000));
      assertEquals("x" + (n + 2) + "\n", s.unshownOutput("node1"));
      assertEquals(130, s.interrupt("node1").exitCode());
    }
  }
}

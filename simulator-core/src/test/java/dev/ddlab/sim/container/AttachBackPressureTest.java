package dev.ddlab.sim.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ddlab.engine.Attachment;
import dev.ddlab.engine.Engine;
import dev.ddlab.session.SimSession;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * An attached client's stream is bounded: a container that prints without end is held back while
 * its client has not read, as moby's copy to a hijacked connection blocks, instead of the stream
 * keeping everything it printed (before: 393 MB for a minute of {@code yes}).
 */
class AttachBackPressureTest {
  /** What a stream may hold: its capacity and one write of busybox's {@code yes} (64 KiB). */
  private static final int MOST = 64 * 1024 + 64 * 1024;

  @Test
  void a_client_that_does_not_read_holds_one_buffer_while_yes_runs_a_minute() {
    try (SimSession s = SimSession.open("single", 1)) {
      s.type("node1", "docker pull -q alpine");
      s.type("node1", "docker run -d --name yy alpine yes");
      Engine engine = s.node("node1").engine();
      Attachment a = engine.containers().attach("yy", false);
      s.clock().advance(Duration.ofSeconds(60));
      String held = a.read();
      assertTrue(held.length() <= MOST, "held " + held.length() + " characters");
      assertTrue(held.startsWith("y\ny\n"), held.substring(0, Math.min(8, held.length())));
      // reading lets it go on: it prints again, and is held again
      s.clock().advance(Duration.ofSeconds(1));
      String next = a.read();
      assertTrue(!next.isEmpty() && next.length() <= MOST, "then " + next.length());
      a.close();
      // without a client nothing holds it back: its log goes on
      assertEquals(
          "running\n", s.type("node1", "docker inspect -f '{{.State.Status}}' yy").output());
    }
  }

  @Test
  void a_client_that_follows_gets_every_line_in_bounded_reads() {
    try (SimSession s = SimSession.open("single", 1)) {
      s.type("node1", "docker pull -q alpine");
      s.type("node1", "docker create --name qq alpine sh -c 'seq 1 200000'");
      Engine engine = s.node("node1").engine();
      Attachment a = engine.containers().attach("qq", false);
      engine.containers().start("qq");
      long[] chars = {0};
      int[] reads = {0, 0};
      boolean exited =
          a.follow(
              Duration.ofSeconds(60),
              text -> {
                chars[0] += text.length();
                reads[0]++;
                reads[1] = Math.max(reads[1], text.length());
              });
      assertTrue(exited);
      assertEquals(0, a.exitCode());
      // 1..200000, one a line: 9 + 90×2 + 900×3 + 9000×4 + 90000×5 + 100000×6 digits, and newlines
      assertEquals(1_288_895, chars[0]);
      assertTrue(reads[1] <= MOST, "largest read " + reads[1]);
    }
  }
}

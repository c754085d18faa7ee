package dev.ddlab.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ddlab.session.SimSession;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A figure of {@code ddlab bench} types millions of lines into one session: its transcript keeps
 * only its last entries, so that the bench need not open a node of 1,000 containers again every few
 * rounds (set-up and JIT bursts in the figures' time), while a learner's session keeps every line.
 */
class SimBenchTypistTest {
  /** Opens a session of one node, adding it to {@code opened}. */
  private static java.util.function.Supplier<SimSession> opening(List<SimSession> opened) {
    return () -> {
      SimSession s = SimSession.open("single", 1);
      opened.add(s);
      return s;
    };
  }

  @Test
  void a_figures_session_is_never_opened_again_and_its_transcript_stays_bounded() {
    List<SimSession> opened = new ArrayList<>();
    try (SimBench.Typist t = new SimBench.Typist(opening(opened))) {
      int lines = 5 * SimBench.KEPT_ENTRIES;
      for (int i = 0; i < lines; i++) {
        t.rows("docker ps", 1);
        t.between();
      }
      assertEquals(1, opened.size(), "one session for the whole figure");
      int kept = t.session().transcript().size();
      assertTrue(
          kept >= SimBench.KEPT_ENTRIES && kept < 2 * SimBench.KEPT_ENTRIES,
          "the bench's transcript keeps " + kept + " of " + lines + " lines");
    }
    try (SimSession learner = SimSession.open("single", 1)) {
      for (int i = 0; i < 3 * SimBench.KEPT_ENTRIES; i++) {
        learner.type("node1", "docker ps");
      }
      assertEquals(
          3 * SimBench.KEPT_ENTRIES,
          learner.transcript().size(),
          "a learner's session keeps every line");
    }
  }

  @Test
  void the_shell_pairs_session_is_opened_again_after_its_share_of_lines_between_rounds_only() {
    List<SimSession> opened = new ArrayList<>();
    try (SimBench.Typist t = new SimBench.Typist(opening(opened), 10)) {
      SimSession first = t.session();
      for (int i = 0; i < 15; i++) {
        t.ok("true");
      }
      assertSame(first, t.session(), "not in the middle of a round");
      t.between();
      assertEquals(2, opened.size());
      assertNotSame(first, t.session());
      assertTrue(t.session().transcript().isEmpty(), "a fresh session");
    }
  }
}

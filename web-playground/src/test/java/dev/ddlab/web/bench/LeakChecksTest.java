package dev.ddlab.web.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The soak's verdicts from given figures (no clock, no load). */
class LeakChecksTest {
  private static final long MB = 1024 * 1024;

  @Test
  void heap_passes_within_the_tolerance_and_fails_beyond_it() {
    assertTrue(LeakChecks.heap(100 * MB, 120 * MB, 32 * MB).pass());
    assertTrue(LeakChecks.heap(100 * MB, 90 * MB, 32 * MB).pass());
    LeakChecks.Check grown = LeakChecks.heap(100 * MB, 400 * MB, 32 * MB);
    assertFalse(grown.pass());
    assertEquals(
        "  heap     FAIL 100.0 MB before the sessions, 400.0 MB after they ended (+300.0 MB;"
            + " allowed +32.0 MB)",
        grown.line());
  }

  @Test
  void a_thread_that_was_not_there_before_fails_unless_a_pool_owns_it() {
    Set<String> before = Set.of("main#1", "ddlab-ticker#20");
    assertTrue(
        LeakChecks.threads(
                before, Set.of("main#1", "ddlab-ticker#20", "qtp1-7#31"), n -> n.startsWith("qtp"))
            .pass());
    LeakChecks.Check left =
        LeakChecks.threads(
            before,
            Set.of("main#1", "ddlab-term-node1#40", "ddlab-term-node1#41"),
            n -> n.startsWith("qtp"));
    assertFalse(left.pass());
    assertTrue(left.figures().contains("ddlab-term-node1#40, ddlab-term-node1#41"), left.line());
    assertTrue(
        LeakChecks.threads(before, Set.of("main#1"), n -> false).pass(), "ended ones are fine");
  }

  @Test
  void objects_left_on_the_daemon_fail_and_are_named() {
    Set<String> before = Set.of("image sha256:aa [alpine:latest]", "network bridge");
    assertTrue(LeakChecks.objects(before, before, 100).pass());
    LeakChecks.Check left =
        LeakChecks.objects(before, Set.of("network bridge", "volume soakvol-x"), 100);
    assertFalse(left.pass());
    assertEquals("100 real-engine sessions; left: volume soakvol-x", left.figures());
  }

  @Test
  void the_verdict_is_fail_when_any_check_fails_and_a_skipped_check_does_not_count() {
    StringWriter out = new StringWriter();
    boolean all =
        LeakChecks.print(
            List.of(
                LeakChecks.heap(0, 0, 0),
                LeakChecks.skipped("objects", "no --docker-host"),
                LeakChecks.threads(Set.of(), Set.of("x#1"), n -> false)),
            new PrintWriter(out));
    assertFalse(all);
    assertTrue(out.toString().endsWith("soak: FAIL\n"), out.toString());
    assertTrue(
        LeakChecks.print(
            List.of(LeakChecks.skipped("objects", "none")), new PrintWriter(new StringWriter())));
  }
}

package dev.ddlab.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ddlab.session.SimSession;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The bench's row count of a listing counts lines exactly as {@link String#lines} does. */
class SimBenchLineCountTest {
  @Test
  void line_count_agrees_with_string_lines_on_every_kind_of_line_end() {
    for (String text :
        List.of(
            "",
            "\n",
            "a",
            "a\n",
            "a\nb",
            "a\nb\n",
            "\n\n",
            "a\r\nb\r\n",
            "a\rb",
            "a\r",
            "\r\n\r\n",
            "a\n\rb",
            "CONTAINER ID   IMAGE\n0123456789ab   alpine\n")) {
      assertEquals(
          text.lines().count(),
          SimBench.lineCount(text),
          () -> "in " + text.replace("\r", "\\r").replace("\n", "\\n"));
    }
  }

  @Test
  void
      an_unchanged_listing_is_the_same_text_and_its_count_still_answers_only_its_own_expectation() {
    try (SimBench.Typist t = new SimBench.Typist(() -> SimSession.open("single", 1))) {
      t.ok("docker run -d --name box alpine sleep 1d");
      String first = t.ok("docker ps");
      // the kept table comes back as the same object: what the bench counts once
      assertSame(first, t.ok("docker ps"));
      t.rows("docker ps", 2);
      t.rows("docker ps", 2);
      IllegalStateException wrong =
          assertThrows(IllegalStateException.class, () -> t.rows("docker ps", 3));
      assertEquals("`docker ps` printed 2 lines where 3 were expected", wrong.getMessage());
      t.ok("docker rm -f box");
      assertThrows(IllegalStateException.class, () -> t.rows("docker ps", 2));
    }
  }
}

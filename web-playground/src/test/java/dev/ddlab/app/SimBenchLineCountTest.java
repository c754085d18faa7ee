package dev.ddlab.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}

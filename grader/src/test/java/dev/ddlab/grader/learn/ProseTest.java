package dev.ddlab.grader.learn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ProseTest {
  @Test
  void
      a_paragraph_over_several_source_lines_becomes_one_line_and_code_and_lists_keep_their_shape() {
    String source =
        "Trên `mgr2` rồi `mgr3`, tham gia với token của **manager** (như trên, nhưng\n"
            + "vai trò khác). Sau đó:\n"
            + "\n"
            + "- mục một, viết trên hai dòng\n"
            + "  nguồn\n"
            + "- mục hai\n"
            + "\n"
            + "```\n"
            + "docker node ls\n"
            + "docker node ps\n"
            + "```\n"
            + "\n"
            + "    indented code\n"
            + "    stays\n"
            + "\n"
            + "> a quote over\n"
            + "> two lines";
    assertEquals(
        "Trên `mgr2` rồi `mgr3`, tham gia với token của **manager** (như trên, nhưng vai trò"
            + " khác). Sau đó:\n"
            + "\n"
            + "- mục một, viết trên hai dòng nguồn\n"
            + "- mục hai\n"
            + "\n"
            + "```\n"
            + "docker node ls\n"
            + "docker node ps\n"
            + "```\n"
            + "\n"
            + "    indented code\n"
            + "    stays\n"
            + "\n"
            + "> a quote over two lines",
        Prose.unwrap(source));
  }

  @Test
  void a_hard_line_break_keeps_its_paragraph_as_written() {
    String source = "first line  \nsecond line\n";
    assertEquals(source, Prose.unwrap(source));
  }
}

package dev.ddlab.dockerfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class DockerIgnoreTest {
  @Test
  void patterns_are_cleaned_comments_skipped_and_a_leading_slash_dropped() {
    DockerIgnore i =
        DockerIgnore.read("# comment\n/node_modules\n  *.log  \n\n!keep.log\n./a/../b\n");
    assertEquals(List.of("node_modules", "*.log", "!keep.log", "b"), i.patterns());
  }

  @Test
  void a_path_is_excluded_when_it_or_a_parent_matches_and_the_last_match_decides() {
    DockerIgnore i = DockerIgnore.read("node_modules\n*.log\n!keep.log\n");
    assertTrue(i.excluded("node_modules"));
    assertTrue(i.excluded("node_modules/express/index.js"));
    assertTrue(i.excluded("debug.log"));
    assertFalse(i.excluded("keep.log"));
    assertFalse(i.excluded("logs/debug.log")); // * stays within one path element
    assertFalse(i.excluded("app.js"));
  }

  @Test
  void double_stars_span_directories() {
    DockerIgnore i = DockerIgnore.read("**/*.md\ntest/**\n");
    assertTrue(i.excluded("README.md"));
    assertTrue(i.excluded("docs/deep/x.md"));
    assertTrue(i.excluded("test/a/b.js"));
    assertFalse(i.excluded("src/app.js"));
    assertFalse(DockerIgnore.NONE.excluded("anything"));
  }
}

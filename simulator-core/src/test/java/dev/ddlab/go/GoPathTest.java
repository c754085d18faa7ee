package dev.ddlab.go;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GoPathTest {
  @Test
  void stars_and_question_marks_stay_within_one_path_element() {
    assertTrue(GoPath.match("alp*", "alpine"));
    assertTrue(GoPath.match("nigelpoulton/*", "nigelpoulton/tu-demo"));
    assertFalse(GoPath.match("*", "nigelpoulton/tu-demo"));
    assertTrue(GoPath.match("alpine:3.1?", "alpine:3.19"));
  }

  @Test
  void classes_negation_and_escapes_work_and_a_bad_pattern_matches_nothing() {
    assertTrue(GoPath.match("alpine:3.1[6-9]", "alpine:3.18"));
    assertFalse(GoPath.match("alpine:3.1[^6-9]", "alpine:3.18"));
    assertTrue(GoPath.match("a\\*b", "a*b"));
    assertFalse(GoPath.match("a\\*b", "axb"));
    assertFalse(GoPath.match("alpine[", "alpine["));
  }
}

package dev.ddlab.web.term;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ScrollbackTest {
  @Test
  void old_output_is_trimmed_at_a_line_start() {
    Scrollback s = new Scrollback(10);
    s.append("first line\r\n");
    s.append("second\r\nthird");
    assertEquals("third", s.text());
    s.append("\r\n\u001b[1mbold\u001b[0m"); // one line longer than the whole buffer
    assertEquals("bold\u001b[0m", s.text(), "cut after the escape sequence, not inside it");
  }

  @Test
  void output_beyond_the_budget_is_refused_until_it_refills() {
    OutputBudget b = new OutputBudget(100);
    assertTrue(b.take(60));
    assertTrue(b.take(40));
    assertFalse(b.take(50));
  }
}

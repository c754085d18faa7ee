package dev.ddlab.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.ddlab.app.SimSessionFactory;
import dev.ddlab.web.lesson.LessonLibrary;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Dimension;

/**
 * In Chromium, the size xterm.js fits the page's terminal to reaches the session as a pty's would:
 * {@code stty size} and bash's {@code $COLUMNS} say the page's rows and columns, and change when
 * the window does.
 */
class TerminalSizeBrowserTest {
  private static final Pattern SIZE = Pattern.compile("\\nsize=(\\d+) (\\d+) cols=(\\d+)\\n");

  @Test
  void stty_size_and_columns_follow_the_page_s_terminal() {
    try (PlaygroundServer server =
            Playgrounds.start(new SimSessionFactory(), LessonLibrary.fromClasspath());
        Browser b = Browser.open(1280, 900)) {
      b.startSession("http://127.0.0.1:" + server.port());
      int[] wide = size(b);
      assertNotEquals(80, wide[1], "the page's width, not xterm's default");
      assertEquals(wide[1], wide[2], "$COLUMNS is stty's columns");
      b.driver.manage().window().setSize(new Dimension(900, 700));
      int[] narrow = {0, 0, 0};
      try {
        b.until(
            d -> {
              int[] now = size(b);
              System.arraycopy(now, 0, narrow, 0, 3);
              return now[0] != wide[0] || now[1] != wide[1];
            });
      } catch (RuntimeException e) {
        throw new AssertionError(
            java.util.Arrays.toString(wide) + " [" + b.terminalText("node1") + "]", e);
      }
      assertEquals(narrow[1], narrow[2], "$COLUMNS follows");
    }
  }

  /** Rows, columns and $COLUMNS, as the session's terminal says them now. */
  private static int[] size(Browser b) {
    b.type("echo \"size=$(stty size) cols=$COLUMNS\"");
    int[] found = new int[3];
    b.until(
        d -> {
          Matcher m = SIZE.matcher(b.terminalText("node1"));
          boolean any = false;
          while (m.find()) {
            any = true;
            for (int i = 0; i < 3; i++) {
              found[i] = Integer.parseInt(m.group(i + 1));
            }
          }
          return any;
        });
    return found;
  }
}

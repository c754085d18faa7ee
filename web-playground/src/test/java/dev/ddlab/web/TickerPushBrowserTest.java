package dev.ddlab.web;

import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.ddlab.app.SimSessionFactory;
import dev.ddlab.web.lesson.LessonLibrary;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Keys;

/**
 * In Chromium, a line that takes virtual time follows the ticker and its output reaches the page as
 * it is produced, not at the next key: {@code for i in 1 2 3; do echo $i; sleep 1; done} shows
 * {@code 2} while the line still runs (no prompt after it yet); a {@code sleep 300} keeps the
 * terminal busy until Ctrl-C, which ends it with 130; what {@code read -s} reads is not shown.
 */
class TickerPushBrowserTest {
  @Test
  void a_loop_s_output_arrives_before_the_line_ends_and_ctrl_c_ends_a_sleep_with_130() {
    try (PlaygroundServer server =
            Playgrounds.start(new SimSessionFactory(), LessonLibrary.fromClasspath());
        Browser b = Browser.open(1280, 900)) {
      b.startSession("http://127.0.0.1:" + server.port());
      b.type("for i in 1 2 3; do echo line$i; sleep 1; done; echo END");
      boolean[] endSeenWithTwo = {true};
      b.until(
          d -> {
            String t = b.terminalText("node1");
            if (t.contains("\nline2\n")) {
              endSeenWithTwo[0] = t.contains("\nEND");
              return true;
            }
            return false;
          });
      assertFalse(endSeenWithTwo[0], "line2 was on the page before the line ended");
      try {
        b.until(
            d -> b.terminalText("node1").stripTrailing().endsWith("\nline3\nEND\nubuntu@node1:~$"));
      } catch (RuntimeException e) {
        throw new AssertionError("[" + b.terminalText("node1") + "]", e);
      }
      b.screenshot("ticker-push-loop");

      b.type("sleep 300; echo woke");
      b.until(d -> b.terminalText("node1").stripTrailing().endsWith("sleep 300; echo woke"));
      b.driver
          .findElement(org.openqa.selenium.By.cssSelector(".terminal:not([hidden]) textarea"))
          .sendKeys(Keys.chord(Keys.CONTROL, "c"));
      b.until(d -> b.terminalText("node1").stripTrailing().endsWith("^C\nubuntu@node1:~$"));
      b.type("echo status=$?");
      b.until(d -> b.terminalText("node1").contains("\nstatus=130\n"));
      assertFalse(b.terminalText("node1").contains("\nwoke"), "the line ended at ^C");

      // read -s: the line editor shows nothing of what is typed
      b.type("read -s -p 'Mật khẩu: ' pw; echo \"<$pw>\"");
      b.until(d -> b.terminalText("node1").stripTrailing().endsWith("Mật khẩu:"));
      b.type("bi-mat");
      b.until(d -> b.terminalText("node1").contains("<bi-mat>"));
      assertFalse(b.terminalText("node1").contains("Mật khẩu: bi-mat"), b.terminalText("node1"));
    }
  }

  @Test
  void a_partial_line_and_a_background_job_s_output_reach_the_page_at_once() {
    try (PlaygroundServer server =
            Playgrounds.start(new SimSessionFactory(), LessonLibrary.fromClasspath());
        Browser b = Browser.open(1280, 900)) {
      b.startSession("http://127.0.0.1:" + server.port());
      // bash shows "a" before the sleep ends; the page showed it only with "b\n"
      b.type("printf 'a'; sleep 3; echo b");
      boolean[] bSeenWithA = {true};
      b.until(
          d -> {
            String t = b.terminalText("node1");
            if (t.stripTrailing().endsWith("echo b\na")) {
              bSeenWithA[0] = t.contains("\nab");
              return true;
            }
            return false;
          });
      assertFalse(bSeenWithA[0], "a was on the page before its line ended");
      showing(b, "\nab\nubuntu@node1:~$");

      // a progress line: each update written over the last with a carriage return
      b.type("for p in 10 50; do printf '\\r%s%%' $p; sleep 2; done; echo");
      showing(b, "\n50%");
      showing(b, "\n50%\nubuntu@node1:~$");

      // a background job's output at an idle prompt, nothing typed
      b.type("(sleep 2; echo done) &");
      showing(b, "\ndone\nubuntu@node1:~$");
      // a read -s that starts after a sleep the ticker moves: masked too (it was shown before)
      b.type("sleep 2; read -s -p 'Khoá: ' pw; echo; echo \"<$pw>\"");
      showing(b, "\nKhoá:");
      b.type("bi-mat");
      b.until(d -> b.terminalText("node1").contains("<bi-mat>"));
      assertFalse(b.terminalText("node1").contains("Khoá: bi-mat"), b.terminalText("node1"));
      b.screenshot("ticker-push-partial");
    }
  }

  /** Waits until the page's terminal ends with {@code tail}; fails showing what it shows. */
  private static void showing(Browser b, String tail) {
    try {
      b.until(d -> b.terminalText("node1").stripTrailing().endsWith(tail));
    } catch (RuntimeException e) {
      throw new AssertionError("[" + b.terminalText("node1") + "]", e);
    }
  }
}

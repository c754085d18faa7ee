package dev.ddlab.web.term;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ddlab.session.SimSession;
import org.jline.terminal.impl.LineDisciplineTerminal;
import org.junit.jupiter.api.Test;

/**
 * {@code ddlab shell} at an idle prompt ({@link ShellRepl#beatWhileIdle}): a background job's
 * output shows when the wall clock reaches it, above the line being edited, with no key typed (as
 * the playground's ticker shows it), and once only: the next line's output leaves it out.
 */
class ShellReplBeatTest {
  @Test
  void a_background_job_s_output_shows_at_an_idle_prompt_when_the_wall_clock_reaches_it()
      throws Exception {
    try (SimSession session = SimSession.open("single", 1);
        ScreenTerminal screen = new ScreenTerminal()) {
      LineDisciplineTerminal t = screen.terminal();
      Thread repl =
          new Thread(() -> new ShellRepl(session, t).followWallTime().beatWhileIdle().run());
      repl.setDaemon(true);
      repl.start();
      int at = screen.await(0, "$ ");
      screen.type("(sleep 1; echo done) &\r");
      at = screen.await(at, "$ ");
      screen.type("ech"); // a line being edited, not ended
      at = screen.await(at, "done"); // no key typed since: the beat showed it
      screen.type("o after\r");
      int shown = screen.await(at, "after\r\n");
      screen.await(shown, "$ ");
      String rest = screen.text().substring(at);
      assertTrue(
          !rest.contains("\ndone"), "shown once: " + rest); // [1]+ Done … echo done) is bash's
      screen.type("\u0004");
      repl.join(20_000);
      assertEquals(false, repl.isAlive(), "Ctrl-D at the host prompt ends the REPL");
    }
  }
}

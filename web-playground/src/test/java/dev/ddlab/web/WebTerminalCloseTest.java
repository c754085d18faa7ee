package dev.ddlab.web;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ddlab.web.term.OutputBudget;
import dev.ddlab.web.term.Repls;
import dev.ddlab.web.term.Scrollback;
import dev.ddlab.web.term.TerminalProgram;
import dev.ddlab.web.term.WebTerminal;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A browser terminal's shell outlives Ctrl-D but not its terminal (found by bench --soak). */
class WebTerminalCloseTest {
  @Test
  void the_shells_loop_ends_when_the_terminal_closes_instead_of_reading_end_of_file_for_ever()
      throws Exception {
    Thread[] ran = new Thread[1];
    CountDownLatch started = new CountDownLatch(1);
    TerminalProgram shell = Repls.shell();
    TerminalProgram program =
        (terminal, session, node) -> {
          ran[0] = Thread.currentThread();
          started.countDown();
          shell.run(terminal, session, node);
        };
    WebTerminal t =
        new WebTerminal(
            "node1",
            new EchoSession(),
            program,
            new Scrollback(10_000),
            new OutputBudget(1 << 20),
            s -> {});
    t.start();
    assertTrue(started.await(20, TimeUnit.SECONDS));
    t.input("\u0004"); // Ctrl-D at the host prompt: a browser terminal keeps its shell
    Thread.sleep(200);
    assertTrue(ran[0].isAlive(), "Ctrl-D does not end a browser terminal's shell");
    t.close(); // the web session ended
    ran[0].join(TimeUnit.SECONDS.toMillis(20));
    assertFalse(ran[0].isAlive(), "the terminal's thread is left behind");
  }
}

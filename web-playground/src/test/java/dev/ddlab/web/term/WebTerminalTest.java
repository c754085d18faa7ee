package dev.ddlab.web.term;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class WebTerminalTest {
  @Test
  void output_reaches_the_browser_as_one_chunk_per_flush_not_one_per_character() throws Exception {
    List<String> frames = new CopyOnWriteArrayList<>();
    CountDownLatch written = new CountDownLatch(1);
    TerminalProgram program =
        (terminal, session, node) -> {
          PrintWriter w = terminal.writer();
          w.print(
              "Unable to find image 'alpine:latest' locally\nlatest: Pulling from library/alpine\n");
          w.flush();
          w.print("Trạng thái: xong\n");
          w.flush();
          written.countDown();
        };
    try (WebTerminal t =
        new WebTerminal(
            "node1",
            null,
            program,
            new Scrollback(10_000),
            new OutputBudget(1 << 20),
            frames::add)) {
      t.start();
      written.await(20, TimeUnit.SECONDS);
      assertEquals(
          List.of(
              "Unable to find image 'alpine:latest' locally\r\nlatest: Pulling from library/alpine\r\n",
              "Trạng thái: xong\r\n"),
          frames);
    }
  }

  @Test
  void typed_keys_are_echoed_in_one_chunk_per_input() throws Exception {
    List<String> frames = new CopyOnWriteArrayList<>();
    CountDownLatch done = new CountDownLatch(1);
    TerminalProgram program = (terminal, session, node) -> done.await();
    try (WebTerminal t =
        new WebTerminal(
            "node1",
            null,
            program,
            new Scrollback(10_000),
            new OutputBudget(1 << 20),
            frames::add)) {
      t.start();
      t.input("docker ps");
      assertEquals(List.of("docker ps"), frames);
      done.countDown();
    }
  }

  @Test
  void the_repls_own_keys_reach_it_unechoed_even_while_it_is_not_reading_a_line() throws Exception {
    List<String> frames = new CopyOnWriteArrayList<>();
    CountDownLatch sent = new CountDownLatch(1);
    StringBuilder read = new StringBuilder();
    TerminalProgram program =
        (terminal, session, node) -> {
          sent.await(); // busy (starting, or running a line): not in readLine, echo is on
          var in = terminal.reader();
          for (int i = 0; i < (ShellRepl.PUSH + ShellRepl.REPROMPT).length(); i++) {
            read.append((char) in.read(5_000));
          }
        };
    try (WebTerminal t =
        new WebTerminal(
            "node1",
            null,
            program,
            new Scrollback(10_000),
            new OutputBudget(1 << 20),
            frames::add)) {
      t.start();
      t.afterTick("", false); // the ticker: a busy terminal's output is pushed by a key to the REPL
      t.reprompt();
      sent.countDown();
      t.thread().join(20_000);
      assertEquals(ShellRepl.PUSH + ShellRepl.REPROMPT, read.toString());
      assertEquals(List.of(), frames, "the screen shows nothing of the REPL's own keys");
    }
  }
}

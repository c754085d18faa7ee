package dev.ddlab.web.term;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ddlab.session.SimSession;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.LineDisciplineTerminal;
import org.junit.jupiter.api.Test;

/**
 * {@code ddlab shell}'s REPL on the user's terminal ({@link ShellRepl#followTerminalSize}): the
 * session's terminal takes the JLine terminal's size and each resize JLine reports (WINCH), as the
 * playground's page does.
 */
class ShellReplSizeTest {
  /** What the terminal printed so far. */
  private static final class Screen extends OutputStream {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    @Override
    public synchronized void write(int b) {
      bytes.write(b);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
      bytes.write(b, off, len);
    }

    synchronized String text() {
      return bytes.toString(StandardCharsets.UTF_8);
    }
  }

  private static void type(LineDisciplineTerminal t, String keys) throws IOException {
    t.processInputBytes(keys.getBytes(StandardCharsets.UTF_8));
  }

  /** Waits until the screen shows {@code text} after {@code from} (a REPL on its own thread). */
  private static int await(Screen screen, int from, String text) throws InterruptedException {
    for (int i = 0; i < 600; i++) {
      int at = screen.text().indexOf(text, from);
      if (at >= 0) {
        return at + text.length();
      }
      Thread.sleep(50);
    }
    throw new AssertionError("never shown: " + text + "\n--- screen ---\n" + screen.text());
  }

  @Test
  void the_users_terminal_size_and_its_resizes_reach_stty_tput_columns_and_new_containers()
      throws Exception {
    Screen screen = new Screen();
    try (SimSession session = SimSession.open("single", 1);
        LineDisciplineTerminal t =
            new LineDisciplineTerminal("t", "xterm-256color", screen, StandardCharsets.UTF_8)) {
      t.setSize(new Size(100, 30));
      Thread repl = new Thread(() -> new ShellRepl(session, t).followTerminalSize().run());
      repl.setDaemon(true);
      repl.start();
      int at = await(screen, 0, "$ ");
      type(t, "stty size; tput cols; echo \"$COLUMNS x $LINES\"\r");
      at = await(screen, at, "30 100\r\n100\r\n100 x 30\r\n");
      type(t, "docker create --name sized alpine\r");
      at = await(screen, at, "$ ");
      type(t, "docker inspect -f '{{json .HostConfig.ConsoleSize}}' sized\r");
      at = await(screen, at, "[30,100]");

      t.setSize(new Size(132, 43)); // the user's terminal resized
      t.raise(Terminal.Signal.WINCH);
      type(t, "stty size; tput lines\r");
      at = await(screen, at, "43 132\r\n43\r\n");
      type(t, "docker run -d --name later alpine sleep 1d\r");
      at = await(screen, at, "$ ");
      type(t, "docker inspect -f '{{json .HostConfig.ConsoleSize}}' later\r");
      at = await(screen, at, "[43,132]");
      type(t, "\u0004");
      repl.join(20_000);
      assertTrue(!repl.isAlive(), "Ctrl-D at the host prompt ends the REPL");
    }
  }

  @Test
  void without_following_the_terminal_the_session_keeps_80_columns_of_24_rows() throws Exception {
    Screen screen = new Screen();
    try (SimSession session = SimSession.open("single", 1);
        LineDisciplineTerminal t =
            new LineDisciplineTerminal("t", "xterm-256color", screen, StandardCharsets.UTF_8)) {
      t.setSize(new Size(100, 30));
      Thread repl = new Thread(() -> new ShellRepl(session, t).run());
      repl.setDaemon(true);
      repl.start();
      int at = await(screen, 0, "$ ");
      type(t, "stty size\r");
      await(screen, at, "24 80\r\n");
      type(t, "\u0004");
      repl.join(20_000);
    }
  }
}

package dev.ddlab.web.term;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ddlab.session.SimSession;
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
  @Test
  void the_users_terminal_size_and_its_resizes_reach_stty_tput_columns_and_new_containers()
      throws Exception {
    try (SimSession session = SimSession.open("single", 1);
        ScreenTerminal screen = new ScreenTerminal()) {
      LineDisciplineTerminal t = screen.terminal();
      t.setSize(new Size(100, 30));
      Thread repl = new Thread(() -> new ShellRepl(session, t).followTerminalSize().run());
      repl.setDaemon(true);
      repl.start();
      int at = screen.await(0, "$ ");
      screen.type("stty size; tput cols; echo \"$COLUMNS x $LINES\"\r");
      at = screen.await(at, "30 100\r\n100\r\n100 x 30\r\n");
      screen.type("docker create --name sized alpine\r");
      at = screen.await(at, "$ ");
      screen.type("docker inspect -f '{{json .HostConfig.ConsoleSize}}' sized\r");
      at = screen.await(at, "[30,100]");

      t.setSize(new Size(132, 43)); // the user's terminal resized
      t.raise(Terminal.Signal.WINCH);
      screen.type("stty size; tput lines\r");
      at = screen.await(at, "43 132\r\n43\r\n");
      screen.type("docker run -d --name later alpine sleep 1d\r");
      at = screen.await(at, "$ ");
      screen.type("docker inspect -f '{{json .HostConfig.ConsoleSize}}' later\r");
      at = screen.await(at, "[43,132]");
      screen.type("\u0004");
      repl.join(20_000);
      assertTrue(!repl.isAlive(), "Ctrl-D at the host prompt ends the REPL");
    }
  }

  @Test
  void without_following_the_terminal_the_session_keeps_80_columns_of_24_rows() throws Exception {
    try (SimSession session = SimSession.open("single", 1);
        ScreenTerminal screen = new ScreenTerminal()) {
      LineDisciplineTerminal t = screen.terminal();
      t.setSize(new Size(100, 30));
      Thread repl = new Thread(() -> new ShellRepl(session, t).run());
      repl.setDaemon(true);
      repl.start();
      int at = screen.await(0, "$ ");
      screen.type("stty size\r");
      screen.await(at, "24 80\r\n");
      screen.type("\u0004");
      repl.join(20_000);
    }
  }
}

package dev.ddlab.app;

import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.ddlab.web.term.ScreenTerminal;
import java.nio.file.Path;
import org.jline.terminal.Size;
import org.jline.terminal.impl.LineDisciplineTerminal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ddlab learn} on the user's terminal ({@link LearnCommand#on}): the lab's session takes the
 * terminal's size before each line, and a later size too, as {@code ddlab shell} does.
 */
class LearnSizeTest {
  @TempDir Path dir;

  @Test
  void the_labs_terminal_takes_the_users_terminal_size_and_its_resizes() throws Exception {
    try (ScreenTerminal screen = new ScreenTerminal()) {
      LineDisciplineTerminal t = screen.terminal();
      t.setSize(new Size(100, 30));
      LearnCommand cmd = new LearnCommand();
      cmd.labId = "p2-containers-percy";
      cmd.student = "sv42";
      cmd.progressDir = dir.resolve("progress");
      Thread learn = new Thread(() -> cmd.on(t));
      learn.setDaemon(true);
      learn.start();
      int at = screen.await(0, "Bước 1/");
      screen.type("stty size; tput cols; echo \"$COLUMNS x $LINES\"\r");
      at = screen.await(at, "30 100\r\n100\r\n100 x 30\r\n");
      screen.type("docker create --name sized alpine\r");
      screen.type("docker inspect -f '{{json .HostConfig.ConsoleSize}}' sized\r");
      at = screen.await(at, "[30,100]");

      t.setSize(new Size(132, 43)); // the user's terminal resized
      screen.type("stty size\r");
      screen.await(at, "43 132\r\n");
      screen.type("\u0004");
      learn.join(20_000);
      assertFalse(learn.isAlive(), "Ctrl-D ends the tutorial");
    }
  }
}

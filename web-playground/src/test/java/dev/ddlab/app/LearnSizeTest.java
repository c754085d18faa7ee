package dev.ddlab.app;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
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

  /** Waits until the screen shows {@code text} after {@code from} (the tutorial's own thread). */
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
  void the_labs_terminal_takes_the_users_terminal_size_and_its_resizes() throws Exception {
    Screen screen = new Screen();
    try (LineDisciplineTerminal t =
        new LineDisciplineTerminal("t", "xterm-256color", screen, StandardCharsets.UTF_8)) {
      t.setSize(new Size(100, 30));
      LearnCommand cmd = new LearnCommand();
      cmd.labId = "p2-containers-percy";
      cmd.student = "sv42";
      cmd.progressDir = dir.resolve("progress");
      Thread learn = new Thread(() -> cmd.on(t));
      learn.setDaemon(true);
      learn.start();
      int at = await(screen, 0, "Bước 1/");
      type(t, "stty size; tput cols; echo \"$COLUMNS x $LINES\"\r");
      at = await(screen, at, "30 100\r\n100\r\n100 x 30\r\n");
      type(t, "docker create --name sized alpine\r");
      type(t, "docker inspect -f '{{json .HostConfig.ConsoleSize}}' sized\r");
      at = await(screen, at, "[30,100]");

      t.setSize(new Size(132, 43)); // the user's terminal resized
      type(t, "stty size\r");
      await(screen, at, "43 132\r\n");
      type(t, "\u0004");
      learn.join(20_000);
      assertFalse(learn.isAlive(), "Ctrl-D ends the tutorial");
    }
  }
}

package dev.ddlab.web.term;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.jline.terminal.impl.LineDisciplineTerminal;

/**
 * A user's terminal for tests of a REPL on its own thread ({@code ddlab shell}, {@code ddlab
 * learn}): a JLine line-discipline terminal whose screen is what it printed so far, keys typed into
 * it, and a wait until the screen shows a text.
 */
public final class ScreenTerminal implements AutoCloseable {
  private final Screen screen = new Screen();
  private final LineDisciplineTerminal terminal;

  public ScreenTerminal() throws IOException {
    terminal = new LineDisciplineTerminal("t", "xterm-256color", screen, StandardCharsets.UTF_8);
  }

  public LineDisciplineTerminal terminal() {
    return terminal;
  }

  /** Types {@code keys} as the user would. */
  public void type(String keys) throws IOException {
    terminal.processInputBytes(keys.getBytes(StandardCharsets.UTF_8));
  }

  /** Waits until the screen shows {@code text} after {@code from}; where it ends. */
  public int await(int from, String text) throws InterruptedException {
    for (int i = 0; i < 600; i++) {
      int at = screen.text().indexOf(text, from);
      if (at >= 0) {
        return at + text.length();
      }
      Thread.sleep(50);
    }
    throw new AssertionError("never shown: " + text + "\n--- screen ---\n" + screen.text());
  }

  /** What the terminal printed so far. */
  public String text() {
    return screen.text();
  }

  @Override
  public void close() throws IOException {
    terminal.close();
  }

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
}

package dev.ddlab.cli.formatter;

/**
 * A display a terminal redraws in place, as compose's and BuildKit's tty writers do: each frame
 * first moves the cursor up over the lines of the frame before it ({@code ESC[nA}), then writes
 * itself over them. A frame is never shorter than the one it covers (both displays only grow).
 */
public final class InPlace {
  /** Lines of the frame last drawn. */
  private int shown;

  /** What to write for the next frame (ending with a newline): the cursor move, then the frame. */
  public String frame(String frame) {
    String out = (shown > 0 ? "\u001b[" + shown + "A" : "") + frame;
    shown = (int) frame.chars().filter(c -> c == '\n').count();
    return out;
  }

  /** Starts over below what is on the screen (the display ended). */
  public void reset() {
    shown = 0;
  }
}

package dev.ddlab.web.term;

/**
 * The last characters a terminal printed, replayed to a browser that connects or reloads so the
 * learner finds their screen as they left it. Trimmed at a line start so replay never begins in the
 * middle of an escape sequence of an earlier line.
 */
public final class Scrollback {
  private final int maxChars;
  private final StringBuilder text = new StringBuilder();

  public Scrollback(int maxChars) {
    this.maxChars = maxChars;
  }

  public synchronized void append(String s) {
    text.append(s);
    if (text.length() > maxChars) {
      int cut = text.length() - maxChars;
      int nl = text.indexOf("\n", cut);
      text.delete(0, nl >= 0 ? nl + 1 : outsideEscape(cut));
    }
  }

  /** Moves a cut that falls inside an escape sequence (ESC [ … final byte) past its end. */
  private int outsideEscape(int cut) {
    int esc = text.lastIndexOf("\u001b", cut - 1);
    if (esc < 0 || cut - esc > 64) {
      return cut;
    }
    int k = esc + 1;
    if (k < text.length() && text.charAt(k) == '[') {
      k++;
      while (k < text.length() && (text.charAt(k) < 0x40 || text.charAt(k) > 0x7e)) {
        k++;
      }
    }
    int end = Math.min(text.length(), k + 1);
    return Math.max(cut, end);
  }

  /** Forgets everything and holds {@code s} (trimmed as {@link #append} trims). */
  public synchronized void replace(String s) {
    text.setLength(0);
    append(s);
  }

  public synchronized String text() {
    return text.toString();
  }

  public synchronized int length() {
    return text.length();
  }
}

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
      text.delete(0, nl < 0 ? cut : nl + 1);
    }
  }

  public synchronized String text() {
    return text.toString();
  }

  public synchronized int length() {
    return text.length();
  }
}

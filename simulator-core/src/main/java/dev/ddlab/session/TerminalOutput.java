package dev.ddlab.session;

/**
 * What a terminal printed since the session last handed its output on. A program that never stops
 * printing ({@code yes}, {@code while true; do echo x; done}) left running in the foreground keeps
 * writing here as time passes until the next key; only the last {@link #KEEP} characters or so are
 * kept (what the screen and its scrollback would still show; at most twice as many, as the text is
 * trimmed in batches), so the server's memory stays bounded however long it runs. Ctrl-C stops the
 * program as on a real terminal.
 */
final class TerminalOutput {
  /** The characters kept of output nobody has taken yet. */
  static final int KEEP = 128 * 1024;

  private final StringBuilder text = new StringBuilder();

  /**
   * The only text written since the last take, kept as it came: most commands print once, and
   * handing that string on saves copying it into the buffer and out again.
   */
  private String only;

  private long written;

  /**
   * Characters at the start of the text not taken yet that the screen was already handed ({@link
   * #unshown}); only the screen's business: {@link #take} still returns them, for the transcript.
   */
  private int shown;

  /** Of the text the last {@link #take} returned, how many leading characters had been shown. */
  private int shownOfTaken;

  TerminalOutput append(String s) {
    written += s.length();
    if (s.isEmpty()) {
      return this;
    }
    if (only == null && text.length() == 0 && s.length() <= 2 * KEEP) {
      only = s;
      return this;
    }
    if (only != null) {
      text.append(only);
      only = null;
    }
    text.append(s);
    trim();
    return this;
  }

  /** Characters written since the terminal opened (those dropped too): a program's progress. */
  long written() {
    return written;
  }

  /**
   * Takes the output: all of it when it is short, else its tail from a line's start, of about
   * {@link #KEEP} and at most twice {@link #KEEP} characters.
   */
  String take() {
    String s;
    if (only != null) {
      s = only;
      only = null;
    } else {
      s = text.toString();
      text.setLength(0);
    }
    shownOfTaken = Math.min(shown, s.length());
    shown = 0;
    return s;
  }

  /**
   * The text not taken yet that the screen has not been handed, now marked as handed: a busy
   * foreground's output pushed to the page between keys. {@link #take} still returns it.
   */
  String unshown() {
    int length = only != null ? only.length() : text.length();
    if (shown >= length) {
      return "";
    }
    String s = only != null ? only.substring(shown) : text.substring(shown);
    shown = length;
    return s;
  }

  /** Whether {@link #unshown} would return something. */
  boolean pending() {
    return shown < (only != null ? only.length() : text.length());
  }

  /** Of the text the last {@link #take} returned, the leading characters {@link #unshown} gave. */
  int shownOfTaken() {
    return shownOfTaken;
  }

  /** Amortised: trims to {@link #KEEP} once twice as much is held. */
  private void trim() {
    if (text.length() <= 2 * KEEP) {
      return;
    }
    int cut = text.length() - KEEP;
    int nl = text.indexOf("\n", cut);
    int dropped = nl >= 0 && nl < text.length() - 1 ? nl + 1 : cut;
    text.delete(0, dropped);
    shown = Math.max(0, shown - dropped);
  }
}

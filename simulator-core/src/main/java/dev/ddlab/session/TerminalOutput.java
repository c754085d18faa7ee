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
    if (only != null) {
      String s = only;
      only = null;
      return s;
    }
    String s = text.toString();
    text.setLength(0);
    return s;
  }

  /** Amortised: trims to {@link #KEEP} once twice as much is held. */
  private void trim() {
    if (text.length() <= 2 * KEEP) {
      return;
    }
    int cut = text.length() - KEEP;
    int nl = text.indexOf("\n", cut);
    text.delete(0, nl >= 0 && nl < text.length() - 1 ? nl + 1 : cut);
  }
}

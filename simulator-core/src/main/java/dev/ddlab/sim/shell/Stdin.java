package dev.ddlab.sim.shell;

/**
 * A command's standard input when it is a pipe, a redirected file or a here-document: the text and
 * a read position shared by every command that reads the same open file, as the offset of one open
 * file description is. {@code while read line; do …; done < file} reads one line per round because
 * each {@code read} moves the shared position; a program that reads its input ({@code cat}) reads
 * the rest of it.
 */
final class Stdin {
  private final String text;
  private int position;

  Stdin(String text) {
    this.text = text;
  }

  /** An input over {@code text}, or null for none (the command reads the terminal). */
  static Stdin of(String text) {
    return text == null ? null : new Stdin(text);
  }

  /** Everything not read yet, which is then read: a program read its input to the end. */
  String rest() {
    String s = text.substring(position);
    position = text.length();
    return s;
  }

  /** Whether everything has been read. */
  boolean atEnd() {
    return position >= text.length();
  }

  /** The next character, or -1 at the end. */
  int next() {
    return atEnd() ? -1 : text.charAt(position++);
  }

  /**
   * The next line with its newline, or what is left without one at the end; null when nothing is
   * left.
   */
  String line() {
    if (atEnd()) {
      return null;
    }
    int nl = text.indexOf('\n', position);
    int end = nl < 0 ? text.length() : nl + 1;
    String s = text.substring(position, end);
    position = end;
    return s;
  }
}

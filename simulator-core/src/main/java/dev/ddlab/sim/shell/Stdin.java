package dev.ddlab.sim.shell;

import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * A command's standard input when it is a pipe, a redirected file or a here-document: the text and
 * a read position shared by every command that reads the same open file, as the offset of one open
 * file description is. {@code while read line; do …; done < file} reads one line per round because
 * each {@code read} moves the shared position; a program that reads its input ({@code cat}) reads
 * the rest of it.
 *
 * <p>Over a {@link Pipe} whose writer runs at the same time, the input may not all be there yet:
 * the reading methods read what is there now, and a reader that needs more waits for it with {@link
 * #whenReady} (or {@link #pump}, which hands each piece over as it comes); that is the one place
 * every reader of a pipe waits, whether it is {@code read}, a tool on the host or a process in a
 * container. What the reader took from the pipe and has not consumed is charged with the pipe
 * ({@link Pipe#readerHolds}).
 */
final class Stdin {
  private final Pipe pipe;
  private String text;
  private int position;

  Stdin(String text) {
    this.text = text;
    this.pipe = null;
  }

  /** What {@code wc} counted of an input it read as it came ({@link ToolInput}), or null. */
  private long[] counts;

  /** An input already read and counted (lines, words, bytes) by {@code wc} as it came. */
  static Stdin counted(long[] counts) {
    Stdin in = new Stdin("");
    in.counts = counts;
    return in;
  }

  long[] counts() {
    return counts;
  }

  /**
   * What a tool that reads an open pipe run by run ({@link ToolInput}) carries from one run to the
   * next (grep's {@link Grep.Scan}, tee's files opened), or null.
   */
  private Object carried;

  /** A run of lines of an open pipe, which the tool continues from {@code state}. */
  static Stdin continuing(String text, Object state) {
    Stdin in = new Stdin(text);
    in.carried = state;
    return in;
  }

  /** What the run before this one left, when it is of {@code type}. */
  <T> T carried(Class<T> type) {
    return type.isInstance(carried) ? type.cast(carried) : null;
  }

  /** The reading end of {@code pipe}. */
  Stdin(Pipe pipe) {
    this.text = "";
    this.pipe = pipe;
  }

  /** An input over {@code text}, or null for none (the command reads the terminal). */
  static Stdin of(String text) {
    return text == null ? null : new Stdin(text);
  }

  /** Whether more may come later: a pipe whose writer has not closed its end. */
  boolean open() {
    return pipe != null && !pipe.drained();
  }

  /** Takes what the pipe has into the text, at most a pipe's capacity at a time. */
  private void pull() {
    if (pipe == null) {
      return;
    }
    String more = pipe.take(Pipe.CAPACITY);
    if (!more.isEmpty()) {
      text = position >= text.length() ? more : text.substring(position) + more;
      position = 0;
    }
    held();
  }

  private void held() {
    if (pipe != null) {
      pipe.readerHolds(text.length() - position);
    }
  }

  /**
   * A tool reading this pipe to its end keeps {@code n} characters of it, charged with the pipe;
   * true (the caller then asks the shell's charge).
   */
  boolean toolHolds(long n) {
    if (pipe != null) {
      pipe.toolHolds(n);
    }
    return true;
  }

  /** Everything there now, which is then read: a program read its input to the end. */
  String rest() {
    pull();
    String s = text.substring(position);
    text = "";
    position = 0;
    held();
    return s;
  }

  /** Whether everything has been read and nothing more will come. */
  boolean atEnd() {
    if (position < text.length()) {
      return false;
    }
    pull();
    return position >= text.length() && !open();
  }

  /** The next character, or -1 when nothing is there now. */
  int next() {
    if (position >= text.length()) {
      pull();
    }
    if (position >= text.length()) {
      return -1;
    }
    int c = text.charAt(position++);
    held();
    return c;
  }

  /**
   * The next line with its newline, or what is left without one at the end; null when nothing is
   * there now.
   */
  String line() {
    if (text.indexOf('\n', position) < 0) {
      pull();
    }
    if (position >= text.length()) {
      return null;
    }
    int nl = text.indexOf('\n', position);
    int end = nl < 0 ? text.length() : nl + 1;
    String s = text.substring(position, end);
    position = end;
    held();
    return s;
  }

  /**
   * Runs {@code next} once {@code delim} is there to read, or the input's end (a file's text is all
   * there at once); {@code read} waits so for its line.
   */
  void whenReady(int delim, Runnable next) {
    pull();
    if (pipe == null || text.indexOf(delim, position) >= 0 || !open()) {
      next.run();
      return;
    }
    pipe.whenReadable(() -> whenReady(delim, next));
  }

  /**
   * Hands the input over piece by piece as it comes ({@code data}, then {@code end} once, at its
   * end) until {@code stop} says the reader is gone (a process that exited, a tool that had
   * enough).
   */
  void pump(Consumer<String> data, Runnable end, BooleanSupplier stop) {
    if (stop.getAsBoolean()) {
      return;
    }
    String s = rest();
    if (!s.isEmpty()) {
      data.accept(s);
      if (stop.getAsBoolean()) {
        return;
      }
    }
    if (!open()) {
      end.run();
      return;
    }
    pipe.whenReadable(() -> pump(data, end, stop));
  }
}

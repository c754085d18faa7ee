package dev.ddlab.sim.shell;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;

/**
 * What the host shell's commands read from the terminal ({@code read name} at the prompt, in a
 * loop, or in a function): the next line the learner types, as a tty gives bash's {@code read} the
 * next line. A read with no line waiting registers here and the terminal hands it the next typed
 * line ({@link #offer}); lines typed while the foreground is busy and reads nothing yet wait as
 * typeahead for the next read, and Ctrl-C drops them, as the tty driver flushes its input on
 * SIGINT.
 */
final class TerminalInput {
  /** Typeahead beyond this is dropped, as a tty's input queue is bounded. */
  static final int TYPEAHEAD_LINES = 64;

  private final Deque<String> typeahead = new ArrayDeque<>();
  private Consumer<String> reader;
  private String prompt = "";
  private boolean silent;

  /** Whether a read waits for the next typed line. */
  boolean waiting() {
    return reader != null;
  }

  /** Whether the waiting read keeps the terminal from echoing ({@code read -s}). */
  boolean silent() {
    return reader != null && silent;
  }

  /** What the terminal shows while a read waits ({@code read -p}'s prompt, or nothing). */
  String prompt() {
    return prompt;
  }

  /**
   * The next line for {@code then} (with its newline; null at the end of input): a typeahead line
   * at once, else the next line {@link #offer}ed, the terminal showing {@code prompt} (null for
   * none) meanwhile, as it shows a shell's prompt.
   */
  void read(String prompt, boolean silent, Consumer<String> then) {
    String line = typeahead.poll();
    if (line != null) {
      then.accept(line);
      return;
    }
    this.prompt = prompt == null ? "" : prompt;
    this.silent = silent;
    reader = then;
  }

  /**
   * A line typed while the foreground runs (without its newline): the waiting read's, or typeahead
   * for a later one.
   */
  void offer(String line) {
    Consumer<String> r = reader;
    if (r != null) {
      reader = null;
      r.accept(line + "\n");
    } else if (typeahead.size() < TYPEAHEAD_LINES) {
      typeahead.add(line + "\n");
    }
  }

  /** Ctrl-D at a waiting read: the end of input (status 1). */
  void endOfInput() {
    Consumer<String> r = reader;
    if (r != null) {
      reader = null;
      r.accept(null);
    }
  }

  /** Ctrl-C: the waiting read is abandoned with its command line, and the typeahead flushed. */
  void interrupt() {
    reader = null;
    typeahead.clear();
  }

  /** The foreground finished: typeahead no read took is dropped (the simulator runs no more). */
  void foregroundDone() {
    reader = null;
    typeahead.clear();
  }
}

package dev.ddlab.sim.runtime;

/**
 * What a simulated process does. The container runtime creates a {@link Proc} for each process (PID
 * 1 of a container, an exec, a child of a shell) and drives the program through these callbacks;
 * the program answers by writing output, scheduling timers on the virtual clock and finally calling
 * {@link Proc#exit(int)}.
 *
 * <p>Programs are looked up by name in the {@link ProgramRegistry}: the name comes from the
 * executable file's {@code program} attribute, or, for a multi-call binary such as busybox, from
 * argv[0].
 */
public interface Program {
  /** The process starts; argv, env, cwd and stdio are in {@code proc}. */
  void start(Proc proc);

  /** A line of stdin reached the process (without its newline). */
  default void stdin(Proc proc, String line) {}

  /**
   * Data from a pipe reached the process. Line-oriented programs get it line by line through {@link
   * #stdin}; a program that reads bytes (cat, wc) overrides this to see a last line that has no
   * newline as it is.
   */
  default void stdinData(Proc proc, String data) {
    for (String line : lines(data)) {
      stdin(proc, line);
    }
  }

  /** "a\nb\n" and "a\nb" are the lines a and b; "" is none. */
  static java.util.List<String> lines(String data) {
    if (data.isEmpty()) {
      return java.util.List.of();
    }
    String t = data.endsWith("\n") ? data.substring(0, data.length() - 1) : data;
    return java.util.List.of(t.split("\n", -1));
  }

  /** stdin was closed (Ctrl-D on a TTY, the end of a pipe). */
  default void stdinClosed(Proc proc) {}

  /**
   * A signal other than SIGKILL/SIGSTOP/SIGCONT was delivered (those the runtime handles itself).
   * The default follows Linux: an ordinary process dies of SIGTERM/SIGINT/SIGHUP with 128+n, but
   * PID 1 ignores signals it installed no handler for, which is why {@code docker stop} on {@code
   * sleep} waits for the timeout and ends in SIGKILL (137).
   */
  default void signal(Proc proc, Signal signal) {
    if (proc.pid() != 1 && signal.terminatesByDefault()) {
      proc.exit(128 + signal.number());
    }
  }

  /** The text an interactive program shows when it waits for input ("/ # "), or "". */
  default String prompt(Proc proc) {
    return "";
  }

  /**
   * Whether it waits for the next line of its input without a prompt of its own (a shell's {@code
   * read}): a terminal attached to it waits for the learner, not for time.
   */
  default boolean readingInput(Proc proc) {
    return false;
  }

  /** Whether a terminal shows what is typed to it (false while a {@code read -s} waits). */
  default boolean echoes(Proc proc) {
    return true;
  }
}

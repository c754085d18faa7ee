package dev.ddlab.sim.shell;

/**
 * Where the running command stands in a shell's input, and how each shell names it in an error out
 * of a terminal: bash {@code bash: line 3: read: …} (error.c's error_prolog; a script's path for
 * the name), busybox ash {@code sh: cd: line 2: …} after a builtin's name (ash_vmsg's startlinno),
 * dash {@code sh: 2: …}. At a prompt bash and ash name no line. The {@link Interpreter} owns one
 * and moves it to each simple command it runs.
 */
final class ErrorPlace {
  // the line of the simple command running now (0: none yet); the lines read before this input
  private int line;
  private int linesBefore;

  /**
   * How many lines of the shell's input came before the next text it runs: a shell reading a script
   * from its stdin ({@code bash < s.sh}) counts lines across the reads.
   */
  void linesBefore(int n) {
    linesBefore = n;
  }

  /** The running simple command starts at {@code commandLine} of the text being run. */
  void at(int commandLine) {
    line = linesBefore + commandLine;
  }

  /** The line of the simple command running now, from 1 (0 before the first). */
  int line() {
    return line;
  }

  /** The name an error starts with: bash out of a terminal adds the line, the others do not. */
  static String name(Interpreter sh) {
    int line = sh.place.line;
    return sh.dialect() == Dialect.BASH && !sh.interactive() && line > 0
        ? sh.name() + ": line " + line
        : sh.name();
  }

  /** busybox's "line N: " after a builtin's name: none at a prompt, from 0 in a -c string. */
  static String ash(Interpreter sh) {
    if (sh.interactive()) {
      return "";
    }
    int line = sh.place.line;
    return "line " + Math.max(0, sh.options().commandString() ? line - 1 : line) + ": ";
  }

  /** dash's line number in its errors ({@code sh: 2: foo: not found}); 1 at a prompt. */
  static int dash(Interpreter sh) {
    int line = sh.place.line;
    return sh.interactive() || line == 0 ? 1 : line;
  }
}

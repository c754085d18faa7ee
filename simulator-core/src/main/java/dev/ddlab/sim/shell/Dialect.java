package dev.ddlab.sim.shell;

/**
 * The differences between GNU bash (host, ubuntu images) and busybox ash (alpine, busybox images)
 * that a learner sees: error wording and prompts.
 */
public enum Dialect {
  BASH,
  ASH;

  /** "bash: foo: command not found" / "sh: foo: not found". */
  public String notFound(String shell, String command) {
    return this == BASH
        ? shell + ": " + command + ": command not found"
        : shell + ": " + command + ": not found";
  }

  /** The message for a syntax error at an interactive prompt. */
  public String syntaxError(String shell, ShellSyntaxException e) {
    if (e.incomplete()) {
      if (this == ASH) {
        return e.missing() != null && !e.missing().equals(")")
            ? shell + ": syntax error: unterminated quoted string"
            : shell + ": syntax error: unexpected end of file";
      }
      return e.missing() != null
          ? shell
              + ": unexpected EOF while looking for matching `"
              + e.missing()
              + "'\n"
              + shell
              + ": syntax error: unexpected end of file"
          : shell + ": syntax error: unexpected end of file";
    }
    if (this == ASH) {
      return e.token().equals("newline")
          ? shell + ": syntax error: unexpected newline"
          : shell + ": syntax error: unexpected \"" + e.token() + "\"";
    }
    return shell + ": syntax error near unexpected token `" + e.token() + "'";
  }
}

package dev.ddlab.sim.shell;

/**
 * The differences between GNU bash (host, ubuntu images), busybox ash (alpine, busybox images) and
 * dash (Debian's /bin/sh) that a learner sees: error wording and prompts.
 */
public enum Dialect {
  BASH,
  ASH,
  DASH;

  /**
   * "bash: foo: command not found", "sh: foo: not found", "sh: 1: foo: not found"; {@code location}
   * is bash's "line 1: " for non-interactive input, else "".
   */
  public String notFound(String shell, String location, String command) {
    return switch (this) {
      case BASH -> shell + ": " + location + command + ": command not found";
      case ASH -> shell + ": " + command + ": not found";
      case DASH -> shell + ": 1: " + command + ": not found";
    };
  }

  public String notFound(String shell, String command) {
    return notFound(shell, "", command);
  }

  /** The message for a syntax error. */
  public String syntaxError(String shell, ShellSyntaxException e) {
    String p = this == DASH ? shell + ": 1: " : shell + ": ";
    if (e.incomplete()) {
      if (this == BASH) {
        return e.missing() != null
            ? p
                + "unexpected EOF while looking for matching `"
                + e.missing()
                + "'\n"
                + p
                + "syntax error: unexpected end of file"
            : p + "syntax error: unexpected end of file";
      }
      if (this == DASH) {
        return e.missing() != null && !e.missing().equals(")")
            ? p + "Syntax error: Unterminated quoted string"
            : p + "Syntax error: end of file unexpected";
      }
      return e.missing() != null && !e.missing().equals(")")
          ? p + "syntax error: unterminated quoted string"
          : p + "syntax error: unexpected end of file";
    }
    return switch (this) {
      case BASH -> p + "syntax error near unexpected token `" + e.token() + "'";
      case DASH ->
          e.token().equals("newline")
              ? p + "Syntax error: newline unexpected"
              : p + "Syntax error: \"" + e.token() + "\" unexpected";
      case ASH ->
          e.token().equals("newline")
              ? p + "syntax error: unexpected newline"
              : p + "syntax error: unexpected \"" + e.token() + "\"";
    };
  }
}

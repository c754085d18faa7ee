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

  /**
   * What the shell prints when fork(2) fails with EAGAIN (over a pids limit): bash retries four
   * times (sleeping 1, 2, 4 and 8 s, which the simulator does not wait), busybox ash and dash give
   * up at once.
   */
  public String forkFailed(String shell) {
    return switch (this) {
      case BASH ->
          (shell + ": fork: retry: Resource temporarily unavailable\n").repeat(4)
              + shell
              + ": fork: Resource temporarily unavailable";
      case ASH -> shell + ": can't fork: Resource temporarily unavailable";
      case DASH -> shell + ": 1: Cannot fork";
    };
  }

  /** The status after a failed fork: bash's EX_NOEXEC, the others' error status. */
  public int forkFailedStatus() {
    return this == BASH ? 126 : 2;
  }

  /** The message for a syntax error. */
  public String syntaxError(String shell, ShellSyntaxException e) {
    String p = this == DASH ? shell + ": 1: " : shell + ": ";
    String expecting = e.expecting() == null ? "" : " (expecting \"" + e.expecting() + "\")";
    if (e.badName() != null) {
      return switch (this) {
        case BASH ->
            e.badName().equals("for loop variable")
                ? p + "`" + e.token() + "': not a valid identifier"
                : p + "syntax error near unexpected token `" + e.token() + "'";
        case ASH -> p + "syntax error: bad " + e.badName();
        case DASH -> p + "Syntax error: Bad " + e.badName();
      };
    }
    if (e.conditional() != null) {
      return p + e.conditional();
    }
    boolean quote = e.missing() != null && !e.missing().equals(")");
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
        return quote
            ? p + "Syntax error: Unterminated quoted string"
            : p + "Syntax error: end of file unexpected" + expecting;
      }
      return quote
          ? p + "syntax error: unterminated quoted string"
          : p + "syntax error: unexpected end of file" + expecting;
    }
    String token = e.token();
    return switch (this) {
      case BASH -> p + "syntax error near unexpected token `" + token + "'";
      case DASH ->
          token.equals("newline") || e.word()
              ? p + "Syntax error: " + (e.word() ? "word" : "newline") + " unexpected" + expecting
              : p + "Syntax error: \"" + token + "\" unexpected" + expecting;
      case ASH ->
          token.equals("newline") || e.word()
              ? p + "syntax error: unexpected " + (e.word() ? "word" : "newline") + expecting
              : p + "syntax error: unexpected \"" + token + "\"" + expecting;
    };
  }
}

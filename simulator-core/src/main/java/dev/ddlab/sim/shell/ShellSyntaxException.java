package dev.ddlab.sim.shell;

/**
 * Input the parser cannot accept. Either a real syntax error ({@link #token()} is the unexpected
 * token, "newline" at the end of input), or input that is merely incomplete ({@link #incomplete()}:
 * an open quote, a trailing {@code |} or backslash), which an interactive shell answers with its
 * continuation prompt.
 */
public final class ShellSyntaxException extends RuntimeException {
  private final String token;
  private final boolean incomplete;
  private final String missing;

  private ShellSyntaxException(String token, boolean incomplete, String missing) {
    super(incomplete ? "incomplete input" : "syntax error near unexpected token `" + token + "'");
    this.token = token;
    this.incomplete = incomplete;
    this.missing = missing;
  }

  public static ShellSyntaxException unexpected(String token) {
    return new ShellSyntaxException(token, false, null);
  }

  /** Incomplete input; {@code missing} is the closing quote or bracket awaited, or null. */
  public static ShellSyntaxException incomplete(String missing) {
    return new ShellSyntaxException(null, true, missing);
  }

  public String token() {
    return token;
  }

  public boolean incomplete() {
    return incomplete;
  }

  /** The quote or bracket still open ("\"", "'", ")", "`"), or null. */
  public String missing() {
    return missing;
  }
}

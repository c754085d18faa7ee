package dev.ddlab.sim.shell;

/**
 * Input the parser cannot accept. Either a real syntax error ({@link #token()} is the unexpected
 * token, "newline" at the end of input), or input that is merely incomplete ({@link #incomplete()}:
 * an open quote, a trailing {@code |} or backslash, an open {@code if} or here-document), which an
 * interactive shell answers with its continuation prompt. {@link #expecting()} is what busybox ash
 * and dash name in their messages ({@code (expecting "fi")}).
 */
public final class ShellSyntaxException extends RuntimeException {
  private final String token;
  private final boolean incomplete;
  private final String missing;
  private final String expecting;
  private final boolean word;
  private final String conditional;

  private ShellSyntaxException(
      String token,
      boolean incomplete,
      String missing,
      String expecting,
      boolean word,
      String conditional) {
    super(
        conditional != null
            ? conditional
            : incomplete
                ? "incomplete input"
                : "syntax error near unexpected token `" + token + "'");
    this.token = token;
    this.incomplete = incomplete;
    this.missing = missing;
    this.expecting = expecting;
    this.word = word;
    this.conditional = conditional;
  }

  public static ShellSyntaxException unexpected(String token) {
    return new ShellSyntaxException(token, false, null, null, false, null);
  }

  /**
   * An unexpected token where {@code expecting} was due; {@code word} when the token is an ordinary
   * word (ash and dash then say "word" instead of quoting it).
   */
  public static ShellSyntaxException unexpected(String token, String expecting, boolean word) {
    return new ShellSyntaxException(token, false, null, expecting, word, null);
  }

  /** Incomplete input; {@code missing} is the closing quote or bracket awaited, or null. */
  public static ShellSyntaxException incomplete(String missing) {
    return new ShellSyntaxException(
        null, true, missing, ")".equals(missing) ? ")" : null, false, null);
  }

  /** Incomplete input that ends where {@code expecting} ("fi", "done", ";;") was due. */
  public static ShellSyntaxException incompleteExpecting(String expecting) {
    return new ShellSyntaxException(null, true, null, expecting, false, null);
  }

  /**
   * A name ash and dash reject ("function name": busybox's {@code syntax error: bad function
   * name}); bash words these as an unexpected {@code token}.
   */
  public static ShellSyntaxException badName(String what, String token) {
    return new ShellSyntaxException(token, false, null, null, false, "\0bad " + what);
  }

  /**
   * An error inside bash's {@code [[ … ]]}, which bash words on its own ("conditional binary
   * operator expected").
   */
  public static ShellSyntaxException conditional(String message, String token) {
    return new ShellSyntaxException(token, false, null, null, false, message);
  }

  /** An error the shell words on its own ({@code syntax error: unexpected redirection}). */
  public static ShellSyntaxException worded(String message, String token) {
    return new ShellSyntaxException(token, false, null, null, false, message);
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

  /** The word the parser was waiting for, or null. */
  public String expecting() {
    return expecting;
  }

  /** Whether the unexpected token is an ordinary word rather than an operator or keyword. */
  public boolean word() {
    return word;
  }

  /** bash's own message for an error inside {@code [[ … ]]}, or null. */
  public String conditional() {
    return conditional == null || conditional.startsWith("\0") ? null : conditional;
  }

  /** What {@link #badName} rejected ("function name"), or null. */
  public String badName() {
    return conditional != null && conditional.startsWith("\0bad ")
        ? conditional.substring("\0bad ".length())
        : null;
  }
}

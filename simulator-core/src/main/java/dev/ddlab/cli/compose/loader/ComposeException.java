package dev.ddlab.cli.compose.loader;

/** A Compose file that cannot be loaded: compose's own error text (exit status 1). */
public final class ComposeException extends RuntimeException {
  public ComposeException(String message) {
    super(message);
  }

  /** compose-go's {@code errdefs.ErrInvalid} suffix. */
  public static ComposeException invalid(String message) {
    return new ComposeException(message + ": invalid compose project");
  }
}

package dev.ddlab.cli.command;

/**
 * docker/cli's StatusError: a message for stderr (may be empty) and the exit status. Thrown by
 * commands, printed once by the dispatcher.
 */
public class CliException extends RuntimeException {
  private final int status;

  public CliException(String message, int status) {
    super(message, null, false, false);
    this.status = status;
  }

  public CliException(String message) {
    this(message, 1);
  }

  public int status() {
    return status;
  }
}

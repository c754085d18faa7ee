package dev.ddlab.cli.command;

/**
 * A flag's value that a command rejects once it runs (docker/cli parses it with the flag, so
 * cobra's flag error function words it): the dispatcher adds "See 'docker CMD --help'." and exits
 * 125.
 */
public final class FlagError extends CliException {
  public FlagError(String message) {
    super(message, 125);
  }
}

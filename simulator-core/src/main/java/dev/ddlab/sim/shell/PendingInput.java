package dev.ddlab.sim.shell;

/**
 * The command being typed over several lines: input that is incomplete (an open quote, a trailing
 * {@code |}, {@code &&} or backslash) waits for the next line, as bash and ash show "> ".
 */
final class PendingInput {
  private final StringBuilder text = new StringBuilder();

  /** The complete input ending with this line, or null when it needs more lines. */
  String offer(String line) {
    String input = text.length() > 0 ? text + "\n" + line : line;
    text.setLength(0);
    try {
      Parser.parse(input);
    } catch (ShellSyntaxException e) {
      if (e.incomplete()) {
        text.append(input);
        return null;
      }
    }
    return input;
  }

  /** Whether a continuation line is awaited. */
  boolean waiting() {
    return text.length() > 0;
  }

  void clear() {
    text.setLength(0);
  }
}

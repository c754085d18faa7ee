package dev.ddlab.sim.shell;

import dev.ddlab.sim.shell.Ast.CommandList;
import java.util.function.Function;

/**
 * The command being typed over several lines: input that is incomplete (an open quote, a trailing
 * {@code |}, {@code &&} or backslash) waits for the next line, as bash and ash show "> ".
 */
final class PendingInput {
  private final StringBuilder text = new StringBuilder();
  private final Function<String, CommandList> parser;

  /**
   * @param parser the shell's parser, which remembers this parse for the run that follows
   */
  PendingInput(Function<String, CommandList> parser) {
    this.parser = parser;
  }

  /** The complete input ending with this line, or null when it needs more lines. */
  String offer(String line) {
    String input = text.length() > 0 ? text + "\n" + line : line;
    text.setLength(0);
    try {
      parser.apply(input);
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

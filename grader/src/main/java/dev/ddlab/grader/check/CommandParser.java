package dev.ddlab.grader.check;

import java.util.List;
import java.util.Optional;

/**
 * Parses command lines with the docker CLI's own grammar, so a check written as {@code -d --name x}
 * matches {@code --name=x -d} and {@code docker container run} matches {@code docker run}.
 */
public interface CommandParser {
  /** The command, or empty when the line is not a valid docker command. */
  Optional<ParsedCommand> parse(List<String> words);

  /** The canonical path of a command written as words ("docker ps" → docker container ls). */
  Optional<List<String>> canonicalPath(List<String> words);
}

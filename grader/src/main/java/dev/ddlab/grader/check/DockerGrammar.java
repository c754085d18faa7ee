package dev.ddlab.grader.check;

import dev.ddlab.cli.DockerSyntax;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link CommandParser} over the docker CLI's own grammar ({@link DockerSyntax}). Other programs
 * ({@code systemctl restart docker}, {@code ps -elf}) parse as their name followed by positional
 * words, which is all a check needs to say about them.
 */
public final class DockerGrammar implements CommandParser {
  /**
   * Checks parse the same lines again after every replayed line, and building picocli's model is
   * the expensive part: parses are memoised (bounded; cleared when full).
   */
  private static final int MEMO_LIMIT = 20_000;

  private final Map<List<String>, Optional<ParsedCommand>> memo = new ConcurrentHashMap<>();

  @Override
  public Optional<ParsedCommand> parse(List<String> words) {
    Optional<ParsedCommand> hit = memo.get(words);
    if (hit != null) {
      return hit;
    }
    if (memo.size() >= MEMO_LIMIT) {
      memo.clear();
    }
    Optional<ParsedCommand> parsed = parseUncached(List.copyOf(words));
    memo.put(List.copyOf(words), parsed);
    return parsed;
  }

  private Optional<ParsedCommand> parseUncached(List<String> words) {
    if (words.isEmpty()) {
      return Optional.empty();
    }
    if (!words.get(0).equals("docker")) {
      return Optional.of(
          new ParsedCommand(List.of(words.get(0)), Map.of(), words.subList(1, words.size())));
    }
    return DockerSyntax.parse(words.subList(1, words.size()))
        .map(
            p -> {
              List<String> path = new ArrayList<>();
              path.add("docker");
              path.addAll(p.path());
              return new ParsedCommand(path, p.options(), p.positionals());
            });
  }

  @Override
  public Optional<List<String>> canonicalPath(List<String> words) {
    return parse(words).map(ParsedCommand::path);
  }
}

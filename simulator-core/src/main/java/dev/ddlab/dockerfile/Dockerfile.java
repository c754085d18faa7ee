package dev.ddlab.dockerfile;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A parsed Dockerfile: the ARGs before the first FROM (meta args, usable in FROM lines), the
 * stages, and what the parser noticed.
 */
public record Dockerfile(
    List<Instruction.Arg> metaArgs,
    List<Stage> stages,
    char escape,
    String syntax,
    List<String> warnings) {
  public Dockerfile {
    metaArgs = List.copyOf(metaArgs);
    stages = List.copyOf(stages);
    warnings = List.copyOf(warnings);
  }

  /**
   * Parses a Dockerfile's text into stages ({@link DockerfileParser}, then {@link Instructions}).
   */
  public static Dockerfile parse(String text) {
    return Instructions.parse(DockerfileParser.parse(text));
  }

  /**
   * Parses a Dockerfile's text; without {@code heredocs} as Docker 20.10's classic builder reads it
   * (see {@link DockerfileParser#parse(String, boolean)}).
   */
  public static Dockerfile parse(String text, boolean heredocs) {
    return Instructions.parse(DockerfileParser.parse(text, heredocs));
  }

  /** The stage named so (case-insensitive), or with that index when the name is a number. */
  public Optional<Stage> stage(String nameOrIndex) {
    String n = nameOrIndex.toLowerCase(Locale.ROOT);
    for (Stage s : stages) {
      if (!s.name().isEmpty() && s.name().equals(n)) {
        return Optional.of(s);
      }
    }
    if (n.matches("[0-9]+")) {
      try {
        int i = Integer.parseInt(n);
        if (i < stages.size()) {
          return Optional.of(stages.get(i));
        }
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }
}

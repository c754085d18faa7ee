package dev.ddlab.cli;

import dev.ddlab.cli.command.CommandParse;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a docker command line with the CLI's own grammar without running it, for lab checks that
 * ask "was this command run with these flags": {@code docker run -d --name x} and {@code docker
 * container run --name=x -d} parse to the same command and options. The public face of the CLI's
 * parser; the grader uses this, never the command classes.
 */
public final class DockerSyntax {
  private DockerSyntax() {}

  /**
   * A parsed command.
   *
   * @param path the canonical command path: the management form when there is one (["container",
   *     "ls"] for {@code docker ps}), else the top-level name (["version"])
   * @param options each option given, under every one of its names ("-d" and "--detach"), with its
   *     values in order ("true" for a boolean flag)
   * @param positionals the positional arguments in order
   */
  public record Parsed(
      List<String> path, Map<String, List<String>> options, List<String> positionals) {}

  /** Parses the words after {@code docker}; empty when docker would reject them. */
  public static Optional<Parsed> parse(List<String> argv) {
    return CommandParse.parse(argv);
  }
}

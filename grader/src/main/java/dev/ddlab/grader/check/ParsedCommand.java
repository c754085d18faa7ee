package dev.ddlab.grader.check;

import java.util.List;
import java.util.Map;

/**
 * A {@code docker …} command line as the CLI grammar understands it.
 *
 * @param path the command path with aliases resolved, e.g. ["docker", "container", "run"] for
 *     {@code docker run}
 * @param options every option given, keyed by each of its names ("-d" and "--detach" both), values
 *     in the order given ("true" for a flag)
 * @param positionals the positional arguments in order (image, command, args …)
 */
public record ParsedCommand(
    List<String> path, Map<String, List<String>> options, List<String> positionals) {

  /** Whether this is the command written as {@code words}, e.g. "docker run". */
  public boolean is(List<String> canonicalPath) {
    return path.equals(canonicalPath);
  }
}

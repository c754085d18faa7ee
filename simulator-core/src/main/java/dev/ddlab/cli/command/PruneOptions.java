package dev.ddlab.cli.command;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The flags every prune command shares, and its confirmation question (-f skips it: {@link
 * DockerCommand#confirmThen}).
 */
public final class PruneOptions {
  @Option(
      names = "--filter",
      paramLabel = "filter",
      description = "Provide filter values (e.g. \"until=<timestamp>\")")
  List<String> filter = new ArrayList<>();

  @Option(
      names = {"-f", "--force"},
      description = "Do not prompt for confirmation")
  boolean force;

  /** The warning with docker's question after it. */
  static String question(String warning) {
    return warning + "\nAre you sure you want to continue? [y/N] ";
  }
}

package dev.ddlab.cli.command;

import dev.ddlab.client.CommandIo;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The flags every prune command shares, and its confirmation prompt (skipped with -f). */
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

  /** Whether to go on: -f, or "y" typed after the warning and docker's question. */
  boolean confirmed(CommandIo io, String warning) {
    return force || Prompts.confirm(io, warning + "\nAre you sure you want to continue? [y/N] ");
  }
}

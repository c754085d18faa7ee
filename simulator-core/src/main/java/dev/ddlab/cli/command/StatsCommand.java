package dev.ddlab.cli.command;

import dev.ddlab.cli.formatter.FormatContext;
import dev.ddlab.cli.formatter.Refs;
import dev.ddlab.cli.formatter.StatsRows;
import dev.ddlab.cli.template.GoObject;
import dev.ddlab.client.CliResult;
import dev.ddlab.engine.EngineException;
import dev.ddlab.engine.Pending;
import dev.ddlab.engine.dto.ContainerStats;
import dev.ddlab.engine.dto.ContainerSummary;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code docker stats} as docker/cli's runStats: the named containers, or those running (all with
 * {@code -a}); with {@code --no-stream} one sample each (the daemon's second sample, so CPU %
 * covers one second), else a live table redrawn on a cleared screen as samples come until Ctrl-C
 * ({@link StatsStream}). A container that does not exist fails the whole command with the daemon's
 * error.
 */
@Command(name = "stats")
@Docker(
    use = "[OPTIONS] [CONTAINER...]",
    summary = "Display a live stream of container(s) resource usage statistics",
    aliases = "docker container stats, docker stats")
public final class StatsCommand extends DockerCommand {
  /** How long --no-stream waits for an answer at most. */
  private static final Duration ANSWER_LIMIT = Duration.ofMinutes(1);

  @Option(
      names = {"-a", "--all"},
      description = "Show all containers (default shows just running)")
  boolean all;

  @Option(names = "--format", paramLabel = "string", description = TABLE_FORMAT_HELP)
  String format = "";

  @Option(
      names = "--no-stream",
      description = "Disable streaming stats and only pull the first result")
  boolean noStream;

  @Option(names = "--no-trunc", description = "Do not truncate output")
  boolean noTrunc;

  @Parameters List<String> args = new ArrayList<>();

  @Override
  public Integer call() {
    String fmt = StatsRows.format(format);
    try {
      new FormatContext(fmt).parse();
    } catch (FormatContext.FormatException e) {
      throw new CliException(e.getMessage(), 1);
    }
    List<String> names = new ArrayList<>(args);
    if (names.isEmpty()) {
      for (ContainerSummary c : engine.containers().list(all, -1, false, Map.of())) {
        names.add(Refs.truncateId(c.id()));
      }
    }
    if (noStream) {
      io.out(table(fmt, once(names)));
      return 0;
    }
    StatsStream stream =
        new StatsStream(engine, names, args.isEmpty(), all, rows -> table(fmt, rows));
    List<String> errors = stream.errors();
    if (!errors.isEmpty()) {
      stream.close();
      throw new CliException(String.join("\n", errors), 1);
    }
    result = CliResult.attached(stream);
    return 0;
  }

  /** One sample of each container, asked for all at once as the CLI's collectors do. */
  private List<StatsRows.Figures> once(List<String> names) {
    List<Pending<ContainerStats>> asked = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    for (String n : names) {
      try {
        asked.add(engine.containers().stats(n));
      } catch (EngineException e) {
        errors.add(itemError(e));
        asked.add(null);
      }
    }
    List<StatsRows.Figures> rows = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      Pending<ContainerStats> p = asked.get(i);
      if (p == null) {
        continue;
      }
      try {
        if (p.await(ANSWER_LIMIT)) {
          rows.add(StatsRows.figures(names.get(i), p.get()));
        }
      } catch (EngineException e) {
        errors.add(itemError(e));
      }
    }
    if (!errors.isEmpty()) {
      throw new CliException(String.join("\n", errors), 1);
    }
    return rows;
  }

  private String table(String fmt, List<StatsRows.Figures> rows) {
    List<GoObject> objects = new ArrayList<>();
    for (StatsRows.Figures f : rows) {
      objects.add(StatsRows.row(f, !noTrunc));
    }
    try {
      return new FormatContext(fmt).write(objects, StatsRows.header());
    } catch (FormatContext.FormatException e) {
      throw new CliException(e.getMessage(), 1);
    }
  }
}

package dev.ddlab.cli.command;

import dev.ddlab.engine.EngineException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** docker/cli's system.NewInspectCommand: inspects whatever object the name refers to. */
@Command(name = "inspect")
@Docker(
    use = "[OPTIONS] NAME|ID [NAME|ID...]",
    summary = "Return low-level information on Docker objects",
    minArgs = 1)
public final class InspectCommand extends DockerCommand {
  @Option(
      names = {"-f", "--format"},
      paramLabel = "string",
      description = INSPECT_FORMAT_HELP)
  String format = "";

  @Option(
      names = {"-s", "--size"},
      description = "Display total file sizes if the type is container")
  boolean size;

  @Option(names = "--type", paramLabel = "string", description = "Return JSON for specified type")
  String type = "";

  @Parameters List<String> args = new ArrayList<>();

  @Override
  public Integer call() {
    List<String> kinds =
        switch (type) {
          case "" -> List.of("container", "image", "network", "volume");
          case "container", "image", "network", "volume" -> List.of(type);
          default -> throw new CliException("\"" + type + "\" is not a valid value for --type", 1);
        };
    return Inspector.inspect(this, args, format, ref -> find(ref, kinds));
  }

  private Object find(String ref, List<String> kinds) {
    for (String kind : kinds) {
      try {
        return switch (kind) {
          case "container" -> engine.containers().inspect(ref);
          case "image" -> engine.images().inspect(ref);
          case "network" -> engine.networks().inspect(ref);
          default -> engine.volumes().inspect(ref);
        };
      } catch (EngineException e) {
        // with --type the daemon's error is the answer; without, the next kind is tried
        if (!e.isNotFound() || kinds.size() == 1) {
          throw e;
        }
      }
    }
    throw new CliException("Error: No such object: " + ref, 1);
  }
}

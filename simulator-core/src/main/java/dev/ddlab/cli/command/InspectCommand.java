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

  /** docker/cli 24's inspectAll order; the swarm kinds only on a swarm manager when untyped. */
  private static final List<String> KINDS =
      List.of(
          "container",
          "image",
          "network",
          "volume",
          "service",
          "task",
          "node",
          "plugin",
          "secret",
          "config");

  private static final java.util.Set<String> SWARM_KINDS =
      java.util.Set.of("service", "task", "node", "secret", "config");

  /** The kinds an untyped reference is looked up as, in docker/cli's inspectAll order. */
  private static final List<String> UNTYPED = KINDS;

  @Override
  public Integer call() {
    swarmManager = null; // commands are pooled: asked anew each time
    List<String> kinds;
    if (type.isEmpty()) {
      kinds = UNTYPED;
    } else if (KINDS.contains(type)) {
      kinds = List.of(type);
    } else {
      throw new CliException("\"" + type + "\" is not a valid value for --type", 1);
    }
    return Inspector.inspect(this, args, format, ref -> find(ref, kinds));
  }

  private Boolean swarmManager;

  /**
   * Info's Swarm.ControlAvailable, asked once per command and only when an untyped reference got as
   * far as the swarm kinds, as docker/cli does.
   */
  private boolean isSwarmManager() {
    if (swarmManager == null) {
      swarmManager = askSwarmManager();
    }
    return swarmManager;
  }

  private boolean askSwarmManager() {
    try {
      java.util.Map<String, Object> swarm = engine.system().info().swarm();
      return swarm != null && Boolean.TRUE.equals(swarm.get("ControlAvailable"));
    } catch (EngineException e) {
      err(e.getMessage());
      return false;
    }
  }

  private Object find(String ref, List<String> kinds) {
    for (String kind : kinds) {
      if (kinds.size() > 1 && SWARM_KINDS.contains(kind) && !isSwarmManager()) {
        continue;
      }
      try {
        return switch (kind) {
          case "container" -> engine.containers().inspect(ref, size);
          case "image" -> engine.images().inspect(ref);
          case "network" -> engine.networks().inspect(ref);
          case "volume" -> engine.volumes().inspect(ref);
          case "service" -> engine.services().inspect(ref, true);
          case "task" -> engine.tasks().inspect(ref);
          case "node" -> engine.nodes().inspect(ref);
          case "secret" -> engine.secrets().inspect(ref);
          case "config" -> engine.configs().inspect(ref);
          // a node without plugins: moby's plugin store answers for any name
          default -> throw EngineException.notFound("plugin \"" + ref + "\" not found");
        };
      } catch (EngineException e) {
        // with --type the daemon's error is the answer; without, the next kind is tried
        // (docker/cli's isErrSkippable: not found, "not supported", a bad reference)
        if (kinds.size() == 1 || !skippable(e)) {
          throw e;
        }
      }
    }
    throw new CliException("Error: No such object: " + ref, 1);
  }

  private static boolean skippable(EngineException e) {
    String m = e.getMessage() == null ? "" : e.getMessage();
    return e.isNotFound() || m.contains("not supported") || m.contains("invalid reference format");
  }
}

package dev.ddlab.cli.compose;

import dev.ddlab.cli.command.CliException;
import dev.ddlab.cli.command.Docker;
import dev.ddlab.cli.compose.types.Project;
import dev.ddlab.engine.dto.ContainerSummary;
import dev.ddlab.engine.dto.Port;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Compose's commands on the running containers of a project: {@code kill}, {@code pause}, {@code
 * unpause} (each with compose v2's progress words) and {@code port}, which prints the address a
 * service's container port is published on.
 */
final class ComposeControl {
  private ComposeControl() {}

  /**
   * The containers of {@code services} in {@code state}, in start order, each acted on under a
   * progress line ("Container app-web-1 Killing" → "Killed").
   */
  private static int each(
      ComposeCommand cmd,
      Consumer<String> stderr,
      List<String> services,
      String state,
      String title,
      String working,
      String done,
      Consumer<ContainerSummary> action) {
    Project p = cmd.project(services);
    List<ContainerSummary> targets = new ArrayList<>();
    for (ContainerSummary c : cmd.compose().inOrder(p, services, false)) {
      if (state.equals(c.state())) {
        targets.add(c);
      }
    }
    return each(cmd, stderr, targets, title, working, done, action);
  }

  private static int each(
      ComposeCommand cmd,
      Consumer<String> stderr,
      List<ContainerSummary> targets,
      String title,
      String working,
      String done,
      Consumer<ContainerSummary> action) {
    if (targets.isEmpty() && title.equals("Killing")) {
      stderr.accept("no container to kill"); // compose says so and succeeds
      return 0;
    }
    cmd.withProgress(
        title,
        pr -> {
          for (ContainerSummary c : targets) {
            String id = "Container " + ComposeService.name(c);
            pr.working(id, working);
            action.accept(c);
            pr.done(id, done);
          }
        });
    return 0;
  }

  /** The running container number {@code index} of a service (exec, port), as compose finds it. */
  static ContainerSummary replica(ComposeCommand cmd, String service, int index) {
    Project p = cmd.project(List.of(service));
    for (ContainerSummary c : cmd.compose().containers(p.name(), false, List.of(service))) {
      if (ComposeService.number(c) == index) {
        return c;
      }
    }
    throw new CliException("service \"" + service + "\" is not running container #" + index, 1);
  }

  @Command(name = "kill")
  @Docker(use = "[OPTIONS] [SERVICE...]", summary = "Force stop service containers")
  static final class Kill extends ComposeCommands.WithServices {
    @Option(
        names = {"-s", "--signal"},
        paramLabel = "string",
        defaultValue = "SIGKILL",
        description = "SIGNAL to send to the container")
    String signal;

    @Option(
        names = "--remove-orphans",
        description = "Remove containers for services not defined in the Compose file")
    Boolean removeOrphans;

    /**
     * compose's kill: the project's running containers, one-offs of {@code run} included, in start
     * order; with {@code --remove-orphans} (or COMPOSE_REMOVE_ORPHANS) also those of services the
     * file no longer defines, which are killed, not removed, despite the flag's words.
     */
    @Override
    int run() {
      Project p = project(services);
      boolean orphans =
          removeOrphans != null
              ? removeOrphans
              : stringToBool(io.environment().get("COMPOSE_REMOVE_ORPHANS"));
      List<ContainerSummary> running = compose().containers(p.name(), false, services, true);
      List<ContainerSummary> targets = new ArrayList<>();
      for (String svc : p.startOrder()) {
        running.stream()
            .filter(c -> svc.equals(ComposeService.label(c, ComposeService.SERVICE)))
            .forEach(targets::add);
      }
      if (orphans) {
        running.stream()
            .filter(c -> !p.services().containsKey(ComposeService.label(c, ComposeService.SERVICE)))
            .forEach(targets::add);
      }
      return each(
          this,
          this::err,
          targets,
          "Killing",
          "Killing",
          "Killed",
          c -> engine.containers().kill(c.id(), signal));
    }
  }

  /** compose's utils.StringToBool: "1" or "true" in any case. */
  private static boolean stringToBool(String s) {
    return s != null && (s.equals("1") || s.equalsIgnoreCase("true"));
  }

  @Command(name = "pause")
  @Docker(use = "[SERVICE...]", summary = "Pause services")
  static final class Pause extends ComposeCommands.WithServices {
    @Override
    int run() {
      return each(
          this,
          this::err,
          services,
          "running",
          "Pausing",
          "Pausing",
          "Paused",
          c -> engine.containers().pause(c.id()));
    }
  }

  @Command(name = "unpause")
  @Docker(use = "[SERVICE...]", summary = "Unpause services")
  static final class Unpause extends ComposeCommands.WithServices {
    @Override
    int run() {
      return each(
          this,
          this::err,
          services,
          "paused",
          "Unpausing",
          "Unpausing",
          "Unpaused",
          c -> engine.containers().unpause(c.id()));
    }
  }

  @Command(name = "port")
  @Docker(
      use = "[OPTIONS] SERVICE PRIVATE_PORT",
      summary = "Print the public port for a port binding",
      minArgs = 2,
      maxArgs = 2)
  static final class PortCommand extends ComposeCommand.WithShortFile {
    @Option(
        names = "--index",
        paramLabel = "int",
        defaultValue = "1",
        description = "Index of the container if service has multiple replicas")
    int index;

    @Option(
        names = "--protocol",
        paramLabel = "string",
        defaultValue = "tcp",
        description = "tcp or udp")
    String protocol;

    @Parameters List<String> args = new ArrayList<>();

    @Override
    int run() {
      String service = args.get(0);
      int port;
      try {
        port = Integer.parseInt(args.get(1));
      } catch (NumberFormatException e) {
        throw new CliException(
            "strconv.ParseUint: parsing \"" + args.get(1) + "\": invalid syntax", 1);
      }
      ContainerSummary target = replica(this, service, index);
      for (Port binding : target.ports() == null ? List.<Port>of() : target.ports()) {
        if (binding.privatePort() == port
            && protocol.equals(binding.type())
            && binding.publicPort() != null) {
          out(binding.ip() + ":" + binding.publicPort());
          return 0;
        }
      }
      throw new CliException(
          "no port " + port + "/" + protocol + " for container " + ComposeService.name(target), 1);
    }
  }
}

package dev.ddlab.cli.compose;

import dev.ddlab.cli.command.CliException;
import dev.ddlab.cli.command.Docker;
import dev.ddlab.cli.compose.types.Project;
import dev.ddlab.cli.compose.types.Project.Service;
import dev.ddlab.client.CliResult;
import dev.ddlab.engine.Attachment;
import dev.ddlab.engine.dto.ContainerSummary;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code docker compose run SERVICE [COMMAND]}: the service's dependencies started as {@code up -d}
 * starts them (unless {@code --no-deps}), then a one-off container of the service, {@code
 * <project>-<service>-run-<12 hex>}, with a TTY and stdin when the terminal has them, no published
 * ports unless asked, attached until it exits (its exit status is the command's), or its name
 * printed with {@code -d}.
 */
@Command(name = "run")
@Docker(
    use = "[OPTIONS] SERVICE [COMMAND] [ARGS...]",
    summary = "Run a one-off command on a service",
    minArgs = 1,
    stopAtPositional = true)
final class ComposeRun extends ComposeCommand.WithShortFile {
  @Option(
      names = {"-d", "--detach"},
      description = "Run container in background and print container ID")
  boolean detach;

  @Option(names = "--rm", description = "Automatically remove the container when it exits")
  boolean rm;

  @Option(names = "--name", paramLabel = "string", description = "Assign a name to the container")
  String name;

  @Option(
      names = {"-e", "--env"},
      paramLabel = "stringArray",
      description = "Set environment variables")
  List<String> env = new ArrayList<>();

  @Option(
      names = "--entrypoint",
      paramLabel = "string",
      description = "Override the entrypoint of the image")
  String entrypoint;

  @Option(
      names = {"-T", "--no-TTY"},
      description = "Disable pseudo-TTY allocation (default: auto-detected)")
  boolean noTty;

  @Option(
      names = {"-u", "--user"},
      paramLabel = "string",
      description = "Run as specified username or uid")
  String user = "";

  @Option(
      names = {"-w", "--workdir"},
      paramLabel = "string",
      description = "Working directory inside the container")
  String workdir = "";

  @Option(
      names = "--service-ports",
      description = "Run command with all service's ports enabled and mapped to the host")
  boolean servicePorts;

  @Option(
      names = "--publish",
      paramLabel = "stringArray",
      description = "Publish a container's port(s) to the host")
  List<String> publish = new ArrayList<>();

  /** {@code run -p} publishes (compose v2's {@code -p, --publish}). */
  @Override
  boolean shortPNamesProject() {
    return false;
  }

  @Option(names = "--no-deps", description = "Don't start linked services")
  boolean noDeps;

  @Parameters List<String> args = new ArrayList<>();

  /** How long run waits for its dependencies' conditions (virtual time) before giving up. */
  private static final Duration DEPENDENCY_WAIT = Duration.ofHours(1);

  @Override
  int run() {
    String serviceName = args.get(0);
    Project all = checked(project(List.of(serviceName)), List.of(serviceName));
    Service service = all.services().get(serviceName);
    ComposeService cs = compose();
    List<String> deps = new ArrayList<>(service.dependsOn().keySet());
    Project own = all.select(List.of(serviceName));
    if (!noDeps && !deps.isEmpty()) {
      startDependencies(cs, all.select(deps), all.allServices().keySet());
    }
    withProgress("Running", pr -> cs.prepare(own, pr));
    boolean tty = !noTty && io.isTty();
    String slug = slug(all.name(), serviceName);
    String containerName =
        name != null ? name : all.name() + "-" + serviceName + "-run-" + slug.substring(0, 12);
    List<Project.Port> ports = new ArrayList<>();
    List<String> published = new ArrayList<>(publish);
    published.addAll(shortP);
    for (String spec : published) {
      ports.add(dev.ddlab.cli.compose.loader.ComposeLoader.port(spec));
    }
    String id =
        cs.createOneOff(
            own,
            own.services().get(serviceName),
            new ComposeService.OneOff(
                containerName,
                slug,
                List.copyOf(args.subList(1, args.size())),
                entrypoint == null ? null : List.of(entrypoint),
                List.copyOf(env),
                user,
                workdir,
                tty,
                servicePorts,
                ports,
                rm));
    if (detach) {
      engine.containers().start(id);
      out(containerName);
      return 0;
    }
    Attachment a = engine.containers().attach(id, true);
    engine.containers().start(id);
    if (tty) {
      result = CliResult.attached(a);
      return 0;
    }
    return followForeground(a);
  }

  /** The dependencies as {@code up -d} starts them, their conditions awaited on engine time. */
  private void startDependencies(ComposeService cs, Project deps, Set<String> defined) {
    withProgress(
        "Running",
        progress -> {
          cs.create(
              deps,
              new ComposeService.UpOptions(false, java.util.Map.of(), false, defined),
              progress);
          ComposeStart start = new ComposeStart(engine, cs, deps, progress);
          long waited = 0;
          while (!start.advance()) {
            if (waited >= DEPENDENCY_WAIT.toMillis()) {
              throw new CliException("dependencies did not start in time", 1);
            }
            engine.system().after(Duration.ofMillis(500)).await(Duration.ofSeconds(5));
            waited += 500;
          }
          start.takeWarnings().forEach(this::warn);
        });
  }

  /**
   * The one-off's slug: 64 hex digits, as compose draws at random; here from the project, service
   * and engine time, so a session replays the same names.
   */
  private String slug(String project, String service) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      int taken = 0;
      for (ContainerSummary c : engine.containers().list(true, 0, false, null)) {
        taken += c.names().get(0).contains("-run-") ? 1 : 0;
      }
      String seed = project + "/" + service + "/" + engine.system().nowNanos() + "/" + taken;
      return HexFormat.of().formatHex(sha.digest(seed.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

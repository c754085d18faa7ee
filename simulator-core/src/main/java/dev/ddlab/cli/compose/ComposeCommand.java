package dev.ddlab.cli.compose;

import dev.ddlab.cli.command.BuildContext;
import dev.ddlab.cli.command.BuildProgress;
import dev.ddlab.cli.command.CliException;
import dev.ddlab.cli.command.DockerCommand;
import dev.ddlab.cli.compose.loader.ComposeException;
import dev.ddlab.cli.compose.loader.ComposeLoader;
import dev.ddlab.cli.compose.types.Project;
import dev.ddlab.cli.formatter.Refs;
import dev.ddlab.client.CommandIo;
import dev.ddlab.engine.EngineException;
import dev.ddlab.engine.dto.BuildRequest;
import dev.ddlab.fs.Paths;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * Base of the {@code docker compose} subcommands: compose's persistent flags ({@code -f}, {@code
 * -p}, {@code --project-directory}, {@code --env-file}, {@code --ansi}, {@code --progress}), which
 * may also stand before the subcommand ({@code docker compose -f x.yml up}), the project loader,
 * the progress display, and compose's error reporting (the message alone, status 1).
 */
abstract class ComposeCommand extends DockerCommand {
  @Option(names = "--file", paramLabel = "stringArray", description = "Compose configuration files")
  List<String> files = new ArrayList<>();

  @Option(names = "--project-name", paramLabel = "string", description = "Project name")
  String projectName = "";

  /**
   * {@code -p}: the project name after every subcommand but {@code run}, where compose v2 makes it
   * {@code --publish} (before any subcommand the dispatcher has already turned it into {@code
   * --project-name}).
   */
  @Option(names = "-p", paramLabel = "string", description = "Project name", hidden = true)
  List<String> shortP = new ArrayList<>();

  /** Whether {@code -p} after the subcommand names the project (all but {@code run}). */
  boolean shortPNamesProject() {
    return true;
  }

  /** {@code --project-name}, else the last {@code -p} where that names the project, else "". */
  String projectNameFlag() {
    if (!projectName.isEmpty() || !shortPNamesProject() || shortP.isEmpty()) {
      return projectName;
    }
    return shortP.get(shortP.size() - 1);
  }

  @Option(
      names = "--project-directory",
      paramLabel = "string",
      description =
          "Specify an alternate working directory\n(default: the path of the, first specified,"
              + " Compose file)")
  String projectDirectory = "";

  @Option(
      names = "--env-file",
      paramLabel = "stringArray",
      description = "Specify an alternate environment file.")
  List<String> envFiles = new ArrayList<>();

  @Option(
      names = "--ansi",
      paramLabel = "string",
      description = "Control when to print ANSI control characters (\"never\"|\"always\"|\"auto\")",
      defaultValue = "auto")
  String ansi = "auto";

  @Option(
      names = "--progress",
      paramLabel = "string",
      description = "Set type of progress output (auto, tty, plain, quiet)",
      defaultValue = "auto")
  String progressMode = "auto";

  @Option(
      names = "--profile",
      paramLabel = "stringArray",
      description = "Specify a profile to enable")
  List<String> profiles = new ArrayList<>();

  /**
   * The subcommands without a {@code -f} of their own also take {@code -f} for {@code --file}, as
   * compose's persistent flag (logs -f is follow, rm -f force, version -f format).
   */
  abstract static class WithShortFile extends ComposeCommand {
    @Option(
        names = "-f",
        paramLabel = "stringArray",
        description = "Compose configuration files",
        hidden = true)
    List<String> shortFiles = new ArrayList<>();

    @Override
    List<String> files() {
      List<String> all = new ArrayList<>(files);
      all.addAll(shortFiles);
      return all;
    }
  }

  List<String> files() {
    return files;
  }

  /** The flags above that take a value, for hoisting them from before the subcommand. */
  static final List<String> VALUE_FLAGS =
      List.of(
          "-f",
          "--file",
          "-p",
          "--project-name",
          "--project-directory",
          "--env-file",
          "--ansi",
          "--progress",
          "--profile");

  ComposeService compose() {
    return new ComposeService(engine, this::buildImage);
  }

  /**
   * compose's build of a service's image through the Engine's build API: the context and Dockerfile
   * of {@code build:} read from the client's files, the image tagged {@code image}, BuildKit's
   * display on stderr with the service's name on each step (a classic builder's stream as it
   * comes); a failed build ends the command with BuildKit's "failed to solve".
   */
  void buildImage(Project p, Project.Service s, String image) {
    Project.Build b = s.build();
    BuildContext context =
        BuildContext.pack(
            ctx.hostFs(), p.workingDir(), b.context(), Paths.resolve(b.context(), b.dockerfile()));
    BuildRequest request =
        BuildRequest.builder()
            .tags(List.of(Refs.withDefaultTag(image)))
            .dockerfile(context.dockerfile())
            .buildArgs(b.args())
            .target(b.target())
            .build();
    BuildProgress progress = new BuildProgress(s.name());
    engine.builds().build(request, new ByteArrayInputStream(context.tar()), progress::accept);
    if (!progress.buildkit()) {
      io.err(progress.classicText());
    } else if (!progressMode.equals("quiet")) {
      io.err(tty() ? progress.tty(io.columns()) : progress.plain());
    }
    if (progress.error() != null) {
      io.err(progress.excerpt(context.dockerfileName(), context.dockerfileText()));
      throw new CliException("failed to solve: " + progress.error(), 1);
    }
  }

  /**
   * What {@code -f -} read from stdin, kept: a command may load its project more than once. Pooled
   * commands serve many invocations: the text belongs to the one whose stdio {@link #stdinOf} is.
   */
  private String stdinFile;

  private CommandIo stdinOf;

  /** The project (warnings printed as compose logs them). */
  Project project() {
    ComposeLoader loader =
        new ComposeLoader(ctx.hostFs(), ctx.workingDir(), io.environment(), this::warn)
            .withStdin(
                () -> {
                  if (stdinOf != io) {
                    stdinOf = io;
                    stdinFile = io.readAll();
                  }
                  return stdinFile;
                });
    return loader.load(
        new ComposeLoader.Options(
            files(), projectNameFlag(), projectDirectory, envFiles, profiles));
  }

  /**
   * The project with each of {@code services} enabled (naming a service of an inactive profile
   * activates that profile, as compose's ToProject does), {@code no such service: x} for a name the
   * files do not define.
   */
  Project project(List<String> services) {
    try {
      return project().enable(services);
    } catch (IllegalArgumentException e) {
      throw new CliException(e.getMessage(), 1);
    }
  }

  /**
   * The services {@code up} and {@code run} start: those named and what they depend on, or all;
   * compose's errors when a required dependency is of an inactive profile (named services: {@code
   * no such service}, as compose-go's WithServices; all: the dependency graph's words).
   */
  static Project selected(Project p, List<String> services) {
    return checked(p, services).select(services);
  }

  /** {@link #selected} without the selection: the whole project, its dependencies checked. */
  static Project checked(Project p, List<String> services) {
    try {
      return p.requireDependencies(services);
    } catch (IllegalArgumentException e) {
      throw new CliException(e.getMessage(), 1);
    }
  }

  /**
   * The project name without needing a file: {@code -p} when given, else the loaded project's
   * (down, ps, stop … work from {@code -p} alone, as compose does).
   */
  String projectNameOnly() {
    if (!projectNameFlag().isEmpty()) {
      return projectNameFlag();
    }
    return project().name();
  }

  void warn(String message) {
    io.err(warning(message));
  }

  /** compose's log line for a warning. */
  static String warning(String message) {
    return "WARN[0000] " + message + "\n";
  }

  boolean tty() {
    if (progressMode.equals("plain")) {
      return false;
    }
    if (progressMode.equals("tty") || ansi.equals("always")) {
      return true;
    }
    return !ansi.equals("never") && io.isTty();
  }

  Progress progress(String title) {
    return progress(title, io::err);
  }

  /** Runs {@code work} under a progress display on stderr; its last frame shows even on failure. */
  void withProgress(String title, java.util.function.Consumer<Progress> work) {
    Progress progress = progress(title);
    try {
      work.accept(progress);
    } finally {
      progress.finish();
    }
  }

  /**
   * How a foreground stream shows its "Stopping" frame later, after this command returned (so
   * nothing of the invocation is read then).
   */
  java.util.function.Function<java.util.function.Consumer<String>, Progress> stoppingProgress() {
    boolean tty = tty();
    int width = io.columns();
    java.util.function.LongSupplier clock = engine.system()::nowNanos;
    return out -> new Progress(out, tty, width, clock, "Stopping");
  }

  /** A progress display writing to {@code out} (stderr, or a foreground stream). */
  Progress progress(String title, java.util.function.Consumer<String> out) {
    boolean quiet = progressMode.equals("quiet");
    int width = io.columns();
    boolean tty = tty();
    java.util.function.LongSupplier clock = engine.system()::nowNanos;
    return new Progress(quiet ? s -> {} : out, tty, width, clock, title);
  }

  @Override
  public final Integer call() {
    try {
      return run();
    } catch (ComposeException e) {
      throw new CliException(e.getMessage(), 1);
    } catch (EngineException e) {
      throw new CliException(daemonError(e), 1);
    }
  }

  abstract int run();
}

package dev.ddlab.cli.command;

import dev.ddlab.cli.formatter.Refs;
import dev.ddlab.engine.EngineException;
import dev.ddlab.engine.dto.ContainerCreateResponse;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** docker create: creates (pulling the image when it is missing) and prints the ID. */
@Command(name = "create")
@Docker(
    use = "[OPTIONS] IMAGE [COMMAND] [ARG...]",
    summary = "Create a new container",
    aliases = "docker container create, docker create",
    minArgs = 1,
    stopAtPositional = true)
public final class CreateCommand extends DockerCommand {
  @Mixin ContainerOptions opts = new ContainerOptions();

  @Option(
      names = "--pull",
      paramLabel = "string",
      description = "Pull image before creating (\"always\", \"|missing\", \"never\")",
      defaultValue = "missing")
  String pull = "missing";

  @Option(
      names = {"-q", "--quiet"},
      description = "Suppress the pull output")
  boolean quiet;

  @Parameters List<String> args = new ArrayList<>();

  @Override
  public Integer call() {
    String id = create(this, "create", opts, args, false, pull, quiet);
    out(id);
    return 0;
  }

  /**
   * createContainer of docker/cli: create; on "No such image" print "Unable to find image …
   * locally", pull (progress on stderr) and create again. Failures print "docker: …" with the
   * run/create help hint and end with 125, or 126/127 for command problems.
   */
  static String create(
      DockerCommand cmd,
      String verb,
      ContainerOptions opts,
      List<String> args,
      boolean detach,
      String pull,
      boolean quiet) {
    String image = args.get(0);
    ContainerOptions.Request req;
    try {
      req =
          opts.build(
              image,
              args.subList(1, args.size()),
              detach,
              cmd.ctx,
              cmd.io.ttySize(),
              cmd.io.environment());
      Refs.validate(image);
    } catch (CliException e) {
      if (e instanceof FlagError || e.getMessage().startsWith("invalid argument \"")) {
        // a flag's value refused while pflag parses it (MemBytes, UlimitOpt, MountOpt, a
        // validated ListOpts …): cobra's FlagErrorFunc words it, without reportError's "docker: "
        throw new FlagError(e.getMessage());
      }
      throw report(verb, e.getMessage(), true, 125);
    } catch (IllegalArgumentException e) {
      throw report(verb, e.getMessage(), true, 125);
    }
    if (!pull.equals("missing") && !pull.equals("always") && !pull.equals("never")) {
      throw report(
          verb,
          "invalid pull option: '"
              + pull
              + "': must be one of \"always\", \"missing\" or \"never\"",
          true,
          125);
    }
    String name = opts.name.isEmpty() ? null : opts.name;
    try {
      if (pull.equals("always")) {
        ImageCommands.pull(cmd, image, opts.platform, false, quiet, true);
      }
      ContainerCreateResponse r;
      try {
        r =
            cmd.engine
                .containers()
                .create(name, req.config(), req.hostConfig(), req.networking(), opts.platform);
      } catch (EngineException e) {
        if (!e.isNotFound()
            || !e.getMessage().startsWith("No such image")
            || pull.equals("never")) {
          throw e;
        }
        if (!quiet) {
          cmd.err("Unable to find image '" + Refs.withDefaultTag(image) + "' locally");
        }
        ImageCommands.pull(cmd, image, opts.platform, false, quiet, true);
        r =
            cmd.engine
                .containers()
                .create(name, req.config(), req.hostConfig(), req.networking(), opts.platform);
      }
      if (r.warnings() != null) {
        for (String w : r.warnings()) {
          cmd.err("WARNING: " + w);
        }
      }
      return r.id();
    } catch (EngineException e) {
      if (verb.equals("create")) {
        // docker create returns the daemon's error as is: "Error response from daemon: …", 1.
        throw e;
      }
      if (e.isNotConnected()) {
        throw report(verb, e.getMessage(), true, 125);
      }
      throw report(verb, daemonError(e), true, startErrorStatus(e.getMessage()));
    }
  }

  /** reportError of docker/cli: "docker: message." with an optional help hint. */
  static CliException report(String verb, String message, boolean withHelp, int status) {
    String text = message.endsWith(".") ? message : message + ".";
    if (withHelp) {
      text += "\nSee 'docker " + verb + " --help'.";
    }
    return new CliException("docker: " + text, status);
  }

  /** runStartContainerErr: 127 for a missing command, 126 for one that cannot run, else 125. */
  static int startErrorStatus(String message) {
    if (message.contains("executable file not found")
        || message.contains("no such file or directory")
        || message.contains("system cannot find the file specified")) {
      return 127;
    }
    if (message.contains("permission denied") || message.contains("is a directory")) {
      return 126;
    }
    return 125;
  }
}

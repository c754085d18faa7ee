package dev.ddlab.cli.command;

import dev.ddlab.engine.Attachment;
import dev.ddlab.engine.dto.ExecConfig;
import dev.ddlab.engine.dto.ExecInspect;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** docker exec (container/exec.go): create the exec, start it attached or detached. */
@Command(name = "exec")
@Docker(
    use = "[OPTIONS] CONTAINER COMMAND [ARG...]",
    summary = "Execute a command in a running container",
    aliases = "docker container exec, docker exec",
    minArgs = 2,
    stopAtPositional = true)
public final class ExecCommand extends DockerCommand {
  @Option(
      names = {"-d", "--detach"},
      description = "Detached mode: run command in the background")
  boolean detach;

  @Option(
      names = "--detach-keys",
      paramLabel = "string",
      description = "Override the key sequence for detaching a container")
  String detachKeys;

  @Option(
      names = {"-e", "--env"},
      paramLabel = "list",
      description = "Set environment variables")
  List<String> env = new ArrayList<>();

  @Option(
      names = {"-i", "--interactive"},
      description = "Keep STDIN open even if not attached")
  boolean interactive;

  @Option(names = "--privileged", description = "Give extended privileges to the command")
  boolean privileged;

  @Option(
      names = {"-t", "--tty"},
      description = "Allocate a pseudo-TTY")
  boolean tty;

  @Option(
      names = {"-u", "--user"},
      paramLabel = "string",
      description = "Username or UID (format: \"<name|uid>[:<group|gid>]\")")
  String user = "";

  @Option(
      names = {"-w", "--workdir"},
      paramLabel = "string",
      description = "Working directory inside the container")
  String workdir = "";

  @Parameters List<String> args = new ArrayList<>();

  @Override
  public Integer call() {
    if (interactive && tty && !detach && !io.isTty()) {
      throw new CliException("the input device is not a TTY", 1);
    }
    String container = args.get(0);
    List<String> command = args.subList(1, args.size());
    ExecConfig config =
        new ExecConfig(
            interactive && !detach,
            !detach,
            !detach,
            detachKeys,
            tty,
            env.isEmpty() ? null : ContainerOptions.withCliValues(env, io.environment()),
            new ArrayList<>(command),
            privileged,
            user,
            workdir,
            tty ? io.ttySize() : null); // docker/cli 24 sends the terminal's size with -t
    String execId = engine.containers().execCreate(container, config);
    Attachment a = engine.containers().execStart(execId, detach, tty);
    if (detach) {
      return 0;
    }
    int code = interactive || tty ? attachOrFeed(a, interactive) : followForeground(a);
    if (result == null && a.exitCode() == null) {
      ExecInspect inspect = engine.containers().execInspect(execId);
      return inspect.exitCode() == null ? code : inspect.exitCode();
    }
    return code;
  }
}

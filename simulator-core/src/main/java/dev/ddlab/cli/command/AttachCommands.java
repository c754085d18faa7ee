package dev.ddlab.cli.command;

import dev.ddlab.client.CliResult;
import dev.ddlab.engine.Attachment;
import dev.ddlab.engine.EngineException;
import dev.ddlab.engine.dto.ContainerInspect;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** docker attach and docker start (-a, -i): the commands that may take over the terminal. */
public final class AttachCommands {
  private AttachCommands() {}

  @Command(name = "attach")
  @Docker(
      use = "[OPTIONS] CONTAINER",
      summary = "Attach local standard input, output, and error streams to a running container",
      aliases = "docker container attach, docker attach",
      minArgs = 1,
      maxArgs = 1)
  public static final class Attach extends DockerCommand {
    @Option(
        names = "--detach-keys",
        paramLabel = "string",
        description = "Override the key sequence for detaching a container")
    String detachKeys;

    @Option(names = "--no-stdin", description = "Do not attach STDIN")
    boolean noStdin;

    @Option(
        names = "--sig-proxy",
        description = "Proxy all received signals to the process",
        defaultValue = "true")
    boolean sigProxy = true;

    @Parameters List<String> args = new ArrayList<>();

    @Override
    public Integer call() {
      ContainerInspect c = engine.containers().inspect(args.get(0));
      if (!c.state().running()) {
        throw new CliException("You cannot attach to a stopped container, start it first", 1);
      }
      if (c.state().paused()) {
        throw new CliException("You cannot attach to a paused container, unpause it first", 1);
      }
      if (c.state().restarting()) {
        throw new CliException(
            "You cannot attach to a restarting container, wait until it is running", 1);
      }
      boolean stdin = !noStdin && c.config().openStdin();
      if (stdin && c.config().tty() && !io.isTty()) {
        throw new CliException("the input device is not a TTY", 1);
      }
      Attachment a = engine.containers().attach(c.id(), stdin);
      if (!stdin && !io.streamsOut()) {
        a = apart(a); // nothing typed goes to it: stdout and stderr as the CLI writes them
      }
      result = sigProxy ? CliResult.proxyingSignals(a) : CliResult.attached(a);
      return 0;
    }
  }

  @Command(name = "start")
  @Docker(
      use = "[OPTIONS] CONTAINER [CONTAINER...]",
      summary = "Start one or more stopped containers",
      aliases = "docker container start, docker start",
      minArgs = 1)
  public static final class Start extends DockerCommand {
    @Option(
        names = {"-a", "--attach"},
        description = "Attach STDOUT/STDERR and forward signals")
    boolean attach;

    @Option(
        names = "--detach-keys",
        paramLabel = "string",
        description = "Override the key sequence for detaching a container")
    String detachKeys;

    @Option(
        names = {"-i", "--interactive"},
        description = "Attach container's STDIN")
    boolean interactive;

    @Parameters List<String> containers = new ArrayList<>();

    /** start -a forwards every signal to the container, as docker/cli's start does. */
    @Override
    protected boolean proxiesSignals() {
      return true;
    }

    /** Hands the attachment to the terminal, or waits for the exit when nothing is typed. */
    private int follow(Attachment a, ContainerInspect c) {
      if (interactive || c.config().tty()) {
        return attachOrFeed(a, interactive && c.config().openStdin());
      }
      return followForeground(a);
    }

    @Override
    public Integer call() {
      if (attach || interactive) {
        if (containers.size() > 1) {
          throw new CliException("you cannot start and attach multiple containers at once", 1);
        }
        ContainerInspect c = engine.containers().inspect(containers.get(0));
        boolean stdin = interactive && c.config().openStdin();
        Attachment a;
        try {
          // As docker/cli does: attach first so nothing the process prints is lost.
          a = engine.containers().attach(c.id(), stdin);
        } catch (EngineException e) {
          if (e.isNotConnected() || e.isNotFound()) {
            throw e;
          }
          // An engine that refuses to attach to a stopped container: start, then attach.
          engine.containers().start(c.id());
          return follow(engine.containers().attach(c.id(), stdin), c);
        }
        try {
          engine.containers().start(c.id());
        } catch (EngineException e) {
          a.close();
          throw e;
        }
        return follow(a, c);
      }
      List<String> failed = new ArrayList<>();
      for (String name : containers) {
        try {
          engine.containers().start(name);
          out(name);
        } catch (EngineException e) {
          if (e.isNotConnected()) {
            throw e;
          }
          err(daemonError(e));
          failed.add(name);
        }
      }
      if (!failed.isEmpty()) {
        throw new CliException(
            "Error: failed to start containers: " + String.join(", ", failed), 1);
      }
      return 0;
    }
  }
}

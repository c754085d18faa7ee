package dev.ddlab.cli.command;

import dev.ddlab.engine.Attachment;
import dev.ddlab.engine.EngineException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * docker run (container/run.go): create (pulling when needed), print the ID when detached, attach,
 * start; then either hand the attachment to the terminal (-i/-t) or wait for the exit and return
 * the container's code.
 */
@Command(name = "run")
@Docker(
    use = "[OPTIONS] IMAGE [COMMAND] [ARG...]",
    summary = "Create and run a new container from an image",
    aliases = "docker container run, docker run",
    minArgs = 1,
    stopAtPositional = true)
public final class RunCommand extends DockerCommand {
  @Mixin ContainerOptions opts = new ContainerOptions();

  @Option(
      names = {"-d", "--detach"},
      description = "Run container in background and print container ID")
  boolean detach;

  @Option(
      names = "--detach-keys",
      paramLabel = "string",
      description = "Override the key sequence for detaching a container")
  String detachKeys;

  @Option(
      names = "--pull",
      paramLabel = "string",
      description = "Pull image before running (\"always\", \"missing\", \"never\")",
      defaultValue = "missing")
  String pull = "missing";

  @Option(
      names = {"-q", "--quiet"},
      description = "Suppress the pull output")
  boolean quiet;

  @Option(
      names = "--sig-proxy",
      description = "Proxy received signals to the process",
      defaultValue = "true")
  boolean sigProxy = true;

  @Parameters List<String> args = new ArrayList<>();

  @Override
  protected boolean proxiesSignals() {
    return sigProxy;
  }

  /**
   * {@code -a stdout} / {@code -a stderr}: only the streams named reach the CLI (the container's
   * AttachStdout and AttachStderr, so the daemon sends no other).
   */
  @Override
  protected Attachment apart(Attachment a) {
    if (opts.attach.isEmpty() || !a.splitStderr()) {
      return super.apart(a);
    }
    return new RoutedStream(
        a, attaches("stdout") ? io::out : text -> {}, attaches("stderr") ? io::err : text -> {});
  }

  private boolean attaches(String stream) {
    return opts.attach.stream().anyMatch(stream::equalsIgnoreCase);
  }

  @Override
  public Integer call() {
    if (detach && !opts.attach.isEmpty()) {
      throw new CliException("Conflicting options: -a and -d", 1);
    }
    if (!detach && opts.interactive && opts.tty && !io.isTty()) {
      throw new CliException("the input device is not a TTY", 1);
    }
    String id = CreateCommand.create(this, "run", opts, args, detach, pull, quiet);
    boolean attachOutput = !detach;
    Attachment attachment = null;
    if (attachOutput) {
      attachment = engine.containers().attach(id, opts.interactive);
    }
    try {
      engine.containers().start(id);
    } catch (EngineException e) {
      if (attachment != null) {
        attachment.close();
      }
      if (e.isNotConnected()) {
        throw e;
      }
      if (detach) {
        out(id);
      }
      throw CreateCommand.report(
          "run", daemonError(e), false, CreateCommand.startErrorStatus(e.getMessage()));
    }
    if (detach) {
      out(id);
      return 0;
    }
    if (opts.interactive || opts.tty) {
      return attachOrFeed(attachment, opts.interactive);
    }
    return followForeground(attachment);
  }
}

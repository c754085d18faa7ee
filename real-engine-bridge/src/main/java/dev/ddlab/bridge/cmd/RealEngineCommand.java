package dev.ddlab.bridge.cmd;

import dev.ddlab.bridge.dockerd.PrivateDockerd;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ddlab real-engine up|down|status}: ddlab's private Docker daemon. */
@Command(
    name = "real-engine",
    description =
        "Start, stop or show ddlab's private Docker daemon (for --engine real and tests).",
    mixinStandardHelpOptions = true,
    subcommands = {
      RealEngineCommand.Up.class,
      RealEngineCommand.Down.class,
      RealEngineCommand.Status.class
    })
public final class RealEngineCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  private static PrivateDockerd daemon(CommandSpec spec) {
    return new PrivateDockerd(PrivateDockerd.Layout.standard(), spec.commandLine().getOut());
  }

  private static int fail(CommandSpec spec, Exception e) {
    PrintWriter err = spec.commandLine().getErr();
    err.println("ddlab real-engine: " + e.getMessage());
    err.flush();
    return 1;
  }

  @Command(
      name = "up",
      description =
          "Install docker.io and busybox-static if missing, start the private dockerd, import"
              + " alpine/busybox/ubuntu from busybox; prints the DOCKER_HOST to use.")
  static final class Up implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      try {
        daemon(spec).up();
        return 0;
      } catch (Exception e) {
        return fail(spec, e);
      }
    }
  }

  @Command(name = "down", description = "Stop the private dockerd and remove all of its state.")
  static final class Down implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      try {
        daemon(spec).down();
        return 0;
      } catch (Exception e) {
        return fail(spec, e);
      }
    }
  }

  @Command(name = "status", description = "Tell whether the private dockerd runs, and where.")
  static final class Status implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      PrivateDockerd d = daemon(spec);
      d.status();
      return d.answers() ? 0 : 3;
    }
  }
}

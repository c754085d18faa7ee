package dev.ddlab.bridge.cmd;

import dev.ddlab.bridge.diff.DiffReal;
import dev.ddlab.bridge.real.DockerHost;
import dev.ddlab.bridge.real.RealEngine;
import dev.ddlab.engine.EngineException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ddlab diff-real --script FILE [--json]}. */
@Command(
    name = "diff-real",
    mixinStandardHelpOptions = true,
    description =
        "Run a script on a fresh simulated node and on a real Docker engine (guarded session),"
            + " and show per command whether exit code, first line and output agree.")
public final class DiffRealCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--script", required = true, description = "The script (one command a line).")
  Path script;

  @Option(names = "--json", description = "Print the report as JSON.")
  boolean json;

  @Option(
      names = "--docker-host",
      description = "The real engine (default: DOCKER_HOST, as the docker CLI reads it).")
  String dockerHost;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    String text = Files.readString(script);
    try (RealEngine real = new RealEngine(DockerHost.fromEnvironment(dockerHost))) {
      real.system().ping();
      DiffReal.Report report =
          DiffReal.run(
              script.getFileName().toString(), text, real, "diff-" + ProcessHandle.current().pid());
      out.print(json ? report.json() + "\n" : report.text());
      out.flush();
      return 0;
    } catch (EngineException e) {
      err.println("ddlab diff-real: " + e.getMessage());
      err.flush();
      return 1;
    }
  }
}

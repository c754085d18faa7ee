package dev.ddlab.app;

import dev.ddlab.bridge.diff.DiffReal;
import dev.ddlab.bridge.dockerd.PrivateDockerd;
import dev.ddlab.bridge.guard.GuardPolicy;
import dev.ddlab.bridge.guard.GuardedEngine;
import dev.ddlab.bridge.real.RealEngine;
import dev.ddlab.bridge.session.RealBackend;
import dev.ddlab.engine.Engine;
import dev.ddlab.engine.EngineException;
import dev.ddlab.session.Session;
import dev.ddlab.session.SimSession;
import dev.ddlab.session.Template;
import dev.ddlab.session.TerminalSession;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ddlab diff-real --script FILE [--json]}: the script typed into two sessions, a fresh
 * simulated node and a guarded session on a real engine, and compared line by line by the bridge's
 * {@link DiffReal}.
 */
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
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try (RealEngine real = RealEngine.fromEnvironment(dockerHost)) {
      String text = Files.readString(script);
      real.system().ping();
      DiffReal.Report report =
          run(script.getFileName().toString(), text, real, "diff-" + ProcessHandle.current().pid());
      out.print(json ? report.json() + "\n" : report.text());
      out.flush();
      return 0;
    } catch (NoSuchFileException e) {
      err.println("ddlab diff-real: " + script + ": no such file");
    } catch (IOException e) {
      err.println("ddlab diff-real: cannot read " + script + ": " + e.getMessage());
    } catch (EngineException | IllegalArgumentException e) {
      err.println("ddlab diff-real: " + e.getMessage());
    }
    err.flush();
    return 1;
  }

  /**
   * Types the script into a fresh simulated node (seed 1, with the images the private dockerd has)
   * and into a session on {@code real} guarded as {@code sessionId}; everything the real run made
   * is removed when it ends.
   */
  public static DiffReal.Report run(String name, String script, Engine real, String sessionId) {
    GuardedEngine guard = new GuardedEngine(real, GuardPolicy.defaults(sessionId));
    try (SimSession simulated = SimSession.open("single", 1);
        Session onReal =
            TerminalSession.over(
                "diff-real", Template.SINGLE.name(), 1, 0L, new RealBackend(guard, guard))) {
      for (String image : PrivateDockerd.IMAGES) {
        simulated.engine("node1").images().pull(image, null, false, m -> {});
      }
      return DiffReal.run(name, script, simulated, onReal);
    }
  }
}

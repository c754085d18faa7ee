package dev.ddlab.app;

import dev.ddlab.bridge.RealEngineSessions;
import dev.ddlab.bridge.dockerd.PrivateDockerd;
import dev.ddlab.engine.EngineException;
import dev.ddlab.session.ScriptRunner;
import dev.ddlab.session.Session;
import dev.ddlab.session.SimSession;
import dev.ddlab.session.Template;
import dev.ddlab.session.TranscriptEntry;
import dev.ddlab.web.term.ShellRepl;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ddlab shell}: a simulated Docker node in this terminal (JLine REPL), or a script run
 * through the same session ({@code --script FILE}, "-" for stdin), printed as a terminal shows it
 * or as JSON. Piped stdin without {@code --script} is read as a script too.
 */
@Command(
    name = "shell",
    mixinStandardHelpOptions = true,
    description = {
      "A simulated Docker node in your terminal (Tab completes, Ctrl-P Ctrl-Q detaches, Ctrl-D exits).",
      "Một node Docker mô phỏng ngay trong terminal của bạn."
    })
public final class ShellCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--script",
      paramLabel = "FILE",
      description = "Type the lines of FILE (- for stdin) and print the transcript.")
  Path script;

  @Option(
      names = "--seed",
      defaultValue = "1",
      description =
          "Seed of the simulation (same seed and script, same output). Default: ${DEFAULT-VALUE}.")
  long seed;

  @Option(
      names = "--json",
      description =
          "With --script: print a JSON array of {node, prompt, command, output, exitCode}.")
  boolean json;

  @Option(
      names = "--template",
      defaultValue = "single",
      description = "Node layout: ${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}.",
      completionCandidates = Templates.class)
  String template;

  @Option(
      names = "--engine",
      defaultValue = "sim",
      paramLabel = "sim|real",
      description =
          "sim (default): a simulated node; real: a real Docker daemon (DOCKER_HOST or"
              + " --docker-host), inside a guarded session that removes what it made.")
  String engine;

  @Option(
      names = "--docker-host",
      paramLabel = "URL",
      description = "With --engine real: the daemon, unix:///path or tcp://host:port.")
  String dockerHost;

  @Option(
      names = "--no-guard",
      description = "With --engine real: no labels, limits, refusals or cleanup (your own daemon).")
  boolean noGuard;

  /** For picocli's help. */
  static final class Templates implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return Template.names().iterator();
    }
  }

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    if (Template.named(template).isEmpty()) {
      spec.commandLine()
          .getErr()
          .println(
              "ddlab shell: unknown template '"
                  + template
                  + "' (one of "
                  + String.join(", ", Template.names())
                  + ")");
      return 2;
    }
    if (!engine.equals("sim") && !engine.equals("real")) {
      spec.commandLine()
          .getErr()
          .println("ddlab shell: --engine is sim or real, not '" + engine + "'");
      return 2;
    }
    Session opened;
    try {
      opened =
          engine.equals("real")
              ? RealEngineSessions.open(
                  dockerHost, !noGuard, seed, System.getenv(), spec.commandLine().getErr()::println)
              : SimSession.open(template, seed);
    } catch (EngineException e) {
      spec.commandLine().getErr().println(e.getMessage());
      if (e.isNotConnected()) {
        spec.commandLine().getErr().println(noDaemonHint());
      }
      return 1;
    }
    try (Session session = opened) {
      if (script != null) {
        if (!script.toString().equals("-") && !Files.isReadable(script)) {
          spec.commandLine()
              .getErr()
              .println(
                  "ddlab shell: cannot read the script "
                      + script
                      + " (give a readable file, or - to read the script from stdin)");
          return 2;
        }
        String text =
            script.toString().equals("-")
                ? readStdin()
                : Files.readString(script, StandardCharsets.UTF_8);
        ScriptRunner runner = new ScriptRunner(session);
        if (json) {
          out.print(ScriptRunner.json(runner.runWhole(text)));
        } else {
          // printed as typed: the session's transcript keeps only its last outputs
          runner.run(
              text,
              e -> {
                out.print(ScriptRunner.render(List.of(e)));
                out.flush();
              });
        }
        out.flush();
        return 0;
      }
      if (System.console() == null) {
        // Piped stdin: type each line as it comes, printing as a terminal would.
        ScriptRunner runner = new ScriptRunner(session);
        try (var in =
            new java.io.BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
          String line;
          while ((line = in.readLine()) != null) {
            TranscriptEntry e = runner.line(line);
            if (e != null) {
              out.print(ScriptRunner.render(List.of(e)));
              out.flush();
            }
          }
        }
        return 0;
      }
      try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
        new ShellRepl(session, terminal)
            .followWallTime()
            .beatWhileIdle()
            .followTerminalSize()
            .run();
      }
      return 0;
    }
  }

  /** What to do when no daemon answers: ddlab's own private one is a command away. */
  static String noDaemonHint() {
    return "ddlab: no Docker daemon answers there. Start ddlab's private one with"
        + " `./ddlab real-engine up`, then run `./ddlab shell --engine real --docker-host "
        + PrivateDockerd.Layout.standard().dockerHost()
        + "` (or set DOCKER_HOST to your own daemon).";
  }

  private static String readStdin() throws IOException {
    return new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
  }
}

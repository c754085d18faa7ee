package dev.ddlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ddlab.cli.command.DockerCommand;
import dev.ddlab.client.CliResult;
import dev.ddlab.client.CommandIo;
import dev.ddlab.engine.Attachment;
import dev.ddlab.engine.Engine;
import dev.ddlab.engine.EngineException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs a script of docker command lines (golden/NAME.script) through {@link DockerCli} and compares
 * the transcript with golden/NAME.golden. Lines starting with {@code #} are comments; {@code sleep
 * N} advances the engine's time through the given hook; after an attaching command the following
 * lines go to the container until it exits or a line {@code ^P^Q} detaches. With {@code
 * -Dddlab.golden.update=true} the golden file is rewritten instead (on purpose only).
 */
final class GoldenTranscripts {
  private GoldenTranscripts() {}

  static void check(String name, Engine engine, CliContext ctx, Consumer<Duration> sleep) {
    check(name, engine, ctx, sleep, Map.of());
  }

  /**
   * As {@link #check(String, Engine, CliContext, Consumer)}, with host commands other than docker
   * (e.g. "systemctl restart docker") mapped to actions on the node.
   */
  static void check(
      String name,
      Engine engine,
      CliContext ctx,
      Consumer<Duration> sleep,
      Map<String, Runnable> hostCommands) {
    String script = resource("golden/" + name + ".script");
    String actual = run(script, engine, ctx, sleep, hostCommands);
    Path golden = sourceDir().resolve("golden/" + name + ".golden");
    if (Boolean.getBoolean("ddlab.golden.update")) {
      try {
        Files.writeString(golden, actual, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
      return;
    }
    String expected = resource("golden/" + name + ".golden");
    assertEquals(
        expected,
        actual,
        "transcript of " + name + " (regenerate with -Dddlab.golden.update=true)");
  }

  private static Path sourceDir() {
    String root = System.getProperty("ddlab.root", ".");
    Path p = Path.of(root, "simulator-core/src/test/resources");
    return Files.isDirectory(p) ? p : Path.of("src/test/resources");
  }

  private static String resource(String path) {
    try (InputStream in = GoldenTranscripts.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        return "";
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The terminal: stdout and stderr in the order written. */
  private static final class TerminalIo implements CommandIo {
    final StringBuilder screen;

    TerminalIo(StringBuilder screen) {
      this.screen = screen;
    }

    @Override
    public void out(String text) {
      screen.append(text);
    }

    @Override
    public void err(String text) {
      screen.append(text);
    }
  }

  static String run(
      String script,
      Engine engine,
      CliContext ctx,
      Consumer<Duration> sleep,
      Map<String, Runnable> hostCommands) {
    DockerCli cli = new DockerCli(engine, ctx);
    StringBuilder screen = new StringBuilder();
    Attachment attached = null;
    for (String line : script.split("\n")) {
      if (line.isBlank() || line.stripLeading().startsWith("#")) {
        continue;
      }
      if (attached != null) {
        if (line.strip().equals("^P^Q")) {
          screen.append(attached.read()).append("^P^Q\n");
          attached.close();
          screen.append("[detached]\n");
          attached = null;
          continue;
        }
        screen.append(attached.read()).append(line).append('\n');
        attached.write(line + "\n");
        if (attached.isClosed()) {
          screen.append(attached.read());
          Integer code = attached.exitCode();
          screen.append("[exit ").append(code == null ? 0 : code).append("]\n");
          attached = null;
        }
        continue;
      }
      screen.append("$ ").append(line).append('\n');
      List<String> words = split(line);
      if (words.get(0).equals("sleep")) {
        sleep.accept(Duration.ofSeconds(Long.parseLong(words.get(1))));
        continue;
      }
      Runnable host = hostCommands.get(line.strip());
      if (host != null) {
        host.run();
        continue;
      }
      if (!words.get(0).equals("docker")) {
        screen.append("!! not a docker command\n");
        continue;
      }
      CliResult r;
      try {
        r = cli.run(words.subList(1, words.size()), new TerminalIo(screen));
      } catch (EngineException e) {
        screen
            .append("!! engine exception escaped the CLI: ")
            .append(DockerCommand.daemonError(e))
            .append('\n');
        continue;
      }
      if (r.isAttached()) {
        attached = r.attachment();
        screen.append("[attached]\n");
      } else if (r.exitCode() != 0) {
        screen.append("[exit ").append(r.exitCode()).append("]\n");
      }
    }
    if (attached != null) {
      screen.append(attached.read());
    }
    return screen.toString();
  }

  /**
   * Splits a command line on spaces, honouring single and double quotes and \\" inside double
   * quotes (test scripts only).
   */
  static List<String> split(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean inWord = false;
    char quote = 0;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else if (quote == '"'
            && c == '\\'
            && i + 1 < line.length()
            && (line.charAt(i + 1) == '"' || line.charAt(i + 1) == '\\')) {
          cur.append(line.charAt(++i));
        } else {
          cur.append(c);
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
        inWord = true;
      } else if (c == ' ' || c == '\t') {
        if (inWord) {
          out.add(cur.toString());
          cur.setLength(0);
          inWord = false;
        }
      } else {
        cur.append(c);
        inWord = true;
      }
    }
    if (inWord) {
      out.add(cur.toString());
    }
    return out;
  }
}

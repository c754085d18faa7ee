package dev.ddlab.sim.image;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ddlab.dockerfile.Dockerfile;
import dev.ddlab.dockerfile.DockerfileException;
import dev.ddlab.dockerfile.Instruction;
import dev.ddlab.engine.EngineException;
import dev.ddlab.engine.dto.ContainerConfig;
import dev.ddlab.engine.dto.HealthConfig;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code docker commit --change}: the Dockerfile instructions a commit may apply to the container's
 * config (moby {@code dockerfile.BuildFromConfig}), each through {@link RunConfig}.
 */
final class Commits {
  private Commits() {}

  static ContainerConfig applyChanges(ContainerConfig c, List<String> changes) {
    if (changes == null) {
      return c;
    }
    RunConfig config = new RunConfig(c);
    for (String change : changes) {
      String line = change.strip();
      if (line.isEmpty()) {
        continue;
      }
      int sp = line.indexOf(' ');
      String instr = (sp < 0 ? line : line.substring(0, sp)).toUpperCase(Locale.ROOT);
      String rest = sp < 0 ? "" : line.substring(sp + 1).strip();
      switch (instr) {
        case "CMD" -> config.cmd(command(rest));
        case "ENTRYPOINT" -> config.entrypoint(command(rest));
        case "ENV" -> env(config, rest);
        case "EXPOSE" -> words(rest).forEach(config::expose);
        case "VOLUME" -> words(rest).forEach(config::volume);
        case "LABEL" -> labels(config, rest);
        case "WORKDIR" -> config.workingDir(rest);
        case "USER" -> config.user(rest);
        case "STOPSIGNAL" -> config.stopSignal(rest);
        case "ONBUILD" -> config.onBuild(rest);
        case "HEALTHCHECK" -> config.healthcheck(healthcheck(line));
        // moby's BuildFromConfig checks each instruction, lower-cased, against
        // validCommitCommands before parsing any
        default ->
            throw EngineException.badRequest(
                instr.toLowerCase(Locale.ROOT) + " is not a valid change command");
      }
    }
    return config.toConfig();
  }

  /** HEALTHCHECK parsed as the Dockerfile's, its errors the parser's. */
  private static HealthConfig healthcheck(String line) {
    try {
      Instruction i = Dockerfile.parse("FROM scratch\n" + line).stages().get(0).commands().get(0);
      Instruction.Healthcheck h = (Instruction.Healthcheck) i;
      return new HealthConfig(h.test(), h.interval(), h.timeout(), h.startPeriod(), h.retries());
    } catch (DockerfileException e) {
      throw EngineException.badRequest(e.getMessage());
    }
  }

  /** The exec form (a JSON array) as is; anything else in the shell form. */
  private static List<String> command(String rest) {
    if (rest.startsWith("[")) {
      try {
        JsonNode n = ImageConfig.JSON.readTree(rest);
        if (n.isArray()) {
          List<String> out = new ArrayList<>();
          n.forEach(x -> out.add(x.asText()));
          return out;
        }
      } catch (IOException e) {
        // not JSON: shell form below
      }
    }
    return List.of("/bin/sh", "-c", rest);
  }

  /** A JSON array or words separated by blanks (EXPOSE, VOLUME). */
  private static List<String> words(String rest) {
    return rest.startsWith("[") ? command(rest) : List.of(rest.split("\\s+"));
  }

  /** ENV key value (the legacy form) or ENV key=value …. */
  private static void env(RunConfig config, String rest) {
    if (!rest.contains("=") || rest.indexOf(' ') >= 0 && rest.indexOf(' ') < rest.indexOf('=')) {
      int sp = rest.indexOf(' ');
      if (sp < 0) {
        throw EngineException.badRequest("ENV must have two arguments");
      }
      config.env(rest.substring(0, sp), rest.substring(sp + 1).strip());
      return;
    }
    for (String p : rest.split("\\s+")) {
      String pair = unquote(p);
      int eq = pair.indexOf('=');
      if (eq < 0) {
        throw EngineException.badRequest(
            "Syntax error - can't find = in \"" + p + "\". Must be of the form: name=value");
      }
      config.env(pair.substring(0, eq), pair.substring(eq + 1));
    }
  }

  private static void labels(RunConfig config, String rest) {
    for (String p : rest.split("\\s+")) {
      int eq = p.indexOf('=');
      if (eq > 0) {
        config.label(unquote(p.substring(0, eq)), unquote(p.substring(eq + 1)));
      }
    }
  }

  private static String unquote(String s) {
    return s.length() >= 2
            && (s.startsWith("\"") && s.endsWith("\"") || s.startsWith("'") && s.endsWith("'"))
        ? s.substring(1, s.length() - 1)
        : s;
  }
}

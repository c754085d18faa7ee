package dev.ddlab.sim.image;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ddlab.engine.EngineException;
import dev.ddlab.engine.dto.ContainerConfig;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code docker commit --change}: the Dockerfile instructions a commit may apply. */
final class Commits {
  private Commits() {}

  static ContainerConfig applyChanges(ContainerConfig c, List<String> changes) {
    if (changes == null) {
      return c;
    }
    for (String change : changes) {
      String line = change.strip();
      if (line.isEmpty()) {
        continue;
      }
      int sp = line.indexOf(' ');
      String instr = (sp < 0 ? line : line.substring(0, sp)).toUpperCase(Locale.ROOT);
      String rest = sp < 0 ? "" : line.substring(sp + 1).strip();
      c =
          switch (instr) {
            case "CMD" -> with(c, "Cmd", command(rest));
            case "ENTRYPOINT" -> with(c, "Entrypoint", command(rest));
            case "ENV" -> withEnv(c, rest);
            case "EXPOSE" -> withMapKeys(c, "ExposedPorts", rest, true);
            case "VOLUME" -> withMapKeys(c, "Volumes", rest, false);
            case "LABEL" -> withLabels(c, rest);
            case "WORKDIR" -> with(c, "WorkingDir", rest);
            case "USER" -> with(c, "User", rest);
            case "STOPSIGNAL" -> with(c, "StopSignal", rest);
            case "ONBUILD" -> with(c, "OnBuild", List.of(rest));
            default ->
                throw EngineException.badRequest(
                    instr.isEmpty() || !isKnown(instr)
                        ? "dockerfile parse error line 1: unknown instruction: " + instr
                        : instr + " is not a valid change command");
          };
    }
    return c;
  }

  private static boolean isKnown(String instr) {
    return List.of("FROM", "RUN", "ADD", "COPY", "ARG", "SHELL", "HEALTHCHECK", "MAINTAINER")
        .contains(instr);
  }

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

  private static ContainerConfig withEnv(ContainerConfig c, String rest) {
    List<String> env = c.env() == null ? new ArrayList<>() : new ArrayList<>(c.env());
    List<String> pairs = new ArrayList<>();
    if (!rest.contains("=") || rest.indexOf(' ') >= 0 && rest.indexOf(' ') < rest.indexOf('=')) {
      int sp = rest.indexOf(' ');
      pairs.add(sp < 0 ? rest + "=" : rest.substring(0, sp) + "=" + rest.substring(sp + 1).strip());
    } else {
      for (String p : rest.split("\\s+")) {
        pairs.add(unquote(p));
      }
    }
    for (String p : pairs) {
      String key = p.substring(0, p.indexOf('='));
      env.removeIf(e -> e.startsWith(key + "="));
      env.add(p);
    }
    return with(c, "Env", env);
  }

  private static ContainerConfig withMapKeys(
      ContainerConfig c, String field, String rest, boolean ports) {
    Map<String, Map<String, Object>> m = new LinkedHashMap<>();
    Map<String, Map<String, Object>> old = ports ? c.exposedPorts() : c.volumes();
    if (old != null) {
      m.putAll(old);
    }
    List<String> items = rest.startsWith("[") ? command(rest) : List.of(rest.split("\\s+"));
    for (String it : items) {
      m.put(ports && !it.contains("/") ? it + "/tcp" : it, Map.of());
    }
    return with(c, field, m);
  }

  private static ContainerConfig withLabels(ContainerConfig c, String rest) {
    Map<String, String> labels =
        c.labels() == null ? new LinkedHashMap<>() : new LinkedHashMap<>(c.labels());
    for (String p : rest.split("\\s+")) {
      int eq = p.indexOf('=');
      if (eq > 0) {
        labels.put(unquote(p.substring(0, eq)), unquote(p.substring(eq + 1)));
      }
    }
    return with(c, "Labels", labels);
  }

  private static String unquote(String s) {
    return s.length() >= 2
            && (s.startsWith("\"") && s.endsWith("\"") || s.startsWith("'") && s.endsWith("'"))
        ? s.substring(1, s.length() - 1)
        : s;
  }

  @SuppressWarnings("unchecked")
  private static ContainerConfig with(ContainerConfig c, String field, Object v) {
    return new ContainerConfig(
        c.hostname(),
        c.domainname(),
        field.equals("User") ? (String) v : c.user(),
        c.attachStdin(),
        c.attachStdout(),
        c.attachStderr(),
        field.equals("ExposedPorts") ? (Map<String, Map<String, Object>>) v : c.exposedPorts(),
        c.tty(),
        c.openStdin(),
        c.stdinOnce(),
        field.equals("Env") ? (List<String>) v : c.env(),
        field.equals("Cmd") ? (List<String>) v : c.cmd(),
        c.image(),
        field.equals("Volumes") ? (Map<String, Map<String, Object>>) v : c.volumes(),
        field.equals("WorkingDir") ? (String) v : c.workingDir(),
        field.equals("Entrypoint") ? (List<String>) v : c.entrypoint(),
        field.equals("OnBuild") ? (List<String>) v : c.onBuild(),
        field.equals("Labels") ? (Map<String, String>) v : c.labels(),
        field.equals("StopSignal") ? (String) v : c.stopSignal(),
        c.stopTimeout());
  }
}

package dev.ddlab.cli.compose.loader;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ddlab.cli.compose.types.Project.Deploy;
import dev.ddlab.cli.compose.types.Project.FileObject;
import dev.ddlab.cli.compose.types.Project.FileRef;
import dev.ddlab.cli.compose.types.Project.Resources;
import dev.ddlab.cli.compose.types.Project.RestartPolicy;
import dev.ddlab.cli.compose.types.Project.UpdateConfig;
import dev.ddlab.fs.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Compose keys only a swarm acts on ({@code docker stack deploy}): a service's {@code deploy},
 * {@code secrets} and {@code configs}, and the top-level {@code secrets} and {@code configs}, read
 * into the model as compose-go's loader reads them.
 */
final class SwarmKeys {
  private SwarmKeys() {}

  private static String text(JsonNode n, String key) {
    JsonNode v = n == null ? null : n.get(key);
    return v == null || v.isNull() ? null : v.asText();
  }

  private static Integer integer(JsonNode n, String key) {
    JsonNode v = n == null ? null : n.get(key);
    return v == null || v.isNull() ? null : v.asInt();
  }

  private static List<String> strings(JsonNode n) {
    List<String> out = new ArrayList<>();
    if (n != null && n.isArray()) {
      n.forEach(x -> out.add(x.asText()));
    }
    return out;
  }

  private static Map<String, String> labels(JsonNode n) {
    Map<String, String> out = new LinkedHashMap<>();
    if (n == null || n.isNull()) {
      return out;
    }
    if (n.isArray()) {
      for (JsonNode x : n) {
        String s = x.asText();
        int eq = s.indexOf('=');
        out.put(eq < 0 ? s : s.substring(0, eq), eq < 0 ? "" : s.substring(eq + 1));
      }
    } else {
      n.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
    }
    return out;
  }

  /** {@code deploy:}, or null when the service has none. */
  static Deploy deploy(JsonNode n) {
    if (n == null || !n.isObject()) {
      return null;
    }
    JsonNode placement = n.get("placement");
    List<String> preferences = new ArrayList<>();
    if (placement != null && placement.get("preferences") != null) {
      for (JsonNode p : placement.get("preferences")) {
        if (p.has("spread")) {
          preferences.add(p.get("spread").asText());
        }
      }
    }
    JsonNode resources = n.get("resources");
    return new Deploy(
        text(n, "mode"),
        integer(n, "replicas"),
        labels(n.get("labels")),
        text(n, "endpoint_mode"),
        placement == null ? List.of() : strings(placement.get("constraints")),
        preferences,
        placement == null ? null : integer(placement, "max_replicas_per_node"),
        resources(resources == null ? null : resources.get("limits")),
        resources(resources == null ? null : resources.get("reservations")),
        update(n.get("update_config")),
        update(n.get("rollback_config")),
        restart(n.get("restart_policy")));
  }

  private static Resources resources(JsonNode n) {
    return n == null || n.isNull() ? null : new Resources(text(n, "cpus"), text(n, "memory"));
  }

  private static UpdateConfig update(JsonNode n) {
    if (n == null || n.isNull()) {
      return null;
    }
    JsonNode ratio = n.get("max_failure_ratio");
    return new UpdateConfig(
        integer(n, "parallelism"),
        text(n, "delay"),
        text(n, "failure_action"),
        text(n, "monitor"),
        ratio == null || ratio.isNull() ? null : ratio.asDouble(),
        text(n, "order"));
  }

  private static RestartPolicy restart(JsonNode n) {
    if (n == null || n.isNull()) {
      return null;
    }
    return new RestartPolicy(
        text(n, "condition"), text(n, "delay"), integer(n, "max_attempts"), text(n, "window"));
  }

  /** A service's {@code secrets:} or {@code configs:}: names, or the long form. */
  static List<FileRef> refs(JsonNode n) {
    List<FileRef> out = new ArrayList<>();
    if (n == null || !n.isArray()) {
      return out;
    }
    for (JsonNode x : n) {
      if (x.isObject()) {
        JsonNode mode = x.get("mode");
        out.add(
            new FileRef(
                text(x, "source"),
                text(x, "target"),
                text(x, "uid"),
                text(x, "gid"),
                mode == null || mode.isNull() ? null : mode(mode)));
      } else {
        out.add(new FileRef(x.asText(), null, null, null, null));
      }
    }
    return out;
  }

  /** A mode as YAML gives it: 0440 (an octal integer to YAML 1.1) or a string "0440". */
  private static int mode(JsonNode mode) {
    if (mode.isNumber()) {
      return mode.asInt();
    }
    String s = mode.asText();
    return s.startsWith("0") && s.length() > 1
        ? Integer.parseInt(s.substring(1), 8)
        : Integer.parseInt(s);
  }

  /** The top-level {@code secrets:} or {@code configs:}, a file made absolute. */
  static Map<String, FileObject> objects(JsonNode n, String workingDir) {
    Map<String, FileObject> out = new LinkedHashMap<>();
    if (n == null || !n.isObject()) {
      return out;
    }
    n.fields()
        .forEachRemaining(
            e -> {
              JsonNode o = e.getValue();
              String file = text(o, "file");
              JsonNode ext = o == null ? null : o.get("external");
              boolean external = ext != null && (ext.isObject() || ext.asBoolean(false));
              out.put(
                  e.getKey(),
                  new FileObject(
                      e.getKey(),
                      text(o, "name"),
                      file == null ? null : Paths.resolve(workingDir, file),
                      external,
                      labels(o == null ? null : o.get("labels")),
                      text(o, "environment"),
                      text(o, "content")));
            });
    return out;
  }
}

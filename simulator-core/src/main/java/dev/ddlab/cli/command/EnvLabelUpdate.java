package dev.ddlab.cli.command;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * {@code service update --env-add/--env-rm} and {@code --label-add/--label-rm}, as docker/cli's
 * updateEnvironment and updateLabels: an added variable replaces the one with its key (docker/cli
 * rebuilds the list from a Go map, in no fixed order; here the service's order is kept and new keys
 * follow), removals go by key; labels are added or replaced, then removed by key.
 */
final class EnvLabelUpdate {
  @Option(
      names = "--env-add",
      paramLabel = "list",
      description = "Add or update an environment variable")
  List<String> envAdd = new ArrayList<>();

  @Option(names = "--env-rm", paramLabel = "list", description = "Remove an environment variable")
  List<String> envRemove = new ArrayList<>();

  @Option(names = "--label-add", paramLabel = "list", description = "Add or update a service label")
  List<String> labelAdd = new ArrayList<>();

  @Option(names = "--label-rm", paramLabel = "list", description = "Remove a label by its key")
  List<String> labelRemove = new ArrayList<>();

  boolean envChanged() {
    return !envAdd.isEmpty() || !envRemove.isEmpty();
  }

  /** The environment after the flags ({@code have} may be null); null when none is left. */
  List<String> env(List<String> have) {
    Map<String, String> byKey = new LinkedHashMap<>();
    for (String v : have == null ? List.<String>of() : have) {
      byKey.put(key(v), v);
    }
    for (String v : envAdd) {
      byKey.put(key(v), v);
    }
    envRemove.forEach(byKey::remove);
    return byKey.isEmpty() ? null : List.copyOf(byKey.values());
  }

  private static String key(String env) {
    int eq = env.indexOf('=');
    return eq < 0 ? env : env.substring(0, eq);
  }

  /** The service's labels after the flags ({@code have} may be null). */
  Map<String, String> labels(Map<String, String> have) {
    if (labelAdd.isEmpty() && (labelRemove.isEmpty() || have == null)) {
      return have;
    }
    Map<String, String> out = new LinkedHashMap<>(have == null ? Map.of() : have);
    out.putAll(DockerCommand.kv(labelAdd));
    labelRemove.forEach(out::remove);
    return out;
  }
}

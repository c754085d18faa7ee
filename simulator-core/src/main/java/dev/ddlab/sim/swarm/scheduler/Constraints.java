package dev.ddlab.sim.swarm.scheduler;

import dev.ddlab.engine.dto.swarm.Node;
import dev.ddlab.engine.dto.swarm.Task;
import java.util.List;
import java.util.Map;

/**
 * Placement constraints as swarmkit's {@code constraint} package reads them: {@code key==value} or
 * {@code key!=value} over node.id, node.hostname, node.role, node.platform.os/arch, node.labels.X
 * and engine.labels.X.
 */
public final class Constraints {
  private Constraints() {}

  public static boolean satisfied(Task t, Node n) {
    List<String> cs =
        t.spec() == null || t.spec().placement() == null
            ? null
            : t.spec().placement().constraints();
    if (cs == null) {
      return true;
    }
    for (String c : cs) {
      boolean eq = c.contains("==");
      String[] kv = c.split(eq ? "==" : "!=", 2);
      if (kv.length != 2) {
        return false;
      }
      String key = kv[0].trim();
      String want = kv[1].trim();
      String have = value(key, n);
      boolean match = have != null && have.equalsIgnoreCase(want);
      if (eq != match) {
        return false;
      }
    }
    return true;
  }

  private static String value(String key, Node n) {
    String k = key.toLowerCase(java.util.Locale.ROOT);
    return switch (k) {
      case "node.id" -> n.id();
      case "node.hostname" -> n.description().hostname();
      case "node.role" -> n.spec().role();
      case "node.platform.os" -> n.description().platform().os();
      case "node.platform.arch" -> n.description().platform().architecture();
      default -> {
        if (k.startsWith("node.labels.")) {
          yield label(n.spec().labels(), key.substring("node.labels.".length()));
        }
        if (k.startsWith("engine.labels.") && n.description().engine() != null) {
          yield label(n.description().engine().labels(), key.substring("engine.labels.".length()));
        }
        yield null;
      }
    };
  }

  private static String label(Map<String, String> labels, String key) {
    return labels == null ? null : labels.get(key);
  }
}

package dev.ddlab.sim.filters;

import dev.ddlab.engine.EngineException;
import dev.ddlab.go.GoTime;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * moby's filter arguments of the prune endpoints (api/types/filters): the keys each one accepts,
 * {@code until} as the daemon reads it (a Go duration before now, Unix seconds, a date or an RFC
 * 3339 time) and {@code label} / {@code label!} (MatchKVList), with the daemon's error texts.
 */
public final class PruneFilters {
  /** What container and network prune accept (daemon/prune.go). */
  public static final Set<String> UNTIL_AND_LABELS = Set.of("until", "label", "label!");

  private PruneFilters() {}

  /**
   * @throws EngineException 400 {@code invalid filter 'KEY'} (v24's filters.Validate) for a key not
   *     {@code allowed}
   */
  public static void validate(Map<String, List<String>> filters, Set<String> allowed) {
    if (filters == null) {
      return;
    }
    for (String key : filters.keySet()) {
      if (!allowed.contains(key)) {
        throw EngineException.badRequest("invalid filter '" + key + "'");
      }
    }
  }

  /**
   * The bound an {@code until} filter sets (objects created after it are kept), or {@link
   * Long#MAX_VALUE} without one.
   *
   * @throws EngineException 400 {@code failed to parse value as time or duration: "xyz"}
   */
  public static long until(Map<String, List<String>> filters, long nowNanos) {
    if (filters == null || !filters.containsKey("until") || filters.get("until").isEmpty()) {
      return Long.MAX_VALUE;
    }
    String v = filters.get("until").get(0);
    try {
      return GoTime.timestamp(v, nowNanos);
    } catch (IllegalArgumentException e) {
      throw EngineException.badRequest("failed to parse value as time or duration: \"" + v + "\"");
    }
  }

  /** Whether an object with these labels is pruned: every {@code label}, no {@code label!}. */
  public static boolean labelsAllow(Map<String, List<String>> filters, Map<String, String> labels) {
    if (filters == null) {
      return true;
    }
    List<String> wanted = filters.get("label");
    List<String> refused = filters.get("label!");
    return (wanted == null || matchKvList(wanted, labels))
        && (refused == null || !matchKvList(refused, labels));
  }

  /** MatchKVList: every "key" or "key=value" is among the labels. */
  public static boolean matchKvList(List<String> wanted, Map<String, String> labels) {
    for (String w : wanted) {
      int eq = w.indexOf('=');
      String k = eq < 0 ? w : w.substring(0, eq);
      if (labels == null || !labels.containsKey(k)) {
        return false;
      }
      if (eq >= 0 && !w.substring(eq + 1).equals(labels.get(k))) {
        return false;
      }
    }
    return true;
  }
}

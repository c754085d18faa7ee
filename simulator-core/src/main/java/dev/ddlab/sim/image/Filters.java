package dev.ddlab.sim.image;

import dev.ddlab.engine.EngineException;
import dev.ddlab.go.GoPath;
import dev.ddlab.sim.clock.VirtualClock;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The Engine API's filter arguments for images (api/types/filters). */
final class Filters {
  private Filters() {}

  static void validate(Map<String, List<String>> filters, Set<String> allowed) {
    dev.ddlab.sim.filters.PruneFilters.validate(filters, allowed);
  }

  /** GetBoolOrDefault: null when absent; "true"/"1" and "false"/"0" otherwise an error. */
  static Boolean bool(Map<String, List<String>> filters, String key) {
    List<String> values = filters.get(key);
    if (values == null || values.isEmpty()) {
      return null;
    }
    Boolean result = null;
    for (String v : values) {
      boolean b;
      switch (v.toLowerCase(java.util.Locale.ROOT)) {
        case "true", "1" -> b = true;
        case "false", "0" -> b = false;
        default -> throw EngineException.badRequest("Invalid filter '" + key + "=" + v + "'");
      }
      result = result == null ? b : result || b;
    }
    return result;
  }

  /** MatchKVList: every "key" or "key=value" must be among the labels. */
  static boolean matchLabels(List<String> wanted, Map<String, String> labels) {
    return dev.ddlab.sim.filters.PruneFilters.matchKvList(wanted, labels);
  }

  /** reference.FamiliarMatch: the pattern against "name:tag", then against "name". */
  static boolean matchesAny(List<String> patterns, Reference r) {
    for (String p : patterns) {
      if (glob(p, r.familiarString()) || glob(p, r.familiarName())) {
        return true;
      }
    }
    return false;
  }

  /** A reference pattern against a name: Go's path.Match. */
  static boolean glob(String pattern, String name) {
    return GoPath.match(pattern, name);
  }

  /** "until": a Go duration before now, Unix seconds, a date or an RFC 3339 time. */
  static long until(List<String> values, VirtualClock clock) {
    return dev.ddlab.sim.filters.PruneFilters.until(Map.of("until", values), clock.nowNanos());
  }
}

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

  /**
   * v24's GetBoolOrDefault: null when absent; true for "true"/"1", false for "false"/"0"; no value,
   * none of those, or both kinds, an error ({@code invalid filter 'dangling=[bogus]'}, the values
   * as Go prints a []string).
   */
  static Boolean bool(Map<String, List<String>> filters, String key) {
    List<String> values = filters.get(key);
    if (values == null) {
      return null;
    }
    if (values.isEmpty()) {
      throw EngineException.badRequest("invalid filter '" + key + "'");
    }
    boolean isTrue = values.contains("true") || values.contains("1");
    boolean isFalse = values.contains("false") || values.contains("0");
    if (isTrue == isFalse) {
      throw EngineException.badRequest(
          "invalid filter '" + key + "=[" + String.join(" ", values) + "]'");
    }
    return isTrue;
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

package dev.ddlab.sim.network;

import dev.ddlab.engine.EngineException;
import java.util.List;
import java.util.Map;

/**
 * The filters of {@code network ls} and {@code network prune} (moby's {@code
 * daemon/network/filter.go}): name (substring), id (prefix), driver, type (builtin/custom), label
 * (key or key=value), scope, dangling.
 */
public final class NetworkFilters {
  private static final List<String> KEYS =
      List.of("name", "id", "driver", "type", "label", "scope", "dangling");

  private final Map<String, List<String>> filters;

  private NetworkFilters(Map<String, List<String>> filters) {
    this.filters = filters;
  }

  /**
   * @throws EngineException 400 {@code invalid filter 'KEY'}
   */
  static NetworkFilters of(Map<String, List<String>> filters) {
    Map<String, List<String>> f = filters == null ? Map.of() : filters;
    for (String key : f.keySet()) {
      if (!KEYS.contains(key)) {
        throw EngineException.badRequest("invalid filter '" + key + "'");
      }
    }
    return new NetworkFilters(f);
  }

  boolean matches(Network n, boolean inUse) {
    return matches(n.name, n.id, n.driver(), n.scope(), n.predefined, n.labels, inUse);
  }

  /**
   * The same filters over a network as GET /networks shows it (a swarm network this node did not
   * make: the ingress network is predefined, as moby's IsPreDefinedNetwork says).
   *
   * @throws EngineException 400 {@code invalid filter 'KEY'}
   */
  public static boolean matches(Map<String, List<String>> filters, dev.ddlab.engine.dto.Network v) {
    boolean inUse = v.containers() != null && !v.containers().isEmpty();
    Map<String, String> labels = v.labels() == null ? Map.of() : v.labels();
    return of(filters).matches(v.name(), v.id(), v.driver(), v.scope(), v.ingress(), labels, inUse);
  }

  private boolean matches(
      String name,
      String id,
      String driver,
      String scope,
      boolean predefined,
      Map<String, String> labels,
      boolean inUse) {
    Map<String, List<String>> f = filters;
    if (f.containsKey("name") && f.get("name").stream().noneMatch(v -> name.contains(v))) {
      return false;
    }
    if (f.containsKey("id") && f.get("id").stream().noneMatch(v -> id.startsWith(v))) {
      return false;
    }
    if (f.containsKey("driver") && !f.get("driver").contains(driver)) {
      return false;
    }
    if (f.containsKey("scope") && !f.get("scope").contains(scope)) {
      return false;
    }
    if (f.containsKey("type") && !f.get("type").contains(predefined ? "builtin" : "custom")) {
      return false;
    }
    if (f.containsKey("dangling")) {
      boolean dangling = !predefined && !inUse;
      if (f.get("dangling").stream().noneMatch(v -> Boolean.parseBoolean(v) == dangling)) {
        return false;
      }
    }
    if (f.containsKey("label")) {
      for (String l : f.get("label")) {
        int eq = l.indexOf('=');
        String k = eq < 0 ? l : l.substring(0, eq);
        if (!labels.containsKey(k) || (eq >= 0 && !labels.get(k).equals(l.substring(eq + 1)))) {
          return false;
        }
      }
    }
    return true;
  }
}

package dev.ddlab.sim.host;

import dev.ddlab.engine.dto.EventMessage;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * docker events --filter: values of one key are alternatives, different keys must all match. {@code
 * event} matches the action (an exec's "exec_create: sh" matches "exec_create").
 */
record EventFilter(Map<String, List<String>> filters, Function<String, String> containerId)
    implements Predicate<EventMessage> {
  @Override
  public boolean test(EventMessage m) {
    for (Map.Entry<String, List<String>> e : filters.entrySet()) {
      List<String> values = e.getValue();
      Map<String, String> attrs =
          m.actor() == null || m.actor().attributes() == null ? Map.of() : m.actor().attributes();
      String actor = m.actor() == null ? "" : m.actor().id();
      boolean ok =
          switch (e.getKey()) {
            case "type" -> values.contains(m.type());
            case "event" ->
                values.stream()
                    .anyMatch(v -> m.action().equals(v) || m.action().startsWith(v + ":"));
            case "container" ->
                m.type().equals("container")
                    && values.stream()
                        .anyMatch(
                            v ->
                                actor.equals(containerId.apply(v))
                                    || v.equals(attrs.get("name"))
                                    || actor.startsWith(v));
            case "image" ->
                values.stream().anyMatch(v -> v.equals(attrs.get("image")) || v.equals(m.from()));
            case "network", "volume" ->
                m.type().equals(e.getKey())
                    && values.stream()
                        .anyMatch(
                            v ->
                                actor.startsWith(v)
                                    || v.equals(attrs.get("name"))
                                    || v.equals(actor));
            case "label" ->
                values.stream()
                    .anyMatch(
                        v -> {
                          int eq = v.indexOf('=');
                          return eq < 0
                              ? attrs.containsKey(v)
                              : v.substring(eq + 1).equals(attrs.get(v.substring(0, eq)));
                        });
            case "scope" -> values.contains(m.scope());
            case "daemon" -> m.type().equals("daemon");
            default -> false;
          };
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}

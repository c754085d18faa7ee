package dev.ddlab.web.session;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.ddlab.engine.Engine;
import dev.ddlab.engine.EngineException;
import dev.ddlab.engine.dto.ContainerSummary;
import dev.ddlab.engine.dto.Port;
import dev.ddlab.web.Json;
import java.util.Map;
import java.util.TreeMap;

/** The host ports a node publishes, as the "port chips" beside the node show them. */
final class PublishedPorts {
  private PublishedPorts() {}

  static ArrayNode of(Engine engine) {
    Map<Integer, String[]> byPort = new TreeMap<>();
    try {
      for (ContainerSummary c : engine.containers().list(false, 0, false, Map.of())) {
        if (c.ports() == null) {
          continue;
        }
        for (Port p : c.ports()) {
          if (p.publicPort() != null && "tcp".equals(p.type())) {
            String name = c.names() == null || c.names().isEmpty() ? c.id() : c.names().get(0);
            byPort.putIfAbsent(
                p.publicPort(),
                new String[] {String.valueOf(p.privatePort()), name.replaceFirst("^/", "")});
          }
        }
      }
    } catch (EngineException e) {
      // a stopped daemon publishes nothing
    }
    ArrayNode out = Json.MAPPER.createArrayNode();
    byPort.forEach(
        (port, v) ->
            out.addObject()
                .put("port", port)
                .put("containerPort", Integer.parseInt(v[0]))
                .put("container", v[1]));
    return out;
  }
}

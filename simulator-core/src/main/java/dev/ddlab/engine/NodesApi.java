package dev.ddlab.engine;

import dev.ddlab.engine.dto.swarm.Node;
import dev.ddlab.engine.dto.swarm.NodeSpec;
import java.util.List;
import java.util.Map;

/** Engine API: /nodes/… (manager only). The default answers as a node in no swarm. */
public interface NodesApi {
  NodesApi INACTIVE = new NodesApi() {};

  /** GET /nodes?filters= (id, label, node.label, membership, name, role). */
  default List<Node> list(Map<String, List<String>> filters) {
    throw SwarmErrors.notManager();
  }

  /** GET /nodes/{id}: by ID, ID prefix or hostname; 404 "node X not found". */
  default Node inspect(String idOrName) {
    throw SwarmErrors.notManager();
  }

  /** POST /nodes/{id}/update?version=. */
  default void update(String id, long version, NodeSpec spec) {
    throw SwarmErrors.notManager();
  }

  /** DELETE /nodes/{id}?force=. */
  default void remove(String id, boolean force) {
    throw SwarmErrors.notManager();
  }
}

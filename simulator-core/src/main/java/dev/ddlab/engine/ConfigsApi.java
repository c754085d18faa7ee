package dev.ddlab.engine;

import dev.ddlab.engine.dto.IdResponse;
import dev.ddlab.engine.dto.swarm.Config;
import dev.ddlab.engine.dto.swarm.ConfigSpec;
import java.util.List;
import java.util.Map;

/** Engine API: /configs/… (manager only). The default answers as a node in no swarm. */
public interface ConfigsApi {
  ConfigsApi INACTIVE = new ConfigsApi() {};

  /** GET /configs?filters= (id, name, label, names). */
  default List<Config> list(Map<String, List<String>> filters) {
    throw SwarmErrors.notManager();
  }

  /** GET /configs/{id}: by ID, ID prefix or name; 404 "config X not found". */
  default Config inspect(String idOrName) {
    throw SwarmErrors.notManager();
  }

  /** POST /configs/create. 409 "config NAME already exists" for a taken name. */
  default IdResponse create(ConfigSpec spec) {
    throw SwarmErrors.notManager();
  }

  /** POST /configs/{id}/update?version= (labels only). */
  default void update(String id, long version, ConfigSpec spec) {
    throw SwarmErrors.notManager();
  }

  /** DELETE /configs/{id}. */
  default void remove(String idOrName) {
    throw SwarmErrors.notManager();
  }
}

package dev.ddlab.engine;

import dev.ddlab.engine.dto.IdResponse;
import dev.ddlab.engine.dto.swarm.Secret;
import dev.ddlab.engine.dto.swarm.SecretSpec;
import java.util.List;
import java.util.Map;

/** Engine API: /secrets/… (manager only). The default answers as a node in no swarm. */
public interface SecretsApi {
  SecretsApi INACTIVE = new SecretsApi() {};

  /** GET /secrets?filters= (id, name, label, names). */
  default List<Secret> list(Map<String, List<String>> filters) {
    throw SwarmErrors.notManager();
  }

  /** GET /secrets/{id}: by ID, ID prefix or name; 404 "secret X not found". */
  default Secret inspect(String idOrName) {
    throw SwarmErrors.notManager();
  }

  /** POST /secrets/create. 409 "secret NAME already exists" for a taken name. */
  default IdResponse create(SecretSpec spec) {
    throw SwarmErrors.notManager();
  }

  /** POST /secrets/{id}/update?version= (labels only). */
  default void update(String id, long version, SecretSpec spec) {
    throw SwarmErrors.notManager();
  }

  /** DELETE /secrets/{id}. */
  default void remove(String idOrName) {
    throw SwarmErrors.notManager();
  }
}

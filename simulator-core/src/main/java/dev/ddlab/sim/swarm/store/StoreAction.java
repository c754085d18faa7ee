package dev.ddlab.sim.swarm.store;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One change to the cluster store, as swarmkit's {@code api.StoreAction}: put or delete one object
 * of a kind. A Raft entry carries a batch of them, applied together on every manager.
 *
 * @param kind "cluster", "node", "service", "task", "unlockkey"
 * @param id the object's ID
 * @param object the object as Engine API JSON, or null to delete it
 */
public record StoreAction(String kind, String id, JsonNode object) {
  public static final String CLUSTER = "cluster";
  public static final String NODE = "node";
  public static final String SERVICE = "service";
  public static final String TASK = "task";

  /** The managers' unlock key (a text), or null to turn autolock off. */
  public static final String UNLOCK_KEY = "unlockkey";

  public static StoreAction put(String kind, String id, Object object) {
    return new StoreAction(kind, id, ClusterStore.JSON.valueToTree(object));
  }

  public static StoreAction delete(String kind, String id) {
    return new StoreAction(kind, id, null);
  }
}

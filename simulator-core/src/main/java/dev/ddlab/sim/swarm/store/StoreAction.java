package dev.ddlab.sim.swarm.store;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One change to the cluster store, as swarmkit's {@code api.StoreAction}: put or delete one object
 * of a kind. A Raft entry carries a batch of them, applied together on every manager.
 *
 * @param kind "cluster", "node", "service", "task", "network", "secret", "config", "netalloc",
 *     "endpoint", "lb", "unlockkey"
 * @param id the object's ID
 * @param object the object as Engine API JSON, or null to delete it
 */
public record StoreAction(String kind, String id, JsonNode object) {
  public static final String CLUSTER = "cluster";
  public static final String NODE = "node";
  public static final String SERVICE = "service";
  public static final String TASK = "task";
  public static final String NETWORK = "network";
  public static final String SECRET = "secret";
  public static final String CONFIG = "config";

  /** The allocator's state of a network (subnet, VXLAN ID), dropped if it was removed meanwhile. */
  public static final String NETWORK_ALLOCATION = "netalloc";

  /**
   * A service's endpoint (VIPs, published ports), the allocator's: a service's put keeps the
   * endpoint stored, so an update written from an older read cannot undo an allocation.
   */
  public static final String ENDPOINT = "endpoint";

  /**
   * A node's address on the ingress network (swarmkit's node attachment, which the Engine API's
   * Node does not show): the object is the address as text ("10.0.0.2/24"), the ID the node's.
   */
  public static final String LB = "lb";

  /**
   * A node's address on an overlay network other than ingress, for its load-balancer sandbox
   * (swarmkit's node attachments, Docker 18.09+): the ID is "NODE_ID/NETWORK_ID", the object the
   * address as text ("10.0.1.5/24").
   */
  public static final String NODE_LB = "nodelb";

  /** The managers' unlock key (a text), or null to turn autolock off. */
  public static final String UNLOCK_KEY = "unlockkey";

  public static StoreAction put(String kind, String id, Object object) {
    return new StoreAction(kind, id, ClusterStore.JSON.valueToTree(object));
  }

  /** The managers' unlock key set, or turned off with null. */
  public static StoreAction unlockKey(String key) {
    return key == null ? delete(UNLOCK_KEY, "key") : put(UNLOCK_KEY, "key", key);
  }

  public static StoreAction delete(String kind, String id) {
    return new StoreAction(kind, id, null);
  }
}

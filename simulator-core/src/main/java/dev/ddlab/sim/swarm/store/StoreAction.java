package dev.ddlab.sim.swarm.store;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One change to the cluster store, as swarmkit's {@code api.StoreAction}: put or delete one object
 * of a kind. A Raft entry carries a batch of them, applied together on every manager.
 *
 * @param kind "cluster", "node", "service", "task", "network", "secret", "config", "netalloc",
 *     "endpoint", "lb", "unlockkey"
 * @param id the object's ID
 * @param json the object as Engine API JSON (UTF-8 bytes, written once when the action is made and
 *     carried as they are on the wire and in the WAL), or null to delete it
 */
public record StoreAction(String kind, String id, byte[] json) {
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
   * A service's UpdateStatus, the orchestrator's (swarmkit's updater: updating, then completed):
   * the object is the service as the orchestrator read it, and only its status is taken, and only
   * while the stored service is still that version, so a status computed before a newer {@code
   * service update} cannot land on it.
   */
  public static final String UPDATE_STATUS = "updatestatus";

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

  /**
   * Puts {@code object}: a text (an ingress address, the unlock key) as its UTF-8 bytes, any other
   * object as its Engine API JSON.
   */
  public static StoreAction put(String kind, String id, Object object) {
    return new StoreAction(
        kind,
        id,
        object instanceof String text
            ? text.getBytes(StandardCharsets.UTF_8)
            : ClusterStore.bytes(object));
  }

  /** Whether this action deletes its object. */
  public boolean isDelete() {
    return json == null;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StoreAction a
        && kind.equals(a.kind)
        && id.equals(a.id)
        && Arrays.equals(json, a.json);
  }

  @Override
  public int hashCode() {
    return (kind.hashCode() * 31 + id.hashCode()) * 31 + Arrays.hashCode(json);
  }

  @Override
  public String toString() {
    return (json == null ? "delete " : "put ") + kind + " " + id;
  }

  /** The managers' unlock key set, or turned off with null. */
  public static StoreAction unlockKey(String key) {
    return key == null ? delete(UNLOCK_KEY, "key") : put(UNLOCK_KEY, "key", key);
  }

  public static StoreAction delete(String kind, String id) {
    return new StoreAction(kind, id, null);
  }
}

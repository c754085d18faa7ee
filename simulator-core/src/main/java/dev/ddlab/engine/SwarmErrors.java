package dev.ddlab.engine;

/**
 * The texts dockerd answers with when a Swarm request reaches a node that cannot serve it (moby
 * {@code daemon/cluster/errors.go}). Shared by the sub-APIs' defaults and the simulated node.
 */
public final class SwarmErrors {
  private SwarmErrors() {}

  /** errNoSwarm as a manager-only request sees it (503). */
  public static EngineException notManager() {
    return new EngineException(
        503,
        "This node is not a swarm manager. Use \"docker swarm init\" or \"docker swarm join\" to"
            + " connect this node to swarm and try again.");
  }

  /** errNotManager: the node is a worker (503). */
  public static EngineException workerNotManager() {
    return new EngineException(
        503,
        "This node is not a swarm manager. Worker nodes can't be used to view or modify cluster"
            + " state. Please run this command on a manager node or promote the current node to a"
            + " manager.");
  }

  /** errNoQuorum: the managers cannot elect a leader (503). */
  public static EngineException noLeader() {
    return new EngineException(
        503,
        "rpc error: code = Unknown desc = The swarm does not have a leader. It's possible that too"
            + " few managers are online. Make sure more than half of the managers are online.");
  }

  /** errSwarmLocked: an autolocked manager after a restart (503). */
  public static EngineException locked() {
    return new EngineException(
        503,
        "Swarm is encrypted and needs to be unlocked before it can be used. Please use \"docker"
            + " swarm unlock\" to unlock it.");
  }

  /** errNoSwarm: leave (and unlock-key on a worker's view) on a node in no swarm (503). */
  public static EngineException noSwarm() {
    return new EngineException(503, "This node is not part of a swarm");
  }

  /** errSwarmExists: init or join on a node already in a swarm (503). */
  public static EngineException exists() {
    return new EngineException(
        503,
        "This node is already part of a swarm. Use \"docker swarm leave\" to leave this swarm and"
            + " join another one.");
  }

  /** The manager is up but has no Raft yet, or cannot reach its cluster (503). */
  public static EngineException managerNotReady() {
    return new EngineException(
        503,
        "This node is not a swarm manager. Manager is being prepared or has trouble connecting to"
            + " the cluster.");
  }

  /** invalidUnlockKey (401). */
  public static EngineException invalidUnlockKey() {
    return new EngineException(401, "swarm could not be unlocked: invalid key provided");
  }

  /** notLockedError (409). */
  public static EngineException notLocked() {
    return new EngineException(409, "swarm is not locked");
  }
}

package dev.ddlab.sim.swarm;

/**
 * swarmkit's task states in their order: a task's observed state only moves forward, and every
 * state from {@link #COMPLETE} on is terminal. The Engine API spells them in lower case.
 */
public enum TaskState {
  NEW,
  PENDING,
  ASSIGNED,
  ACCEPTED,
  PREPARING,
  READY,
  STARTING,
  RUNNING,
  COMPLETE,
  SHUTDOWN,
  FAILED,
  REJECTED,
  REMOVE,
  ORPHANED;

  public static TaskState of(String apiName) {
    return valueOf(apiName.toUpperCase(java.util.Locale.ROOT));
  }

  public String api() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  public boolean terminal() {
    return ordinal() >= COMPLETE.ordinal();
  }
}

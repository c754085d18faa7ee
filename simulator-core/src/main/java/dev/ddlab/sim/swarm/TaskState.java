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

  private static final java.util.Map<String, TaskState> BY_API = new java.util.HashMap<>();

  static {
    for (TaskState s : values()) {
      BY_API.put(s.api(), s);
    }
  }

  public static TaskState of(String apiName) {
    TaskState s = BY_API.get(apiName);
    return s != null ? s : valueOf(apiName.toUpperCase(java.util.Locale.ROOT));
  }

  public String api() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  public boolean terminal() {
    return ordinal() >= COMPLETE.ordinal();
  }
}

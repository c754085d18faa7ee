package dev.ddlab.grader.state;

/**
 * A swarm task as a check sees it ({@code docker service ps} on a manager).
 *
 * @param service the name of its service
 * @param slot its replica slot, 0 for a global service's task
 * @param node the hostname of the node it is assigned to, "" before it is scheduled
 * @param desiredState what the orchestrator wants: "running", "shutdown" …
 * @param state where it is: "new", "pending", "assigned", "preparing", "running", "shutdown",
 *     "complete", "failed", "rejected" …
 */
public record TaskView(
    String id, String service, int slot, String node, String desiredState, String state) {
  /** Running, and meant to keep running (what {@code service ls} counts). */
  public boolean running() {
    return "running".equals(state) && "running".equals(desiredState);
  }
}

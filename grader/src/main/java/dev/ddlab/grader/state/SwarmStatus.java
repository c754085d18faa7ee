package dev.ddlab.grader.state;

import java.util.List;

/**
 * A swarm as one node sees it, the way {@code docker info} and {@code docker node ls} on that node
 * show it, plus the Raft term where the simulator can tell it. On a simulated node it is read from
 * Raft itself (what the managers know), so it never waits for {@code docker node ls} to notice.
 *
 * @param state the node's LocalNodeState: "inactive", "pending", "active", "error" or "locked"
 * @param manager whether the node is a manager (ControlAvailable)
 * @param quorum whether the node's managers have a leader it can ask ({@code docker node ls}
 *     answers); false on a worker, which cannot ask
 * @param leader the leader's hostname, or "" when there is none (or the node cannot tell)
 * @param managers the managers' hostnames
 * @param reachable the managers that are reachable, the leader included
 * @param unreachable the managers that are not
 * @param term the node's Raft term, or -1 when unknown (a worker, a real engine)
 * @param autolock whether the swarm's managers lock when they restart ({@code swarm update
 *     --autolock}), as the leader's store says; false when the node cannot ask
 */
public record SwarmStatus(
    String state,
    boolean manager,
    boolean quorum,
    String leader,
    List<String> managers,
    List<String> reachable,
    List<String> unreachable,
    long term,
    boolean autolock) {
  public SwarmStatus {
    managers = List.copyOf(managers);
    reachable = List.copyOf(reachable);
    unreachable = List.copyOf(unreachable);
  }

  /** The same status with {@code autolock} as the leader's store says. */
  public SwarmStatus withAutolock(boolean autolock) {
    return new SwarmStatus(
        state, manager, quorum, leader, managers, reachable, unreachable, term, autolock);
  }
}

package dev.ddlab.sim.swarm.raft;

import java.util.List;
import java.util.Set;

/**
 * What one manager's Raft member knows now, for the introspection seam's Raft view (the Raft
 * panel): role, term, vote, votes received, the leader it follows, its log with the commit index,
 * and its timers in virtual time.
 *
 * @param role "follower", "candidate", "leader", "learner" or "down"
 * @param electionDeadlineNanos when a follower gives up on a silent leader (-1 when leading)
 * @param nextHeartbeatNanos when the member next runs its heartbeat task, or -1
 */
public record RaftStatus(
    String node,
    String role,
    long term,
    String votedFor,
    Set<String> votesReceived,
    String leader,
    List<Entry> log,
    long commitIndex,
    long lastApplied,
    long electionDeadlineNanos,
    long nextHeartbeatNanos) {
  /** One log entry: index, term, what it carries; committed when index ≤ commit index. */
  public record Entry(long index, long term, String summary) {}
}

package dev.ddlab.introspect;

import java.util.List;
import java.util.Set;

/**
 * Swarm from the inside: Raft state per manager, services and their tasks. Designed before its
 * subsystem (issue 12: swarmkit's shape over MicroRaft): until then it answers empty.
 *
 * <p>How it will be fed: each manager's Raft node reports its state through MicroRaft's {@code
 * RaftNodeReport} listener and every Raft message it sends or receives; the swarm subsystem
 * publishes those as {@link dev.ddlab.events.SimEvent}s (the panel animates messages from them) and
 * the simulator's implementation of this view keeps the latest state per manager. Services and
 * tasks are read from the replicated store when asked.
 */
public interface SwarmView {
  SwarmView NONE = new SwarmView() {};

  /** Every manager's Raft state, in node order. */
  default List<RaftState> managers() {
    return List.of();
  }

  default List<ServiceInfo> services() {
    return List.of();
  }

  /** Tasks of one service, or of all services when {@code serviceId} is null. */
  default List<TaskInfo> tasks(String serviceId) {
    return List.of();
  }

  /**
   * The latest messages of the swarm's control plane on the underlay (Raft between managers:
   * pre-votes, votes, appends and their answers; heartbeats and assignments between agents and the
   * leader), oldest first, at most {@link #MESSAGES_KEPT}: those in flight and those just delivered
   * or lost, so a panel can animate each once.
   */
  default List<Message> messages() {
    return List.of();
  }

  /** How many recent messages {@link #messages()} keeps. */
  int MESSAGES_KEPT = 64;

  /** A manager's role in Raft. */
  enum Role {
    FOLLOWER,
    CANDIDATE,
    LEADER,
    LEARNER,
    DOWN
  }

  /**
   * What one manager's Raft node knows.
   *
   * @param node the manager's node ("mgr1")
   * @param votedFor whom it voted for in {@code term}, or ""
   * @param votesReceived the voters that granted it their vote while a candidate
   * @param leader the leader it follows, or ""
   * @param log the entries it holds, committed or not, oldest first (a snapshot's entries left out)
   * @param electionDeadlineNanos virtual time its election timer fires, or -1 when not armed
   * @param nextHeartbeatNanos virtual time a leader sends its next heartbeat, or -1
   */
  record RaftState(
      String node,
      Role role,
      long term,
      String votedFor,
      Set<String> votesReceived,
      String leader,
      List<LogEntry> log,
      long commitIndex,
      long lastApplied,
      long electionDeadlineNanos,
      long nextHeartbeatNanos) {
    public RaftState {
      votesReceived = Set.copyOf(votesReceived);
      log = List.copyOf(log);
    }
  }

  /** One Raft log entry: its index, the term it was appended in and what it carries. */
  record LogEntry(long index, long term, String summary) {}

  /**
   * One message between two nodes.
   *
   * @param id the underlay's sequence number (increasing: a panel animates ids it has not seen)
   * @param summary what it carries ("PreVote t3", "AppendEntries t2 heartbeat commit 7")
   * @param dueNanos when it arrives (or would have)
   * @param state "in-flight", "delivered" or "dropped"
   * @param dropReason why it was lost ("partition", "link down", "loss", "dropped by hand", "port
   *     closed"), or ""
   */
  record Message(
      long id,
      String from,
      String to,
      String summary,
      long sentNanos,
      long dueNanos,
      String state,
      String dropReason) {}

  /** A service as {@code docker service ls} lists it. */
  record ServiceInfo(String id, String name, String mode, int replicas, String image) {}

  /**
   * A task as {@code docker service ps} lists it.
   *
   * @param slot the replica slot, 0 for a global service
   * @param node the node it is assigned to, or ""
   * @param containerId its container on that node, or ""
   */
  record TaskInfo(
      String id,
      String serviceId,
      int slot,
      String node,
      String desiredState,
      String state,
      String containerId) {}
}

package dev.ddlab.session;

import java.time.Duration;
import java.util.Set;

/**
 * Faults a learner may inject into the network joining a session's machines (the underlay that
 * carries Raft and the swarm's control traffic), by node name: cut a node off and heal, lose the
 * next message from one node to another, slow every message down. A daemon's stop and start go
 * through {@link NodeBackend#daemon()}. A real engine's session has no such network: {@link #NONE}.
 */
public interface NetworkFaults {
  NetworkFaults NONE = new NetworkFaults() {};

  /** Whether this session's network can be faulted; the other methods refuse when not. */
  default boolean supported() {
    return false;
  }

  /** Cuts {@code node} off from every other node (its messages and theirs to it are lost). */
  default void isolate(String node) {
    throw unsupported();
  }

  /** Joins every node again. */
  default void heal() {
    throw unsupported();
  }

  /** Loses the next message {@code from} sends {@code to}. */
  default void dropNext(String from, String to) {
    throw unsupported();
  }

  /** The one-way delay of every message. */
  default Duration latency() {
    return Duration.ZERO;
  }

  default void setLatency(Duration oneWay) {
    throw unsupported();
  }

  /**
   * Makes the manager {@code node} start an election now (RaftScope's "timeout"): the leader hands
   * its leadership to it (MicroRaft's leadership transfer, as {@code node demote} of a leader
   * does), so it campaigns in the next term at once. Refused, with nothing changed, when {@code
   * node} is no running manager, is the leader itself, or no leader exists to hand over.
   */
  default void forceElection(String node) {
    throw unsupported();
  }

  /** The nodes cut off by {@link #isolate}, until {@link #heal}. */
  default Set<String> isolated() {
    return Set.of();
  }

  private static IllegalStateException unsupported() {
    return new IllegalStateException("Phiên này không có mạng mô phỏng để gây lỗi.");
  }
}

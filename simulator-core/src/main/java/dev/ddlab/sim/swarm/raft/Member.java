package dev.ddlab.sim.swarm.raft;

import io.microraft.RaftEndpoint;

/**
 * A Raft member: its ID (swarmkit's raft ID, here the manager's node ID) and the underlay address
 * its Raft listens on ("10.0.0.1"). Equal members have equal IDs and addresses, so MicroRaft's hash
 * maps iterate in the same order on every run.
 */
public record Member(String id, String address) implements RaftEndpoint {
  @Override
  public Object getId() {
    return id;
  }

  @Override
  public String toString() {
    return id;
  }
}

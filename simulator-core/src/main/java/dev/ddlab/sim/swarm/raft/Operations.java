package dev.ddlab.sim.swarm.raft;

/**
 * How the operations a state machine replicates (and its snapshot chunks) become bytes in Raft
 * messages and files, and back. {@link #describe} is a short text for the Raft panel's log table
 * (log entries only: snapshot chunks never reach it).
 */
public interface Operations {
  byte[] encode(Object operation);

  Object decode(byte[] bytes);

  /**
   * The operation in {@code bytes[offset, offset + length)}; the bytes are not changed afterwards,
   * so an operation may keep reading them instead of a copy.
   */
  default Object decode(byte[] bytes, int offset, int length) {
    return decode(java.util.Arrays.copyOfRange(bytes, offset, offset + length));
  }

  String describe(Object operation);

  /** The operation a new leader appends to commit its term (MicroRaft's new-term entry). */
  record NewTerm() {}
}

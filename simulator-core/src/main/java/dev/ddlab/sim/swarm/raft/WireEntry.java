package dev.ddlab.sim.swarm.raft;

import io.microraft.model.impl.DefaultRaftModelFactory;
import io.microraft.model.log.LogEntry;

/**
 * A log entry that keeps its encoding ({@link WireCodec}): the leader encodes an entry once, for
 * its WAL and for every follower's append request (and every retransmission), and a follower keeps
 * the bytes it received for its own WAL instead of encoding the entry again.
 */
final class WireEntry implements LogEntry {
  private final long index;
  private final int term;
  private final Object operation;

  /** The entry as {@link WireCodec} encodes it, once known. */
  byte[] wire;

  WireEntry(long index, int term, Object operation, byte[] wire) {
    this.index = index;
    this.term = term;
    this.operation = operation;
    this.wire = wire;
  }

  @Override
  public long getIndex() {
    return index;
  }

  @Override
  public int getTerm() {
    return term;
  }

  @Override
  public Object getOperation() {
    return operation;
  }

  @Override
  public String toString() {
    return "LogEntry{term=" + term + ", index=" + index + ", operation=" + operation + "}";
  }

  /** MicroRaft's model factory, whose log entries are {@link WireEntry}s. */
  static final class Factory extends DefaultRaftModelFactory {
    @Override
    public LogEntryBuilder createLogEntryBuilder() {
      return new LogEntryBuilder() {
        private long index;
        private int term;
        private Object operation;

        @Override
        public LogEntryBuilder setIndex(long index) {
          this.index = index;
          return this;
        }

        @Override
        public LogEntryBuilder setTerm(int term) {
          this.term = term;
          return this;
        }

        @Override
        public LogEntryBuilder setOperation(Object operation) {
          this.operation = operation;
          return this;
        }

        @Override
        public LogEntry build() {
          return new WireEntry(index, term, operation, null);
        }
      };
    }
  }
}

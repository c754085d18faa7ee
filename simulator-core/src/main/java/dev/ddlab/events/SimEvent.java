package dev.ddlab.events;

/**
 * Something that changed inside a simulated node or cluster. Every event carries the virtual time
 * and the node it happened on; subtypes say what changed. The Engine API's own event messages are
 * {@link EngineEvent}s; richer events that only a simulation knows (a process started, a layer was
 * written, a packet crossed a wire, a Raft message) are further records implementing this.
 */
public interface SimEvent {
  long timeNanos();

  String node();
}

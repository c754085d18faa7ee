package dev.ddlab.session;

import dev.ddlab.events.EventBus;
import dev.ddlab.introspect.Introspection;
import java.util.List;

/**
 * The machines behind a {@link TerminalSession}: simulated nodes of a cluster, or the learner's
 * client in front of a real engine. The session owns the terminals, the transcript and virtual
 * time; the backend owns the nodes.
 */
public interface SessionBackend extends AutoCloseable {
  /** The nodes the session starts with, in the template's order. */
  List<NodeBackend> nodes();

  /**
   * Adds a node with the next free name.
   *
   * @throws IllegalStateException with a Vietnamese reason when this backend cannot add nodes
   */
  NodeBackend addNode();

  void removeNode(String name);

  /** Where what happens on the nodes is published (the panels listen here). */
  EventBus events();

  /** What only a simulation can show; {@link Introspection#NONE} for a real engine. */
  default Introspection introspection() {
    return Introspection.NONE;
  }

  /** Faults to inject into the network joining the nodes; {@link NetworkFaults#NONE} for none. */
  default NetworkFaults networkFaults() {
    return NetworkFaults.NONE;
  }

  /**
   * Publishes on {@link #events()} what arrived from outside since the last call (a real daemon's
   * events come on another thread). The session calls this on its own thread after every line,
   * interrupt and advance of time, so listeners never run concurrently with a command.
   */
  default void deliverEvents() {}

  /**
   * The session's cgroup (memory and pids every node shares, {@code Cluster.memoryBudget}), which
   * the transcript's kept output is charged to; null when the machines are not simulated.
   */
  default dev.ddlab.sim.runtime.Cgroup memoryBudget() {
    return null;
  }

  /** Frees what the nodes hold (a real engine's session removes what it made). */
  @Override
  default void close() {}
}

package dev.ddlab.introspect;

/**
 * What a session's simulation shows beyond the Engine API: read-only views for the playground's
 * panels, the grader's checks and {@code ddlab learn}. A real engine answers only through {@code
 * Engine}; its sessions offer {@link #NONE}, whose views are all empty.
 *
 * <p>Views grow as the simulator does, one sub-view per subsystem, each with an empty default (as
 * {@code Engine} grows by sub-APIs): a subsystem that lands implements its view, and every reader
 * keeps compiling meanwhile. The present-state views (nodes, images, containers) read the
 * simulation when asked, and the session's {@link dev.ddlab.events.EventBus} says when to ask
 * again; views of things in motion or in the past (frames on a link, build steps, Raft timers) are
 * kept by the implementation from the typed {@link dev.ddlab.events.SimEvent}s its subsystem
 * publishes.
 *
 * <p>Call a session's introspection with the session serialised (the playground holds its lock):
 * the simulator is not thread-safe. Nothing returned can change the simulation; file trees are
 * read-only ({@link ReadOnlyFs}).
 */
public interface Introspection {
  /** A session with nothing simulated behind it (a real engine). */
  Introspection NONE = new Introspection() {};

  /** Whether a simulation stands behind the views; false for {@link #NONE}. */
  default boolean simulated() {
    return false;
  }

  /** The session's machines: topology and host files. */
  default NodesView nodes() {
    return NodesView.NONE;
  }

  /** Images as layer stacks with their file trees. */
  default ImagesView images() {
    return ImagesView.NONE;
  }

  /** Containers from the inside: processes, namespaces, cgroups, mounts, the writable layer. */
  default ContainersView containers() {
    return ContainersView.NONE;
  }

  /** Links and the frames on them (issue 11: the packet-level network; issue 13: VXLAN). */
  default NetworkView network() {
    return NetworkView.NONE;
  }

  /** Builds, step by step, with cache hits (issue 10). */
  default BuildsView builds() {
    return BuildsView.NONE;
  }

  /** Raft state per manager, services and tasks (issue 12). */
  default SwarmView swarm() {
    return SwarmView.NONE;
  }
}

package dev.ddlab.session;

import dev.ddlab.sim.clock.SeededRandom;
import dev.ddlab.sim.clock.VirtualClock;
import dev.ddlab.sim.host.Cluster;
import dev.ddlab.sim.host.DockerHost;

/**
 * A session of simulated nodes: a {@link Cluster} laid out as a {@link Template}, a terminal per
 * node ({@link TerminalSession}), the nodes' shared virtual clock. Besides {@link Session} it hands
 * the simulator's own objects to the simulator's tests and the launcher ({@link #host}, {@link
 * #cluster}, {@link #clock}); the playground and the grader use {@link Session} and {@link
 * #introspection()} only.
 */
public final class SimSession extends TerminalSession {
  private final Cluster cluster;

  private SimSession(String template, long seed, SimBackend backend) {
    super(
        "sim-" + new SeededRandom(seed).fork("session-id").hex(12),
        template,
        seed,
        backend.cluster().clock(),
        backend);
    this.cluster = backend.cluster();
  }

  /**
   * Opens a session of simulated nodes laid out as the {@link Template} of that name.
   *
   * @throws IllegalArgumentException for an unknown template
   */
  public static SimSession open(String template, long seed) {
    Template t = Template.of(template);
    return new SimSession(template, seed, new SimBackend(Cluster.builder(seed).build(), t));
  }

  /** The simulated machines. */
  public Cluster cluster() {
    return cluster;
  }

  /** The node's simulated host. */
  public DockerHost host(String node) {
    if (!nodes().contains(node)) {
      throw new IllegalArgumentException("no such node: " + node);
    }
    return cluster.node(node);
  }

  /** The virtual clock every node of the session shares. */
  @Override
  public VirtualClock clock() {
    return super.clock();
  }
}

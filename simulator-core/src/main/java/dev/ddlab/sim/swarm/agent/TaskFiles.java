package dev.ddlab.sim.swarm.agent;

/**
 * How the agent gives a task's container its secrets and configs: moby's executor hands them to the
 * daemon (its dependency store), which mounts each read-only at its target before the container
 * starts. The node's daemon implements it; nothing of it goes through the Engine API.
 */
@FunctionalInterface
public interface TaskFiles {
  /**
   * Mounts {@code data} with {@code mode} at the absolute {@code target} of a created container.
   */
  void mount(String containerId, String target, byte[] data, int mode);
}

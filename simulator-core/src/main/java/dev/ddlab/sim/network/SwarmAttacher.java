package dev.ddlab.sim.network;

/**
 * What the daemon asks the swarm about a container that is not a task on a swarm network (moby's
 * {@code findAndAttachNetwork} and {@code tryDetachContainerFromClusterNetwork} over the cluster's
 * {@code AttachNetwork} and {@code DetachNetwork}).
 */
public interface SwarmAttacher {
  /** No swarm: nothing is attached, nothing refused. */
  SwarmAttacher NONE =
      new SwarmAttacher() {
        @Override
        public String attach(String containerId, String ref, String requestedIp) {
          return null;
        }

        @Override
        public void detach(String containerId, String networkId) {}
      };

  /**
   * Container {@code containerId} starts, or is connected, on network {@code ref} (a name or ID)
   * that this node does not know or that is swarm-scoped. The swarm refuses (throws, in the
   * manager's words), has nothing to do with it (null: no swarm, a task's container, no swarm
   * network of that name), or attaches it: the network is made on this node and the address the
   * manager allocated for the container comes back (without its prefix length). {@code requestedIp}
   * (the container's {@code --ip} on that network, or null) goes with the request, as moby passes
   * IPAMConfig's address: the allocator gives that address or none.
   */
  String attach(String containerId, String ref, String requestedIp);

  /** The container left swarm network {@code networkId} (stop, disconnect, rm): given back. */
  void detach(String containerId, String networkId);
}

package dev.ddlab.sim.swarm;

import dev.ddlab.engine.EngineException;
import dev.ddlab.engine.dto.swarm.SwarmNetwork;
import dev.ddlab.sim.network.IngressRouting;
import java.util.Map;

/**
 * moby's daemon/cluster side of a standalone container on a swarm network (findAndAttachNetwork,
 * the agent's AttachNetwork): a swarm network not created {@code --attachable} is refused in the
 * manager's words. Not yet done: attaching to an attachable one on a node without it (the manager's
 * network attachment with an address from the allocator).
 */
final class NetworkAttach {
  private NetworkAttach() {}

  /** Refuses {@code container} joining {@code ref} when that is a non-attachable swarm network. */
  static void check(SwarmNode node, String containerId, String ref) {
    if (!node.active()
        || IngressRouting.SANDBOX.equals(containerId)
        || (node.agent() != null && node.agent().containers().containsValue(containerId))) {
      return; // no swarm, or a task's container (its networks are the allocator's)
    }
    for (String a : node.managerAddresses()) {
      SwarmNode m = node.cluster().at(SwarmNode.hostOf(a));
      if (m == null || m.manager() == null) {
        continue;
      }
      Map<String, SwarmNetwork> nets;
      try {
        nets = m.store().networks();
      } catch (EngineException e) {
        continue; // no leader to ask
      }
      for (SwarmNetwork n : nets.values()) {
        if ((n.id().equals(ref) || n.spec().name().equals(ref)) && !n.spec().attachable()) {
          throw EngineException.serverError(
              "Could not attach to network "
                  + ref
                  + ": rpc error: code = PermissionDenied desc = network "
                  + ref
                  + " not manually attachable");
        }
      }
      return;
    }
  }
}

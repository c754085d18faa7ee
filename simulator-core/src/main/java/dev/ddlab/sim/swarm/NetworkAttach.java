package dev.ddlab.sim.swarm;

import dev.ddlab.engine.EngineException;
import dev.ddlab.engine.dto.swarm.NetworkAttachment;
import dev.ddlab.engine.dto.swarm.SwarmNetwork;
import dev.ddlab.engine.dto.swarm.Task;
import dev.ddlab.engine.dto.swarm.TaskSpec;
import dev.ddlab.sim.network.Endpoint;
import dev.ddlab.sim.network.LoadBalancerSandbox;
import dev.ddlab.sim.network.Network;
import dev.ddlab.sim.network.SwarmAttacher;
import dev.ddlab.sim.swarm.agent.Agent;
import dev.ddlab.sim.swarm.store.StoreAction;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * moby's daemon/cluster side of a standalone container on a swarm network ({@code
 * findAndAttachNetwork} over the cluster's {@code AttachNetwork}, swarmkit's {@code
 * ResourceAllocator}): the node asks a manager (a worker the managers its agent knows), which
 * refuses a network it does not know or one not created {@code --attachable}, and otherwise creates
 * a network attachment task for the container on this node (runtime {@code attachment}, state new,
 * desired running). The allocator gives it an address on the network; the dispatcher sends it to
 * this node's agent, which makes the network here ({@link Agent}); the container's endpoint then
 * takes that address. When the container leaves the network (stop, disconnect, rm) the task is
 * deleted through the manager, and the agent removes the network from this node when nothing else
 * uses it.
 */
final class NetworkAttach implements SwarmAttacher {
  /** How long the daemon waits for the attachment (its request context's timeout). */
  private static final Duration WAIT = Duration.ofSeconds(20);

  private final SwarmNode node;

  NetworkAttach(SwarmNode node) {
    this.node = node;
  }

  /** A manager this node can ask, with a leader to answer, or null. */
  private SwarmNode manager() {
    for (String a : node.managerAddresses()) {
      SwarmNode m = node.cluster().at(SwarmNode.hostOf(a));
      if (m == null || m.manager() == null) {
        continue;
      }
      try {
        m.store();
        return m;
      } catch (EngineException e) {
        // no leader to ask
      }
    }
    return null;
  }

  private boolean ours(String containerId) {
    return node.active()
        && node.agent() != null
        && !LoadBalancerSandbox.isOwn(containerId) // libnetwork's own (ingress-sbox, lb-NET)
        && !node.agent().containers().containsValue(containerId); // a task's: the allocator's
  }

  @Override
  public String attach(String containerId, String ref, String requestedIp) {
    SwarmNode m = ours(containerId) ? manager() : null;
    if (m == null) {
      return null;
    }
    SwarmNetwork x = null;
    for (SwarmNetwork n : m.store().networks().values()) {
      if (n.id().equals(ref) || (x == null && n.spec().name().equals(ref))) {
        x = n;
      }
    }
    if (x == null) {
      throw refused(ref, "code = NotFound desc = network " + ref + " not found");
    }
    if (!x.spec().attachable()) {
      throw refused(
          ref, "code = PermissionDenied desc = network " + ref + " not manually attachable");
    }
    Agent agent = node.agent();
    String networkId = x.id();
    Task have = agent.attachment(containerId, networkId);
    if (have != null) {
      return address(have); // moby's attacher for this container and network is there already
    }
    String id = Ids.newId(node.random());
    Task t =
        Task.created(
            id,
            node.now(),
            TaskSpec.attachment(containerId, networkId, requestedIp),
            "",
            0,
            node.nodeId(),
            "new",
            "created");
    m.write(List.of(StoreAction.put(StoreAction.TASK, id, t)));
    if (!node.clock().advanceUntil(() -> agent.attachment(containerId, networkId) != null, WAIT)) {
      delete(m, id);
      throw EngineException.serverError(
          "attaching to network failed, make sure your network options are correct and check"
              + " manager logs: context deadline exceeded");
    }
    return address(agent.attachment(containerId, networkId));
  }

  private static EngineException refused(String ref, String status) {
    return EngineException.serverError(
        "Could not attach to network " + ref + ": rpc error: " + status);
  }

  private static String address(Task t) {
    NetworkAttachment a = t.networksAttachments().get(0);
    String cidr = a.addresses().get(0);
    return cidr.substring(0, cidr.indexOf('/'));
  }

  @Override
  public void detach(String containerId, String networkId) {
    Agent agent = node.agent();
    Task t = agent == null ? null : agent.attachment(containerId, networkId);
    SwarmNode m = t == null ? null : manager();
    if (m == null) {
      return; // moby logs "could not find network attachment …" and goes on
    }
    delete(m, t.id());
    // the agent hears of it with the next assignments and removes the network if unused
    node.clock().advanceUntil(() -> agent.attachment(containerId, networkId) == null, WAIT);
  }

  /**
   * What the embedded DNS of a node answers on swarm network {@code networkId} beyond its own
   * endpoints (libnetwork's service records, gossiped in networkdb; read at once here): a service's
   * name or {@code tasks.NAME} ({@link ServiceRecords}), else the name or an alias of a container
   * with an endpoint on that network on another node (a task's container as a standalone one).
   */
  static Optional<String> lookup(SwarmCluster cluster, String networkId, String name) {
    Optional<String> service = cluster.serviceRecords().lookup(networkId, name);
    if (service.isPresent()) {
      return service;
    }
    for (SwarmNode n : cluster.nodes()) {
      Network here = n.network().lookup(networkId).orElse(null);
      if (here == null || !networkId.equals(here.id())) {
        continue;
      }
      for (Endpoint e : here.endpoints().values()) {
        if (e.ip() != 0
            && !LoadBalancerSandbox.isOwn(e.containerId())
            && (e.containerName().equals(name) || e.aliases().contains(name))) {
          return Optional.of(e.ipText());
        }
      }
    }
    return Optional.empty();
  }

  private static void delete(SwarmNode m, String taskId) {
    try {
      m.write(List.of(StoreAction.delete(StoreAction.TASK, taskId)));
    } catch (EngineException e) {
      // no leader: the attachment stays until the manager reaps it
    }
  }
}

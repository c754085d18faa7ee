package dev.ddlab.sim.swarm;

import dev.ddlab.engine.Engine;
import dev.ddlab.events.EventBus;
import dev.ddlab.fs.FileSystem;
import dev.ddlab.sim.clock.SeededRandom;
import dev.ddlab.sim.clock.VirtualClock;
import dev.ddlab.sim.underlay.Underlay;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The Swarm side of one session's machines: the underlay they share and each machine's {@link
 * SwarmNode}. Nodes find each other only by underlay address, as {@code docker swarm join
 * 10.0.0.1:2377} does.
 */
public final class SwarmCluster {
  private final VirtualClock clock;
  private final SeededRandom random;
  private final EventBus bus;
  private final Underlay underlay;
  private final Map<String, SwarmNode> byAddress = new LinkedHashMap<>();
  private final ServiceRecords serviceRecords = new ServiceRecords();

  private final dev.ddlab.sim.swarm.agent.PayloadTemplates templates;

  /**
   * @param templates how agents expand templated secrets and configs (the session's engine)
   */
  public SwarmCluster(
      VirtualClock clock,
      SeededRandom random,
      EventBus bus,
      Underlay underlay,
      dev.ddlab.sim.swarm.agent.PayloadTemplates templates) {
    this.clock = clock;
    this.random = random;
    this.bus = bus;
    this.underlay = underlay;
    this.templates = templates;
  }

  /** How the agents expand templated secrets and configs. */
  public dev.ddlab.sim.swarm.agent.PayloadTemplates templates() {
    return templates;
  }

  /**
   * The swarm side of the machine {@code hostname} at {@code address}; {@code network} is its
   * daemon's libnetwork controller (swarm networks made on the node, docker_gwbridge), {@code
   * files} its daemon's mounts of a task's secrets and configs.
   */
  public SwarmNode node(
      String hostname,
      String address,
      FileSystem hostFs,
      Supplier<Engine> engine,
      dev.ddlab.sim.network.NetworkController network,
      dev.ddlab.sim.swarm.agent.TaskFiles files) {
    return byAddress.computeIfAbsent(
        address,
        a ->
            new SwarmNode(
                this,
                hostname,
                a,
                hostFs,
                engine,
                network,
                files,
                // Seeded from a draw, not a fork: forks of neighbouring names ("mgr1", "mgr2")
                // give streams shifted by one draw (SeededRandom.fork adds hash × the stream's
                // own gamma), which made the nodes' IDs rotations of each other.
                new SeededRandom(random.fork("swarm/" + hostname).nextLong())));
  }

  /** The service records of the cluster's networks (what every node's embedded DNS asks). */
  public ServiceRecords serviceRecords() {
    return serviceRecords;
  }

  /** The node at {@code address}, or null. */
  public SwarmNode at(String address) {
    return byAddress.get(address);
  }

  public List<SwarmNode> nodes() {
    return List.copyOf(byAddress.values());
  }

  /**
   * Every manager's Raft state in node order (a stopped manager as "down" with what it knew when it
   * stopped), for the introspection seam's Raft view.
   */
  public List<dev.ddlab.sim.swarm.raft.RaftStatus> raft() {
    List<dev.ddlab.sim.swarm.raft.RaftStatus> out = new java.util.ArrayList<>();
    for (SwarmNode n : byAddress.values()) {
      if (!"manager".equals(n.role())) {
        continue;
      }
      out.add(n.raftStatus());
    }
    return out;
  }

  /** The store of the manager that leads now, if one does. */
  public java.util.Optional<dev.ddlab.sim.swarm.store.ClusterStore> leaderStore() {
    for (SwarmNode n : byAddress.values()) {
      if (n.manager() != null && n.manager().isLeader()) {
        return java.util.Optional.of(n.manager().store());
      }
    }
    return java.util.Optional.empty();
  }

  /**
   * Makes the manager {@code target} start an election now (RaftScope's "timeout"): the leader (of
   * the highest term, should an isolated old leader still believe it leads) transfers leadership to
   * it, MicroRaft's {@code transferLeadership}; the target campaigns in the next term as soon as
   * its log matches the leader's. Nothing waits here: the election runs as the virtual clock
   * advances.
   *
   * @throws IllegalStateException (in Vietnamese, nothing changed) when {@code target} is no
   *     running manager, already leads, or no leader exists to hand over
   */
  public void forceElection(SwarmNode target) {
    String name = target.hostname();
    dev.ddlab.sim.swarm.manager.Manager self = target.manager();
    if (self == null || !self.raft().alive()) {
      throw new IllegalStateException(
          name + " không phải manager đang chạy: chỉ manager mới tham gia bầu leader.");
    }
    if (self.isLeader()) {
      throw new IllegalStateException(
          name + " đang là leader: không thể tự ép nó bầu cử lại (hãy dừng Docker trên nó).");
    }
    dev.ddlab.sim.swarm.manager.Manager leader =
        byAddress.values().stream()
            .map(SwarmNode::manager)
            .filter(m -> m != null && m.isLeader())
            .max(java.util.Comparator.comparingInt(m -> m.raft().term()))
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "Chưa có leader để trao quyền: hãy chờ cụm bầu xong rồi thử lại."));
    dev.ddlab.sim.swarm.raft.Member to =
        leader.raft().members().stream()
            .filter(m -> m.address().equals(target.address()))
            .findFirst()
            .orElseThrow(
                () -> new IllegalStateException(name + " chưa là thành viên Raft mà leader biết."));
    leader.raft().transferLeadership(to);
  }

  public VirtualClock clock() {
    return clock;
  }

  public EventBus bus() {
    return bus;
  }

  public Underlay underlay() {
    return underlay;
  }
}

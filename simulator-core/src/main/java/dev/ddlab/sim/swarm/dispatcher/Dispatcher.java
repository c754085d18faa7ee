package dev.ddlab.sim.swarm.dispatcher;

import dev.ddlab.engine.dto.swarm.Config;
import dev.ddlab.engine.dto.swarm.Node;
import dev.ddlab.engine.dto.swarm.NodeStatus;
import dev.ddlab.engine.dto.swarm.PortConfig;
import dev.ddlab.engine.dto.swarm.Secret;
import dev.ddlab.engine.dto.swarm.SwarmNetwork;
import dev.ddlab.engine.dto.swarm.Task;
import dev.ddlab.engine.dto.swarm.TaskStatus;
import dev.ddlab.sim.clock.SeededRandom;
import dev.ddlab.sim.swarm.TaskState;
import dev.ddlab.sim.swarm.store.ClusterStore;
import dev.ddlab.sim.swarm.store.StoreAction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * swarmkit's dispatcher on the leader: agents report with heartbeats (every {@link
 * #HEARTBEAT_PERIOD_NANOS}); a node silent for three periods is marked down, a node heard from
 * again ready; task statuses the agents report are written to the store when they move a task
 * forward; each node is sent the tasks assigned to it ({@link Assignments}).
 */
public final class Dispatcher {
  /** swarmkit's DefaultHeartBeatPeriod. */
  public static final long HEARTBEAT_PERIOD_NANOS = 5_000_000_000L;

  /** swarmkit's DefaultHeartBeatEpsilon: each period is drawn within ± this of the period. */
  public static final long HEARTBEAT_EPSILON_NANOS = 500_000_000L;

  /**
   * The time until a node's next heartbeat, as swarmkit's dispatcher chooses it for each heartbeat
   * (periodChooser: the period ± up to {@link #HEARTBEAT_EPSILON_NANOS}), so that nodes joined
   * together do not keep beating in the same instant.
   */
  public static long heartbeatPeriod(SeededRandom random) {
    return HEARTBEAT_PERIOD_NANOS
        + (long) (random.nextDouble() * 2 * HEARTBEAT_EPSILON_NANOS)
        - HEARTBEAT_EPSILON_NANOS;
  }

  /** swarmkit marks a node down after this many missed heartbeats (its grace multiplier). */
  public static final int GRACE = 3;

  private final Map<String, Long> lastSeen = new LinkedHashMap<>();

  /** A manager became leader at {@code now}: every node gets a full grace period. */
  public void reset(long now, ClusterStore store) {
    lastSeen.clear();
    for (String id : store.nodes().keySet()) {
      lastSeen.put(id, now);
    }
  }

  /**
   * An agent's heartbeat with the statuses of its tasks: the store changes it calls for (node back
   * to ready, its certificate renewed during a root rotation ({@link CaRotation}), tasks moved
   * forward).
   */
  public List<StoreAction> heartbeat(
      String nodeId, List<Report> reports, ClusterStore store, long now, String ts) {
    lastSeen.put(nodeId, now);
    List<StoreAction> out = new ArrayList<>();
    Node n = store.nodes().get(nodeId);
    if (n != null) {
      Node next = "ready".equals(n.status().state()) ? n : withState(n, "ready", "");
      var tls = CaRotation.renewed(n, store.cluster(), store.nodes().values());
      if (tls != null) {
        next = CaRotation.withTls(next, tls);
      }
      if (next != n) {
        out.add(StoreAction.put(StoreAction.NODE, n.id(), next));
      }
    }
    for (Report r : reports) {
      Task t = store.tasks().get(r.taskId());
      if (t == null || !nodeId.equals(t.nodeId())) {
        continue;
      }
      TaskState have = TaskState.of(t.status().state());
      TaskState got = TaskState.of(r.state());
      if (got.ordinal() > have.ordinal()) {
        TaskStatus s =
            new TaskStatus(
                ts,
                r.state(),
                r.message(),
                r.err(),
                r.containerId().isEmpty()
                    ? t.status().containerStatus()
                    : new dev.ddlab.engine.dto.swarm.ContainerStatus(
                        r.containerId(), r.pid(), r.exitCode()),
                null);
        out.add(StoreAction.put(StoreAction.TASK, t.id(), t.withStatus(t.nodeId(), s, ts)));
      }
    }
    return out;
  }

  /** Nodes silent for {@link #GRACE} heartbeat periods, marked down. */
  public List<StoreAction> expire(ClusterStore store, long now) {
    List<StoreAction> out = new ArrayList<>();
    for (Node n : store.nodes().values()) {
      long seen = lastSeen.computeIfAbsent(n.id(), k -> now);
      if ("ready".equals(n.status().state()) && now - seen > GRACE * HEARTBEAT_PERIOD_NANOS) {
        out.add(
            StoreAction.put(StoreAction.NODE, n.id(), withState(n, "down", "heartbeat failure")));
      }
    }
    return out;
  }

  public static Node withState(Node n, String state, String message) {
    return n.withStatus(new NodeStatus(state, message, n.status().addr()));
  }

  /** One task's status as an agent reports it. */
  public record Report(
      String taskId,
      String state,
      String message,
      String err,
      String containerId,
      int pid,
      int exitCode) {}

  /**
   * What the dispatcher sends a node: its tasks (with the service names the agent names containers
   * after, the services' labels, as swarmkit's tasks carry their ServiceAnnotations for templates,
   * their VIPs per network and their published ports), the leader's address and every manager's,
   * the ingress network and the node's address on it, the secrets (with their data) and configs its
   * tasks refer to, as swarmkit's assignments carry them to that node only, and the node's
   * addresses on the other overlay networks (network ID → address: its load-balancer sandboxes;
   * swarmkit sends them with the node object).
   */
  public record Assignments(
      String leader,
      List<String> managers,
      List<Task> tasks,
      Map<String, String> serviceNames,
      Map<String, Map<String, String>> serviceLabels,
      Map<String, Map<String, String>> serviceVips,
      SwarmNetwork ingress,
      String ingressAddress,
      Map<String, List<PortConfig>> servicePorts,
      List<Secret> secrets,
      List<Config> configs,
      Map<String, String> loadBalancers) {}

  /** An agent's heartbeat. */
  public record Heartbeat(String nodeId, List<Report> reports) {}
}

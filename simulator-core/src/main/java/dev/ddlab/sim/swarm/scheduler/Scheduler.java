package dev.ddlab.sim.swarm.scheduler;

import dev.ddlab.engine.dto.swarm.Node;
import dev.ddlab.engine.dto.swarm.Task;
import dev.ddlab.engine.dto.swarm.TaskStatus;
import dev.ddlab.go.GoTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * swarmkit's scheduler: each pending task without a node goes to a node that passes the filters
 * (ready, availability active, placement constraints, enough unreserved CPU and memory), spread by
 * the fewest tasks of the same service, then the fewest tasks overall, then node order. A task no
 * node can take stays pending with swarmkit's explanation ("no suitable node (…)").
 */
public final class Scheduler {
  private Scheduler() {}

  public static void schedule(
      Map<String, Node> nodes, Map<String, Task> tasks, List<String> changed, long now) {
    Map<String, Integer> total = new HashMap<>();
    // per service, its tasks per node
    Map<String, Map<String, Integer>> perService = new HashMap<>();
    Map<String, long[]> reserved = new HashMap<>();
    for (Task t : tasks.values()) {
      if (t.nodeId() != null && !t.nodeId().isEmpty() && "running".equals(t.desiredState())) {
        total.merge(t.nodeId(), 1, Integer::sum);
        onNodes(perService, t).merge(t.nodeId(), 1, Integer::sum);
        long[] r = reserved.computeIfAbsent(t.nodeId(), k -> new long[2]);
        r[0] += cpu(t);
        r[1] += memory(t);
      }
    }
    String ts = GoTime.rfc3339Nano(now);
    for (Task t : List.copyOf(tasks.values())) {
      if (!"pending".equals(t.status().state()) || !"running".equals(t.desiredState())) {
        continue;
      }
      Map<String, Integer> ofService = onNodes(perService, t);
      Node best = null;
      int[] why = new int[4]; // availability/down, constraints, cpu, memory
      for (Node n : nodes.values()) {
        if (t.nodeId() != null && !t.nodeId().isEmpty() && !t.nodeId().equals(n.id())) {
          continue; // a global task is bound to its node
        }
        if (!"ready".equals(n.status().state()) || !"active".equals(n.spec().availability())) {
          why[0]++;
          continue;
        }
        if (!Constraints.satisfied(t, n)) {
          why[1]++;
          continue;
        }
        long[] r = reserved.getOrDefault(n.id(), NOTHING);
        if (cpu(t) > 0 && r[0] + cpu(t) > n.description().resources().nanoCpus()) {
          why[2]++;
          continue;
        }
        if (memory(t) > 0 && r[1] + memory(t) > n.description().resources().memoryBytes()) {
          why[3]++;
          continue;
        }
        if (best == null || better(n, best, ofService, total)) {
          best = n;
        }
      }
      if (best == null) {
        String msg = explain(why, nodes.size());
        if (!msg.equals(t.status().err())) {
          tasks.put(
              t.id(),
              t.withStatus(
                  t.nodeId(),
                  new TaskStatus(ts, "pending", "pending task scheduling", msg, null, null),
                  ts));
          changed.add(t.id());
        }
        continue;
      }
      total.merge(best.id(), 1, Integer::sum);
      ofService.merge(best.id(), 1, Integer::sum);
      long[] r = reserved.computeIfAbsent(best.id(), k -> new long[2]);
      r[0] += cpu(t);
      r[1] += memory(t);
      tasks.put(
          t.id(),
          t.withStatus(
              best.id(),
              new TaskStatus(ts, "assigned", "scheduler assigned task to node", "", null, null),
              ts));
      changed.add(t.id());
    }
  }

  private static final long[] NOTHING = new long[2];

  private static Map<String, Integer> onNodes(
      Map<String, Map<String, Integer>> perService, Task t) {
    return perService.computeIfAbsent(t.serviceId(), k -> new HashMap<>());
  }

  /** Whether {@code n} beats {@code best}: fewer tasks of the service, then fewer tasks. */
  private static boolean better(
      Node n, Node best, Map<String, Integer> ofService, Map<String, Integer> total) {
    int a = ofService.getOrDefault(n.id(), 0);
    int b = ofService.getOrDefault(best.id(), 0);
    if (a != b) {
      return a < b;
    }
    return total.getOrDefault(n.id(), 0) < total.getOrDefault(best.id(), 0);
  }

  /** swarmkit's "no suitable node (…)" with the filters that failed and how many nodes each. */
  static String explain(int[] why, int nodes) {
    List<String> parts = new ArrayList<>();
    if (why[1] > 0) {
      parts.add("scheduling constraints not satisfied on " + count(why[1]));
    }
    if (why[2] > 0) {
      parts.add("insufficient resources on " + count(why[2]));
    } else if (why[3] > 0) {
      parts.add("insufficient resources on " + count(why[3]));
    }
    if (parts.isEmpty()) {
      return "no suitable node";
    }
    return "no suitable node (" + String.join("; ", parts) + ")";
  }

  private static String count(int n) {
    return n + (n == 1 ? " node" : " nodes");
  }

  private static long cpu(Task t) {
    return t.spec() == null
            || t.spec().resources() == null
            || t.spec().resources().reservations() == null
        ? 0
        : t.spec().resources().reservations().nanoCpus();
  }

  private static long memory(Task t) {
    return t.spec() == null
            || t.spec().resources() == null
            || t.spec().resources().reservations() == null
        ? 0
        : t.spec().resources().reservations().memoryBytes();
  }
}

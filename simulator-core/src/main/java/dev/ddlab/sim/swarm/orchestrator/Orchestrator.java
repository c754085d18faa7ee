package dev.ddlab.sim.swarm.orchestrator;

import dev.ddlab.engine.dto.swarm.Node;
import dev.ddlab.engine.dto.swarm.Service;
import dev.ddlab.engine.dto.swarm.Task;
import dev.ddlab.engine.dto.swarm.UpdateConfig;
import dev.ddlab.engine.dto.swarm.UpdateStatus;
import dev.ddlab.go.GoTime;
import dev.ddlab.sim.swarm.TaskState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * swarmkit's orchestrators on the leader, reconciling desired against observed state: the
 * replicated one keeps one live task per slot 1…replicas (a slot whose task died, or whose node is
 * down or drained, gets a new task; slots above the count are shut down), the global one keeps one
 * task on every active node. Old tasks beyond the task history limit are removed. It never moves a
 * task's observed state: it changes desired states and creates tasks, which start in {@code
 * pending} (the allocator's step, networks aside).
 */
public final class Orchestrator {
  /** swarmkit's default TaskHistoryRetentionLimit. */
  public static final int TASK_HISTORY = 5;

  private Orchestrator() {}

  /**
   * One reconciliation pass over {@code tasks} (changed in place; changed IDs added to {@code
   * changed}, removed ones to {@code removed}; services whose rolling update started or ended put
   * into {@code updateStatuses} with their new UpdateStatus).
   *
   * @return whether a decision waits on time (a slot's restart delay, a rolling update's delay):
   *     the same store may then give another result later
   */
  public static boolean reconcile(
      Map<String, Service> services,
      Map<String, Node> nodes,
      Map<String, Task> tasks,
      List<String> changed,
      List<String> removed,
      Map<String, Service> updateStatuses,
      long now,
      Supplier<String> ids,
      RestartSupervisor restarts) {
    restarts.retain(services.keySet());
    Map<String, List<Task>> byService = new LinkedHashMap<>();
    for (Task t : tasks.values()) {
      if (t.spec() != null && t.spec().isAttachment()) {
        continue; // a standalone container's network attachment: no service's
      }
      if (!services.containsKey(t.serviceId())) {
        removed.add(t.id()); // the service is gone: its tasks go too
        continue;
      }
      byService.computeIfAbsent(t.serviceId(), k -> new ArrayList<>()).add(t);
    }
    removed.forEach(tasks::remove);
    boolean waiting = false;
    for (Service s : services.values()) {
      List<Task> own = byService.getOrDefault(s.id(), List.of());
      if (s.spec().global()) {
        waiting |= global(s, own, nodes, tasks, changed, now, ids, restarts);
      } else {
        long replicas =
            s.spec().mode() == null || s.spec().mode().replicated() == null
                ? 1
                : s.spec().mode().replicated().replicas() == null
                    ? 0
                    : s.spec().mode().replicated().replicas();
        waiting |=
            replicated(
                s, own, (int) replicas, nodes, tasks, changed, updateStatuses, now, ids, restarts);
      }
    }
    trimHistory(tasks, changed, removed);
    return waiting;
  }

  /** One replicated service's tasks; whether a decision waits on time. */
  private static boolean replicated(
      Service s,
      List<Task> own,
      int replicas,
      Map<String, Node> nodes,
      Map<String, Task> tasks,
      List<String> changed,
      Map<String, Service> updateStatuses,
      long now,
      Supplier<String> ids,
      RestartSupervisor restarts) {
    Map<Integer, List<Task>> bySlot = new HashMap<>();
    for (Task t : own) {
      bySlot.computeIfAbsent(t.slot(), k -> new ArrayList<>()).add(t);
    }
    for (Map.Entry<Integer, List<Task>> e : bySlot.entrySet()) {
      if (e.getKey() > replicas) {
        for (Task t : e.getValue()) {
          shutDown(t, tasks, changed);
        }
      }
    }
    // A rolling update (swarmkit's updater, stop-first): once every live task runs and the delay
    // since the last replaced task started has passed, the next `parallelism` tasks with an
    // outdated spec are shut down and their slots get tasks of the new spec (0: all at once).
    UpdateConfig uc = s.spec().updateConfig();
    long parallelism = uc == null ? 1 : uc.parallelism();
    long delay = uc == null ? 0 : uc.delay();
    boolean settled = true;
    List<Task> outdated = new ArrayList<>();
    List<Task> current = new ArrayList<>();
    for (int slot = 1; slot <= replicas; slot++) {
      for (Task t : bySlot.getOrDefault(slot, List.of())) {
        if ("running".equals(t.desiredState()) && !broken(t, nodes)) {
          settled &= "running".equals(t.status().state());
          if (!sameSpec(t, s)) {
            outdated.add(t);
          } else if ("running".equals(t.status().state())) {
            current.add(t);
          }
        }
      }
    }
    // times are parsed only while an update is under way: a steady service costs no parsing
    boolean waiting = false;
    // swarmkit's updater waits the update delay after the last batch too, then completes
    boolean ended = outdated.isEmpty() && settled && underWay(s);
    boolean complete = ended && delayPassed(s, current, delay, now);
    waiting |= ended && !complete;
    updateStatus(s, !outdated.isEmpty(), complete, now)
        .ifPresent(u -> updateStatuses.put(s.id(), u));
    boolean due = settled && !outdated.isEmpty() && delayPassed(s, current, delay, now);
    waiting |= settled && !outdated.isEmpty() && !due;
    if (due) {
      long n = parallelism <= 0 ? outdated.size() : Math.min(parallelism, outdated.size());
      for (int k = 0; k < n; k++) {
        Task t = outdated.get(k);
        shutDown(t, tasks, changed);
        bySlot.get(t.slot()).replaceAll(x -> tasks.get(x.id()));
      }
    }
    for (int slot = 1; slot <= replicas; slot++) {
      boolean live = false;
      for (Task t : bySlot.getOrDefault(slot, List.of())) {
        if (!TaskState.of(t.desiredState()).equals(TaskState.RUNNING)) {
          continue;
        }
        if (broken(t, nodes)) {
          shutDown(t, tasks, changed);
        } else {
          live = true;
        }
      }
      if (!live) {
        waiting |=
            refill(
                s,
                s.id() + "/s" + slot,
                bySlot.getOrDefault(slot, List.of()),
                slot,
                "",
                tasks,
                changed,
                now,
                ids,
                restarts);
      }
    }
    return waiting;
  }

  /**
   * A slot (a node, for a global service) without a live task gets a new one as the restart policy
   * says ({@link RestartSupervisor}); whether that waits on time.
   */
  private static boolean refill(
      Service s,
      String key,
      List<Task> slotTasks,
      int slot,
      String nodeId,
      Map<String, Task> tasks,
      List<String> changed,
      long now,
      Supplier<String> ids,
      RestartSupervisor restarts) {
    RestartSupervisor.Decision d = restarts.decide(key, s, slotTasks, now);
    if (d == RestartSupervisor.Decision.WAIT) {
      return true;
    }
    if (d == RestartSupervisor.Decision.NEVER) {
      return false;
    }
    Task t = newTask(s, slot, nodeId, now, ids.get());
    tasks.put(t.id(), t);
    changed.add(t.id());
    if (d == RestartSupervisor.Decision.RESTART) {
      restarts.restarted(key, t.spec(), now);
    }
    return false;
  }

  /**
   * swarmkit's updater on a service's UpdateStatus: tasks of an older spec start an update
   * ("updating", "update in progress"; a manual rollback's "rollback_started" stays), and once none
   * is left, every live task runs and the update delay has passed since the last one started
   * ({@code complete}), it completes ("completed", "update completed", or "rollback_completed",
   * "rollback completed"). A change that leaves the tasks' spec alone (scaling) starts none: {@code
   * service update} cleared the status, and it stays empty.
   */
  private static java.util.Optional<Service> updateStatus(
      Service s, boolean outdated, boolean complete, long now) {
    UpdateStatus u = s.updateStatus();
    if (outdated && !underWay(s)) {
      return java.util.Optional.of(
          s.withUpdateStatus(
              new UpdateStatus("updating", GoTime.rfc3339Nano(now), null, "update in progress")));
    }
    if (complete) {
      boolean rollback = "rollback_started".equals(u.state());
      return java.util.Optional.of(
          s.withUpdateStatus(
              new UpdateStatus(
                  rollback ? "rollback_completed" : "completed",
                  u.startedAt(),
                  GoTime.rfc3339Nano(now),
                  rollback ? "rollback completed" : "update completed")));
    }
    return java.util.Optional.empty();
  }

  /** Whether an update or a manual rollback of {@code s} is under way. */
  private static boolean underWay(Service s) {
    UpdateStatus u = s.updateStatus();
    return u != null && ("updating".equals(u.state()) || "rollback_started".equals(u.state()));
  }

  /**
   * Whether the update delay has passed since the last task of the service's current spec started
   * (true when none did since the update).
   */
  private static boolean delayPassed(Service s, List<Task> current, long delay, long now) {
    if (s.updatedAt() == null) {
      return true;
    }
    long updated = GoTime.parseRfc3339(s.updatedAt());
    long last = 0;
    for (Task t : current) {
      if (GoTime.parseRfc3339(t.createdAt()) >= updated) {
        last = Math.max(last, GoTime.parseRfc3339(t.status().timestamp()));
      }
    }
    return last == 0 || now >= last + delay;
  }

  /** One global service's tasks; whether a decision waits on time. */
  private static boolean global(
      Service s,
      List<Task> own,
      Map<String, Node> nodes,
      Map<String, Task> tasks,
      List<String> changed,
      long now,
      Supplier<String> ids,
      RestartSupervisor restarts) {
    boolean waiting = false;
    for (Node n : nodes.values()) {
      boolean eligible =
          "ready".equals(n.status().state()) && "active".equals(n.spec().availability());
      boolean live = false;
      List<Task> onNode = new ArrayList<>();
      for (Task t : own) {
        if (!n.id().equals(t.nodeId())) {
          continue;
        }
        onNode.add(t);
        if ("running".equals(t.desiredState())) {
          if (!eligible || broken(t, nodes)) {
            shutDown(t, tasks, changed);
          } else {
            live = true;
          }
        }
      }
      if (eligible && !live) {
        waiting |=
            refill(
                s, s.id() + "/n" + n.id(), onNode, 0, n.id(), tasks, changed, now, ids, restarts);
      }
    }
    return waiting;
  }

  /**
   * Whether a task runs its service's current spec (image, command, environment, health check,
   * mounts, force): swarmkit's {@code !orchestrator.IsTaskDirty}, which the tasks API's {@code
   * _up-to-date} filter asks too.
   */
  public static boolean sameSpec(Task t, Service s) {
    var a = t.spec();
    var b = s.spec().taskTemplate();
    return a.forceUpdate() == b.forceUpdate()
        && java.util.Objects.equals(a.containerSpec().image(), b.containerSpec().image())
        && java.util.Objects.equals(a.containerSpec().args(), b.containerSpec().args())
        && java.util.Objects.equals(a.containerSpec().env(), b.containerSpec().env())
        && java.util.Objects.equals(
            a.containerSpec().healthcheck(), b.containerSpec().healthcheck())
        && java.util.Objects.equals(a.containerSpec().mounts(), b.containerSpec().mounts());
  }

  /** A running-desired task that will not run: it died, or its node is down or drained. */
  private static boolean broken(Task t, Map<String, Node> nodes) {
    if (TaskState.of(t.status().state()).terminal()) {
      return true;
    }
    if (t.nodeId() == null || t.nodeId().isEmpty()) {
      return false;
    }
    Node n = nodes.get(t.nodeId());
    return n == null
        || "down".equals(n.status().state())
        || "drain".equals(n.spec().availability());
  }

  private static void shutDown(Task t, Map<String, Task> tasks, List<String> changed) {
    if ("shutdown".equals(t.desiredState())) {
      return;
    }
    tasks.put(t.id(), t.withDesiredState("shutdown"));
    changed.add(t.id());
  }

  /** A new task of {@code s}: pending, desired running, on {@code nodeId} when global. */
  static Task newTask(Service s, int slot, String nodeId, long now, String id) {
    return Task.created(
        id,
        GoTime.rfc3339Nano(now),
        s.spec().taskTemplate(),
        s.id(),
        slot,
        nodeId,
        "pending",
        "pending task scheduling");
  }

  /** Keeps the newest {@link #TASK_HISTORY} tasks per slot (per node for global services). */
  private static void trimHistory(
      Map<String, Task> tasks, List<String> changed, List<String> removed) {
    Map<String, List<Task>> groups = new LinkedHashMap<>();
    for (Task t : tasks.values()) {
      String key = t.serviceId() + "/" + (t.slot() != 0 ? "s" + t.slot() : "n" + t.nodeId());
      groups.computeIfAbsent(key, k -> new ArrayList<>()).add(t);
    }
    for (List<Task> g : groups.values()) {
      List<Task> dead =
          new ArrayList<>(
              g.stream()
                  .filter(
                      t ->
                          !"running".equals(t.desiredState())
                              && TaskState.of(t.status().state()).terminal())
                  .toList());
      dead.sort(Comparator.comparingLong((Task t) -> GoTime.parseRfc3339(t.createdAt())));
      while (dead.size() >= TASK_HISTORY) {
        Task t = dead.remove(0);
        tasks.remove(t.id());
        changed.remove(t.id());
        removed.add(t.id());
      }
    }
  }
}

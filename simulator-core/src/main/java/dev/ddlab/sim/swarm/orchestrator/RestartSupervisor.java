package dev.ddlab.sim.swarm.orchestrator;

import dev.ddlab.engine.dto.swarm.RestartPolicy;
import dev.ddlab.engine.dto.swarm.Service;
import dev.ddlab.engine.dto.swarm.Task;
import dev.ddlab.engine.dto.swarm.TaskSpec;
import dev.ddlab.go.GoTime;
import dev.ddlab.sim.swarm.TaskState;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * swarmkit's restart supervisor ({@code manager/orchestrator/restart}): whether and when a slot (a
 * node, for a global service) whose task ended gets a new one, under the task's restart policy.
 * Condition {@code any} (the default) restarts every ended task, {@code on-failure} all but a task
 * that completed (exit 0), {@code none} none; the new task comes {@code Delay} (default 5 s) after
 * the old one ended; with {@code MaxAttempts} set, a slot is restarted at most that many times (in
 * any {@code Window} before the ended task's time when a window is set). The count lives in the
 * leader's memory, as in swarmkit: a new leader starts it again, and a new task spec clears it.
 */
public final class RestartSupervisor {
  /** swarmkit's default restart delay ({@code defaults.Service.Task.Restart.Delay}). */
  public static final long DEFAULT_DELAY_NANOS = 5_000_000_000L;

  /** What a slot ended with and what to do. */
  enum Decision {
    /** The slot's first task of this spec (new, scaled up, updated): no restart. */
    FIRST,
    RESTART,
    WAIT,
    NEVER
  }

  /** One slot's restarts under one task spec: their times, oldest first. */
  private static final class History {
    TaskSpec spec;
    long total;
    final Deque<Long> times = new ArrayDeque<>();
  }

  private final Map<String, History> history = new HashMap<>();

  /**
   * What a slot whose tasks are {@code slot} (none live) gets now under {@code service}'s spec: a
   * new task, one later (the delay has not passed), or none (the policy says so). A slot without an
   * ended task of the current spec gets its {@code FIRST}.
   */
  Decision decide(String key, Service service, List<Task> slot, long now) {
    Task last = null;
    long lastAt = -1;
    for (Task t : slot) {
      String state = t.status().state();
      if (TaskState.of(state).terminal()
          && !"shutdown".equals(state)
          && Orchestrator.sameSpec(t, service)) {
        long at = GoTime.parseRfc3339(t.status().timestamp());
        if (at > lastAt) {
          last = t;
          lastAt = at;
        }
      }
    }
    if (last == null) {
      return Decision.FIRST;
    }
    RestartPolicy p = last.spec().restartPolicy();
    String condition = p == null || p.condition() == null ? "any" : p.condition();
    if (condition.equals("none")
        || condition.equals("on-failure") && "complete".equals(last.status().state())) {
      return Decision.NEVER;
    }
    long maxAttempts = p == null || p.maxAttempts() == null ? 0 : p.maxAttempts();
    if (maxAttempts > 0 && restarts(key, last, lastAt, p) >= maxAttempts) {
      return Decision.NEVER;
    }
    long delay = p == null || p.delay() == null ? DEFAULT_DELAY_NANOS : p.delay();
    return now < lastAt + delay ? Decision.WAIT : Decision.RESTART;
  }

  /** The restarts of the slot that count against the ended task {@code last}. */
  private long restarts(String key, Task last, long lastAt, RestartPolicy p) {
    History h = history.get(key);
    if (h == null || !h.spec.equals(last.spec())) {
      return 0;
    }
    long window = p.window() == null ? 0 : p.window();
    if (window == 0) {
      return h.total;
    }
    while (!h.times.isEmpty() && h.times.peekFirst() <= lastAt - window) {
      h.times.pollFirst();
    }
    return h.times.stream().filter(at -> at <= lastAt).count();
  }

  /** A new task replaced an ended one in the slot {@code key} at {@code now}. */
  void restarted(String key, TaskSpec spec, long now) {
    History h = history.computeIfAbsent(key, k -> new History());
    if (h.spec == null || !h.spec.equals(spec)) {
      h.spec = spec;
      h.total = 0;
      h.times.clear();
    }
    h.total++;
    h.times.addLast(now);
  }

  /** Forgets the slots of services that are gone. */
  void retain(java.util.Set<String> serviceIds) {
    history.keySet().removeIf(k -> !serviceIds.contains(k.substring(0, k.indexOf('/'))));
  }
}

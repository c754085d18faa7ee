package dev.ddlab.grader.check;

import dev.ddlab.go.GoTime;
import dev.ddlab.grader.lab.CheckSpec;
import dev.ddlab.grader.state.LabState;
import dev.ddlab.grader.state.ServiceView;
import dev.ddlab.grader.state.SwarmNodeView;
import dev.ddlab.grader.state.SwarmStatus;
import dev.ddlab.grader.state.TaskView;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The swarm's state predicates of {@code docs/labs.md}: {@code swarm} (the cluster as one node sees
 * it), {@code service}, {@code tasks} and {@code swarmNode} (what {@code docker service
 * ls/inspect}, {@code service ps} and {@code node ls} show on the check's node, a manager that can
 * ask a leader).
 */
final class SwarmChecks {
  private SwarmChecks() {}

  /**
   * The swarm as one node sees it: its state ({@code status}), the leader's hostname ({@code
   * leader}: a hostname, {@code any} or {@code none}), how many managers and reachable managers,
   * which managers are unreachable, whether there is quorum, a least Raft term, and autolock.
   */
  static CheckOutcome swarm(CheckSpec c, SwarmStatus s) {
    if (c.status() != null && !c.status().equals(s.state())) {
      return CheckOutcome.fail("swarm state is " + s.state() + ", expected " + c.status());
    }
    if (c.quorum() != null && c.quorum() != s.quorum()) {
      return CheckOutcome.fail(
          c.quorum() ? "no quorum: no leader answers" : "the swarm has quorum");
    }
    if (c.leader() != null) {
      boolean ok =
          switch (c.leader()) {
            case "any" -> !s.leader().isEmpty();
            case "none" -> s.leader().isEmpty();
            default -> c.leader().equals(s.leader());
          };
      if (!ok) {
        return CheckOutcome.fail(
            "leader is "
                + (s.leader().isEmpty() ? "none" : s.leader())
                + ", expected "
                + c.leader());
      }
    }
    if (c.managers() != null && s.managers().size() != c.managers()) {
      return CheckOutcome.fail(s.managers().size() + " managers, expected " + c.managers());
    }
    if (c.reachable() != null && s.reachable().size() != c.reachable()) {
      return CheckOutcome.fail(
          s.reachable().size() + " reachable managers, expected " + c.reachable());
    }
    if (c.unreachable() != null && !s.unreachable().containsAll(c.unreachable())) {
      return CheckOutcome.fail(
          "unreachable managers are " + s.unreachable() + ", expected " + c.unreachable());
    }
    if (c.minTerm() != null && s.term() < c.minTerm()) {
      return CheckOutcome.fail("Raft term is " + s.term() + ", expected at least " + c.minTerm());
    }
    if (c.autolock() != null) {
      if (!s.quorum()) {
        return CheckOutcome.fail("autolock unknown: no leader answers");
      }
      if (c.autolock() != s.autolock()) {
        return CheckOutcome.fail("autolock is " + (s.autolock() ? "on" : "off"));
      }
    }
    return CheckOutcome.PASS;
  }

  /** Why {@code node} cannot list the swarm's objects, or empty when it can. */
  private static Optional<CheckOutcome> cannotAsk(LabState state, String node) {
    SwarmStatus s = state.swarm(node);
    if (!s.manager()) {
      return Optional.of(
          CheckOutcome.fail(node + " is not a swarm manager (swarm state " + s.state() + ")"));
    }
    if (!s.quorum()) {
      return Optional.of(CheckOutcome.fail("no leader answers on " + node));
    }
    return Optional.empty();
  }

  static CheckOutcome service(CheckSpec c, LabState state, String node) {
    Optional<CheckOutcome> no = cannotAsk(state, node);
    if (no.isPresent()) {
      return no.get();
    }
    Optional<ServiceView> found = find(state.services(node), c.service());
    Optional<CheckOutcome> decided =
        CheckOutcome.existence(found.isPresent(), c.exists(), "service " + c.service());
    if (decided.isPresent()) {
      return decided.get();
    }
    ServiceView v = found.get();
    List<String> problems = new ArrayList<>();
    CheckEvaluator.expect(problems, "mode", c.mode(), v.mode());
    CheckEvaluator.expect(problems, "replicas", c.replicas(), v.replicas());
    CheckEvaluator.expect(problems, "running tasks", c.running(), v.running());
    if (c.taskImage() != null && !image(c.taskImage()).equals(image(v.image()))) {
      problems.add("image is " + v.image() + ", expected " + c.taskImage());
    }
    for (String e : c.env() == null ? List.<String>of() : c.env()) {
      if (!v.env().contains(e)) {
        problems.add("env lacks " + e + " (env " + v.env() + ")");
      }
    }
    if (c.labels() != null) {
      c.labels()
          .forEach(
              (k, val) -> {
                if (!val.equals(v.labels().get(k))) {
                  problems.add("label " + k + " is " + v.labels().get(k) + ", expected " + val);
                }
              });
    }
    CheckEvaluator.expect(
        problems, "update parallelism", c.updateParallelism(), v.updateParallelism());
    if (c.updateDelay() != null) {
      Long want = GoTime.parseDuration(c.updateDelay());
      if (want == null || want != v.updateDelayNanos()) {
        problems.add(
            "update delay is "
                + GoTime.durationString(v.updateDelayNanos())
                + ", expected "
                + c.updateDelay());
      }
    }
    CheckEvaluator.expect(
        problems, "update failure action", c.updateFailureAction(), v.updateFailureAction());
    CheckEvaluator.expect(problems, "update order", c.updateOrder(), v.updateOrder());
    if (c.updateState() != null && !c.updateState().equals(v.updateState())) {
      problems.add(
          "update state is "
              + (v.updateState().isEmpty() ? "none (never updated)" : v.updateState())
              + ", expected "
              + c.updateState());
    }
    return CheckOutcome.of(problems);
  }

  /** By name, else by full ID, else by a unique ID prefix (as docker service inspect). */
  private static Optional<ServiceView> find(List<ServiceView> services, String ref) {
    for (ServiceView s : services) {
      if (s.name().equals(ref) || s.id().equals(ref)) {
        return Optional.of(s);
      }
    }
    List<ServiceView> prefixed =
        services.stream().filter(s -> !ref.isEmpty() && s.id().startsWith(ref)).toList();
    return prefixed.size() == 1 ? Optional.of(prefixed.get(0)) : Optional.empty();
  }

  /** "nginx" = "nginx:latest"; a pinned digest left out. */
  private static String image(String ref) {
    int at = ref.indexOf('@');
    return CheckEvaluator.withTag(at < 0 ? ref : ref.substring(0, at));
  }

  /**
   * The running tasks of a service (running and meant to run, as {@code service ls} counts them):
   * how many ({@code count}, {@code min}, {@code max}), all on some nodes ({@code onlyOn}), and no
   * task meant to run on others ({@code notOn}, e.g. a drained node).
   */
  static CheckOutcome tasks(CheckSpec c, LabState state, String node) {
    Optional<CheckOutcome> no = cannotAsk(state, node);
    if (no.isPresent()) {
      return no.get();
    }
    Optional<ServiceView> service = find(state.services(node), c.tasks());
    if (service.isEmpty()) {
      return CheckOutcome.fail("no service " + c.tasks());
    }
    String name = service.get().name();
    List<TaskView> tasks =
        state.tasks(node).stream().filter(t -> t.service().equals(name)).toList();
    List<TaskView> running = tasks.stream().filter(TaskView::running).toList();
    int n = running.size();
    if (c.count() != null && n != c.count()) {
      return CheckOutcome.fail(n + " running tasks, expected " + c.count());
    }
    if (c.min() != null && n < c.min()) {
      return CheckOutcome.fail(n + " running tasks, expected at least " + c.min());
    }
    if (c.max() != null && n > c.max()) {
      return CheckOutcome.fail(n + " running tasks, expected at most " + c.max());
    }
    if (c.onlyOn() != null) {
      TreeSet<String> elsewhere = new TreeSet<>();
      running.stream()
          .map(TaskView::node)
          .filter(h -> !c.onlyOn().contains(h))
          .forEach(elsewhere::add);
      if (!elsewhere.isEmpty()) {
        return CheckOutcome.fail("tasks run on " + elsewhere + ", expected only on " + c.onlyOn());
      }
    }
    if (c.notOn() != null) {
      TreeSet<String> there = new TreeSet<>();
      tasks.stream()
          .filter(t -> "running".equals(t.desiredState()) && c.notOn().contains(t.node()))
          .map(TaskView::node)
          .forEach(there::add);
      if (!there.isEmpty()) {
        return CheckOutcome.fail("tasks are meant to run on " + there);
      }
    }
    return CheckOutcome.PASS;
  }

  /** A node as {@code docker node ls} shows it on the check's node. */
  static CheckOutcome swarmNode(CheckSpec c, LabState state, String node) {
    Optional<CheckOutcome> no = cannotAsk(state, node);
    if (no.isPresent()) {
      return no.get();
    }
    Optional<SwarmNodeView> found =
        state.swarmNodes(node).stream()
            .filter(n -> n.hostname().equals(c.swarmNode()) || n.id().equals(c.swarmNode()))
            .findFirst();
    Optional<CheckOutcome> decided =
        CheckOutcome.existence(found.isPresent(), c.exists(), "swarm node " + c.swarmNode());
    if (decided.isPresent()) {
      return decided.get();
    }
    SwarmNodeView v = found.get();
    List<String> problems = new ArrayList<>();
    CheckEvaluator.expect(problems, "role", c.role(), v.role());
    CheckEvaluator.expect(problems, "availability", c.availability(), v.availability());
    CheckEvaluator.expect(problems, "status", c.status(), v.status());
    if (c.managerStatus() != null && !c.managerStatus().equals(v.managerStatus())) {
      problems.add(
          "manager status is "
              + (v.managerStatus().isEmpty() ? "none (a worker)" : v.managerStatus())
              + ", expected "
              + c.managerStatus());
    }
    return CheckOutcome.of(problems);
  }
}

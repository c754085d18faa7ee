package dev.ddlab.cli.compose;

import dev.ddlab.cli.compose.loader.ComposeException;
import dev.ddlab.cli.compose.types.Project;
import dev.ddlab.cli.compose.types.Project.DependsOn;
import dev.ddlab.cli.compose.types.Project.Service;
import dev.ddlab.engine.Engine;
import dev.ddlab.engine.dto.ContainerInspect;
import dev.ddlab.engine.dto.ContainerState;
import dev.ddlab.engine.dto.ContainerSummary;
import dev.ddlab.go.GoTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The start half of {@code compose up} as compose's {@code start} does it: services in dependency
 * order, each one after its {@code depends_on} conditions hold ({@code service_healthy}, {@code
 * service_completed_successfully}; {@code service_started} is the order itself), then, with {@code
 * --wait}, every service running or healthy. As compose's InDependencyOrder, a service's turn comes
 * when the services it depends on are started, so independent branches go on side by side while one
 * waits. Compose looks every 500 ms; here {@link #advance} looks whenever it is called (the
 * foreground stream calls it after each engine event, which is when a health status or an exit can
 * change).
 */
final class ComposeStart {
  /** compose's ServiceConditionRunningOrHealthy, what {@code --wait} asks of a service. */
  static final String RUNNING_OR_HEALTHY = "running_or_healthy";

  private static final String STARTED = "service_started";
  private static final String HEALTHY = "service_healthy";
  private static final String COMPLETED = "service_completed_successfully";

  private final Engine engine;
  private final ComposeService compose;
  private final Project project;
  private final Progress progress;
  private final List<Pending> services = new ArrayList<>();
  private final Set<String> done = new HashSet<>();
  private Pending all;
  private final List<String> warnings = new ArrayList<>();
  private long deadline = -1;
  private String deadlineText = "";

  /**
   * What a service still needs before compose starts it: its dependencies' turn to have come
   * (compose's InDependencyOrder), then their conditions.
   */
  private static final class Pending {
    final String service;
    final Set<String> after;
    final Map<String, DependsOn> conditions;
    boolean announced;

    Pending(String service, Set<String> after, Map<String, DependsOn> conditions) {
      this.service = service;
      this.after = after;
      this.conditions = conditions;
    }
  }

  ComposeStart(Engine engine, ComposeService compose, Project project, Progress progress) {
    this.engine = engine;
    this.compose = compose;
    this.project = project;
    this.progress = progress;
    for (String name : project.startOrder()) {
      Service s = project.services().get(name);
      Map<String, DependsOn> waits = new LinkedHashMap<>();
      new TreeMap<>(s.dependsOn())
          .forEach(
              (dep, d) -> {
                if (shouldWait(dep, d)) {
                  waits.put(dep, d);
                }
              });
      Set<String> after = new TreeSet<>(s.dependsOn().keySet());
      after.retainAll(project.services().keySet());
      services.add(new Pending(name, after, waits));
    }
  }

  /**
   * {@code --wait}: after the start, every service until it runs (or is healthy, when it has a
   * health check), or has exited with 0 when another service depends on its completion.
   *
   * @param timeoutSeconds {@code --wait-timeout}; 0 waits as long as it takes
   */
  void waitForAll(int timeoutSeconds) {
    Map<String, DependsOn> conditions = new LinkedHashMap<>();
    for (String name : project.startOrder()) {
      DependsOn d = new DependsOn(condition(name), false, true);
      if (shouldWait(name, d)) {
        conditions.put(name, d);
      }
    }
    if (!conditions.isEmpty()) {
      all = new Pending("", Set.of(), conditions);
    }
    if (timeoutSeconds > 0) {
      deadline = engine.system().nowNanos() + timeoutSeconds * 1_000_000_000L;
      deadlineText = GoTime.durationString(timeoutSeconds * 1_000_000_000L);
    }
  }

  /** compose's getDependencyCondition: a one-shot service others wait to complete is awaited so. */
  private String condition(String service) {
    for (Service s : project.services().values()) {
      DependsOn d = s.dependsOn().get(service);
      if (d != null && COMPLETED.equals(d.condition())) {
        return COMPLETED;
      }
    }
    return RUNNING_OR_HEALTHY;
  }

  /** compose's shouldWaitForDependency: not for service_started, nor a service of no container. */
  private boolean shouldWait(String dep, DependsOn d) {
    if (d.condition() == null || STARTED.equals(d.condition())) {
      return false;
    }
    Service s = project.services().get(dep);
    return s != null && s.scale() > 0;
  }

  /** Warnings compose logs (WARN[0000] …) while it waits, taken once. */
  List<String> takeWarnings() {
    List<String> w = List.copyOf(warnings);
    warnings.clear();
    return w;
  }

  /**
   * Does what can be done now.
   *
   * @return true when everything is started (and, with {@code --wait}, running or healthy)
   * @throws ComposeException compose's error when a dependency failed or the wait timed out
   */
  boolean advance() {
    boolean progressed = true;
    while (progressed) {
      progressed = false;
      for (var it = services.iterator(); it.hasNext(); ) {
        Pending p = it.next();
        if (done.containsAll(p.after) && check(p)) {
          start(p.service);
          done.add(p.service);
          it.remove();
          progressed = true;
        }
      }
    }
    if (services.isEmpty() && (all == null || check(all))) {
      all = null;
      return true;
    }
    if (overdue()) {
      services.clear();
      all = null;
      throw new ComposeException("application not healthy after " + deadlineText);
    }
    return false;
  }

  /** Whether {@code --wait-timeout} has run out (a look is due even if nothing happened). */
  boolean overdue() {
    return deadline >= 0 && engine.system().nowNanos() >= deadline;
  }

  /** The engine the start talks to (its clock and events pace the foreground stream). */
  Engine engine() {
    return engine;
  }

  private void start(String service) {
    for (ContainerSummary c : compose.containers(project.name(), true, List.of(service))) {
      if ("running".equals(c.state())) {
        continue;
      }
      String id = "Container " + ComposeService.name(c);
      progress.working(id, "Starting");
      engine.containers().start(c.id());
      progress.done(id, "Started");
    }
  }

  /** One look at every condition still awaited; true when none is left. */
  private boolean check(Pending p) {
    if (!p.announced) {
      p.announced = true;
      p.conditions.keySet().forEach(dep -> events(dep, "Waiting", Progress.Status.WORKING));
    }
    for (var it = p.conditions.entrySet().iterator(); it.hasNext(); ) {
      var e = it.next();
      if (holds(e.getKey(), e.getValue())) {
        it.remove();
      }
    }
    return p.conditions.isEmpty();
  }

  private boolean holds(String dep, DependsOn d) {
    List<ContainerSummary> cs = compose.containers(project.name(), true, List.of(dep));
    if (COMPLETED.equals(d.condition())) {
      Integer code = exitCode(cs);
      if (code == null) {
        return false;
      }
      if (code == 0) {
        events(dep, "Exited", Progress.Status.DONE);
        return true;
      }
      String suffix = "\"" + dep + "\" didn't complete successfully: exit " + code;
      if (!d.required()) {
        events(dep, "Skipped: optional dependency " + suffix, Progress.Status.WARNING);
        warnings.add("optional dependency " + suffix);
        return true;
      }
      events(dep, "service " + suffix, Progress.Status.ERROR);
      abandon();
      throw new ComposeException("service " + suffix);
    }
    boolean fallbackRunning = RUNNING_OR_HEALTHY.equals(d.condition());
    String failure;
    try {
      if (!healthy(cs, fallbackRunning)) {
        return false;
      }
      events(dep, "Healthy", Progress.Status.DONE);
      return true;
    } catch (ComposeException e) {
      failure = e.getMessage();
    }
    String what = fallbackRunning ? "is not running or is unhealthy" : "failed to start";
    if (!d.required()) {
      events(dep, "Skipped: optional dependency \"" + dep + "\" " + what, Progress.Status.WARNING);
      warnings.add("optional dependency \"" + dep + "\" " + what + ": " + failure);
      return true;
    }
    abandon();
    if (fallbackRunning) {
      throw new ComposeException(failure);
    }
    events(dep, "Error", Progress.Status.ERROR);
    throw new ComposeException("dependency failed to start: " + failure);
  }

  /** After a failure nothing more is started or awaited. */
  private void abandon() {
    services.clear();
    all = null;
  }

  /** compose's isServiceCompleted: the exit code of the first of them that exited, else null. */
  private Integer exitCode(List<ContainerSummary> cs) {
    for (ContainerSummary c : cs) {
      ContainerState st = engine.containers().inspect(c.id()).state();
      if (st != null && "exited".equals(st.status())) {
        return st.exitCode();
      }
    }
    return null;
  }

  /** compose's isServiceHealthy. */
  private boolean healthy(List<ContainerSummary> cs, boolean fallbackRunning) {
    for (ContainerSummary c : cs) {
      ContainerInspect ci = engine.containers().inspect(c.id());
      String name = ComposeService.name(c);
      ContainerState st = ci.state();
      if (st != null && "exited".equals(st.status())) {
        throw new ComposeException("container " + name + " exited (" + st.exitCode() + ")");
      }
      if (fallbackRunning && (ci.config() == null || ci.config().healthcheck() == null)) {
        if (st == null || !"running".equals(st.status())) {
          return false;
        }
        continue;
      }
      if (st == null || st.health() == null) {
        throw new ComposeException("container " + name + " has no healthcheck configured");
      }
      switch (st.health().status()) {
        case "healthy" -> {}
        case "unhealthy" -> throw new ComposeException("container " + name + " is unhealthy");
        case "starting" -> {
          return false;
        }
        default ->
            throw new ComposeException(
                "container "
                    + name
                    + " had unexpected health status \""
                    + st.health().status()
                    + "\"");
      }
    }
    return true;
  }

  private void events(String service, String text, Progress.Status status) {
    for (ContainerSummary c : compose.containers(project.name(), true, List.of(service))) {
      progress.event("Container " + ComposeService.name(c), status, text);
    }
  }
}

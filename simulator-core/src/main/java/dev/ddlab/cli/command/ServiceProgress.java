package dev.ddlab.cli.command;

import dev.ddlab.engine.dto.swarm.Service;
import dev.ddlab.engine.dto.swarm.Task;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** docker/cli's service/progress: how create, update, scale and rollback wait for a service. */
final class ServiceProgress {
  private ServiceProgress() {}

  /** The progress bar of a task that reached running (jsonmessage's full bar). */
  static final String BAR = "[==================================================>] ";

  /**
   * docker/cli's progress.ServiceProgress for a replicated service: polls the tasks until each slot
   * runs, then prints the converged display ("overall progress: N out of N tasks", one bar per
   * slot, "verify: Service converged"; a rollback first "rollback: manually requested rollback",
   * then "overall progress: rolling back update: …"); with {@code quiet} (-q) it waits and prints
   * nothing. Gives up after {@code max} of engine time, as a learner would press ^C.
   */
  static void waitConverged(DockerCommand c, String serviceId, boolean quiet) {
    // The real CLI waits as long as it takes; here long enough for the update's batches and
    // their delays plus a minute, so a service that cannot converge still gives the prompt back.
    Service first = c.engine.services().inspect(serviceId, false);
    // a rollback (service rollback, update --rollback) says so first, then counts "rolling back"
    var status = first.updateStatus();
    boolean rollback = status != null && "rollback_started".equals(status.state());
    String overall = rollback ? "overall progress: rolling back update: " : "overall progress: ";
    if (rollback && !quiet && status.message() != null && !status.message().isEmpty()) {
      c.out("rollback: " + status.message() + " ");
    }
    long batches = 1;
    long delay = 0;
    if (first.spec().updateConfig() != null) {
      long p = Math.max(1, first.spec().updateConfig().parallelism());
      batches = (first.spec().replicas() + p - 1) / p;
      delay = first.spec().updateConfig().delay();
    }
    long deadline =
        c.engine.system().nowNanos() + Duration.ofSeconds(60).toNanos() + batches * delay;
    while (true) {
      Service s = c.engine.services().inspect(serviceId, false);
      long want = s.spec().replicas();
      boolean global = s.spec().global();
      List<Task> tasks =
          c.engine
              .tasks()
              .list(Map.of("service", List.of(serviceId), "desired-state", List.of("running")));
      // docker/cli's ServiceProgress counts the tasks the daemon calls up to date (of the current
      // spec: image, command, environment, mounts …), so an update that keeps the image waits too
      long running =
          c
              .engine
              .tasks()
              .list(
                  Map.of(
                      "service",
                      List.of(serviceId),
                      "desired-state",
                      List.of("running"),
                      "_up-to-date",
                      List.of("true")))
              .stream()
              .filter(t -> "running".equals(t.status().state()))
              .count();
      if (global) {
        want = tasks.size();
      }
      if (running >= want && tasks.size() == want) {
        if (quiet) {
          return;
        }
        c.out(overall + running + " out of " + want + " tasks ");
        if (global) {
          for (Task t : tasks) {
            c.out(t.nodeId().substring(0, 12) + ": running   " + BAR);
          }
        } else {
          for (int i = 1; i <= want; i++) {
            c.out(i + "/" + want + ": running   " + BAR);
          }
        }
        c.out("verify: Service converged ");
        return;
      }
      if (c.engine.system().nowNanos() > deadline) {
        if (!quiet) {
          c.out(overall + running + " out of " + want + " tasks ");
        }
        throw new CliException("operation not converged in time", 1);
      }
      c.engine.services().waitFor(Duration.ofMillis(500));
    }
  }
}

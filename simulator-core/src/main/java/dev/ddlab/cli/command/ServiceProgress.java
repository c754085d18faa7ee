package dev.ddlab.cli.command;

import dev.ddlab.client.CliResult;
import dev.ddlab.engine.Attachment;
import dev.ddlab.engine.Engine;
import dev.ddlab.engine.Pending;
import dev.ddlab.engine.dto.swarm.Service;
import dev.ddlab.engine.dto.swarm.Task;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * docker/cli's service/progress: how create, update, scale and rollback wait for a service. It
 * polls the tasks until each slot runs, then prints the converged display ("overall progress: N out
 * of N tasks", one bar per slot, "verify: Service converged"; a rollback first "rollback: manually
 * requested rollback", then "overall progress: rolling back update: …"); with {@code quiet} (-q) it
 * waits and prints nothing. Several services (scale) are waited for one after the other.
 *
 * <p>As docker/cli it waits as long as it takes: within the CLI's foreground wait (plus the
 * update's batches and their delays) the command prints its result and ends, as before; a service
 * still not converged then becomes the terminal's foreground stream, which polls on the engine's
 * clock and ends when the service converges, or at Ctrl-C with docker/cli's words ({@code Operation
 * continuing in background.}, {@code Use `docker service ps ID` to check progress.}) and status 0,
 * the service left as it is. (Before, it gave up with {@code operation not converged in time}, 1.)
 */
final class ServiceProgress implements Attachment {
  /** The progress bar of a task that reached running (jsonmessage's full bar). */
  static final String BAR = "[==================================================>] ";

  /** How often it looks at the service's tasks. */
  static final Duration POLL = Duration.ofMillis(500);

  private final Engine engine;
  private final Iterator<String> services;
  private final boolean quiet;
  private final List<String> errors;
  private final StringBuilder pending = new StringBuilder();
  private String current;
  private String overall;
  private Pending<Void> tick;
  private boolean closed;
  private Integer exitCode;

  /** Whether the terminal follows it (after the CLI's wait). */
  private boolean handedOver;

  /** What the last look counted of the current service. */
  private long running;

  private long want;

  private ServiceProgress(
      Engine engine, List<String> serviceIds, boolean quiet, List<String> errors) {
    this.engine = engine;
    this.services = List.copyOf(serviceIds).iterator();
    this.quiet = quiet;
    this.errors = List.copyOf(errors);
    next();
  }

  /** Waits for one service (create, update, rollback): its exit status, or 0 with a stream left. */
  static int follow(DockerCommand c, String serviceId, boolean quiet) {
    return follow(c, List.of(serviceId), quiet, List.of());
  }

  /**
   * Waits for each service in turn, then prints {@code errors} (scale's) and ends with 1 if there
   * are any; what is not converged within the CLI's wait is handed to the terminal ({@code
   * c.result}).
   */
  static int follow(DockerCommand c, List<String> serviceIds, boolean quiet, List<String> errors) {
    ServiceProgress p = new ServiceProgress(c.engine, serviceIds, quiet, errors);
    boolean done = p.awaitExit(c.ctx.foregroundWait().plus(p.updateDelays(serviceIds)));
    String text = p.read();
    if (!text.isEmpty()) {
      c.io.out(text);
    }
    if (done && !errors.isEmpty()) {
      throw new CliException(String.join("\n", errors), 1);
    }
    if (!done) {
      if (!quiet) {
        // the display as it stands, which docker/cli keeps redrawing until Ctrl-C
        c.io.out(p.overall + p.running + " out of " + p.want + " tasks \n");
      }
      p.handedOver = true;
      c.result = CliResult.attached(p);
      return 0;
    }
    return p.exitCode;
  }

  /** An update's batches and their delays, which the CLI's wait takes on top (as before). */
  private Duration updateDelays(List<String> serviceIds) {
    long nanos = 0;
    for (String id : serviceIds) {
      Service s = engine.services().inspect(id, false);
      if (s.spec().updateConfig() != null) {
        long p = Math.max(1, s.spec().updateConfig().parallelism());
        nanos += (s.spec().replicas() + p - 1) / p * s.spec().updateConfig().delay();
      }
    }
    return Duration.ofNanos(nanos);
  }

  /**
   * Starts on the next service, or ends: status 1 with the collected errors, which the CLI prints
   * to stderr when it ends within its wait, and the stream at its end (on the terminal's screen).
   */
  private void next() {
    if (!services.hasNext()) {
      current = null;
      if (!errors.isEmpty() && handedOver) {
        pending.append(String.join("\n", errors)).append('\n');
      }
      end(errors.isEmpty() ? 0 : 1);
      return;
    }
    current = services.next();
    Service first = engine.services().inspect(current, false);
    // a rollback (service rollback, update --rollback) says so first, then counts "rolling back"
    var status = first.updateStatus();
    boolean rollback = status != null && "rollback_started".equals(status.state());
    overall = rollback ? "overall progress: rolling back update: " : "overall progress: ";
    if (rollback && !quiet && status.message() != null && !status.message().isEmpty()) {
      pending.append("rollback: ").append(status.message()).append(" \n");
    }
  }

  private void end(int code) {
    closed = true;
    exitCode = code;
    if (tick != null) {
      tick.cancel();
      tick = null;
    }
  }

  /** Looks at the services now; true once every one converged (or the stream ended). */
  private boolean look() {
    while (!closed && converged(current)) {
      next();
    }
    return closed;
  }

  private boolean converged(String serviceId) {
    Service s = engine.services().inspect(serviceId, false);
    long want = s.spec().replicas();
    boolean global = s.spec().global();
    List<Task> tasks =
        engine
            .tasks()
            .list(Map.of("service", List.of(serviceId), "desired-state", List.of("running")));
    // docker/cli's ServiceProgress counts the tasks the daemon calls up to date (of the current
    // spec: image, command, environment, mounts …), so an update that keeps the image waits too
    long running =
        engine
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
    this.running = running;
    this.want = want;
    if (running < want || tasks.size() != want) {
      return false;
    }
    if (!quiet) {
      pending.append(overall).append(running).append(" out of ").append(want).append(" tasks \n");
      if (global) {
        for (Task t : tasks) {
          pending.append(t.nodeId(), 0, 12).append(": running   ").append(BAR).append('\n');
        }
      } else {
        for (int i = 1; i <= want; i++) {
          pending.append(i).append('/').append(want).append(": running   ").append(BAR);
          pending.append('\n');
        }
      }
      pending.append("verify: Service converged \n");
    }
    return true;
  }

  /** On the terminal: looks again each {@link #POLL} of the engine's clock. */
  private void poll() {
    if (closed) {
      return;
    }
    if (tick == null || tick.isDone()) {
      tick = null;
      if (!look()) {
        tick = engine.system().after(POLL);
      }
    }
  }

  @Override
  public String read() {
    poll();
    String s = pending.toString();
    pending.setLength(0);
    return s;
  }

  /** Ctrl-C: docker/cli's ServiceProgress stops waiting and says the operation goes on. */
  @Override
  public void write(String input) {
    if (closed || !input.contains("\u0003")) {
      return;
    }
    if (!quiet) {
      pending.append("Operation continuing in background.\n");
      pending.append("Use `docker service ps ").append(current).append("` to check progress.\n");
    }
    if (!errors.isEmpty()) {
      pending.append(String.join("\n", errors)).append('\n');
    }
    end(errors.isEmpty() ? 0 : 1);
  }

  /** Polls every {@link #POLL} until every service converged or {@code max} has passed. */
  @Override
  public boolean awaitExit(Duration max) {
    long deadline = engine.system().nowNanos() + max.toNanos();
    while (!look()) {
      if (engine.system().nowNanos() > deadline) {
        return false;
      }
      engine.services().waitFor(POLL);
    }
    return true;
  }

  @Override
  public boolean isClosed() {
    poll();
    return closed;
  }

  @Override
  public Integer exitCode() {
    return closed ? exitCode : null;
  }

  /** The terminal lets go of it: nothing more is printed, the service is left as it is. */
  @Override
  public void close() {
    if (!closed) {
      end(0);
    }
  }
}

package dev.ddlab.sim.container;

import dev.ddlab.engine.EngineException;
import dev.ddlab.engine.dto.ExecConfig;
import dev.ddlab.engine.dto.Health;
import dev.ddlab.engine.dto.HealthConfig;
import dev.ddlab.go.GoTime;
import dev.ddlab.sim.clock.VirtualClock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * moby's daemon/health.go on the virtual clock. A container whose config has a CMD or CMD-SHELL
 * test gets State.Health "starting" when it starts; one interval later (30 s by default) the test
 * runs as an exec in the container (events exec_create, exec_start, exec_die, as Docker's probes
 * show), and one interval after each probe ends the next runs. Exit 0 is healthy and resets the
 * failing streak; any other status, a probe that outlives its timeout (exit -1, "Health check
 * exceeded timeout (30s)") or an exec that cannot start counts a failure, except while the
 * container is still "starting" within its start period; {@code retries} failures in a row (3 by
 * default) make it unhealthy. Every change of status is a "health_status: …" event. The last five
 * results are kept, each output cut at 4 KiB. Stopping the container stops the probes; the status
 * stays until the next start sets "starting" again.
 */
final class HealthMonitor {
  static final long DEFAULT_INTERVAL = Duration.ofSeconds(30).toNanos();
  static final long DEFAULT_TIMEOUT = Duration.ofSeconds(30).toNanos();
  static final int DEFAULT_RETRIES = 3;
  static final int MAX_LOG_ENTRIES = 5;
  static final int MAX_OUTPUT = 4096;

  static final String STARTING = "starting";
  static final String HEALTHY = "healthy";
  static final String UNHEALTHY = "unhealthy";

  /** A container's State.Health while it has a health check. */
  static final class State {
    String status = STARTING;
    int failingStreak;
    final ArrayDeque<Health.Result> log = new ArrayDeque<>();

    /** Which run of the monitor is current: a probe of a stopped run is ignored. */
    int run;

    VirtualClock.Timer timer;

    Health json() {
      return new Health(status, failingStreak, new ArrayList<>(log));
    }

    /** What docker ps shows in brackets after "Up …". */
    String text() {
      return STARTING.equals(status) ? "health: starting" : status;
    }
  }

  private final Daemon daemon;

  HealthMonitor(Daemon daemon) {
    this.daemon = daemon;
  }

  /** getProbe: the command a probe runs, or null when the config has no check that runs. */
  static List<String> probeCommand(HealthConfig h) {
    if (h == null || h.test() == null || h.test().isEmpty()) {
      return null;
    }
    List<String> test = h.test();
    return switch (test.get(0)) {
      case "CMD" -> test.size() > 1 ? List.copyOf(test.subList(1, test.size())) : null;
      case "CMD-SHELL" -> List.of("/bin/sh", "-c", String.join(" ", test.subList(1, test.size())));
      default -> null;
    };
  }

  /** initHealthMonitor: the container started. */
  void started(Container c) {
    HealthConfig h = c.config.healthcheck();
    if (probeCommand(h) == null) {
      return;
    }
    stop(c);
    if (c.health == null) {
      daemon.changed(c);
      c.health = new State();
    }
    c.health.status = STARTING;
    c.health.failingStreak = 0;
    c.health.run++;
    schedule(c, c.health.run);
  }

  /** stopHealthchecks: the container stopped (its status stays as it was). */
  void stop(Container c) {
    if (c.health == null) {
      return;
    }
    c.health.run++;
    if (c.health.timer != null) {
      c.health.timer.cancel();
      c.health.timer = null;
    }
  }

  private void schedule(Container c, int run) {
    long interval = orDefault(c.config.healthcheck().interval(), DEFAULT_INTERVAL);
    c.health.timer =
        daemon.clock.schedule(
            Duration.ofNanos(interval), VirtualClock.Cost.PROBE, () -> probe(c, run));
  }

  private void probe(Container c, int run) {
    State s = c.health;
    if (s == null || s.run != run) {
      return;
    }
    s.timer = null;
    new Probe(c, run).start();
  }

  /** One probe in flight: its exec, and the timer that ends it at the check's timeout. */
  private final class Probe {
    private final Container c;
    private final int run;
    private final long start = daemon.clock.nowNanos();
    private final long timeout;
    private String execId;
    private ProcAttachment attachment;
    private VirtualClock.Timer deadline;

    Probe(Container c, int run) {
      this.c = c;
      this.run = run;
      this.timeout = orDefault(c.config.healthcheck().timeout(), DEFAULT_TIMEOUT);
    }

    void start() {
      List<String> cmd = probeCommand(c.config.healthcheck());
      try {
        execId =
            daemon.exec.create(
                c.id, new ExecConfig(false, true, true, null, false, null, cmd, false, null, null));
        attachment = daemon.exec.start(execId, this::ended);
        if (!attachment.isClosed()) {
          deadline = daemon.clock.schedule(Duration.ofNanos(timeout), this::timedOut);
        }
      } catch (EngineException e) {
        // the exec could not start (a paused container): a failed probe with the daemon's message
        result(c, run, start, -1, e.getMessage());
      }
    }

    /** The probe's stream closed: with an exit code when its process ended by itself. */
    private void ended(ProcAttachment a) {
      if (deadline != null) {
        deadline.cancel();
      }
      if (a.exitCode() != null) {
        result(c, run, start, a.exitCode(), a.read());
      }
    }

    private void timedOut() {
      attachment.hangUp();
      daemon.exec.kill(execId);
      result(
          c,
          run,
          start,
          -1,
          "Health check exceeded timeout (" + GoTime.durationString(timeout) + ")");
    }
  }

  /** handleProbeResult. */
  private void result(Container c, int run, long start, int exitCode, String output) {
    State s = c.health;
    if (s == null || s.run != run) {
      return;
    }
    daemon.changed(c); // the health log and failing streak, shown by inspect
    HealthConfig h = c.config.healthcheck();
    long end = daemon.clock.nowNanos();
    String out = output.length() > MAX_OUTPUT ? output.substring(0, MAX_OUTPUT) : output;
    s.log.addLast(
        new Health.Result(GoTime.rfc3339Nano(start), GoTime.rfc3339Nano(end), exitCode, out));
    while (s.log.size() > MAX_LOG_ENTRIES) {
      s.log.removeFirst();
    }
    String before = s.status;
    if (exitCode == 0) {
      s.failingStreak = 0;
      daemon.changed(c);
      s.status = HEALTHY;
    } else {
      boolean counts = true;
      if (STARTING.equals(s.status)) {
        // within the start period a failure of a container never yet healthy does not count
        counts = start - c.startedNanos >= h.startPeriod();
      }
      if (counts) {
        s.failingStreak++;
        int retries = h.retries() > 0 ? h.retries() : DEFAULT_RETRIES;
        if (s.failingStreak >= retries) {
          daemon.changed(c);
          s.status = UNHEALTHY;
        }
      }
    }
    if (!before.equals(s.status)) {
      daemon.event(c, "health_status: " + s.status);
    }
    schedule(c, run);
  }

  private static long orDefault(long v, long dflt) {
    return v > 0 ? v : dflt;
  }
}

package dev.ddlab.sim.swarm.raft;

import dev.ddlab.sim.clock.VirtualClock;
import io.microraft.executor.RaftNodeExecutor;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * MicroRaft's executor on the virtual clock: a submitted task runs as a zero-delay timer (in
 * submission order, after the current one), a scheduled one when its delay has passed in virtual
 * time. One Raft node's tasks never overlap, as on MicroRaft's single thread, because the clock
 * runs one timer at a time. {@link #kill()} is a process dying: every task it had pending or is
 * given later does nothing.
 *
 * <p>A timer fires up to {@link #JITTER_NANOS} late, drawn from the member's seed, as a thread's
 * timer does on a real machine. Without it, members started at one instant would run their
 * once-a-second leader checks at the same nanosecond forever, start their pre-votes together and
 * split every vote (MicroRaft's own noise is on the election round only, not on the checks).
 */
final class VirtualExecutor implements RaftNodeExecutor {
  /** The most a timer fires late (scheduling noise). */
  static final long JITTER_NANOS = 5_000_000L;

  private final VirtualClock clock;
  private final BiConsumer<Runnable, Long> scheduled;
  private final Random jitter;
  private boolean alive = true;

  /**
   * @param scheduled told of each task scheduled with a delay and the virtual time it is due (the
   *     member watches its election and heartbeat timers through it)
   */
  VirtualExecutor(VirtualClock clock, long seed, BiConsumer<Runnable, Long> scheduled) {
    this.clock = clock;
    this.scheduled = scheduled;
    this.jitter = new Random(seed);
  }

  @Override
  public void execute(Runnable task) {
    submit(task);
  }

  @Override
  public void submit(Runnable task) {
    if (alive) {
      clock.scheduleUpkeep(Duration.ZERO, () -> run(task));
    }
  }

  @Override
  public void schedule(Runnable task, long delay, TimeUnit unit) {
    if (alive) {
      long nanos = unit.toNanos(delay) + (long) (jitter.nextDouble() * JITTER_NANOS);
      scheduled.accept(task, clock.nowNanos() + nanos);
      clock.scheduleUpkeep(Duration.ofNanos(nanos), () -> run(task));
    }
  }

  private void run(Runnable task) {
    if (alive) {
      task.run();
    }
  }

  void kill() {
    alive = false;
  }

  boolean alive() {
    return alive;
  }
}

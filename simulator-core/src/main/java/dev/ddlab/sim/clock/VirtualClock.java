package dev.ddlab.sim.clock;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.PriorityQueue;
import java.util.function.BooleanSupplier;

/**
 * The only time the simulator knows. Time moves only when a caller advances it; timers due on the
 * way fire in order (by due time, then by the order they were scheduled), each seeing {@link
 * #now()} equal to its due time. No threads, no wall clock.
 *
 * <p>Timers scheduled with no delay (a Raft node's submitted tasks, most of what a commit costs the
 * clock) go to a plain FIFO instead of the priority queue: they are scheduled in order of due time
 * (the current time, which never goes back) and of sequence, so the FIFO is sorted as the queue
 * would sort them, and the next timer is the earlier of the two heads. The order is the same.
 */
public final class VirtualClock {
  /** 2024-01-01T00:00:00Z: a fixed epoch so transcripts do not depend on when they ran. */
  public static final long DEFAULT_START_NANOS = 1_704_067_200L * 1_000_000_000L;

  private long nowNanos;
  private final long startNanos;
  private long sequence;
  private long workEvents;
  private long cpuEvents;
  private long churn;
  private boolean inUpkeep;
  private int cancelledInQueue;
  private final PriorityQueue<Timer> timers =
      new PriorityQueue<>(
          (a, b) ->
              a.dueNanos != b.dueNanos
                  ? Long.compare(a.dueNanos, b.dueNanos)
                  : Long.compare(a.sequence, b.sequence));

  /**
   * CPU steps ({@link #scheduleCpu}) that may still be queued in this slice, and the slice; a
   * negative slice is no budget (the default).
   */
  private int cpuSlice = -1;

  private int cpuLeft;

  /** CPU steps held off the queue once the slice was spent, in the order they were scheduled. */
  private final ArrayDeque<Timer> parked = new ArrayDeque<>();

  /**
   * The CPU steps a session that follows a wall-clock ticker lets run between two resumes ({@link
   * #cpuSlice}): 16 rounds of {@code yes} through {@code grep}, or 160 rounds of a busy loop, take
   * a few milliseconds of the server's time.
   */
  public static final int CPU_SLICE = 16;

  /** Timers scheduled with no delay, in order (see the class comment). */
  private final ArrayDeque<Timer> dueNow = new ArrayDeque<>();

  public VirtualClock() {
    this(DEFAULT_START_NANOS);
  }

  public VirtualClock(long startEpochNanos) {
    this.nowNanos = startEpochNanos;
    this.startNanos = startEpochNanos;
  }

  /** When the clock started: the simulated node's boot (uptime, /proc/uptime). */
  public long startNanos() {
    return startNanos;
  }

  public long nowNanos() {
    return nowNanos;
  }

  public Instant now() {
    return Instant.ofEpochSecond(nowNanos / 1_000_000_000L, nowNanos % 1_000_000_000L);
  }

  /** Schedules {@code action} to run when virtual time reaches now + delay. */
  public Timer schedule(Duration delay, Runnable action) {
    return add(delay, action, false);
  }

  /**
   * Schedules upkeep: work a cluster does by itself, at a rate its size sets rather than anyone's
   * commands (Raft's ticks, the agents' heartbeats, the leader's reconciliation passes). A terminal
   * does not count upkeep against the budget of a typed line ({@link #workEvents()}), so an idle
   * swarm may tick through a learner's {@code sleep 7200}.
   */
  public Timer scheduleUpkeep(Duration delay, Runnable action) {
    return add(delay, action, true);
  }

  /**
   * Schedules as the timer now firing was: upkeep when upkeep schedules it (a frame a Raft tick
   * sends), work otherwise (a frame of a learner's ping).
   */
  public Timer scheduleAsCaller(Duration delay, Runnable action) {
    return add(delay, action, inUpkeep);
  }

  /**
   * Schedules a step of CPU work (a round of {@code yes} or {@code seq}, a busy loop's yield) that
   * {@code delay} of CPU time precedes. With a {@link #cpuSlice} set, a step scheduled once the
   * slice is spent is parked off the queue (its timer pending, {@link Timer#isParked}) until {@link
   * #resumeCpu}: a program that computes without end then holds the server for one slice at a time
   * however far time moves, and the same inputs park the same steps.
   */
  public Timer scheduleCpu(Duration delay, Runnable action) {
    if (cpuSlice >= 0 && cpuLeft <= 0) {
      Timer t = new Timer(this, -1, -1, action, false);
      t.cpu = true;
      t.parkedNanos = Math.max(0, delay.toNanos());
      parked.add(t);
      return t;
    }
    cpuLeft--;
    Timer t = add(delay, action, false);
    t.cpu = true;
    return t;
  }

  /**
   * Bounds the CPU steps that run between two {@link #resumeCpu} calls to {@code steps} (a session
   * that follows a ticker: {@link #CPU_SLICE}); a negative value turns the bound off.
   */
  public void cpuSlice(int steps) {
    cpuSlice = steps;
    cpuLeft = steps;
    if (steps < 0) {
      resumeParked(Integer.MAX_VALUE);
    }
  }

  /**
   * A fresh slice (the ticker's beat, a typed line): the parked steps are queued again, in order,
   * each due its CPU time from now, as far as the slice goes. Does nothing without a slice.
   */
  public void resumeCpu() {
    if (cpuSlice < 0) {
      return;
    }
    cpuLeft = cpuSlice;
    resumeParked(cpuSlice);
  }

  private void resumeParked(int most) {
    Timer t;
    while (most > 0 && (t = parked.poll()) != null) {
      if (t.cancelled) {
        continue;
      }
      most--;
      if (cpuSlice >= 0) {
        cpuLeft--;
      }
      t.dueNanos = nowNanos + t.parkedNanos;
      t.sequence = sequence++;
      t.parkedNanos = -1;
      if (t.dueNanos == nowNanos) {
        dueNow.add(t);
      } else {
        timers.add(t);
      }
    }
  }

  /** Whether a CPU step waits for {@link #resumeCpu}. */
  public boolean cpuParked() {
    parked.removeIf(t -> t.cancelled);
    return !parked.isEmpty();
  }

  /** How many timers that were not upkeep have fired so far. */
  public long workEvents() {
    return workEvents;
  }

  /**
   * How many CPU steps ({@link #scheduleCpu}) have fired so far, a share of {@link #workEvents}.
   */
  public long cpuEvents() {
    return cpuEvents;
  }

  /**
   * Counts costly work that upkeep does by itself, in units of about one store action a swarm
   * leader proposes (a task created, moved, removed): a restart policy's container start counts 8,
   * a health check's probe 1. An idle node or swarm makes none; a service that never converges, a
   * container that restarts for ever or a health check every second make some all the time.
   */
  public void churn(int n) {
    churn += n;
  }

  /** The changes counted by {@link #churn} so far. */
  public long churned() {
    return churn;
  }

  private Timer add(Duration delay, Runnable action, boolean upkeep) {
    long due = nowNanos + Math.max(0, delay.toNanos());
    Timer t = new Timer(this, due, sequence++, action, upkeep);
    if (due == nowNanos) {
      dueNow.add(t);
    } else {
      timers.add(t);
    }
    return t;
  }

  /** Advances time by {@code d}, firing every timer due on the way. */
  public void advance(Duration d) {
    advanceTo(nowNanos + d.toNanos());
  }

  public void advanceTo(long targetNanos) {
    while (true) {
      Timer next = peek();
      if (next == null || next.dueNanos > targetNanos) {
        break;
      }
      poll(next);
      if (next.cancelled) {
        continue;
      }
      nowNanos = Math.max(nowNanos, next.dueNanos);
      next.fired = true;
      if (!next.upkeep) {
        workEvents++;
      }
      if (next.cpu) {
        cpuEvents++;
      }
      boolean outer = inUpkeep;
      inUpkeep = next.upkeep;
      try {
        next.action.run();
      } finally {
        inUpkeep = outer;
      }
    }
    nowNanos = Math.max(nowNanos, targetNanos);
  }

  /** Fires every timer already due at the current time (e.g. zero-delay work). */
  public void runDue() {
    advanceTo(nowNanos);
  }

  /**
   * Advances time timer by timer until {@code done} holds or {@code max} has elapsed.
   *
   * @return whether {@code done} holds at the end
   */
  public boolean advanceUntil(BooleanSupplier done, Duration max) {
    long limit = nowNanos + max.toNanos();
    runDue();
    while (!done.getAsBoolean()) {
      Timer next = nextLive();
      if (next == null || next.dueNanos > limit) {
        nowNanos = Math.max(nowNanos, limit);
        return done.getAsBoolean();
      }
      advanceTo(next.dueNanos);
    }
    return true;
  }

  /** Due time of the next pending timer, or -1. */
  public long nextDueNanos() {
    Timer t = nextLive();
    return t == null ? -1 : t.dueNanos;
  }

  public int pendingTimers() {
    return queued() - cancelledInQueue;
  }

  /** Timers held in the queue, cancelled ones included (what a cancelled timer may cost). */
  int queued() {
    return timers.size() + dueNow.size();
  }

  /**
   * A cancelled timer stays queued until it comes up (removing from a heap is linear), so that
   * killing many long {@code sleep}s does not leave their processes reachable and the queue
   * growing, the queue is rebuilt without them once they are half of it.
   */
  private void cancelled() {
    cancelledInQueue++;
    if (cancelledInQueue > 32 && cancelledInQueue * 2 > queued()) {
      timers.removeIf(t -> t.cancelled);
      dueNow.removeIf(t -> t.cancelled);
      cancelledInQueue = 0;
    }
  }

  /** The next timer to fire (cancelled or not): the earlier of the FIFO's and the queue's heads. */
  private Timer peek() {
    Timer now = dueNow.peek();
    Timer queued = timers.peek();
    if (now == null) {
      return queued;
    }
    if (queued == null
        || now.dueNanos < queued.dueNanos
        || now.dueNanos == queued.dueNanos && now.sequence < queued.sequence) {
      return now;
    }
    return queued;
  }

  /** Takes {@code t}, the head {@link #peek()} answered, out of its queue. */
  private void poll(Timer t) {
    if (t == dueNow.peek()) {
      dueNow.poll();
    } else {
      timers.poll();
    }
    if (t.cancelled) {
      cancelledInQueue--;
    }
  }

  private Timer nextLive() {
    Timer t;
    while ((t = peek()) != null && t.cancelled) {
      poll(t);
    }
    return t;
  }

  /** A scheduled action; cancel it to keep it from firing. */
  public static final class Timer {
    private final VirtualClock clock;
    private long dueNanos;
    private long sequence;

    /** The CPU time a parked step waits for once resumed; -1 when not parked. */
    private long parkedNanos = -1;

    private final boolean upkeep;

    /** A step of CPU work ({@link #scheduleCpu}). */
    private boolean cpu;

    private Runnable action;
    private boolean cancelled;
    private boolean fired;

    private Timer(
        VirtualClock clock, long dueNanos, long sequence, Runnable action, boolean upkeep) {
      this.clock = clock;
      this.dueNanos = dueNanos;
      this.sequence = sequence;
      this.action = action;
      this.upkeep = upkeep;
    }

    public void cancel() {
      if (cancelled || fired) {
        return;
      }
      cancelled = true;
      action = null;
      if (parkedNanos < 0) {
        clock.cancelled(); // a parked step is not queued: the clock drops it at the next resume
      }
    }

    public boolean isPending() {
      return !cancelled && !fired;
    }

    /** Whether this is a CPU step held until {@link VirtualClock#resumeCpu}. */
    public boolean isParked() {
      return parkedNanos >= 0 && !cancelled;
    }

    public long dueNanos() {
      return dueNanos;
    }
  }
}

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
 *
 * <p>Every timer declares what its action costs the server ({@link Cost}); the clock charges it
 * when the timer fires ({@link #spent}). A session gives each typed line a {@link #budget} of these
 * units, which {@link #advanceUntil} honours and the session's settle reads, so a line's cost is
 * bounded whatever its timers do, without anyone counting by hand.
 */
public final class VirtualClock {
  /**
   * What a timer's action costs, in units of about one tick of a cluster's upkeep (a Raft tick, a
   * heartbeat, a frame upkeep sends). The weights are the wall time each class took relative to a
   * tick in the typed fuzz (session 9/10 probes): a learner's command's step (a process started, a
   * write through a pipe, a sleep's end) about five, a health check's probe (an exec in the
   * container) about fifty, a container a restart policy starts again about four hundred.
   */
  public enum Cost {
    /** A cluster's own work: Raft's ticks and messages, heartbeats, the leader's idle passes. */
    UPKEEP(1),
    /** A step of someone's command: the default of {@link #schedule}. */
    WORK(5),
    /** A step of CPU work ({@link #scheduleCpu}): a round of {@code yes}, a busy loop's yield. */
    CPU(5),
    /** A health check's probe: an exec in the container, its output kept. */
    PROBE(50),
    /** A swarm store action the leader proposes on its own: a task created, moved or removed. */
    STORE(50),
    /** A container started by upkeep: a restart policy's restart, a new swarm task's container. */
    START(400);

    /** The units one firing costs. */
    public final int units;

    Cost(int units) {
      this.units = units;
    }
  }

  /** 2024-01-01T00:00:00Z: a fixed epoch so transcripts do not depend on when they ran. */
  public static final long DEFAULT_START_NANOS = 1_704_067_200L * 1_000_000_000L;

  private long nowNanos;
  private final long startNanos;
  private long sequence;
  private long workEvents;
  private long cpuEvents;
  private long spent;

  /** {@link #spent} when the current budget began, and where it ends ({@link #budget}). */
  private long budgetStart;

  private long cpuEventsAtBudgetStart;
  private long budgetEnd = Long.MAX_VALUE;

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
    return add(delay, action, Cost.WORK);
  }

  /** Schedules {@code action}, which costs {@code cost} each time it fires. */
  public Timer schedule(Duration delay, Cost cost, Runnable action) {
    return add(delay, action, cost);
  }

  /**
   * Schedules upkeep: work a cluster does by itself, at a rate its size sets rather than anyone's
   * commands (Raft's ticks, the agents' heartbeats, the leader's reconciliation passes). A terminal
   * does not count upkeep against the budget of a typed line ({@link #workEvents()}), so an idle
   * swarm may tick through a learner's {@code sleep 7200}.
   */
  public Timer scheduleUpkeep(Duration delay, Runnable action) {
    return add(delay, action, Cost.UPKEEP);
  }

  /**
   * Schedules as the timer now firing was: upkeep when upkeep schedules it (a frame a Raft tick
   * sends), work otherwise (a frame of a learner's ping).
   */
  public Timer scheduleAsCaller(Duration delay, Runnable action) {
    return add(delay, action, inUpkeep ? Cost.UPKEEP : Cost.WORK);
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
      Timer t = new Timer(this, -1, -1, action, Cost.CPU);
      t.parkedNanos = Math.max(0, delay.toNanos());
      parked.add(t);
      return t;
    }
    cpuLeft--;
    return add(delay, action, Cost.CPU);
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

  /** The units of {@link Cost} the timers fired so far have cost (and {@link #charge}d). */
  public long spent() {
    return spent;
  }

  /**
   * A firing action whose cost depends on what it did (a leader's pass that proposes N store
   * actions) charges {@code cost} {@code times} more; its class is declared where it is called,
   * once, beside what it counts.
   */
  public void charge(Cost cost, int times) {
    spent += (long) cost.units * times;
  }

  /**
   * Starts a budget of {@code units} (a typed line's, {@code TerminalSession}): {@link
   * #advanceUntil} gives up once it is spent, and {@link #overBudget} says so. Without one (the
   * default, and {@link #unbudgeted}) nothing is bounded.
   */
  public void budget(long units) {
    budgetStart = spent;
    cpuEventsAtBudgetStart = cpuEvents;
    budgetEnd = spent + units;
  }

  /** No budget any more. */
  public void unbudgeted() {
    budgetEnd = Long.MAX_VALUE;
  }

  /** Whether the current budget is spent. */
  public boolean overBudget() {
    return spent > budgetEnd;
  }

  /** Units spent since the current budget began. */
  public long spentInBudget() {
    return spent - budgetStart;
  }

  /** Of {@link #spentInBudget}, the units CPU steps cost: over half is a line that computes. */
  public long cpuSpentInBudget() {
    return (cpuEvents - cpuEventsAtBudgetStart) * Cost.CPU.units;
  }

  private Timer add(Duration delay, Runnable action, Cost cost) {
    long due = nowNanos + Math.max(0, delay.toNanos());
    Timer t = new Timer(this, due, sequence++, action, cost);
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
      boolean upkeep = next.cost == Cost.UPKEEP;
      if (!upkeep) {
        workEvents++;
      }
      spent += next.cost.units;
      if (next.cost == Cost.CPU) {
        cpuEvents++;
      }
      boolean outer = inUpkeep;
      inUpkeep = upkeep || next.cost == Cost.PROBE; // what it schedules as caller is upkeep too
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
   * Advances time timer by timer until {@code done} holds, {@code max} has elapsed or the {@link
   * #budget} is spent (then time stays where the last timer left it).
   *
   * @return whether {@code done} holds at the end
   */
  public boolean advanceUntil(BooleanSupplier done, Duration max) {
    long limit = nowNanos + max.toNanos();
    runDue();
    while (!done.getAsBoolean()) {
      if (overBudget()) {
        return false;
      }
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

    private final Cost cost;

    private Runnable action;
    private boolean cancelled;
    private boolean fired;

    private Timer(VirtualClock clock, long dueNanos, long sequence, Runnable action, Cost cost) {
      this.clock = clock;
      this.dueNanos = dueNanos;
      this.sequence = sequence;
      this.action = action;
      this.cost = cost;
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

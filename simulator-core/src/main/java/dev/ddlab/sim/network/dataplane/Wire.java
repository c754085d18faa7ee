package dev.ddlab.sim.network.dataplane;

import java.util.PriorityQueue;

/**
 * The time frames take: deliveries and protocol timers of one node's stack (or of nodes sharing an
 * underlay), in virtual-time order, ties in the order they were scheduled. An exchange (a ping, a
 * TCP connection) runs here from the virtual clock's present until nothing is left to do or its
 * horizon passes; the caller then shows its result at the time it ended, on the virtual clock.
 * Never a wall clock; jitter comes from the node's seeded random source.
 */
public final class Wire {
  private record Event(long at, long seq, Runnable action) {}

  private final PriorityQueue<Event> queue =
      new PriorityQueue<>(
          (a, b) -> a.at != b.at ? Long.compare(a.at, b.at) : Long.compare(a.seq, b.seq));
  private long now;
  private long seq;
  private long delivered;

  /** The wire's present, in epoch nanoseconds of virtual time. */
  public long now() {
    return now;
  }

  /** Moves the present forward to {@code nanos} (never back): the virtual clock's time. */
  public void catchUp(long nanos) {
    if (nanos > now) {
      now = nanos;
    }
  }

  /** Runs {@code action} at {@code atNanos} (now, if that has passed). */
  public void at(long atNanos, Runnable action) {
    queue.add(new Event(Math.max(now, atNanos), seq++, action));
  }

  /** Runs {@code action} {@code delayNanos} from now. */
  public void after(long delayNanos, Runnable action) {
    queue.add(new Event(now + Math.max(0, delayNanos), seq++, action));
  }

  /**
   * Runs what is due, in order, until nothing is pending or the next event lies beyond {@code
   * untilNanos}; events left over stay queued (a timer far in the future).
   */
  public void runUntil(long untilNanos) {
    runUntil(untilNanos, () -> false);
  }

  /** As {@link #runUntil(long)}, stopping as soon as {@code stop} holds. */
  public void runUntil(long untilNanos, java.util.function.BooleanSupplier stop) {
    while (!queue.isEmpty() && queue.peek().at <= untilNanos && !stop.getAsBoolean()) {
      Event e = queue.poll();
      now = Math.max(now, e.at);
      delivered++;
      e.action.run();
    }
  }

  /** Drops everything pending (a node that goes away). */
  public void clear() {
    queue.clear();
  }

  public boolean idle() {
    return queue.isEmpty();
  }

  /** Events run so far (frames delivered and timers fired), for the benchmark. */
  public long eventsRun() {
    return delivered;
  }
}

package dev.ddlab.sim.container;

import dev.ddlab.engine.EngineException;
import dev.ddlab.engine.Pending;
import dev.ddlab.sim.clock.VirtualClock;
import java.time.Duration;

/**
 * A {@link Pending} the daemon completes from its own events (a container's exit or removal) as the
 * virtual clock runs; {@link #await} lets that clock run timer by timer.
 */
public final class SimPending<T> implements Pending<T> {
  private final VirtualClock clock;
  private Runnable onCancel = () -> {};
  private boolean done;
  private T value;
  private EngineException error;

  SimPending(VirtualClock clock) {
    this.clock = clock;
  }

  /** A client's timer on the virtual clock: done once {@code d} has passed. */
  public static Pending<Void> after(VirtualClock clock, Duration d) {
    SimPending<Void> p = new SimPending<>(clock);
    VirtualClock.Timer t = clock.schedule(d, () -> p.complete(null));
    p.onCancel(t::cancel);
    return p;
  }

  /** What to undo when the client stops waiting (a watcher to drop, a timer to cancel). */
  void onCancel(Runnable r) {
    this.onCancel = r;
  }

  void complete(T v) {
    if (!done) {
      done = true;
      value = v;
      onCancel = () -> {};
    }
  }

  void fail(EngineException e) {
    if (!done) {
      done = true;
      error = e;
      onCancel = () -> {};
    }
  }

  @Override
  public boolean isDone() {
    return done;
  }

  @Override
  public T get() {
    if (!done) {
      throw new IllegalStateException("no answer yet");
    }
    if (error != null) {
      throw error;
    }
    return value;
  }

  @Override
  public boolean await(Duration max) {
    long limit = clock.nowNanos() + max.toNanos();
    clock.runDue();
    while (!done) {
      long next = clock.nextDueNanos();
      if (next < 0 || next > limit) {
        return false;
      }
      clock.advanceTo(next);
    }
    return true;
  }

  @Override
  public void cancel() {
    Runnable r = onCancel;
    onCancel = () -> {};
    r.run();
  }
}

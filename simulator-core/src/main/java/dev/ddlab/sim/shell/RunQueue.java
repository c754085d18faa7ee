package dev.ddlab.sim.shell;

import java.util.ArrayDeque;
import java.util.function.UnaryOperator;

/**
 * The steps of one shell and its subshells, run one after the other on the caller's thread. The
 * interpreter is continuation-passing, so a step that finishes at once calls the next one directly
 * and the Java stack grows with every command of a long list, every round of a recursive function
 * and every stage woken by a pipe. {@link #step} runs a step at once while the stack is shallow and
 * queues it once {@link #MAX_NESTED_STEPS} steps have nested since the queue last took one, so the
 * depth stays bounded; {@link #post} always queues (a reader woken by its writer runs after the
 * writer's step, not inside it). Whoever enters the shell from outside (a typed line, a timer, a
 * process that exited) drains the queue before returning, so a command that needs no time still
 * finishes before {@code execute} returns. No threads: the order is the queue's.
 */
final class RunQueue {
  /** Steps that may nest on the stack before the next one is queued. */
  static final int MAX_NESTED_STEPS = 48;

  private final ArrayDeque<Runnable> queue = new ArrayDeque<>();
  private final UnaryOperator<Runnable> resumer;
  private boolean draining;
  private int nested;

  /**
   * {@code resumer} wraps a step that waits in the queue so that it runs in the state of the
   * (sub)shell that queued it ({@link Interpreter#resumer}): a pipeline's stages take turns.
   */
  RunQueue(UnaryOperator<Runnable> resumer) {
    this.resumer = resumer;
  }

  /** Runs {@code r}, at once while the stack is shallow, else after the steps queued before it. */
  void step(Runnable r) {
    if (!draining) {
      drain(r);
    } else if (++nested > MAX_NESTED_STEPS) {
      queue.add(resumer.apply(r));
    } else {
      r.run();
    }
  }

  /** Runs {@code r} after the step running now (and the steps queued before it). */
  void post(Runnable r) {
    if (draining) {
      queue.add(resumer.apply(r));
    } else {
      drain(r);
    }
  }

  private void drain(Runnable first) {
    draining = true;
    try {
      nested = 0;
      first.run();
      Runnable r;
      while ((r = queue.poll()) != null) {
        nested = 0;
        r.run();
      }
    } finally {
      draining = false;
      queue.clear();
    }
  }
}

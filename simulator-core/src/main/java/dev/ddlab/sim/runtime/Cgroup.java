package dev.ddlab.sim.runtime;

/**
 * A control group as the simulator accounts it: the pids controller, whose count is the group's
 * tasks (its processes, and the forks a shell makes for its own background jobs) against {@code
 * pids.max}. Groups nest as cgroup v2 does: a container's group sits under its node's, a task
 * counts in every group up to the root, and a fork fails when any of them is full. No clock, no
 * threads: the count changes only when the simulator starts or reaps a task.
 */
public final class Cgroup {
  /** pids.max "max": no limit of this group's own. */
  public static final long UNLIMITED = -1;

  private final Cgroup parent;
  private long pidsMax;
  private long pids;

  public Cgroup(Cgroup parent, long pidsMax) {
    this.parent = parent;
    pidsMax(pidsMax);
  }

  /** A group nested in this one (a container's, under its node's). */
  public Cgroup child(long pidsMax) {
    return new Cgroup(this, pidsMax);
  }

  public long pids() {
    return pids;
  }

  /** The limit, or {@link #UNLIMITED}. */
  public long pidsMax() {
    return pidsMax;
  }

  /**
   * Sets pids.max; 0 or a negative value means no limit, as for {@code docker run --pids-limit}
   * (moby passes a limit only when it is positive). A lower limit than the count stops new forks
   * and leaves running tasks alone, as the kernel does.
   */
  public void pidsMax(long max) {
    this.pidsMax = max > 0 ? max : UNLIMITED;
  }

  /** Whether one more task would go over this group's or an ancestor's pids.max. */
  public boolean full() {
    for (Cgroup g = this; g != null; g = g.parent) {
      if (g.pidsMax != UNLIMITED && g.pids >= g.pidsMax) {
        return true;
      }
    }
    return false;
  }

  /** fork(2): charges one task, or returns false (EAGAIN) when a group up the tree is full. */
  public boolean tryFork() {
    if (full()) {
      return false;
    }
    charge();
    return true;
  }

  /** Charges a task that is started whatever the count (runc's init, a restored process). */
  public void charge() {
    for (Cgroup g = this; g != null; g = g.parent) {
      g.pids++;
    }
  }

  /** A task ended. */
  public void release() {
    for (Cgroup g = this; g != null; g = g.parent) {
      if (g.pids > 0) {
        g.pids--;
      }
    }
  }
}

package dev.ddlab.sim.runtime;

/**
 * A control group as the simulator accounts it: the pids controller, whose count is the group's
 * tasks (its processes, and the forks a shell makes for its own background jobs) against {@code
 * pids.max}, and the memory controller, whose usage is what the simulator's programs hold (a
 * shell's variables) against {@code memory.max}. Groups nest as cgroup v2 does: a container's group
 * sits under its node's, a task or a byte counts in every group up to the root, and a fork or a
 * charge fails when any of them is full; a memory charge that fails is an OOM kill of the group
 * over its limit ({@link #onOom}). The cpu controller's usage ({@link #cpuNanos}) is the CPU time
 * the group's programs burned, charged when a busy loop lets virtual time pass. No clock, no
 * threads: the counts change only when the simulator starts or reaps a task, a program allocates or
 * a program computes.
 */
public final class Cgroup {
  /** pids.max "max": no limit of this group's own. */
  public static final long UNLIMITED = -1;

  private final Cgroup parent;
  private long pidsMax;
  private long pids;
  private long memoryMax = UNLIMITED;
  private long memory;
  private long cpuNanos;
  private long oomKills;
  private Runnable onOom;

  public Cgroup(Cgroup parent, long pidsMax) {
    this.parent = parent;
    pidsMax(pidsMax);
  }

  /** A group nested in this one (a container's, under its node's). */
  public Cgroup child(long pidsMax) {
    return new Cgroup(this, pidsMax);
  }

  /** memory.current: the bytes charged to this group and the groups under it. */
  public long memory() {
    return memory;
  }

  /** memory.max, or {@link #UNLIMITED}. */
  public long memoryMax() {
    return memoryMax;
  }

  /** Sets memory.max; 0 or a negative value means no limit, as for {@code docker run -m}. */
  public Cgroup memoryMax(long max) {
    this.memoryMax = max > 0 ? max : UNLIMITED;
    return this;
  }

  /** How many times the OOM killer ran in this group (memory.events oom_kill). */
  public long oomKills() {
    return oomKills;
  }

  /** What runs when the OOM killer kills in this group (the container's "oom" event). */
  public void onOom(Runnable action) {
    this.onOom = action;
  }

  /**
   * A program allocates {@code bytes}: charged in every group up to the root, or refused when that
   * would take a group over its memory.max. Then that group's OOM killer runs ({@link #onOom}) and
   * the caller kills the allocating process, as the kernel's OOM killer would end the largest one.
   */
  public boolean chargeMemory(long bytes) {
    for (Cgroup g = this; g != null; g = g.parent) {
      if (g.memoryMax != UNLIMITED && g.memory + bytes > g.memoryMax) {
        g.oomKills++;
        if (g != this) {
          oomKills++;
        }
        Runnable action = onOom != null ? onOom : g.onOom;
        if (action != null) {
          action.run();
        }
        return false;
      }
    }
    for (Cgroup g = this; g != null; g = g.parent) {
      g.memory += bytes;
    }
    return true;
  }

  /**
   * Memory that gives way rather than kill (what the server keeps for the session, such as its
   * transcript): charged in every group up to the root when it fits, else refused without running
   * the OOM killer.
   */
  public boolean tryCharge(long bytes) {
    if (bytes > room()) {
      return false;
    }
    for (Cgroup g = this; g != null; g = g.parent) {
      g.memory += bytes;
    }
    return true;
  }

  /** The bytes a charge may still take before some group up to the root is at its memory.max. */
  public long room() {
    long room = Long.MAX_VALUE;
    for (Cgroup g = this; g != null; g = g.parent) {
      if (g.memoryMax != UNLIMITED) {
        room = Math.min(room, Math.max(0, g.memoryMax - g.memory));
      }
    }
    return room;
  }

  /** cpu.stat usage_usec, in nanoseconds: the CPU time of this group and the groups under it. */
  public long cpuNanos() {
    return cpuNanos;
  }

  /** A program of this group kept a CPU busy for {@code nanos} of virtual time. */
  public void chargeCpu(long nanos) {
    for (Cgroup g = this; g != null; g = g.parent) {
      g.cpuNanos += nanos;
    }
  }

  /**
   * A process's resident size goes from {@code from} to {@code to} bytes: charges the growth
   * (false, after the OOM killer ran, when it does not fit) or uncharges what was freed.
   */
  public boolean resize(long from, long to) {
    if (to > from) {
      return chargeMemory(to - from);
    }
    unchargeMemory(from - to);
    return true;
  }

  /** Memory freed (a variable shrank, a process ended). */
  public void unchargeMemory(long bytes) {
    for (Cgroup g = this; g != null; g = g.parent) {
      g.memory = Math.max(0, g.memory - bytes);
    }
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

package dev.ddlab.sim.runtime;

import dev.ddlab.fs.FileSystem;
import dev.ddlab.sim.clock.SeededRandom;
import dev.ddlab.sim.clock.VirtualClock;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * One node's process world: the host PID namespace (every process has a host PID), namespace inode
 * numbers, the program registry and the virtual clock. runc asks it for contexts and processes; it
 * never reads wall time and draws PIDs and inodes from its seeded random stream.
 */
public final class Kernel {
  /** The initial namespaces of a freshly booted Ubuntu host. */
  public static final Namespaces HOST_NAMESPACES =
      new Namespaces(
          4026531836L,
          4026531840L,
          4026531841L,
          4026531838L,
          4026531839L,
          4026531837L,
          4026531835L);

  /**
   * The tasks a node's containers may hold in all (the pids.max of the cgroup they are created
   * under). A real node allows up to its pid_max; the simulator keeps the session's machine small,
   * so that a fork bomb in a container without {@code --pids-limit} ends after a few thousand
   * forks.
   */
  public static final long NODE_TASKS_MAX = 4096;

  /** The RAM a simulated node reports (docker info's MemTotal, ps's %MEM, docker stats' limit). */
  public static final long MEM_TOTAL_BYTES = 4_108_529_664L;

  /** The CPUs a simulated node has (docker info's NCPU, docker stats' online_cpus). */
  public static final int NCPU = 2;

  /**
   * The memory a node's containers may hold in all (memory.max of the group they are created
   * under). A real node has its RAM; the simulator holds every byte a learner's program allocates
   * in the server's heap, so it stops a container without {@code -m} at this much (the OOM killer),
   * as a playground does with its per-instance memory limit.
   */
  public static final long NODE_MEMORY_MAX = 64L * 1024 * 1024;

  private final VirtualClock clock;
  private final SeededRandom random;
  private final Cgroup containers;
  private final ProgramRegistry programs;
  private final PidNamespace hostPids;
  private final ProcContext host;
  private NetAccess net = NetAccess.NONE;
  private long nextInode;

  public Kernel(
      VirtualClock clock,
      SeededRandom random,
      ProgramRegistry programs,
      FileSystem hostFs,
      String hostname) {
    this(clock, random, programs, hostFs, hostname, null);
  }

  /**
   * A node whose containers' group sits under {@code session} (the memory every node of a session
   * shares, {@code Cluster.memoryBudget}); null for a node on its own.
   */
  public Kernel(
      VirtualClock clock,
      SeededRandom random,
      ProgramRegistry programs,
      FileSystem hostFs,
      String hostname,
      Cgroup session) {
    this.containers = new Cgroup(session, NODE_TASKS_MAX).memoryMax(NODE_MEMORY_MAX);
    this.clock = clock;
    this.random = random;
    this.programs = programs;
    // A host that has been up a little while: system daemons hold the low PIDs.
    this.hostPids = new PidNamespace(HOST_NAMESPACES.pid(), 1200 + random.nextInt(800));
    this.nextInode = 4026532160L + random.nextInt(64);
    this.host =
        new ProcContext(
            this,
            "",
            hostFs,
            hostname,
            hostPids,
            new NetNamespace(HOST_NAMESPACES.net()),
            HOST_NAMESPACES);
  }

  public VirtualClock clock() {
    return clock;
  }

  public SeededRandom random() {
    return random;
  }

  public ProgramRegistry programs() {
    return programs;
  }

  /** The cgroup every container's own group is created under. */
  public Cgroup containersCgroup() {
    return containers;
  }

  public PidNamespace hostPids() {
    return hostPids;
  }

  /** The host's own context (host shell, --pid host, --network host). */
  public ProcContext host() {
    return host;
  }

  public NetAccess net() {
    return net;
  }

  public void net(NetAccess net) {
    this.net = net;
  }

  /** A fresh namespace inode number. */
  public long newInode() {
    nextInode += 1 + random.nextInt(3);
    return nextInode;
  }

  public PidNamespace newPidNamespace() {
    return new PidNamespace(newInode(), 1);
  }

  public NetNamespace newNetNamespace() {
    return new NetNamespace(newInode());
  }

  /** A host PID for a process that is not simulated as a program (containerd-shim). */
  public int reserveHostPid() {
    return hostPids.allocate(random.nextInt(1, 4));
  }

  public ProcContext newContext(
      String owner,
      FileSystem fs,
      String hostname,
      PidNamespace pidNs,
      NetNamespace netNs,
      Namespaces namespaces) {
    return new ProcContext(this, owner, fs, hostname, pidNs, netNs, namespaces);
  }

  /** The live process with this host PID, or null. */
  public SimProc byHostPid(int hostPid) {
    return hostPids.get(hostPid);
  }

  /**
   * Starts a resolved program as a new process of {@code ctx}. {@code parent} null means a process
   * whose host parent is {@code hostParent} (containerd-shim for a container's PID 1 or an exec).
   * The program's {@link Program#start} runs before this returns; it may already have exited.
   */
  public SimProc start(
      ProcContext ctx,
      SimProc parent,
      Executables.Resolution resolution,
      Map<String, String> env,
      String cwd,
      String user,
      boolean tty,
      Consumer<String> out,
      Consumer<String> err,
      IntConsumer onExit,
      int hostParent) {
    return start(
        ctx, parent, resolution, env, cwd, user, null, tty, tty, out, err, onExit, hostParent);
  }

  /**
   * {@link #start} of a process whose stdin, stdout and stderr are the terminal {@code pty} (a
   * container's PID 1 with a TTY, a {@code docker exec -t}); null: none.
   */
  public SimProc start(
      ProcContext ctx,
      SimProc parent,
      Executables.Resolution resolution,
      Map<String, String> env,
      String cwd,
      String user,
      Pty pty,
      Consumer<String> out,
      Consumer<String> err,
      IntConsumer onExit,
      int hostParent) {
    boolean tty = pty != null;
    return start(
        ctx, parent, resolution, env, cwd, user, pty, tty, tty, out, err, onExit, hostParent);
  }

  SimProc start(
      ProcContext ctx,
      SimProc parent,
      Executables.Resolution resolution,
      Map<String, String> env,
      String cwd,
      String user,
      Pty pty,
      boolean stdinTty,
      boolean tty,
      Consumer<String> out,
      Consumer<String> err,
      IntConsumer onExit,
      int hostParent) {
    int hostPid = hostPids.allocate(random.nextInt(0, 3));
    int pid = ctx.pidNs() == hostPids ? hostPid : ctx.pidNs().allocate(0);
    int ppid = parent != null ? parent.pid() : 0;
    int hostPpid = parent != null ? parent.hostPid() : hostParent;
    SimProc p =
        new SimProc(
            this,
            ctx,
            resolution.program(),
            pid,
            hostPid,
            ppid,
            hostPpid,
            resolution.argv(),
            env,
            cwd,
            user,
            pty,
            stdinTty,
            tty,
            out,
            err,
            onExit);
    if (ctx.pidNs() != hostPids) {
      ctx.pidNs().add(p, pid);
    }
    hostPids.add(p, hostPid);
    ctx.cgroup().charge();
    resolution.program().start(p);
    return p;
  }

  void reap(SimProc p) {
    PidNamespace ns = p.context().pidNs();
    p.context().cgroup().release();
    hostPids.remove(p.hostPid());
    if (ns != hostPids) {
      ns.remove(p.pid());
    }
    boolean initDied = ns != hostPids && p.pid() == 1;
    List<SimProc> rest = ns.processes();
    for (SimProc other : rest) {
      if (initDied) {
        other.signal(Signal.SIGKILL);
      } else if (other.ppid() == p.pid() && other.context() == p.context()) {
        other.reparentTo(ns.get(1) != null ? 1 : 0);
      }
    }
  }
}

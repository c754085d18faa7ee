package dev.ddlab.sim.runtime;

import dev.ddlab.fs.FileSystem;
import java.util.ArrayList;
import java.util.List;

/**
 * What the processes of one container (or of the host) share: the root filesystem, the UTS
 * hostname, the PID and network namespaces and the cgroup freezer. runc builds one per container
 * start; {@code docker exec} joins it.
 */
public final class ProcContext {
  private final Kernel kernel;
  private final String owner;
  private FileSystem fs;
  private String hostname;
  private final PidNamespace pidNs;
  private final Cgroup cgroup;
  private NetNamespace netNs;
  private Namespaces namespaces;
  private boolean frozen;
  private List<Runnable> deferred;
  private Rlimits rlimits = Rlimits.container();

  ProcContext(
      Kernel kernel,
      String owner,
      FileSystem fs,
      String hostname,
      PidNamespace pidNs,
      NetNamespace netNs,
      Namespaces namespaces) {
    this.kernel = kernel;
    this.owner = owner;
    this.fs = fs;
    this.hostname = hostname;
    this.pidNs = pidNs;
    this.netNs = netNs;
    this.namespaces = namespaces;
    // The host's processes are not limited here (the host shell has its login's own limit).
    this.cgroup =
        owner.isEmpty()
            ? new Cgroup(null, Cgroup.UNLIMITED)
            : kernel.containersCgroup().child(Cgroup.UNLIMITED);
  }

  /** The resource limits its processes start with ({@code --ulimit} over Docker's). */
  public Rlimits rlimits() {
    return rlimits;
  }

  public void rlimits(Rlimits r) {
    rlimits = r;
  }

  public Kernel kernel() {
    return kernel;
  }

  /** The container ID, or "" for the host. */
  public String owner() {
    return owner;
  }

  public boolean isHost() {
    return owner.isEmpty();
  }

  public FileSystem fs() {
    return fs;
  }

  public void fs(FileSystem fs) {
    this.fs = fs;
  }

  public String hostname() {
    return hostname;
  }

  public void hostname(String hostname) {
    this.hostname = hostname;
  }

  public PidNamespace pidNs() {
    return pidNs;
  }

  /** The container's cgroup (pids.max from {@code --pids-limit}), or the host's. */
  public Cgroup cgroup() {
    return cgroup;
  }

  public NetNamespace netNs() {
    return netNs;
  }

  public Namespaces namespaces() {
    return namespaces;
  }

  /** The process with PID 1 in this context's PID namespace, or null. */
  public SimProc init() {
    return pidNs.get(1);
  }

  public boolean frozen() {
    return frozen;
  }

  /** cgroup freezer: while frozen, timers and input of these processes wait. */
  public void freeze() {
    frozen = true;
  }

  public void thaw() {
    frozen = false;
    if (deferred != null) {
      List<Runnable> todo = deferred;
      deferred = null;
      for (Runnable r : todo) {
        r.run();
      }
    }
  }

  void runOrDefer(Runnable r) {
    if (frozen) {
      if (deferred == null) {
        deferred = new ArrayList<>();
      }
      deferred.add(r);
    } else {
      r.run();
    }
  }

  /** The processes of this context (those whose PID namespace is this one). */
  public List<SimProc> processes() {
    List<SimProc> out = new ArrayList<>();
    for (SimProc p : pidNs.processes()) {
      if (p.context() == this) {
        out.add(p);
      }
    }
    return out;
  }
}

package dev.ddlab.sim.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * A PID namespace: numbers processes from 1 upward. The host's namespace holds every process of the
 * node; a container's holds its own. Numbers are not reused while the namespace lives, as Linux
 * only wraps at pid_max.
 */
public final class PidNamespace {
  private final long inode;
  private final TreeMap<Integer, SimProc> processes = new TreeMap<>();
  private int next;

  public PidNamespace(long inode, int firstPid) {
    this.inode = inode;
    this.next = firstPid;
  }

  public long inode() {
    return inode;
  }

  int allocate(int gap) {
    next += Math.max(0, gap);
    return next++;
  }

  void add(SimProc p, int pid) {
    processes.put(pid, p);
  }

  void remove(int pid) {
    processes.remove(pid);
  }

  /** The live process with this PID in this namespace, or null. */
  public SimProc get(int pid) {
    return processes.get(pid);
  }

  /** Live processes by PID. */
  public List<SimProc> processes() {
    return new ArrayList<>(processes.values());
  }

  public int size() {
    return processes.size();
  }
}

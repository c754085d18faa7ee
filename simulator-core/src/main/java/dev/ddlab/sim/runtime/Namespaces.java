package dev.ddlab.sim.runtime;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The namespace inodes of a process, as {@code ls -l /proc/PID/ns} shows them ({@code
 * net:[4026532301]}). Two processes share a namespace exactly when the numbers are equal.
 */
public record Namespaces(long pid, long net, long mnt, long uts, long ipc, long user, long cgroup) {
  /** "kind:[inode]" per kind, in the order /proc/PID/ns lists them. */
  public Map<String, String> describe() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("cgroup", "cgroup:[" + cgroup + "]");
    m.put("ipc", "ipc:[" + ipc + "]");
    m.put("mnt", "mnt:[" + mnt + "]");
    m.put("net", "net:[" + net + "]");
    m.put("pid", "pid:[" + pid + "]");
    m.put("user", "user:[" + user + "]");
    m.put("uts", "uts:[" + uts + "]");
    return m;
  }
}

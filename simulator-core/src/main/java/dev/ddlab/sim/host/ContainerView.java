package dev.ddlab.sim.host;

import dev.ddlab.engine.dto.HostConfig;
import dev.ddlab.engine.dto.MountPoint;
import dev.ddlab.fs.FileSystem;
import dev.ddlab.sim.container.Container;
import dev.ddlab.sim.runtime.ProcContext;
import dev.ddlab.sim.runtime.SimProc;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A container as a visualiser draws it: its processes with both PIDs, its namespaces ({@code
 * net:[4026532301]}; equal numbers mean shared, e.g. with {@code --network container:x} or {@code
 * --pid host}), its cgroup and limits, and its root filesystem.
 */
public record ContainerView(
    String id,
    String name,
    String status,
    String image,
    String imageId,
    List<ProcessView> processes,
    Map<String, String> namespaces,
    String sharesNetworkWith,
    Cgroup cgroup,
    FileSystem rootFs,
    List<MountPoint> mounts) {

  /** One process: PID inside the container's namespace and on the host. */
  public record ProcessView(
      int pid, int ppid, int hostPid, int hostPpid, String user, String command, char state) {}

  /** The container's cgroup (v2, systemd driver) and its limits (0 or null: none). */
  public record Cgroup(String path, long memoryBytes, long nanoCpus, Long pidsLimit) {}

  static ContainerView of(Container c, String sharesNetworkWith) {
    List<ProcessView> procs = new ArrayList<>();
    ProcContext ctx = c.context();
    Map<String, String> ns = Map.of();
    if (ctx != null && c.isRunning()) {
      for (SimProc p : ctx.processes()) {
        procs.add(
            new ProcessView(
                p.pid(), p.ppid(), p.hostPid(), p.hostPpid(), p.user(), p.command(), p.state()));
      }
      ns = ctx.namespaces().describe();
    }
    HostConfig hc = c.hostConfig();
    return new ContainerView(
        c.id(),
        c.name(),
        c.status().text,
        c.config().image(),
        c.imageId(),
        procs,
        ns,
        sharesNetworkWith,
        new Cgroup(
            "/system.slice/docker-" + c.id() + ".scope",
            hc.memory(),
            hc.nanoCpus(),
            hc.pidsLimit()),
        c.fs(),
        c.mounts());
  }
}

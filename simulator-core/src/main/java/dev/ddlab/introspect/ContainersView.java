package dev.ddlab.introspect;

import dev.ddlab.engine.dto.ChangeItem;
import dev.ddlab.engine.dto.MountPoint;
import dev.ddlab.fs.FileSystem;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Containers from the inside, as only the kernel that runs them can show. */
public interface ContainersView {
  ContainersView NONE = new ContainersView() {};

  /** Every container of the node, running or not, in creation order. */
  default List<ContainerInfo> containers(String node) {
    return List.of();
  }

  /**
   * The node's own namespaces by kind, in kind order ("net" → "net:[4026531840]"), to tell what a
   * container shares with the host.
   */
  default Map<String, String> hostNamespaces(String node) {
    return Map.of();
  }

  /** What the container changed on top of its image (as {@code docker diff}), with its size. */
  default Optional<WritableLayer> writableLayer(String node, String containerId) {
    return Optional.empty();
  }

  /** The container's root filesystem (image layers, writable layer, mounts), read-only. */
  default Optional<FileSystem> rootFs(String node, String containerId) {
    return Optional.empty();
  }

  /**
   * A container as a visualiser draws it.
   *
   * @param image the image as the container was created with it ("nginx")
   * @param imageId the image's ID ({@code sha256:…})
   * @param status "running", "exited" … as {@code docker inspect} says
   * @param processes its processes with both PIDs (empty unless running)
   * @param namespaces by kind in kind order, {@code net:[4026532301]}; equal values mean shared
   * @param sharesNetworkWith the container whose network namespace it joined ({@code --network
   *     container:x}), or null
   */
  record ContainerInfo(
      String id,
      String name,
      String status,
      String image,
      String imageId,
      List<ProcessInfo> processes,
      Map<String, String> namespaces,
      String sharesNetworkWith,
      Cgroup cgroup,
      List<MountPoint> mounts) {
    public ContainerInfo {
      processes = List.copyOf(processes);
      namespaces = Collections.unmodifiableMap(new LinkedHashMap<>(namespaces));
      mounts = mounts == null ? List.of() : List.copyOf(mounts);
    }
  }

  /** One process: PIDs inside the container's namespace and on the host; state as ps's STAT. */
  record ProcessInfo(
      int pid, int ppid, int hostPid, int hostPpid, String user, String command, char state) {}

  /** The container's cgroup (v2, systemd driver) and its limits (0 or null: none). */
  record Cgroup(String path, long memoryBytes, long nanoCpus, Long pidsLimit) {}

  /** The upper layer of a container's root filesystem: its size and changes. */
  record WritableLayer(long size, List<ChangeItem> changes) {
    public WritableLayer {
      changes = List.copyOf(changes);
    }
  }
}

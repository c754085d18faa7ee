package dev.ddlab.sim.image;

import dev.ddlab.engine.dto.ContainerConfig;
import dev.ddlab.sim.fs.ContainerRootFs;
import java.util.List;
import java.util.Optional;

/**
 * What the image store needs to know about containers, implemented by the container side: which
 * containers use an image (for rmi conflicts and prune), and a container's root filesystem and
 * config for {@code docker commit}.
 */
public interface ImageUsage {
  /** Full IDs of containers created from {@code imageId} (only running ones if asked). */
  List<String> containersUsing(String imageId, boolean runningOnly);

  /** A container by name or ID prefix, for commit; empty when there is none. */
  default Optional<CommitSource> container(String nameOrId) {
    return Optional.empty();
  }

  /** A container as commit sees it; {@code name} without the leading slash. */
  record CommitSource(
      String id, String imageId, ContainerRootFs rootFs, ContainerConfig config, String name) {
    public CommitSource(String id, String imageId, ContainerRootFs rootFs, ContainerConfig config) {
      this(id, imageId, rootFs, config, "");
    }
  }

  /** The node's disk, where image layers take space; null when nothing bounds them. */
  default dev.ddlab.fs.Disk disk() {
    return null;
  }

  /** No containers at all (a node without a container runtime, tests). */
  ImageUsage NONE = (imageId, runningOnly) -> List.of();
}

package dev.ddlab.introspect;

import dev.ddlab.fs.FileSystem;
import java.util.List;
import java.util.Optional;

/** The machines of a session as the simulation knows them. */
public interface NodesView {
  NodesView NONE = new NodesView() {};

  /** Every node in creation order. */
  default List<NodeInfo> nodes() {
    return List.of();
  }

  /**
   * The node's own filesystem (what its host shell sees), read-only; empty for an unknown node. Lab
   * checks read host files here ({@code file: /home/ubuntu/app/Dockerfile}).
   */
  default Optional<FileSystem> hostFiles(String node) {
    return Optional.empty();
  }

  /**
   * One simulated machine.
   *
   * @param name the node's name, which is also its hostname ("node1", "mgr1")
   * @param address its address on the session's underlay (192.168.0.11, 10.0.0.1)
   * @param daemonActive whether its dockerd runs ({@code systemctl stop docker} makes it false)
   */
  record NodeInfo(String name, String address, boolean daemonActive) {}
}

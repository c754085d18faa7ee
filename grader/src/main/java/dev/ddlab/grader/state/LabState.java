package dev.ddlab.grader.state;

import java.util.List;
import java.util.Optional;

/**
 * The read-only view of a lab session that checks see: containers, images, files, networks, volumes
 * and the commands typed so far. It is also the only thing a {@code java:} check can reach, so it
 * hands out plain immutable data and never the engine or the session behind it.
 *
 * <p>Methods without a node read the session's first node.
 */
public interface LabState {
  List<String> nodes();

  /** A container by name or ID, stopped ones included. */
  Optional<ContainerView> container(String node, String nameOrId);

  default Optional<ContainerView> container(String nameOrId) {
    return container(nodes().get(0), nameOrId);
  }

  /** Every container, stopped ones included (docker ps -a). */
  List<ContainerView> containers(String node);

  default List<ContainerView> containers() {
    return containers(nodes().get(0));
  }

  /** An image by reference or ID. */
  Optional<ImageView> image(String node, String referenceOrId);

  default Optional<ImageView> image(String referenceOrId) {
    return image(nodes().get(0), referenceOrId);
  }

  /** Every image (docker images -a). */
  List<ImageView> images(String node);

  default List<ImageView> images() {
    return images(nodes().get(0));
  }

  /** A file's text inside a container (stopped ones too), or empty when missing. */
  Optional<String> containerFile(String node, String container, String path);

  default Optional<String> containerFile(String container, String path) {
    return containerFile(nodes().get(0), container, path);
  }

  /** A file's text on the node itself (the host shell's filesystem), or empty when missing. */
  Optional<String> hostFile(String node, String path);

  default Optional<String> hostFile(String path) {
    return hostFile(nodes().get(0), path);
  }

  /** A network's driver, or empty when there is no such network. */
  Optional<String> networkDriver(String node, String name);

  boolean volumeExists(String node, String name);

  /** The swarm as {@code node} sees it ({@code docker info}, {@code docker node ls}). */
  SwarmStatus swarm(String node);

  /**
   * The swarm's services as {@code node} lists them ({@code docker service ls}), empty when it
   * cannot ask a leader (see {@link SwarmStatus#quorum()}).
   */
  List<ServiceView> services(String node);

  /** Every task of every service as {@code node} sees them ({@code docker service ps}). */
  List<TaskView> tasks(String node);

  /** The swarm's nodes as {@code node} lists them ({@code docker node ls}). */
  List<SwarmNodeView> swarmNodes(String node);

  /** What was typed so far, in order, with the output the simulator produced. */
  List<CommandView> transcript();
}

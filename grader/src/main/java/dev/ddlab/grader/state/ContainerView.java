package dev.ddlab.grader.state;

import java.util.List;

/**
 * A container as a check sees it (from docker inspect).
 *
 * @param name without the leading slash
 * @param image the image as the container was created with it (Config.Image)
 * @param restartPolicy "no" when none
 * @param ports published ports as "hostPort:containerPort/proto", e.g. "80:8080/tcp"
 * @param env "KEY=value" entries
 * @param mounts mount destinations inside the container
 */
public record ContainerView(
    String id,
    String name,
    String status,
    int exitCode,
    String restartPolicy,
    int restartCount,
    String image,
    String imageId,
    List<String> ports,
    List<String> env,
    List<String> mounts,
    List<String> cmd,
    List<String> entrypoint) {
  public ContainerView {
    ports = List.copyOf(ports);
    env = List.copyOf(env);
    mounts = List.copyOf(mounts);
    cmd = List.copyOf(cmd);
    entrypoint = List.copyOf(entrypoint);
  }

  public boolean running() {
    return "running".equals(status);
  }
}

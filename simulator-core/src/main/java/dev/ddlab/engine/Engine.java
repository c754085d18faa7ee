package dev.ddlab.engine;

/**
 * The Java view of one Docker Engine API endpoint (one daemon). The docker CLI of ddlab talks only
 * to this interface; the simulated node, the real daemon (through docker-java) and the simulator
 * served as an Engine API all implement it.
 *
 * <p>Methods mirror the Engine API v1.41+ endpoints, take and return the DTOs of {@code
 * dev.ddlab.engine.dto} (named and shaped like the API's JSON) and throw {@link EngineException}
 * with the daemon's status and text.
 */
public interface Engine {
  ImagesApi images();

  ContainersApi containers();

  NetworksApi networks();

  VolumesApi volumes();

  SystemApi system();

  /**
   * /build and /build/prune. The default is an engine without a builder: every call answers 501
   * "build is not supported by this engine".
   */
  default BuildsApi builds() {
    return BuildsApi.UNSUPPORTED;
  }

  /**
   * /swarm/…: init, join, leave, update, unlock. Defaults of the Swarm parts answer as a daemon in
   * no swarm does (503 "This node is not a swarm manager. …"), so engines without Swarm keep
   * compiling and answer as Docker would.
   */
  default SwarmApi swarm() {
    return SwarmApi.INACTIVE;
  }

  /** /nodes/… (manager only). */
  default NodesApi nodes() {
    return NodesApi.INACTIVE;
  }

  /** /services/… (manager only). */
  default ServicesApi services() {
    return ServicesApi.INACTIVE;
  }

  /** /tasks/… (manager only). */
  default TasksApi tasks() {
    return TasksApi.INACTIVE;
  }

  /** /secrets/… (manager only). */
  default SecretsApi secrets() {
    return SecretsApi.INACTIVE;
  }

  /** /configs/… (manager only). */
  default ConfigsApi configs() {
    return ConfigsApi.INACTIVE;
  }

  /** The address the CLI shows in errors, e.g. {@code unix:///var/run/docker.sock}. */
  default String host() {
    return "unix:///var/run/docker.sock";
  }
}

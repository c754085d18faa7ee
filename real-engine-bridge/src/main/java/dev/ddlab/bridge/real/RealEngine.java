package dev.ddlab.bridge.real;

import dev.ddlab.engine.ConfigsApi;
import dev.ddlab.engine.ContainersApi;
import dev.ddlab.engine.Engine;
import dev.ddlab.engine.ImagesApi;
import dev.ddlab.engine.NetworksApi;
import dev.ddlab.engine.NodesApi;
import dev.ddlab.engine.SecretsApi;
import dev.ddlab.engine.ServicesApi;
import dev.ddlab.engine.SwarmApi;
import dev.ddlab.engine.SystemApi;
import dev.ddlab.engine.TasksApi;
import dev.ddlab.engine.VolumesApi;
import java.io.ByteArrayInputStream;
import java.util.List;

/**
 * {@link Engine} over a real Docker daemon's Engine API (docker-java's HTTP transport, unix socket
 * or TCP with TLS). Every answer is the daemon's own JSON read into the API-shaped records; every
 * error is the daemon's status and message.
 */
public final class RealEngine implements Engine, AutoCloseable {
  private final ApiClient api;
  private final RealImages images;
  private final RealContainers containers;
  private final RealNetworks networks;
  private final RealVolumes volumes;
  private final RealSystem system;
  private final RealSwarm.Swarms swarm;
  private final RealSwarm.Nodes nodes;
  private final RealSwarm.Services services;
  private final RealSwarm.Tasks tasks;
  private final RealSwarm.Secrets secrets;
  private final RealSwarm.Configs configs;
  private final RealBuilds builds;

  public RealEngine(DockerHost host) {
    this.api = new ApiClient(host);
    this.images = new RealImages(api);
    this.containers = new RealContainers(api);
    this.networks = new RealNetworks(api);
    this.volumes = new RealVolumes(api);
    this.system = new RealSystem(api);
    this.swarm = new RealSwarm.Swarms(api);
    this.nodes = new RealSwarm.Nodes(api);
    this.services = new RealSwarm.Services(api);
    this.tasks = new RealSwarm.Tasks(api);
    this.secrets = new RealSwarm.Secrets(api);
    this.configs = new RealSwarm.Configs(api);
    this.builds = new RealBuilds(api);
  }

  /** The daemon named by DOCKER_HOST (or {@code override}), as the docker CLI would pick it. */
  public static RealEngine fromEnvironment(String override) {
    return new RealEngine(DockerHost.fromEnvironment(override));
  }

  public ApiClient api() {
    return api;
  }

  @Override
  public ImagesApi images() {
    return images;
  }

  @Override
  public ContainersApi containers() {
    return containers;
  }

  @Override
  public NetworksApi networks() {
    return networks;
  }

  @Override
  public VolumesApi volumes() {
    return volumes;
  }

  @Override
  public dev.ddlab.engine.BuildsApi builds() {
    return builds;
  }

  @Override
  public SystemApi system() {
    return system;
  }

  @Override
  public SwarmApi swarm() {
    return swarm;
  }

  @Override
  public NodesApi nodes() {
    return nodes;
  }

  @Override
  public ServicesApi services() {
    return services;
  }

  @Override
  public TasksApi tasks() {
    return tasks;
  }

  @Override
  public SecretsApi secrets() {
    return secrets;
  }

  @Override
  public ConfigsApi configs() {
    return configs;
  }

  /**
   * docker import: a root filesystem tarball becomes {@code repository:tag} with Dockerfile-style
   * {@code changes} (POST /images/create?fromSrc=-). Not part of {@link Engine}: only the private
   * daemon's setup needs it.
   */
  public void importImage(byte[] rootfsTar, String repository, String tag, List<String> changes) {
    images.importImage(new ByteArrayInputStream(rootfsTar), repository, tag, changes, m -> {});
  }

  @Override
  public String host() {
    return api.host().toString();
  }

  @Override
  public void close() {
    api.close();
  }
}

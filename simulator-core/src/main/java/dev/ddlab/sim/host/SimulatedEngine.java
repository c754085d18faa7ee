package dev.ddlab.sim.host;

import dev.ddlab.engine.BuildsApi;
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
import dev.ddlab.sim.swarm.SwarmNetworks;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;

/**
 * The {@link Engine} of one simulated node. Every call first checks that the node's dockerd is up
 * and otherwise fails with the CLI's "Cannot connect to the Docker daemon …" (status 0), exactly as
 * the socket would.
 */
public final class SimulatedEngine implements Engine {
  private final DockerHost host;
  private final ImagesApi images;
  private final ContainersApi containers;
  private final NetworksApi networks;
  private final VolumesApi volumes;
  private final SystemApi system;

  SimulatedEngine(DockerHost host) {
    this.host = host;
    this.images = host.images().api() == null ? null : guard(ImagesApi.class, host.images().api());
    this.containers = guard(ContainersApi.class, host.containers());
    this.networks = guard(NetworksApi.class, new SwarmNetworks(host.network(), host::swarmIfAny));
    this.volumes = guard(VolumesApi.class, host.volumes());
    this.system = guard(SystemApi.class, host.system());
  }

  private <T> T guard(Class<T> type, T target) {
    Object proxy =
        Proxy.newProxyInstance(
            type.getClassLoader(),
            new Class<?>[] {type},
            (p, method, args) -> {
              if (method.getDeclaringClass() == Object.class) {
                return method.invoke(target, args);
              }
              host.ensureUp();
              try {
                return method.invoke(target, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
    return type.cast(proxy);
  }

  public DockerHost node() {
    return host;
  }

  @Override
  public ImagesApi images() {
    if (images == null) {
      throw new UnsupportedOperationException("this node has no image API");
    }
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
  public SystemApi system() {
    return system;
  }

  @Override
  public BuildsApi builds() {
    return guard(BuildsApi.class, host.builds());
  }

  // ---- Swarm: the node's swarm side answers, behind the same daemon-up check ----------------

  @Override
  public SwarmApi swarm() {
    return guard(SwarmApi.class, host.swarm().apis().swarm);
  }

  @Override
  public NodesApi nodes() {
    return guard(NodesApi.class, host.swarm().apis().nodes);
  }

  @Override
  public ServicesApi services() {
    return guard(ServicesApi.class, host.swarm().apis().services);
  }

  @Override
  public TasksApi tasks() {
    return guard(TasksApi.class, host.swarm().apis().tasks);
  }

  @Override
  public SecretsApi secrets() {
    return guard(SecretsApi.class, host.swarm().apis().secrets);
  }

  @Override
  public ConfigsApi configs() {
    return guard(ConfigsApi.class, host.swarm().apis().configs);
  }

  @Override
  public String host() {
    return DockerHost.SOCKET;
  }
}

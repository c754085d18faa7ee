package dev.ddlab.sim.container;

import dev.ddlab.engine.EngineException;
import dev.ddlab.engine.dto.ContainerConfig;
import dev.ddlab.engine.dto.ContainerCreateResponse;
import dev.ddlab.engine.dto.HostConfig;
import dev.ddlab.engine.dto.NetworkingConfig;
import dev.ddlab.engine.dto.RestartPolicy;
import dev.ddlab.sim.fs.ContainerRootFs;
import dev.ddlab.sim.image.LocalImage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * moby's daemon/create.go: POST /containers/create. The request is checked (name, image, restart
 * policy, command) before anything is allocated; then the container gets its ID, name, network
 * registration, writable layer and mounts, and a failure on the way undoes the registration.
 */
final class Create {
  private final Daemon daemon;

  Create(Daemon daemon) {
    this.daemon = daemon;
  }

  ContainerCreateResponse create(
      String name,
      ContainerConfig config,
      HostConfig hostConfig,
      NetworkingConfig networkingConfig,
      String platform) {
    if (config == null) {
      throw EngineException.badRequest("config cannot be empty in order to create a container");
    }
    HostConfig hc = hostConfig == null ? Containers.emptyHostConfig() : hostConfig;
    if (name != null && !name.isEmpty()) {
      name = Names.validate(name);
      daemon.names.checkFree(name);
    }
    // moby's validateContainerConfig, before the image is looked up
    Kill.parseSignal(config.stopSignal(), null);
    String imageRef = config.image() == null ? "" : config.image();
    LocalImage image =
        daemon
            .images
            .find(imageRef)
            .orElseThrow(
                () -> EngineException.notFound("No such image: " + Containers.withTag(imageRef)));
    RestartPolicy policy = Containers.validPolicy(hc.restartPolicy());
    Containers.checkResources(hc);
    Containers.checkHealthcheck(config.healthcheck());
    if (hc.autoRemove() && !policy.name().equals("no")) {
      throw EngineException.badRequest("can't create 'AutoRemove' container with restart policy");
    }
    ContainerConfig merged = Containers.merge(image.config(), config);
    List<String> argv = Containers.argv(merged);
    if (argv.isEmpty()) {
      throw EngineException.badRequest("No command specified");
    }
    String id = daemon.newId();
    if (merged.hostname() == null || merged.hostname().isEmpty()) {
      merged = Containers.withHostname(merged, id.substring(0, 12));
    }
    if (name == null || name.isEmpty()) {
      name = daemon.names.generate();
    }
    register(id, name, merged, hc, networkingConfig);
    Container c;
    try {
      ContainerRootFs rootFs = daemon.images.newRootFs(image);
      rootFs.disk(daemon.disk());
      c =
          new Container(
              id,
              name,
              daemon.clock.nowNanos(),
              merged,
              Containers.withPolicy(hc, policy),
              image.id(),
              argv.get(0),
              List.copyOf(argv.subList(1, argv.size())),
              rootFs);
      c.graphId = daemon.ids.hex(64);
      c.logDisk = daemon.disk();
      daemon.mounts.register(c, hc);
    } catch (RuntimeException e) {
      daemon.network.unregister(id);
      throw e;
    }
    c.restartManager = new RestartManager(policy, 0);
    daemon.add(c);
    daemon.event(c, "create");
    List<String> warnings = new java.util.ArrayList<>();
    if ("host".equals(hc.networkMode())
        && hc.portBindings() != null
        && !hc.portBindings().isEmpty()) {
      // daemon/create.go: the ports stay in HostConfig, nothing is published
      warnings.add("Published ports are discarded when using host network mode");
    }
    return new ContainerCreateResponse(id, List.copyOf(warnings));
  }

  /**
   * The container's endpoints as the network controller will create them at start: its network
   * mode, the other networks of the request (with aliases and static addresses) and its ports.
   */
  private void register(
      String id,
      String name,
      ContainerConfig config,
      HostConfig hc,
      NetworkingConfig networkingConfig) {
    Map<String, List<String>> extra = new LinkedHashMap<>();
    Map<String, String> ips = new LinkedHashMap<>();
    if (networkingConfig != null && networkingConfig.endpointsConfig() != null) {
      networkingConfig
          .endpointsConfig()
          .forEach(
              (net, es) -> {
                extra.put(net, es == null || es.aliases() == null ? List.of() : es.aliases());
                if (es != null
                    && es.ipamConfig() != null
                    && es.ipamConfig().get("IPv4Address") != null) {
                  ips.put(net, es.ipamConfig().get("IPv4Address"));
                }
              });
    }
    String mode = Containers.networkMode(hc);
    if (mode.equals("default") || mode.equals("bridge")) {
      // the CLI names the default network "default" in EndpointsConfig; it is the bridge
      extra.remove("default");
      extra.remove("bridge");
    }
    daemon.network.register(
        id,
        name,
        config.hostname(),
        mode,
        extra,
        ips,
        hc.portBindings(),
        hc.publishAllPorts(),
        config.exposedPorts() == null ? Set.of() : config.exposedPorts().keySet());
  }
}

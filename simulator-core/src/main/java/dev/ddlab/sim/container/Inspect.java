package dev.ddlab.sim.container;

import dev.ddlab.engine.Frozen;
import dev.ddlab.engine.dto.ContainerInspect;
import dev.ddlab.engine.dto.ContainerState;
import dev.ddlab.engine.dto.GraphDriver;
import dev.ddlab.go.GoTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * moby's daemon/inspect.go: GET /containers/{id}/json, the container as the API shows it (State,
 * the overlay2 GraphDriver paths, the json-file log path, NetworkSettings from the controller; with
 * size=1 the sizes docker ps -s shows).
 */
final class Inspect {
  private final Daemon daemon;

  Inspect(Daemon daemon) {
    this.daemon = daemon;
  }

  ContainerInspect inspect(String ref, boolean size) {
    Container c = daemon.get(ref);
    if (size) {
      return build(c, true); // the sizes read the layers: never kept
    }
    long shared = daemon.network.changes() + daemon.images.version();
    Kept kept = c.inspected;
    if (kept != null && kept.version() == c.rowVersion && kept.shared() == shared) {
      return kept.json();
    }
    ContainerInspect built = build(c, false);
    Object frozen = Frozen.freezeOrNull(built);
    if (frozen == null) {
      return built;
    }
    c.inspected = new Kept(c.rowVersion, shared, (ContainerInspect) frozen);
    return c.inspected.json();
  }

  /**
   * A container's inspect as the daemon last built it, frozen ({@link Frozen}: handed out to every
   * caller, changed by none), with what it was built from: the container's own row version ({@link
   * Container#rowVersion}, moved by {@link Daemon#changed} at every write of its state, exit code,
   * times, name, health and its log, mounts, restart count, exec IDs and HostConfig, at every event
   * of its own) and the node's shared counters it reads (the network controller's: its
   * NetworkSettings; the image store's: the layers of its GraphDriver). While both hold the same
   * object is the answer, so a CLI that kept the text it wrote for it answers by identity.
   */
  record Kept(long version, long shared, ContainerInspect json) {}

  /** The container's inspect built anew (with sizes when {@code size}). */
  ContainerInspect build(Container c, boolean size) {
    ContainerState state =
        new ContainerState(
            c.status.text,
            c.isRunning(),
            c.status == Container.Status.PAUSED,
            c.status == Container.Status.RESTARTING,
            c.oomKilled,
            c.status == Container.Status.DEAD,
            c.main == null ? 0 : c.main.hostPid(),
            c.exitCode,
            c.error,
            GoTime.rfc3339NanoOrZero(c.startedNanos),
            GoTime.rfc3339NanoOrZero(c.finishedNanos),
            c.health == null ? null : c.health.json());
    String overlay = "/var/lib/docker/overlay2/" + c.graphId;
    Map<String, String> graph = new LinkedHashMap<>();
    // the init layer, then each image layer's directory from the top down (overlay2's lowerdir)
    StringBuilder lower = new StringBuilder(overlay + "-init/diff");
    List<String> chains =
        daemon
            .images
            .find(c.imageId)
            .map(dev.ddlab.sim.image.LocalImage::chainIds)
            .orElse(List.of());
    for (int i = chains.size() - 1; i >= 0; i--) {
      lower
          .append(":/var/lib/docker/overlay2/")
          .append(dev.ddlab.sim.image.LocalImage.cacheId(chains.get(i)))
          .append("/diff");
    }
    graph.put("LowerDir", lower.toString());
    graph.put("MergedDir", overlay + "/merged");
    graph.put("UpperDir", overlay + "/diff");
    graph.put("WorkDir", overlay + "/work");
    List<String> execIds = c.execIds == null || c.execIds.isEmpty() ? null : List.copyOf(c.execIds);
    return new ContainerInspect(
        c.id,
        GoTime.rfc3339NanoOrZero(c.createdNanos),
        c.path,
        c.args,
        state,
        c.imageId,
        c.hostsDir + "/resolv.conf",
        c.hostsDir + "/hostname",
        c.hostsDir + "/hosts",
        c.hostsDir + "/" + c.id + "-json.log",
        "/" + c.name,
        c.restartCount,
        "overlay2",
        "linux",
        "",
        "",
        "docker-default",
        execIds,
        c.hostConfig,
        new GraphDriver(graph, "overlay2"),
        size ? c.rootFs.sizeRw() : null,
        size ? c.rootFs.sizeRootFs() : null,
        c.mounts,
        c.config,
        daemon.network.settings(c.id));
  }
}

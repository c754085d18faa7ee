package dev.ddlab.sim.container;

import dev.ddlab.engine.Attachment;
import dev.ddlab.engine.ContainersApi;
import dev.ddlab.engine.Pending;
import dev.ddlab.engine.dto.ChangeItem;
import dev.ddlab.engine.dto.ContainerConfig;
import dev.ddlab.engine.dto.ContainerCreateResponse;
import dev.ddlab.engine.dto.ContainerInspect;
import dev.ddlab.engine.dto.ContainerPruneResponse;
import dev.ddlab.engine.dto.ContainerStats;
import dev.ddlab.engine.dto.ContainerSummary;
import dev.ddlab.engine.dto.ExecConfig;
import dev.ddlab.engine.dto.ExecInspect;
import dev.ddlab.engine.dto.HostConfig;
import dev.ddlab.engine.dto.LogFrame;
import dev.ddlab.engine.dto.LogsOptions;
import dev.ddlab.engine.dto.NetworkingConfig;
import dev.ddlab.engine.dto.TopResponse;
import dev.ddlab.engine.dto.UpdateRequest;
import dev.ddlab.engine.dto.WaitResponse;
import dev.ddlab.fs.FileSystem;
import dev.ddlab.sim.clock.SeededRandom;
import dev.ddlab.sim.clock.VirtualClock;
import dev.ddlab.sim.events.EngineEvents;
import dev.ddlab.sim.image.LocalImages;
import dev.ddlab.sim.network.NetworkController;
import dev.ddlab.sim.runtime.Kernel;
import dev.ddlab.sim.volume.VolumeService;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The container half of one simulated dockerd, as the rest of the node sees it: the Engine API's
 * /containers and /exec endpoints ({@link ContainersApi}, what moby's container router calls), and
 * what the node itself asks of its daemon (lookups, the daemon's shutdown and boot).
 *
 * <p>Each call goes to the operation that does it, one class per file of moby's daemon package
 * ({@link Create}, {@link Start}, {@link Stop}, {@link Kill}, {@link Exec}, {@link Top} …), all
 * sharing one {@link Daemon}. Processes run in the node's {@link Kernel}; images come from {@link
 * LocalImages}; endpoints from the {@link NetworkController}; volumes from the {@link
 * VolumeService}. Daemon error texts are Docker's.
 */
public final class ContainerDaemon implements ContainersApi {
  private final Daemon daemon;

  public ContainerDaemon(
      VirtualClock clock,
      SeededRandom random,
      Kernel kernel,
      EngineEvents events,
      LocalImages images,
      NetworkController network,
      VolumeService volumes,
      FileSystem hostFs) {
    this.daemon = new Daemon(clock, random, kernel, events, images, network, volumes, hostFs);
    network.containerLookup(
        ref -> {
          Container c = daemon.lookup(ref);
          return c == null ? null : c.id;
        });
  }

  // ---- the node's own calls ---------------------------------------------------------------------

  /** By full ID, name (with or without "/") or unique ID prefix; 404 "No such container: x". */
  public Container get(String ref) {
    return daemon.get(ref);
  }

  /** Every container, oldest first. */
  public List<Container> all() {
    return List.copyOf(daemon.all());
  }

  /** The containers (running or not) created from this image ID. */
  public List<Container> usersOf(String imageId) {
    List<Container> out = new ArrayList<>();
    for (Container c : daemon.all()) {
      if (c.imageId.equals(imageId)) {
        out.add(c);
      }
    }
    return out;
  }

  /** The text of docker ps STATUS, as moby's State.String computes it from "now". */
  public String statusText(Container c) {
    return c.statusText(daemon.clock.nowNanos());
  }

  /** dockerd stopping: see {@link Lifecycle#shutdown}. */
  public void shutdown() {
    daemon.lifecycle.shutdown();
  }

  /** dockerd starting: see {@link Lifecycle#boot}. */
  public void boot() {
    daemon.lifecycle.boot();
  }

  /**
   * Mounts {@code data} read-only at {@code target} in a created container (a swarm task's secret
   * or config, which the Engine API has no request for: moby's executor hands them to the daemon
   * directly). Call before the container starts.
   */
  public void mountFile(String ref, String target, byte[] data, int mode) {
    daemon.mounts.mountFile(get(ref), target, data, mode);
  }

  // ---- ContainersApi
  // -----------------------------------------------------------------------------

  @Override
  public List<ContainerSummary> list(
      boolean all, int limit, boolean size, Map<String, List<String>> filters) {
    return daemon.list.list(all, limit, size, filters);
  }

  @Override
  public ContainerCreateResponse create(
      String name,
      ContainerConfig config,
      HostConfig hostConfig,
      NetworkingConfig networkingConfig,
      String platform) {
    return daemon.create.create(name, config, hostConfig, networkingConfig, platform);
  }

  @Override
  public ContainerInspect inspect(String ref) {
    return daemon.inspect.inspect(ref, false);
  }

  @Override
  public ContainerInspect inspect(String ref, boolean size) {
    return daemon.inspect.inspect(ref, size);
  }

  @Override
  public void start(String ref) {
    daemon.start.start(ref);
  }

  @Override
  public void stop(String ref, String signal, Integer timeoutSeconds) {
    daemon.stop.stop(ref, signal, timeoutSeconds);
  }

  @Override
  public Pending<Void> stopAsync(String ref, String signal, Integer timeoutSeconds) {
    return daemon.stop.stopAsync(ref, signal, timeoutSeconds);
  }

  @Override
  public void restart(String ref, String signal, Integer timeoutSeconds) {
    daemon.restart.restart(ref, signal, timeoutSeconds);
  }

  @Override
  public void kill(String ref, String signal) {
    daemon.kill.kill(ref, signal);
  }

  @Override
  public void pause(String ref) {
    daemon.pause.pause(ref);
  }

  @Override
  public void unpause(String ref) {
    daemon.pause.unpause(ref);
  }

  @Override
  public void remove(String ref, boolean force, boolean removeVolumes) {
    daemon.delete.remove(ref, force, removeVolumes);
  }

  @Override
  public void rename(String ref, String newName) {
    daemon.rename.rename(ref, newName);
  }

  @Override
  public List<String> update(String ref, UpdateRequest request) {
    return daemon.update.update(ref, request);
  }

  @Override
  public WaitResponse await(String ref, String condition) {
    return daemon.wait.await(ref, condition);
  }

  @Override
  public Pending<WaitResponse> waitAsync(String ref, String condition) {
    return daemon.wait.waitAsync(ref, condition);
  }

  @Override
  public List<LogFrame> logs(String ref, LogsOptions options) {
    return daemon.logs.logs(ref, options);
  }

  @Override
  public Pending<ContainerStats> stats(String ref) {
    return daemon.stats.once(ref);
  }

  @Override
  public AutoCloseable statsStream(String ref, Consumer<ContainerStats> each) {
    return daemon.stats.stream(ref, each);
  }

  @Override
  public TopResponse top(String ref, String psArgs) {
    return daemon.top.top(ref, psArgs);
  }

  @Override
  public List<ChangeItem> changes(String ref) {
    return daemon.changes.changes(ref);
  }

  @Override
  public byte[] getArchive(String ref, String path) {
    return daemon.archive.get(ref, path);
  }

  @Override
  public void putArchive(String ref, String path, byte[] tar) {
    daemon.archive.put(ref, path, tar);
  }

  @Override
  public ContainerPruneResponse prune(Map<String, List<String>> filters) {
    return daemon.prune.prune(filters);
  }

  @Override
  public Attachment attach(String ref, boolean stdin) {
    return daemon.attach.attach(ref, stdin);
  }

  @Override
  public String execCreate(String ref, ExecConfig config) {
    return daemon.exec.create(ref, config);
  }

  @Override
  public Attachment execStart(String execId, boolean detach, boolean tty) {
    return daemon.exec.start(execId, detach, tty);
  }

  @Override
  public ExecInspect execInspect(String execId) {
    return daemon.exec.inspect(execId);
  }
}

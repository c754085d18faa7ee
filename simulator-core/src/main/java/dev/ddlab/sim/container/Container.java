package dev.ddlab.sim.container;

import dev.ddlab.engine.dto.ContainerConfig;
import dev.ddlab.engine.dto.HostConfig;
import dev.ddlab.engine.dto.MountPoint;
import dev.ddlab.fs.FileSystem;
import dev.ddlab.sim.clock.VirtualClock;
import dev.ddlab.sim.fs.ContainerRootFs;
import dev.ddlab.sim.runtime.ProcContext;
import dev.ddlab.sim.runtime.SimProc;
import java.util.ArrayList;
import java.util.List;

/**
 * One container as the daemon keeps it: its configuration, its state (moby's container.State) and
 * what runs for it. The state machine lives in {@link ContainerDaemon}; this class only holds
 * fields, so that an idle container costs a few hundred bytes.
 */
public final class Container {
  /** Docker's state strings. */
  public enum Status {
    CREATED("created"),
    RUNNING("running"),
    PAUSED("paused"),
    RESTARTING("restarting"),
    REMOVING("removing"),
    EXITED("exited"),
    DEAD("dead");

    public final String text;

    Status(String text) {
      this.text = text;
    }
  }

  final String id;
  String name;
  final long createdNanos;
  final ContainerConfig config;
  HostConfig hostConfig;
  final String imageId;
  final String path;
  final List<String> args;
  final ContainerRootFs rootFs;
  FileSystem fs;
  List<MountPoint> mounts = List.of();
  final String hostsDir;

  Status status = Status.CREATED;
  int exitCode;
  String error = "";
  long startedNanos;
  long finishedNanos;
  int restartCount;
  boolean hasBeenStartedBefore;
  boolean hasBeenManuallyStopped;
  boolean stopping;
  int exits;

  /** Creation order on this daemon (times can be equal in virtual time). */
  long seq;

  String graphId;
  RestartManager restartManager;
  VirtualClock.Timer restartTimer;

  SimProc main;
  ProcContext context;
  int shimPid;
  LogBuffer logs;
  List<ProcAttachment> attachments;

  /** Who waits for this container's next exit or its removal (docker wait, stop requests). */
  List<Watcher> watchers;

  List<String> execIds;

  Container(
      String id,
      String name,
      long createdNanos,
      ContainerConfig config,
      HostConfig hostConfig,
      String imageId,
      String path,
      List<String> args,
      ContainerRootFs rootFs) {
    this.id = id;
    this.name = name;
    this.createdNanos = createdNanos;
    this.config = config;
    this.hostConfig = hostConfig;
    this.imageId = imageId;
    this.path = path;
    this.args = args;
    this.rootFs = rootFs;
    this.fs = rootFs;
    this.hostsDir = "/var/lib/docker/containers/" + id;
  }

  public String id() {
    return id;
  }

  /** The name without its leading slash. */
  public String name() {
    return name;
  }

  public Status status() {
    return status;
  }

  public ContainerConfig config() {
    return config;
  }

  public HostConfig hostConfig() {
    return hostConfig;
  }

  public String imageId() {
    return imageId;
  }

  public int exitCode() {
    return exitCode;
  }

  public int restartCount() {
    return restartCount;
  }

  public long createdNanos() {
    return createdNanos;
  }

  public long startedNanos() {
    return startedNanos;
  }

  public long finishedNanos() {
    return finishedNanos;
  }

  /** The root filesystem as processes see it (image layers, writable layer, mounts). */
  public FileSystem fs() {
    return fs;
  }

  public ContainerRootFs rootFs() {
    return rootFs;
  }

  public List<MountPoint> mounts() {
    return mounts;
  }

  /** The main process while running, else null. */
  public SimProc mainProcess() {
    return main;
  }

  /** The processes' shared context (namespaces, hostname) of the current or last run. */
  public ProcContext context() {
    return context;
  }

  /** Running in moby's sense: running, paused or restarting. */
  /** Told of the container's exits and of its removal, until it drops itself. */
  interface Watcher {
    /** The main process exited with {@code status}; true when the watcher is done. */
    boolean exited(int status);

    /** The container is gone (its last exit code is {@code exitCode}). */
    void removed(int exitCode);
  }

  void watch(Watcher w) {
    if (watchers == null) {
      watchers = new ArrayList<>(1);
    }
    watchers.add(w);
  }

  void unwatch(Watcher w) {
    if (watchers != null) {
      watchers.remove(w);
    }
  }

  public boolean isRunning() {
    return status == Status.RUNNING || status == Status.PAUSED || status == Status.RESTARTING;
  }

  LogBuffer logs() {
    if (logs == null) {
      logs = new LogBuffer();
    }
    return logs;
  }

  List<ProcAttachment> attachments() {
    if (attachments == null) {
      attachments = new ArrayList<>(1);
    }
    return attachments;
  }

  List<String> execIds() {
    if (execIds == null) {
      execIds = new ArrayList<>(1);
    }
    return execIds;
  }

  /** The command as docker ps shows it: path and args joined. */
  public String command() {
    if (args.isEmpty()) {
      return path;
    }
    return path + " " + String.join(" ", args);
  }
}

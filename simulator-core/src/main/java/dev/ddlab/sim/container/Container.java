package dev.ddlab.sim.container;

import dev.ddlab.engine.dto.ContainerConfig;
import dev.ddlab.engine.dto.HostConfig;
import dev.ddlab.engine.dto.MountPoint;
import dev.ddlab.fs.FileSystem;
import dev.ddlab.go.GoUnits;
import dev.ddlab.sim.clock.VirtualClock;
import dev.ddlab.sim.fs.ContainerRootFs;
import dev.ddlab.sim.runtime.OutputEnd;
import dev.ddlab.sim.runtime.ProcContext;
import dev.ddlab.sim.runtime.SimProc;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * One container as the daemon keeps it (moby's container.Container): its configuration, its state
 * (container.State, with its String() as {@link #statusText}), its streams and what runs for it.
 * The state machine is the daemon's operations ({@link Daemon}); this class holds fields and the
 * little that reads or writes only them, so that an idle container costs a few hundred bytes.
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
  // the command's text, made when a listing first reads it (path and args never change)
  private String command;
  // a listing's Names, made again when the name changes (rename sets another string)
  private List<String> listedNames;
  private String listedNamesOf;

  /**
   * Changes to what this container's {@code docker ps} row shows; moved only by {@link
   * Daemon#changed}, with the listing's version.
   */
  long rowVersion;

  /** This container's row as the last listing built it ({@link Listing}), or null. */
  Listing.KeptRow listedRow;

  /**
   * This container's inspect as the daemon last built it without sizes ({@link Inspect}), or null.
   */
  Inspect.Kept inspected;

  final ContainerRootFs rootFs;
  FileSystem fs;
  List<MountPoint> mounts = List.of();
  final String hostsDir;

  /** What dockerd bind-mounts over /etc/hosts, /etc/hostname and /etc/resolv.conf. */
  dev.ddlab.fs.FileSystem etcFiles;

  /** A swarm task's secrets and configs, each mounted read-only over its target. */
  dev.ddlab.fs.FileSystem taskFiles;

  Status status = Status.CREATED;
  int exitCode;

  /** Whether the OOM killer ended the last run (State.OOMKilled). */
  boolean oomKilled;

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

  /** State.Health while the config has a health check (kept after a stop), else null. */
  HealthMonitor.State health;

  int shimPid;
  LogBuffer logs;

  /** Where its json-file log takes space (the node's disk, as /var/lib/docker/containers). */
  dev.ddlab.fs.Disk logDisk;

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

  /** Running in moby's sense: running, paused or restarting. */
  public boolean isRunning() {
    return status == Status.RUNNING || status == Status.PAUSED || status == Status.RESTARTING;
  }

  /**
   * docker ps STATUS as moby's State.String() computes it at {@code now}: "Up 5 minutes (Paused)",
   * "Restarting (1) 2 seconds ago", "Exited (137) 3 seconds ago", "Created".
   */
  String statusText(long now) {
    return switch (status) {
      case RUNNING ->
          "Up "
              + GoUnits.humanDuration(now - startedNanos)
              + (health == null ? "" : " (" + health.text() + ")");
      case PAUSED -> "Up " + GoUnits.humanDuration(now - startedNanos) + " (Paused)";
      case RESTARTING ->
          "Restarting (" + exitCode + ") " + GoUnits.humanDuration(now - finishedNanos) + " ago";
      case REMOVING -> "Removal In Progress";
      case DEAD -> "Dead";
      default ->
          startedNanos == 0
              ? "Created"
              : finishedNanos == 0
                  ? ""
                  : "Exited ("
                      + exitCode
                      + ") "
                      + GoUnits.humanDuration(now - finishedNanos)
                      + " ago";
    };
  }

  /**
   * The instant from which {@link #statusText} of {@code now} may read otherwise while the
   * container's state stays as it is (Long.MAX_VALUE: a status without a duration).
   */
  long statusUntil(long now) {
    long since =
        switch (status) {
          case RUNNING, PAUSED -> startedNanos;
          case RESTARTING -> finishedNanos;
          case REMOVING, DEAD -> 0;
          default -> startedNanos == 0 ? 0 : finishedNanos;
        };
    return since == 0 ? Long.MAX_VALUE : since + GoUnits.humanDurationUntil(now - since);
  }

  /** The container's WorkingDir, "/" when the image and the request leave it out. */
  String workingDir() {
    return config.workingDir() == null || config.workingDir().isEmpty() ? "/" : config.workingDir();
  }

  /** The container's User, root when the image and the request leave it out. */
  String user() {
    return config.user() == null || config.user().isEmpty() ? "root" : config.user();
  }

  /** A fresh restart manager with the current policy and count (each start by hand or on boot). */
  void resetRestartManager() {
    restartManager = new RestartManager(restartManager.policy(), restartCount);
  }

  /**
   * PID 1 wrote {@code text} at {@code now}: into the json-file log (stderr as stdout on a TTY, as
   * a terminal merges them) and to each attached client.
   */
  void output(long now, boolean stderr, String text) {
    logs().append(now, stderr && !config.tty(), text);
    for (ProcAttachment a : attached()) {
      a.output(stderr, text);
    }
  }

  /**
   * PID 1's stdout: {@link #output} at the clock's time, and the writer waits while a client's
   * stream is full ({@link ProcAttachment#whenWritable}: {@code docker run alpine yes} goes at the
   * pace its client reads). Without an attached client nothing holds it back (the log only).
   */
  Consumer<String> stdout(VirtualClock clock) {
    Container c = this;
    class Stdout implements Consumer<String>, OutputEnd {
      @Override
      public void accept(String text) {
        c.output(clock.nowNanos(), false, text);
      }

      @Override
      public void whenWritable(Runnable next) {
        for (ProcAttachment a : c.attached()) {
          if (a.full()) {
            a.whenWritable(() -> whenWritable(next)); // then the other clients again
            return;
          }
        }
        next.run();
      }
    }
    return new Stdout();
  }

  /** Closes every attached client's stream without an exit status (removal, daemon shutdown). */
  void hangUpAttachments() {
    for (ProcAttachment a : attached()) {
      a.hangUp();
    }
  }

  /** The attached clients, a copy (an attachment drops itself when it closes). */
  List<ProcAttachment> attached() {
    return attachments == null ? List.of() : List.copyOf(attachments);
  }

  LogBuffer logs() {
    if (logs == null) {
      logs = new LogBuffer(logDisk);
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

  /**
   * The command as docker ps shows it: path and args joined, an argument holding a space between
   * single quotes ({@code sh -c 'echo a; sleep 1d'}), as moby's container view writes it.
   */
  public String command() {
    if (command == null) {
      StringBuilder sb = new StringBuilder(path);
      for (String a : args) {
        sb.append(' ');
        if (a.indexOf(' ') >= 0) {
          sb.append('\'').append(a).append('\'');
        } else {
          sb.append(a);
        }
      }
      command = sb.toString();
    }
    return command;
  }

  /**
   * The Names of a {@code docker ps} row ({@code ["/NAME"]}): the same list from one listing to the
   * next while the name stays, so that the listing's kept table compares it by identity.
   */
  List<String> listedNames() {
    if (listedNamesOf != name) {
      listedNames = List.of("/" + name);
      listedNamesOf = name;
    }
    return listedNames;
  }
}

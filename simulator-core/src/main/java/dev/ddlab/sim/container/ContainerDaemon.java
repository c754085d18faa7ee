package dev.ddlab.sim.container;

import dev.ddlab.engine.Attachment;
import dev.ddlab.engine.ContainersApi;
import dev.ddlab.engine.EngineException;
import dev.ddlab.engine.Pending;
import dev.ddlab.engine.dto.ChangeItem;
import dev.ddlab.engine.dto.ContainerConfig;
import dev.ddlab.engine.dto.ContainerCreateResponse;
import dev.ddlab.engine.dto.ContainerInspect;
import dev.ddlab.engine.dto.ContainerPruneResponse;
import dev.ddlab.engine.dto.ContainerState;
import dev.ddlab.engine.dto.ContainerSummary;
import dev.ddlab.engine.dto.EndpointSettings;
import dev.ddlab.engine.dto.ExecConfig;
import dev.ddlab.engine.dto.ExecInspect;
import dev.ddlab.engine.dto.GraphDriver;
import dev.ddlab.engine.dto.HostConfig;
import dev.ddlab.engine.dto.LogFrame;
import dev.ddlab.engine.dto.LogsOptions;
import dev.ddlab.engine.dto.Mount;
import dev.ddlab.engine.dto.MountPoint;
import dev.ddlab.engine.dto.NetworkingConfig;
import dev.ddlab.engine.dto.RestartPolicy;
import dev.ddlab.engine.dto.TopResponse;
import dev.ddlab.engine.dto.UpdateRequest;
import dev.ddlab.engine.dto.WaitResponse;
import dev.ddlab.fs.FileSystem;
import dev.ddlab.fs.FsException;
import dev.ddlab.fs.Paths;
import dev.ddlab.fs.UserDb;
import dev.ddlab.go.GoTime;
import dev.ddlab.go.GoUnits;
import dev.ddlab.sim.clock.SeededRandom;
import dev.ddlab.sim.clock.VirtualClock;
import dev.ddlab.sim.events.EngineEvents;
import dev.ddlab.sim.fs.ContainerRootFs;
import dev.ddlab.sim.image.LocalImage;
import dev.ddlab.sim.image.LocalImages;
import dev.ddlab.sim.network.NetworkController;
import dev.ddlab.sim.runtime.Executables;
import dev.ddlab.sim.runtime.Kernel;
import dev.ddlab.sim.runtime.Namespaces;
import dev.ddlab.sim.runtime.NetNamespace;
import dev.ddlab.sim.runtime.PidNamespace;
import dev.ddlab.sim.runtime.ProcContext;
import dev.ddlab.sim.runtime.Procps;
import dev.ddlab.sim.runtime.Signal;
import dev.ddlab.sim.runtime.SimProc;
import dev.ddlab.sim.volume.MountedFs;
import dev.ddlab.sim.volume.VolumeService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The container half of one simulated dockerd (moby's daemon package): the Engine API's /containers
 * and /exec endpoints over the state machine created → running ⇄ paused, running → restarting →
 * running, running → exited → running, any → removed. Processes run in the node's {@link Kernel};
 * images come from {@link LocalImages}; endpoints from the {@link NetworkController}; volumes from
 * the {@link VolumeService}. Daemon error texts are Docker's.
 */
public final class ContainerDaemon implements ContainersApi {
  private static final Pattern VALID_NAME = Pattern.compile("^/?[a-zA-Z0-9][a-zA-Z0-9_.-]+$");
  private static final long WAIT_LIMIT_NANOS = Duration.ofDays(7).toNanos();
  private static final Set<String> LIST_FILTERS =
      Set.of(
          "name",
          "status",
          "ancestor",
          "exited",
          "label",
          "id",
          "before",
          "since",
          "network",
          "volume",
          "publish",
          "expose",
          "health",
          "isolation",
          "is-task");
  private static final Set<String> STATES =
      Set.of("created", "restarting", "running", "removing", "paused", "exited", "dead");

  private final VirtualClock clock;
  private final SeededRandom ids;
  private final NameGenerator names;
  private final Kernel kernel;
  private final EngineEvents events;
  private final LocalImages images;
  private final NetworkController network;
  private final VolumeService volumes;
  private final FileSystem hostFs;
  private final Map<String, Container> byId = new LinkedHashMap<>();
  private final TreeMap<String, Container> sortedIds = new TreeMap<>();
  private final Map<String, Container> byName = new HashMap<>();
  private final Map<String, Exec> execs = new HashMap<>();
  private boolean shuttingDown;
  private long created;

  public ContainerDaemon(
      VirtualClock clock,
      SeededRandom random,
      Kernel kernel,
      EngineEvents events,
      LocalImages images,
      NetworkController network,
      VolumeService volumes,
      FileSystem hostFs) {
    this.clock = clock;
    this.ids = random.fork("container-ids");
    this.names = new NameGenerator(random.fork("container-names"));
    this.kernel = kernel;
    this.events = events;
    this.images = images;
    this.network = network;
    this.volumes = volumes;
    this.hostFs = hostFs;
    network.containerLookup(
        ref -> {
          Container c = lookup(ref);
          return c == null ? null : c.id;
        });
  }

  // ---- lookup ----------------------------------------------------------------------------------

  /** By full ID, name (with or without "/") or unique ID prefix; 404 "No such container: x". */
  public Container get(String ref) {
    Container c = lookup(ref);
    if (c == null) {
      throw EngineException.notFound("No such container: " + ref);
    }
    return c;
  }

  private Container lookup(String ref) {
    if (ref == null || ref.isEmpty()) {
      return null;
    }
    Container c = byId.get(ref);
    if (c != null) {
      return c;
    }
    c = byName.get(ref.startsWith("/") ? ref.substring(1) : ref);
    if (c != null) {
      return c;
    }
    Map<String, Container> matches = sortedIds.subMap(ref, ref + Character.MAX_VALUE);
    if (matches.size() > 1) {
      throw EngineException.badRequest("Multiple IDs found with provided prefix: " + ref);
    }
    return matches.isEmpty() ? null : matches.values().iterator().next();
  }

  /** Every container, oldest first. */
  public List<Container> all() {
    return List.copyOf(byId.values());
  }

  /** Whether any container (running or not) was created from this image ID. */
  public List<Container> usersOf(String imageId) {
    List<Container> out = new ArrayList<>();
    for (Container c : byId.values()) {
      if (c.imageId.equals(imageId)) {
        out.add(c);
      }
    }
    return out;
  }

  // ---- create ----------------------------------------------------------------------------------

  @Override
  public ContainerCreateResponse create(
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
      if (!VALID_NAME.matcher(name).matches()) {
        throw EngineException.badRequest(
            "Invalid container name (" + name + "), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed");
      }
      name = name.startsWith("/") ? name.substring(1) : name;
      Container existing = byName.get(name);
      if (existing != null) {
        throw EngineException.conflict(conflictText(name, existing.id));
      }
    }
    String imageRef = config.image() == null ? "" : config.image();
    LocalImage image =
        images
            .find(imageRef)
            .orElseThrow(
                () -> EngineException.notFound("No such image: " + Containers.withTag(imageRef)));
    RestartPolicy policy = Containers.policy(hc.restartPolicy());
    Containers.validatePolicy(policy);
    if (hc.autoRemove() && !policy.name().equals("no")) {
      throw EngineException.badRequest("can't create 'AutoRemove' container with restart policy");
    }
    ContainerConfig merged = Containers.merge(image.config(), config);
    List<String> argv = Containers.argv(merged);
    if (argv.isEmpty()) {
      throw EngineException.badRequest("No command specified");
    }
    String id;
    do {
      id = ids.hex(64);
    } while (byId.containsKey(id));
    if (merged.hostname() == null || merged.hostname().isEmpty()) {
      merged = Containers.withHostname(merged, id.substring(0, 12));
    }
    if (name == null || name.isEmpty()) {
      name = names.next(byName::containsKey);
    }
    HostConfig storedHc = Containers.withPolicy(hc, policy);
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
    String mode =
        hc.networkMode() == null || hc.networkMode().isEmpty() ? "default" : hc.networkMode();
    if (mode.equals("default") || mode.equals("bridge")) {
      // the CLI names the default network "default" in EndpointsConfig; it is the bridge
      extra.remove("default");
      extra.remove("bridge");
    } else {
      extra.remove(mode);
    }
    network.register(
        id,
        name,
        merged.hostname(),
        mode,
        extra,
        ips,
        hc.portBindings(),
        hc.publishAllPorts(),
        merged.exposedPorts() == null ? Set.of() : merged.exposedPorts().keySet());
    ContainerRootFs rootFs;
    Container c;
    try {
      rootFs = images.newRootFs(image);
      c =
          new Container(
              id,
              name,
              clock.nowNanos(),
              merged,
              storedHc,
              image.id(),
              argv.get(0),
              List.copyOf(argv.subList(1, argv.size())),
              rootFs);
      c.graphId = ids.hex(64);
      setUpMounts(c, hc);
    } catch (RuntimeException e) {
      network.unregister(id);
      throw e;
    }
    c.restartManager = new RestartManager(policy, 0);
    c.seq = ++created;
    byId.put(id, c);
    sortedIds.put(id, c);
    byName.put(name, c);
    events.container("create", id, imageRef, attributes(c));
    return new ContainerCreateResponse(id, List.of());
  }

  static String conflictText(String name, String id) {
    return "Conflict. The container name \"/"
        + name
        + "\" is already in use by container \""
        + id
        + "\". You have to remove (or rename) that container to be able to reuse that name.";
  }

  private void setUpMounts(Container c, HostConfig hc) {
    List<MountedFs.Mount> mounts = new ArrayList<>();
    List<MountPoint> points = new ArrayList<>();
    List<Mount> requested = new ArrayList<>();
    if (hc.binds() != null) {
      for (String bind : hc.binds()) {
        requested.add(Containers.parseBind(bind));
      }
    }
    if (hc.mounts() != null) {
      requested.addAll(hc.mounts());
    }
    Set<String> targets = new java.util.HashSet<>();
    for (Mount m : requested) {
      targets.add(Paths.normalize(m.target()));
    }
    if (c.config.volumes() != null) {
      for (String target : c.config.volumes().keySet()) {
        if (!targets.contains(Paths.normalize(target))) {
          requested.add(new Mount("volume", "", target, false));
        }
      }
    }
    for (Mount m : requested) {
      String target = Paths.normalize(m.target());
      switch (m.type()) {
        case "bind" -> {
          String source = Paths.normalize(m.source());
          if (!hostFs.exists(source)) {
            if (m.readOnly() && hostFs != null) {
              throw EngineException.badRequest(
                  "invalid mount config for type \"bind\": bind source path does not exist: "
                      + source);
            }
            hostFs.mkdir(source, true);
          }
          mountPoint(c, target);
          mounts.add(new MountedFs.Mount(target, hostFs, source, m.readOnly()));
          points.add(
              new MountPoint("bind", null, source, target, null, "", !m.readOnly(), "rprivate"));
        }
        case "tmpfs" -> {
          mountPoint(c, target);
          mounts.add(
              new MountedFs.Mount(
                  target, new dev.ddlab.fs.MemoryFs(clock::nowNanos), "/", m.readOnly()));
          points.add(new MountPoint("tmpfs", null, "", target, null, "", !m.readOnly(), ""));
        }
        default -> {
          VolumeService.Vol v =
              m.source() == null || m.source().isEmpty()
                  ? volumes.anonymous()
                  : volumes.obtain(m.source(), Map.of(), Map.of());
          mountPoint(c, target);
          if (dev.ddlab.sim.volume.FsCopy.isEmptyDir(v.fs(), "/") && c.rootFs.isDirectory(target)) {
            // An empty volume is filled with what the image has at the mount point.
            for (String child : c.rootFs.list(target)) {
              dev.ddlab.sim.volume.FsCopy.copy(c.rootFs, target + "/" + child, v.fs(), "/" + child);
            }
          }
          volumes.use(v.name(), c.id);
          mounts.add(new MountedFs.Mount(target, v.fs(), "/", m.readOnly()));
          points.add(
              new MountPoint(
                  "volume", v.name(), v.mountpoint(), target, "local", "", !m.readOnly(), ""));
        }
      }
    }
    if (!mounts.isEmpty()) {
      c.fs = new MountedFs(c.rootFs, mounts);
      c.mounts = List.copyOf(points);
    }
  }

  private static void mountPoint(Container c, String target) {
    if (!c.rootFs.isDirectory(target)) {
      try {
        c.rootFs.mkdir(target, true);
      } catch (FsException e) {
        // a file in the way: the mount hides it anyway
      }
    }
  }

  private Map<String, String> attributes(Container c) {
    Map<String, String> a = new TreeMap<>();
    if (c.config.labels() != null) {
      a.putAll(c.config.labels());
    }
    a.put("image", c.config.image());
    a.put("name", c.name);
    return a;
  }

  private Map<String, String> attributes(Container c, String key, String value) {
    Map<String, String> a = attributes(c);
    a.put(key, value);
    return a;
  }

  // ---- start and the main process ---------------------------------------------------------------

  @Override
  public void start(String ref) {
    Container c = get(ref);
    switch (c.status) {
      case RUNNING, RESTARTING -> {
        return; // 304 Not Modified
      }
      case PAUSED ->
          throw EngineException.conflict("cannot start a paused container, try unpause instead");
      case REMOVING, DEAD ->
          throw EngineException.conflict("container is marked for removal and cannot be started");
      default -> {}
    }
    c.restartManager = new RestartManager(c.restartManager.policy(), c.restartCount);
    try {
      startContainer(c);
    } catch (EngineException e) {
      // daemon/start.go: a container that cannot start is cleaned up, and removed with --rm.
      if (c.hostConfig.autoRemove()) {
        removeContainer(c, true);
      }
      throw e;
    }
  }

  private void startContainer(Container c) {
    String shared = network.sharedWith(c.id);
    String mode = network.mode(c.id);
    NetNamespace netNs;
    if (shared != null) {
      Container target = byId.get(shared);
      if (target == null || !target.isRunning() || target.context == null) {
        throw EngineException.conflict("cannot join network of a non running container: " + shared);
      }
      netNs = target.context.netNs();
    } else if (mode.equals("host")) {
      netNs = kernel.host().netNs();
    } else {
      netNs = kernel.newNetNamespace();
    }
    if (shared == null) {
      try {
        network.start(c.id, netNs);
      } catch (EngineException e) {
        c.error = e.getMessage();
        if (c.exitCode == 0) {
          c.exitCode = 128;
        }
        throw e;
      }
    }
    Map<String, String> env = Containers.envMap(c.config.env());
    String cwd =
        c.config.workingDir() == null || c.config.workingDir().isEmpty()
            ? "/"
            : c.config.workingDir();
    List<String> argv = new ArrayList<>();
    argv.add(c.path);
    argv.addAll(c.args);
    Executables.Resolution r = Executables.resolve(c.fs, argv, env, cwd, kernel.programs());
    if (!r.ok()) {
      network.stop(c.id);
      String message =
          "failed to create task for container: failed to create shim task: OCI runtime create"
              + " failed: runc create failed: unable to start container process: "
              + r.runcMessage()
              + ": unknown";
      c.error = message;
      c.exitCode =
          switch (r.failure()) {
            case NOT_FOUND_IN_PATH, NO_SUCH_FILE -> 127;
            case PERMISSION_DENIED -> 126;
            default -> 128;
          };
      throw EngineException.badRequest(message);
    }
    HostConfig hc = c.hostConfig;
    PidNamespace pidNs = "host".equals(hc.pidMode()) ? kernel.hostPids() : kernel.newPidNamespace();
    boolean hostNet = mode.equals("host");
    Namespaces hostNs = Kernel.HOST_NAMESPACES;
    Namespaces ns =
        new Namespaces(
            pidNs.inode(),
            netNs.inode(),
            kernel.newInode(),
            hostNet || "host".equals(hc.utsMode()) ? hostNs.uts() : kernel.newInode(),
            "host".equals(hc.ipcMode()) ? hostNs.ipc() : kernel.newInode(),
            hostNs.user(),
            kernel.newInode());
    String hostname = hostNet ? kernel.host().hostname() : c.config.hostname();
    ProcContext ctx = kernel.newContext(c.id, c.fs, hostname, pidNs, netNs, ns);
    c.context = ctx;
    c.shimPid = kernel.reserveHostPid();
    c.status = Container.Status.RUNNING;
    c.startedNanos = clock.nowNanos();
    c.error = "";
    c.exitCode = 0;
    c.hasBeenStartedBefore = true;
    c.hasBeenManuallyStopped = false;
    c.stopping = false;
    for (MountPoint m : c.mounts) {
      if (m.type().equals("volume")) {
        volumes.mountEvent(m.name(), c.id, m.destination(), m.rw());
      }
    }
    events.container("start", c.id, c.config.image(), attributes(c));
    String user = c.config.user() == null || c.config.user().isEmpty() ? "root" : c.config.user();
    SimProc p =
        kernel.start(
            ctx,
            null,
            r,
            env,
            cwd,
            user,
            c.config.tty(),
            text -> output(c, false, text),
            text -> output(c, true, text),
            status -> mainExited(c, ctx, status),
            c.shimPid);
    if (c.context == ctx
        && (c.status == Container.Status.RUNNING || c.status == Container.Status.PAUSED)) {
      c.main = p;
      if (!c.config.openStdin()) {
        p.closeInput();
      }
    }
  }

  private void output(Container c, boolean stderr, String text) {
    c.logs().append(clock.nowNanos(), stderr && !c.config.tty(), text);
    if (c.attachments != null) {
      for (ProcAttachment a : List.copyOf(c.attachments)) {
        a.output(text);
      }
    }
  }

  private void mainExited(Container c, ProcContext ctx, int status) {
    if (c.context != ctx
        || (c.status != Container.Status.RUNNING && c.status != Container.Status.PAUSED)) {
      return;
    }
    long now = clock.nowNanos();
    c.main = null;
    if (c.logs != null) {
      c.logs.flush(now);
    }
    if (network.sharedWith(c.id) == null) {
      network.stop(c.id);
    }
    for (MountPoint m : c.mounts) {
      if (m.type().equals("volume")) {
        volumes.unmountEvent(m.name(), c.id);
      }
    }
    c.status = Container.Status.EXITED;
    c.exitCode = status;
    c.finishedNanos = now;
    c.exits++;
    if (c.execIds != null) {
      c.execIds.clear();
    }
    if (c.attachments != null) {
      for (ProcAttachment a : List.copyOf(c.attachments)) {
        a.exited(status);
      }
    }
    events.container(
        "die", c.id, c.config.image(), attributes(c, "exitCode", Integer.toString(status)));
    boolean stopped = c.stopping || shuttingDown;
    if (c.watchers != null) {
      for (Container.Watcher w : List.copyOf(c.watchers)) {
        if (w.exited(status)) {
          c.unwatch(w);
        }
      }
    }
    if (stopped) {
      return;
    }
    long delay =
        c.restartManager.shouldRestart(status, c.hasBeenManuallyStopped, now - c.startedNanos);
    if (delay >= 0) {
      c.status = Container.Status.RESTARTING;
      c.restartCount++;
      c.restartTimer =
          clock.schedule(
              Duration.ofNanos(delay),
              () -> {
                c.restartTimer = null;
                if (c.status == Container.Status.RESTARTING && !shuttingDown) {
                  try {
                    startContainer(c);
                  } catch (EngineException e) {
                    c.status = Container.Status.EXITED;
                  }
                }
              });
    } else if (c.hostConfig.autoRemove()) {
      removeContainer(c, true);
    }
  }

  // ---- stop, kill, restart, pause
  // ----------------------------------------------------------------

  /**
   * As moby's ContainerStop: a stopped container is left alone (304) before the signal is read; a
   * bad signal is a 400 "Invalid signal: FOO".
   */
  @Override
  public void stop(String ref, String signal, Integer timeoutSeconds) {
    stopAsync(ref, signal, timeoutSeconds).await(Duration.ofNanos(WAIT_LIMIT_NANOS));
  }

  /**
   * The stop signal is sent and the SIGKILL armed now; the answer comes when the container is down,
   * so that several stops sent together run in parallel on the virtual clock (docker/cli's
   * parallelOperation). Hanging up does not cancel the stop, as in moby.
   */
  @Override
  public Pending<Void> stopAsync(String ref, String signal, Integer timeoutSeconds) {
    Container c = get(ref);
    SimPending<Void> p = new SimPending<>(clock);
    if (!c.isRunning()) {
      p.complete(null); // 304 Not Modified
      return p;
    }
    beginStop(c, stopSignal(c, signal), timeoutSeconds, true, () -> p.complete(null));
    return p;
  }

  /** The signal a stop sends: the request's, else the container's StopSignal (SIGTERM). */
  private static Signal stopSignal(Container c, String signal) {
    if (signal == null || signal.isEmpty()) {
      return Containers.stopSignal(c.config);
    }
    Signal s = Signal.parse(signal);
    if (s == null) {
      throw EngineException.badRequest("Invalid signal: " + signal);
    }
    return s;
  }

  private void stopContainer(Container c, Signal signal, Integer timeoutSeconds, boolean manual) {
    if (!c.isRunning()) {
      return; // 304 Not Modified
    }
    SimPending<Void> p = new SimPending<>(clock);
    beginStop(c, signal, timeoutSeconds, manual, () -> p.complete(null));
    p.await(Duration.ofNanos(WAIT_LIMIT_NANOS));
  }

  /**
   * Sends {@code signal} to a running container and schedules the SIGKILL after the timeout (none
   * for -1); {@code done} runs once it is down (events kill, [kill 9], die, stop).
   */
  private void beginStop(
      Container c, Signal signal, Integer timeoutSeconds, boolean manual, Runnable done) {
    c.restartManager.cancel();
    if (manual && !shuttingDown) {
      c.hasBeenManuallyStopped = true;
    }
    if (c.status == Container.Status.RESTARTING) {
      cancelRestart(c);
      events.container("stop", c.id, c.config.image(), attributes(c));
      done.run();
      return;
    }
    int timeout =
        timeoutSeconds != null
            ? timeoutSeconds
            : c.config.stopTimeout() != null ? c.config.stopTimeout() : 10;
    c.stopping = true;
    events.container(
        "kill", c.id, c.config.image(), attributes(c, "signal", Integer.toString(signal.number())));
    VirtualClock.Timer[] kill = {null};
    boolean[] down = {false};
    Runnable finish =
        () -> {
          if (down[0]) {
            return;
          }
          down[0] = true;
          if (kill[0] != null) {
            kill[0].cancel();
          }
          c.stopping = false;
          events.container("stop", c.id, c.config.image(), attributes(c));
          done.run();
        };
    Container.Watcher w =
        new Container.Watcher() {
          @Override
          public boolean exited(int status) {
            finish.run();
            return true;
          }

          @Override
          public void removed(int exitCode) {
            finish.run();
          }
        };
    c.watch(w);
    if (c.main != null) {
      c.main.signal(signal);
    }
    if (down[0] || timeout < 0) {
      return;
    }
    kill[0] =
        clock.schedule(
            Duration.ofSeconds(timeout),
            () -> {
              kill[0] = null;
              if (down[0]) {
                return;
              }
              events.container("kill", c.id, c.config.image(), attributes(c, "signal", "9"));
              if (c.main != null) {
                c.main.signal(Signal.SIGKILL);
              }
              if (!down[0]) {
                c.unwatch(w); // nothing left that could exit
                finish.run();
              }
            });
  }

  private void cancelRestart(Container c) {
    if (c.restartTimer != null) {
      c.restartTimer.cancel();
      c.restartTimer = null;
    }
    c.status = Container.Status.EXITED;
  }

  @Override
  public void restart(String ref, String signal, Integer timeoutSeconds) {
    Container c = get(ref);
    if (c.isRunning()) {
      Signal s;
      try {
        s = stopSignal(c, signal);
      } catch (EngineException e) {
        throw EngineException.serverError(
            "Cannot restart container " + ref + ": " + e.getMessage());
      }
      stopContainer(c, s, timeoutSeconds, true);
    }
    c.restartManager = new RestartManager(c.restartManager.policy(), c.restartCount);
    startContainer(c);
    events.container("restart", c.id, c.config.image(), attributes(c));
  }

  @Override
  public void kill(String ref, String signal) {
    Container c = get(ref);
    Signal s = signal == null || signal.isEmpty() ? Signal.SIGKILL : Signal.parse(signal);
    if (s == null) {
      throw EngineException.badRequest("Invalid signal: " + signal);
    }
    if (!c.isRunning()) {
      throw EngineException.conflict(
          "Cannot kill container: " + ref + ": Container " + c.id + " is not running");
    }
    if (!shuttingDown) {
      c.hasBeenManuallyStopped = true;
    }
    if (c.status == Container.Status.RESTARTING) {
      c.restartManager.cancel();
      cancelRestart(c);
      return;
    }
    events.container(
        "kill", c.id, c.config.image(), attributes(c, "signal", Integer.toString(s.number())));
    if (c.main != null) {
      c.main.signal(s);
    }
  }

  @Override
  public void pause(String ref) {
    Container c = get(ref);
    switch (c.status) {
      case PAUSED -> throw EngineException.conflict("Container " + c.id + " is already paused");
      case RESTARTING ->
          throw EngineException.conflict(
              "Container " + c.id + " is restarting, wait until the container is running");
      case RUNNING -> {}
      default -> throw EngineException.conflict("Container " + c.id + " is not running");
    }
    c.context.freeze();
    c.status = Container.Status.PAUSED;
    events.container("pause", c.id, c.config.image(), attributes(c));
  }

  @Override
  public void unpause(String ref) {
    Container c = get(ref);
    if (c.status != Container.Status.PAUSED) {
      throw EngineException.conflict("Container " + c.id + " is not paused");
    }
    c.status = Container.Status.RUNNING;
    events.container("unpause", c.id, c.config.image(), attributes(c));
    c.context.thaw();
  }

  // ---- remove, rename, update, wait ------------------------------------------------------------

  @Override
  public void remove(String ref, boolean force, boolean removeVolumes) {
    Container c = get(ref);
    if (c.status == Container.Status.REMOVING) {
      throw EngineException.conflict("removal of container " + c.id + " is already in progress");
    }
    if (c.isRunning()) {
      if (!force) {
        String procedure = "Stop the container before attempting removal or force remove";
        if (c.status == Container.Status.PAUSED) {
          procedure = "Unpause and then " + procedure.toLowerCase(Locale.ROOT);
        }
        throw EngineException.conflict(
            "You cannot remove a " + c.status.text + " container " + c.id + ". " + procedure);
      }
      c.restartManager.cancel();
      if (c.status == Container.Status.RESTARTING) {
        cancelRestart(c);
      } else {
        c.stopping = true;
        events.container("kill", c.id, c.config.image(), attributes(c, "signal", "9"));
        if (c.main != null) {
          c.main.signal(Signal.SIGKILL);
        }
        c.stopping = false;
      }
    }
    removeContainer(c, removeVolumes);
  }

  private void removeContainer(Container c, boolean removeVolumes) {
    if (!byId.containsKey(c.id)) {
      return;
    }
    c.status = Container.Status.REMOVING;
    if (c.attachments != null) {
      for (ProcAttachment a : List.copyOf(c.attachments)) {
        a.hangUp();
      }
    }
    network.unregister(c.id);
    byId.remove(c.id);
    sortedIds.remove(c.id);
    byName.remove(c.name);
    for (MountPoint m : c.mounts) {
      if (m.type().equals("volume")) {
        volumes.release(m.name(), c.id);
        VolumeService.Vol v = volumes.find(m.name());
        if (removeVolumes && v != null && v.anonymous()) {
          try {
            volumes.remove(m.name(), false);
          } catch (EngineException e) {
            // still used by another container: Docker keeps it too
          }
        }
      }
    }
    c.status = Container.Status.DEAD;
    events.container("destroy", c.id, c.config.image(), attributes(c));
    if (c.watchers != null) {
      List<Container.Watcher> gone = List.copyOf(c.watchers);
      c.watchers = null;
      gone.forEach(w -> w.removed(c.exitCode));
    }
  }

  @Override
  public void rename(String ref, String newName) {
    Container c = get(ref);
    if (newName == null || !VALID_NAME.matcher(newName).matches()) {
      throw EngineException.badRequest(
          "Invalid container name (" + newName + "), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed");
    }
    String n = newName.startsWith("/") ? newName.substring(1) : newName;
    if (n.equals(c.name)) {
      throw EngineException.badRequest(
          "Renaming a container with the same name as its current name");
    }
    Container other = byName.get(n);
    if (other != null) {
      throw EngineException.conflict(
          "Error when allocating new name: " + conflictText(n, other.id));
    }
    String old = c.name;
    byName.remove(old);
    c.name = n;
    byName.put(n, c);
    network.rename(c.id, n);
    events.container("rename", c.id, c.config.image(), attributes(c, "oldName", "/" + old));
  }

  @Override
  public List<String> update(String ref, UpdateRequest request) {
    Container c = get(ref);
    HostConfig hc = c.hostConfig;
    if (request.restartPolicy() != null) {
      RestartPolicy p = Containers.policy(request.restartPolicy());
      Containers.validatePolicy(p);
      if (hc.autoRemove() && !p.name().equals("no")) {
        throw EngineException.badRequest(
            "Restart policy cannot be updated because AutoRemove is enabled for the container");
      }
      hc = Containers.withPolicy(hc, p);
      c.restartManager.policy(p);
    }
    hc = Containers.withResources(hc, request.memory(), request.nanoCpus(), request.pidsLimit());
    c.hostConfig = hc;
    events.container("update", c.id, c.config.image(), attributes(c));
    return List.of();
  }

  @Override
  public WaitResponse await(String ref, String condition) {
    Pending<WaitResponse> p = waitAsync(ref, condition);
    if (!p.await(Duration.ofNanos(WAIT_LIMIT_NANOS))) {
      p.cancel();
      throw EngineException.serverError(
          "container " + get(ref).id + " is still running and nothing is scheduled to stop it");
    }
    return p.get();
  }

  /**
   * As moby's State.Wait: "not-running" answers at once for a container that is not running (a
   * restarting one counts as running), else at its next exit like "next-exit"; "removed" at its
   * removal. Each answer carries the exit code of that moment.
   */
  @Override
  public Pending<WaitResponse> waitAsync(String ref, String condition) {
    Container c = get(ref);
    String cond = condition == null || condition.isEmpty() ? "not-running" : condition;
    if (!List.of("not-running", "next-exit", "removed").contains(cond)) {
      throw EngineException.badRequest("invalid condition: \"" + cond + "\"");
    }
    SimPending<WaitResponse> p = new SimPending<>(clock);
    if (cond.equals("not-running") && !c.isRunning()) {
      p.complete(new WaitResponse(c.exitCode, null));
      return p;
    }
    boolean onExit = !cond.equals("removed");
    Container.Watcher w =
        new Container.Watcher() {
          @Override
          public boolean exited(int status) {
            if (onExit) {
              p.complete(new WaitResponse(status, null));
            }
            return onExit;
          }

          @Override
          public void removed(int exitCode) {
            p.complete(new WaitResponse(exitCode, null));
          }
        };
    c.watch(w);
    p.onCancel(() -> c.unwatch(w));
    return p;
  }

  // ---- logs, top, changes, archive, prune
  // ---------------------------------------------------------

  @Override
  public List<LogFrame> logs(String ref, LogsOptions options) {
    Container c = get(ref);
    if (c.logs == null) {
      return List.of();
    }
    long since;
    long until;
    try {
      since = GoTime.parseBound(options.since(), Long.MIN_VALUE);
      until = GoTime.parseBound(options.until(), Long.MAX_VALUE);
    } catch (IllegalArgumentException e) {
      throw EngineException.badRequest("invalid value for \"since\": " + e.getMessage());
    }
    int tail = -1;
    if (options.tail() != null && !options.tail().isEmpty() && !options.tail().equals("all")) {
      try {
        tail = Integer.parseInt(options.tail());
      } catch (NumberFormatException e) {
        tail = -1;
      }
    }
    boolean out = options.stdout();
    boolean err = options.stderr();
    if (!out && !err) {
      throw EngineException.badRequest("Bad parameters: you must choose at least one stream");
    }
    return c.logs.read(out, err, since, until, tail);
  }

  @Override
  public TopResponse top(String ref, String psArgs) {
    Container c = get(ref);
    if (c.status != Container.Status.RUNNING && c.status != Container.Status.PAUSED) {
      throw EngineException.conflict("Container " + c.id + " is not running");
    }
    String args = psArgs == null || psArgs.isEmpty() ? "-ef" : psArgs;
    validatePsArgs(args);
    // As daemon/top_unix.go: the host's ps with the options, restricted to the container's PIDs
    // by -q (again without -q when ps refuses the combination), then only those rows are kept.
    List<Integer> pids = new ArrayList<>();
    for (SimProc p : c.context.processes()) {
      pids.add(p.hostPid());
    }
    List<Procps.Task> table = hostProcessTable();
    List<String> argv = new ArrayList<>(List.of(args.split(" ", -1)));
    List<String> quick = new ArrayList<>(argv);
    quick.add("-q");
    quick.add(String.join(",", pids.stream().map(String::valueOf).toList()));
    Procps.Result ps = Procps.ps(quick, table, clock.nowNanos(), 0, "?");
    if (ps.status() != 0) {
      ps = Procps.ps(argv, table, clock.nowNanos(), 0, "?");
      if (ps.status() != 0) {
        String first = ps.err().split("\n", 2)[0];
        throw EngineException.serverError(
            "ps: " + (first.isEmpty() ? "exit status " + ps.status() : first));
      }
    }
    return parsePsOutput(ps.out(), pids);
  }

  /** validatePSArgs: only "pid=" may rename the PID column (the rows are found by it). */
  private static void validatePsArgs(String psArgs) {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("\\s+(\\S*)=\\s*(PID\\S*)").matcher(psArgs);
    while (m.find()) {
      if (!m.group(1).equals("pid")) {
        throw EngineException.serverError(
            "specifying \"" + m.group(1) + "=" + m.group(2) + "\" is not allowed");
      }
    }
  }

  /** parsePSOutput: titles and rows split on blanks, the last column keeping the rest. */
  private static TopResponse parsePsOutput(String output, List<Integer> pids) {
    String[] lines = output.split("\n");
    List<String> titles = fields(lines.length == 0 ? "" : lines[0]);
    int pidIndex = titles.indexOf("PID");
    if (pidIndex < 0) {
      throw EngineException.serverError("Couldn't find PID field in ps output");
    }
    List<List<String>> rows = new ArrayList<>();
    boolean previousKept = false;
    for (int i = 1; i < lines.length; i++) {
      List<String> f = fields(lines[i]);
      if (f.isEmpty()) {
        continue;
      }
      String pid = f.get(pidIndex);
      if (pid.equals("-")) {
        if (previousKept) {
          rows.add(row(f, titles.size()));
        }
        continue;
      }
      if (!pid.matches("\\d+")) {
        throw EngineException.serverError(
            "Unexpected pid '" + pid + "': strconv.Atoi: parsing \"" + pid + "\": invalid syntax");
      }
      previousKept = pids.contains(Integer.parseInt(pid));
      if (previousKept) {
        rows.add(row(f, titles.size()));
      }
    }
    return new TopResponse(titles, rows);
  }

  private static List<String> fields(String line) {
    String t = line.strip();
    return t.isEmpty() ? List.of() : List.of(t.split("[ \\t]+"));
  }

  private static List<String> row(List<String> fields, int titles) {
    List<String> row = new ArrayList<>(fields.subList(0, Math.min(titles - 1, fields.size())));
    row.add(String.join(" ", fields.subList(Math.min(titles - 1, fields.size()), fields.size())));
    return row;
  }

  /** /proc as the host's ps reads it: every process of the node, by host PID. */
  private List<Procps.Task> hostProcessTable() {
    Map<Integer, String> hostUsers = UserDb.names(kernel.host().fs(), "/etc/passwd");
    List<Procps.Task> out = new ArrayList<>();
    for (Container c : byId.values()) {
      // containerd-shim-runc-v2, the parent of each container's PID 1 and docker exec processes
      if (c.context != null && c.shimPid > 0 && kernel.byHostPid(c.shimPid) == null) {
        long started =
            c.context.processes().stream().mapToLong(SimProc::startedNanos).min().orElse(0);
        out.add(
            new Procps.Task(
                c.shimPid,
                1,
                c.shimPid,
                0,
                "root",
                "containerd-shim",
                "/usr/bin/containerd-shim-runc-v2 -namespace moby -id "
                    + c.id
                    + " -address /run/containerd/containerd.sock",
                started,
                'S',
                "?",
                722_504,
                9_788,
                "futex_"));
      }
    }
    for (SimProc p : kernel.hostPids().processes()) {
      boolean host = p.context().isHost();
      int uid = UserDb.uid(p.fs(), p.user());
      if (uid < 0) {
        uid = 0;
      }
      String user = hostUsers.getOrDefault(uid, Integer.toString(uid));
      String argv0 = p.argv().isEmpty() ? "" : p.argv().get(0);
      String comm = argv0.substring(argv0.lastIndexOf('/') + 1);
      comm = comm.length() > 15 ? comm.substring(0, 15) : comm;
      // A container's init leads its session; docker exec'd processes lead their own.
      boolean leader = host ? p.hostPpid() <= 1 : p.pid() == 1 || p.ppid() == 0;
      int sid = leader ? p.hostPid() : sessionOf(p);
      long vsz = Procps.vszKib(p.command());
      out.add(
          new Procps.Task(
              p.hostPid(),
              p.hostPpid(),
              sid,
              uid,
              user,
              comm,
              p.command(),
              p.startedNanos(),
              p.state(),
              p.tty() ? "pts/0" : "?",
              vsz,
              vsz / 3,
              Procps.wchan(comm)));
    }
    out.sort(java.util.Comparator.comparingInt(Procps.Task::pid));
    return out;
  }

  private int sessionOf(SimProc p) {
    SimProc cur = p;
    for (int guard = 0; guard < 64; guard++) {
      SimProc parent = kernel.byHostPid(cur.hostPpid());
      if (parent == null || parent.context() != p.context()) {
        return cur.hostPid();
      }
      if (parent.pid() == 1 || parent.ppid() == 0) {
        return parent.hostPid();
      }
      cur = parent;
    }
    return cur.hostPid();
  }

  @Override
  public List<ChangeItem> changes(String ref) {
    Container c = get(ref);
    return ((ContainerRootFs) c.fs).changes();
  }

  @Override
  public byte[] getArchive(String ref, String path) {
    Container c = get(ref);
    String p = Paths.normalize(path);
    if (c.fs.lstat(p).isEmpty()) {
      throw EngineException.notFound("Could not find the file " + path + " in container " + ref);
    }
    return Archives.tar(c.fs, p);
  }

  @Override
  public void putArchive(String ref, String path, byte[] tar) {
    Container c = get(ref);
    String p = Paths.normalize(path);
    if (c.fs.stat(p).isEmpty()) {
      throw EngineException.notFound("Could not find the file " + path + " in container " + ref);
    }
    if (!c.fs.isDirectory(p)) {
      throw EngineException.badRequest("extraction point is not a directory");
    }
    Archives.untar(tar, c.fs, p);
  }

  @Override
  public ContainerPruneResponse prune(Map<String, List<String>> filters) {
    long until = Long.MAX_VALUE;
    List<String> labels = null;
    if (filters != null) {
      for (String key : filters.keySet()) {
        if (!key.equals("until") && !key.equals("label")) {
          throw EngineException.badRequest("Invalid filter '" + key + "'");
        }
      }
      if (filters.containsKey("until")) {
        until = GoTime.parseBound(filters.get("until").get(0), Long.MAX_VALUE);
      }
      labels = filters.get("label");
    }
    List<String> deleted = new ArrayList<>();
    long reclaimed = 0;
    for (Container c : new ArrayList<>(byId.values())) {
      if (c.isRunning() || c.createdNanos > until) {
        continue;
      }
      if (labels != null && !Containers.labelsMatch(c.config.labels(), labels)) {
        continue;
      }
      reclaimed += c.rootFs.sizeRw();
      removeContainer(c, false);
      deleted.add(c.id);
    }
    events.emit("container", "prune", "", Map.of("reclaimed", Long.toString(reclaimed)));
    return new ContainerPruneResponse(deleted, reclaimed);
  }

  // ---- attach and exec -----------------------------------------------------------------------

  @Override
  public Attachment attach(String ref, boolean stdin) {
    Container c = get(ref);
    switch (c.status) {
      case PAUSED ->
          throw EngineException.conflict(
              "You cannot attach to a paused container, unpause it first");
      case RESTARTING ->
          throw EngineException.conflict(
              "You cannot attach to a restarting container, wait until it is running");
      case EXITED, DEAD, REMOVING ->
          throw EngineException.conflict(
              "You cannot attach to a stopped container, start it first");
      default -> {}
    }
    ProcAttachment[] self = new ProcAttachment[1];
    self[0] =
        new ProcAttachment(
            clock,
            () -> c.main,
            stdin && c.config.openStdin(),
            c.config.tty(),
            a -> {
              if (c.attachments != null) {
                c.attachments.remove(a);
              }
            });
    c.attachments().add(self[0]);
    events.container("attach", c.id, c.config.image(), attributes(c));
    return self[0];
  }

  @Override
  public String execCreate(String ref, ExecConfig config) {
    Container c = get(ref);
    switch (c.status) {
      case RUNNING -> {}
      case PAUSED ->
          throw EngineException.conflict(
              "Container " + ref + " is paused, unpause the container before exec");
      case RESTARTING ->
          throw EngineException.conflict(
              "Container " + c.id + " is restarting, wait until the container is running");
      default -> throw EngineException.conflict("Container " + c.id + " is not running");
    }
    if (config.cmd() == null || config.cmd().isEmpty()) {
      throw EngineException.badRequest("No exec command specified");
    }
    String id = ids.hex(64);
    execs.put(id, new Exec(id, c.id, config));
    c.execIds().add(id);
    events.container(
        "exec_create: " + String.join(" ", config.cmd()),
        c.id,
        c.config.image(),
        attributes(c, "execID", id));
    return id;
  }

  @Override
  public Attachment execStart(String execId, boolean detach, boolean tty) {
    Exec e = execs.get(execId);
    if (e == null) {
      throw EngineException.notFound("No such exec instance: " + execId);
    }
    if (e.started) {
      throw EngineException.conflict("Error: Exec command " + execId + " is already running");
    }
    Container c = byId.get(e.containerId);
    if (c == null || c.status != Container.Status.RUNNING) {
      throw EngineException.conflict("Container " + e.containerId + " is not running");
    }
    e.started = true;
    ExecConfig cfg = e.config;
    Map<String, String> env = Containers.envMap(c.config.env());
    if (cfg.env() != null) {
      env.putAll(Containers.envMap(cfg.env()));
    }
    String cwd =
        cfg.workingDir() != null && !cfg.workingDir().isEmpty()
            ? cfg.workingDir()
            : c.config.workingDir() == null || c.config.workingDir().isEmpty()
                ? "/"
                : c.config.workingDir();
    String user =
        cfg.user() != null && !cfg.user().isEmpty()
            ? cfg.user()
            : c.config.user() == null || c.config.user().isEmpty() ? "root" : c.config.user();
    ProcAttachment a =
        new ProcAttachment(clock, () -> e.proc, cfg.attachStdin(), tty || cfg.tty(), x -> {});
    String cmd = String.join(" ", cfg.cmd());
    events.container("exec_start: " + cmd, c.id, c.config.image(), attributes(c, "execID", e.id));
    Executables.Resolution r = Executables.resolve(c.fs, cfg.cmd(), env, cwd, kernel.programs());
    if (!r.ok()) {
      a.output(
          "OCI runtime exec failed: exec failed: unable to start container process: "
              + r.runcMessage()
              + ": unknown\r\n");
      execDied(c, e, a, 126);
      return a;
    }
    e.running = true;
    e.proc =
        kernel.start(
            c.context,
            null,
            r,
            env,
            cwd,
            user,
            tty || cfg.tty(),
            a::output,
            a::output,
            status -> execDied(c, e, a, status),
            c.shimPid);
    if (e.running && !cfg.attachStdin()) {
      e.proc.closeInput();
    }
    if (detach) {
      a.close();
    }
    return a;
  }

  private void execDied(Container c, Exec e, ProcAttachment a, int status) {
    e.running = false;
    e.exitCode = status;
    if (c.execIds != null) {
      c.execIds.remove(e.id);
    }
    events.container(
        "exec_die",
        c.id,
        c.config.image(),
        attributes(c, "execID", e.id, "exitCode", Integer.toString(status)));
    a.exited(status);
  }

  private Map<String, String> attributes(Container c, String k1, String v1, String k2, String v2) {
    Map<String, String> a = attributes(c, k1, v1);
    a.put(k2, v2);
    return a;
  }

  @Override
  public ExecInspect execInspect(String execId) {
    Exec e = execs.get(execId);
    if (e == null) {
      throw EngineException.notFound("No such exec instance: " + execId);
    }
    return new ExecInspect(
        false,
        e.containerId,
        "",
        e.exitCode,
        e.id,
        e.config.attachStderr(),
        e.config.attachStdin(),
        e.config.attachStdout(),
        e.running,
        e.proc == null || !e.running ? 0 : e.proc.hostPid());
  }

  // ---- inspect and list ------------------------------------------------------------------------

  @Override
  public ContainerInspect inspect(String ref) {
    Container c = get(ref);
    ContainerState state =
        new ContainerState(
            c.status.text,
            c.isRunning(),
            c.status == Container.Status.PAUSED,
            c.status == Container.Status.RESTARTING,
            false,
            c.status == Container.Status.DEAD,
            c.main == null ? 0 : c.main.hostPid(),
            c.exitCode,
            c.error,
            GoTime.rfc3339NanoOrZero(c.startedNanos),
            GoTime.rfc3339NanoOrZero(c.finishedNanos));
    String overlay = "/var/lib/docker/overlay2/" + c.graphId;
    Map<String, String> graph = new LinkedHashMap<>();
    graph.put("LowerDir", overlay + "-init/diff");
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
        c.mounts,
        c.config,
        network.settings(c.id));
  }

  /** The text of docker ps STATUS, as moby's State.String computes it from "now". */
  public String statusText(Container c) {
    long now = clock.nowNanos();
    return switch (c.status) {
      case RUNNING -> "Up " + GoUnits.humanDuration(now - c.startedNanos);
      case PAUSED -> "Up " + GoUnits.humanDuration(now - c.startedNanos) + " (Paused)";
      case RESTARTING ->
          "Restarting ("
              + c.exitCode
              + ") "
              + GoUnits.humanDuration(now - c.finishedNanos)
              + " ago";
      case REMOVING -> "Removal In Progress";
      case DEAD -> "Dead";
      default ->
          c.startedNanos == 0
              ? "Created"
              : c.finishedNanos == 0
                  ? ""
                  : "Exited ("
                      + c.exitCode
                      + ") "
                      + GoUnits.humanDuration(now - c.finishedNanos)
                      + " ago";
    };
  }

  @Override
  public List<ContainerSummary> list(
      boolean all, int limit, boolean size, Map<String, List<String>> filters) {
    Map<String, List<String>> f = filters == null ? Map.of() : filters;
    for (Map.Entry<String, List<String>> e : f.entrySet()) {
      if (!LIST_FILTERS.contains(e.getKey())) {
        throw EngineException.badRequest("Invalid filter '" + e.getKey() + "'");
      }
      if (e.getKey().equals("status")) {
        for (String v : e.getValue()) {
          if (!STATES.contains(v)) {
            throw EngineException.badRequest("Invalid filter 'status=" + v + "'");
          }
        }
      }
      if (e.getKey().equals("exited")) {
        for (String v : e.getValue()) {
          if (!v.matches("-?\\d+")) {
            throw EngineException.badRequest("Invalid filter 'exited=" + v + "'");
          }
        }
      }
    }
    boolean includeStopped = all || limit > 0 || f.containsKey("status");
    long before = Long.MAX_VALUE;
    long since = Long.MIN_VALUE;
    if (f.containsKey("before")) {
      before = get(f.get("before").get(0)).seq;
    }
    if (f.containsKey("since")) {
      since = get(f.get("since").get(0)).seq;
    }
    List<Container> ordered = new ArrayList<>(byId.values());
    java.util.Collections.reverse(ordered);
    List<ContainerSummary> out = new ArrayList<>();
    // One image lookup per reference for the whole listing, not one per row.
    Map<String, String> imageIds = new HashMap<>();
    for (Container c : ordered) {
      if (!includeStopped && !c.isRunning()) {
        continue;
      }
      if (c.seq >= before || c.seq <= since) {
        continue;
      }
      if (!matches(c, f)) {
        continue;
      }
      out.add(summary(c, size, imageIds));
      if (limit > 0 && out.size() >= limit) {
        break;
      }
    }
    return out;
  }

  private boolean matches(Container c, Map<String, List<String>> f) {
    for (Map.Entry<String, List<String>> e : f.entrySet()) {
      List<String> values = e.getValue();
      boolean ok =
          switch (e.getKey()) {
            case "name" ->
                values.stream()
                    .anyMatch(
                        v ->
                            Containers.regexFind(v, "/" + c.name)
                                || Containers.regexFind(v, c.name));
            case "id" -> values.stream().anyMatch(v -> Containers.regexFind(v, c.id));
            case "status" -> values.contains(c.status.text);
            case "exited" ->
                !c.isRunning()
                    && c.startedNanos != 0
                    && values.stream().anyMatch(v -> Integer.parseInt(v) == c.exitCode);
            case "label" -> Containers.labelsMatch(c.config.labels(), values);
            case "ancestor" -> values.stream().anyMatch(v -> isAncestor(c, v));
            case "network" -> network.networkNames(c.id).stream().anyMatch(values::contains);
            case "volume" ->
                c.mounts.stream()
                    .anyMatch(m -> values.contains(m.name()) || values.contains(m.destination()));
            case "expose", "publish" -> portFilter(c, values, e.getKey().equals("publish"));
            default -> true;
          };
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private boolean portFilter(Container c, List<String> values, boolean published) {
    for (dev.ddlab.engine.dto.Port p : network.ports(c.id)) {
      for (String v : values) {
        String port = v.contains("/") ? v.substring(0, v.indexOf('/')) : v;
        String proto = v.contains("/") ? v.substring(v.indexOf('/') + 1) : "tcp";
        Integer n = published ? p.publicPort() : Integer.valueOf(p.privatePort());
        if (n != null && Integer.toString(n).equals(port) && p.type().equals(proto)) {
          return true;
        }
      }
    }
    return false;
  }

  private boolean isAncestor(Container c, String ref) {
    if (c.config.image().equals(ref)) {
      return true;
    }
    return images.find(ref).map(i -> i.id().equals(c.imageId)).orElse(false);
  }

  private ContainerSummary summary(Container c, boolean size, Map<String, String> imageIds) {
    String image = c.config.image();
    String current =
        imageIds.computeIfAbsent(image, ref -> images.find(ref).map(LocalImage::id).orElse(""));
    if (!current.equals(c.imageId)) {
      String hex = c.imageId.startsWith("sha256:") ? c.imageId.substring(7) : c.imageId;
      image = hex.substring(0, Math.min(12, hex.length()));
    }
    Map<String, EndpointSettings> nets = network.summaryNetworks(c.id);
    return new ContainerSummary(
        c.id,
        List.of("/" + c.name),
        image,
        c.imageId,
        c.command(),
        c.createdNanos / 1_000_000_000L,
        network.ports(c.id),
        size ? c.rootFs.sizeRw() : null,
        size ? c.rootFs.sizeRootFs() : null,
        c.config.labels() == null ? Map.of() : c.config.labels(),
        c.status.text,
        statusText(c),
        Map.of(
            "NetworkMode",
            c.hostConfig.networkMode() == null || c.hostConfig.networkMode().isEmpty()
                ? "default"
                : c.hostConfig.networkMode()),
        Map.of("Networks", nets),
        c.mounts);
  }

  // ---- the daemon's own lifecycle
  // ------------------------------------------------------------------

  /**
   * dockerd stopping: running containers get their stop signal, then SIGKILL after their timeout
   * (in parallel, on virtual time); pending restarts are dropped. Policies are not applied.
   */
  public void shutdown() {
    shuttingDown = true;
    List<Container> running = new ArrayList<>();
    List<SimPending<Void>> stops = new ArrayList<>();
    for (Container c : new ArrayList<>(byId.values())) {
      if (c.status == Container.Status.RESTARTING) {
        cancelRestart(c);
      } else if (c.isRunning()) {
        // moby's shutdownContainer: a plain stop of each, all at once
        running.add(c);
        SimPending<Void> p = new SimPending<>(clock);
        beginStop(c, Containers.stopSignal(c.config), null, false, () -> p.complete(null));
        stops.add(p);
      }
    }
    for (SimPending<Void> p : stops) {
      p.await(Duration.ofNanos(WAIT_LIMIT_NANOS));
    }
    for (Container c : running) {
      if (c.attachments != null) {
        for (ProcAttachment a : List.copyOf(c.attachments)) {
          a.hangUp();
        }
      }
    }
  }

  /**
   * dockerd starting: containers whose policy says so come back (always; unless-stopped unless
   * stopped by hand; on-failure after a non-zero exit within its retry count); auto-remove
   * containers that stopped are removed.
   */
  public void boot() {
    shuttingDown = false;
    for (Container c : new ArrayList<>(byId.values())) {
      if (c.isRunning()) {
        continue;
      }
      if (c.hostConfig.autoRemove() && c.hasBeenStartedBefore) {
        removeContainer(c, true);
        continue;
      }
      c.restartManager = new RestartManager(c.restartManager.policy(), c.restartCount);
      if (!c.hasBeenStartedBefore) {
        continue;
      }
      long d =
          c.restartManager.shouldRestart(
              c.exitCode, c.hasBeenManuallyStopped, c.finishedNanos - c.startedNanos);
      if (d >= 0) {
        try {
          startContainer(c);
        } catch (EngineException e) {
          c.status = Container.Status.EXITED;
        }
      }
    }
  }
}

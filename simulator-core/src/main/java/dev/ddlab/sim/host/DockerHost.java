package dev.ddlab.sim.host;

import dev.ddlab.engine.BuildsApi;
import dev.ddlab.engine.EngineException;
import dev.ddlab.fs.Disk;
import dev.ddlab.fs.FileSystem;
import dev.ddlab.fs.MemoryFs;
import dev.ddlab.fs.OwnedFs;
import dev.ddlab.sim.build.Builder;
import dev.ddlab.sim.clock.SeededRandom;
import dev.ddlab.sim.clock.VirtualClock;
import dev.ddlab.sim.container.Container;
import dev.ddlab.sim.container.ContainerDaemon;
import dev.ddlab.sim.events.EngineEvents;
import dev.ddlab.sim.image.ImageUsage;
import dev.ddlab.sim.image.SimImagesApi;
import dev.ddlab.sim.network.NetworkController;
import dev.ddlab.sim.runtime.Executables;
import dev.ddlab.sim.runtime.HttpRequest;
import dev.ddlab.sim.runtime.HttpResponse;
import dev.ddlab.sim.runtime.Kernel;
import dev.ddlab.sim.runtime.Proc;
import dev.ddlab.sim.runtime.ProgramRegistry;
import dev.ddlab.sim.runtime.SimProc;
import dev.ddlab.sim.swarm.SwarmCluster;
import dev.ddlab.sim.swarm.SwarmNode;
import dev.ddlab.sim.underlay.Underlay;
import dev.ddlab.sim.volume.VolumeService;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntConsumer;

/**
 * One simulated Docker node: an Ubuntu host with its filesystem, processes and address, and a
 * dockerd that can be stopped and started ({@code systemctl stop|start|restart docker}). While the
 * daemon is down every Engine call fails as the CLI reports it ("Cannot connect to the Docker
 * daemon at unix:///var/run/docker.sock. Is the docker daemon running?"); when it starts again the
 * restart policies decide which containers come back.
 */
public final class DockerHost {
  private SwarmNode swarm;

  public static final String SOCKET = "unix:///var/run/docker.sock";

  private final Cluster cluster;
  private final String name;
  private final String address;
  private final SeededRandom random;
  private final MemoryFs hostFs;
  private final ProgramRegistry programs;
  private final Kernel kernel;
  private final EngineEvents events;
  private final NetworkController network;
  private final VolumeService volumes;
  private final ContainerDaemon containers;
  private final ImageBackend images;
  private final SystemService system;
  private final SimulatedEngine engine;
  private final BuildsApi builds;
  private final String daemonId;
  private boolean daemonUp = true;

  DockerHost(
      Cluster cluster,
      String name,
      String address,
      SeededRandom random,
      ProgramRegistry programs,
      ImageBackend.Factory imageFactory) {
    this.cluster = cluster;
    this.name = name;
    this.address = address;
    this.random = random;
    this.programs = programs;
    VirtualClock clock = cluster.clock();
    this.hostFs = new MemoryFs(clock::nowNanos);
    HostFiles.populate(hostFs, name, address, true);
    hostFs.disk(Disk.ofDefaultSize(cluster.diskBudget()));
    this.kernel =
        new Kernel(clock, random.fork("kernel"), programs, hostFs, name, cluster.memoryBudget());
    this.events = new EngineEvents(cluster.bus(), clock, name);
    // looked up before, not inside, the supplier below: Cluster.shared is one computeIfAbsent
    dev.ddlab.sim.underlay.Underlay underlay = cluster.underlay();
    this.network =
        new NetworkController(
            clock,
            random.fork("network"),
            events,
            address,
            kernel.host().netNs(),
            cluster.shared(
                "network-links",
                () ->
                    dev.ddlab.sim.network.ClusterLinks.create()
                        .cutBy(
                            (src, dst) ->
                                underlay.faulty()
                                    && underlay.cut(
                                        dev.ddlab.sim.network.types.Ipv4.format(src),
                                        dev.ddlab.sim.network.types.Ipv4.format(dst)))));
    kernel.net(network.processes());
    this.volumes = new VolumeService(clock, random.fork("volumes"), events, hostFs);
    this.daemonId = random.fork("daemon-id").uuid();
    this.images = imageFactory.create(this);
    this.containers =
        new ContainerDaemon(
            clock, random, kernel, events, images.local(), network, volumes, hostFs);
    this.builds =
        images.api() instanceof SimImagesApi store
            ? new Builder(clock, cluster.bus(), name, store.service(), kernel, random.fork("build"))
            : BuildsApi.UNSUPPORTED;
    this.system = new SystemService(this);
    this.engine = new SimulatedEngine(this);
  }

  public Cluster cluster() {
    return cluster;
  }

  public String name() {
    return name;
  }

  /** The node's IP address on the session's underlay (192.168.0.11 …). */
  public String address() {
    return address;
  }

  public VirtualClock clock() {
    return cluster.clock();
  }

  /** This node's own random stream (fork it per purpose). */
  public SeededRandom random() {
    return random;
  }

  public EngineEvents events() {
    return events;
  }

  /** The host's filesystem (/home/ubuntu …). */
  public MemoryFs hostFs() {
    return hostFs;
  }

  /**
   * The host files as the node's user {@code ubuntu} changes them (its shell, the playground's
   * editor and uploads, the docker CLI it runs): what it creates is {@code ubuntu ubuntu} with
   * umask 002 ({@link OwnedFs}).
   */
  public FileSystem userFs() {
    if (userFs == null) {
      userFs = new OwnedFs(hostFs, HostFiles.USER_ID, HostFiles.USER_ID, 002);
    }
    return userFs;
  }

  private FileSystem userFs;

  public ProgramRegistry programs() {
    return programs;
  }

  public Kernel kernel() {
    return kernel;
  }

  /** The Engine API of this node's dockerd. */
  public SimulatedEngine engine() {
    return engine;
  }

  public ContainerDaemon containers() {
    return containers;
  }

  public NetworkController network() {
    return network;
  }

  public VolumeService volumes() {
    return volumes;
  }

  /** The node's builder (BuildKit-shaped), or an engine without one when the store is a test's. */
  public BuildsApi builds() {
    return builds;
  }

  public ImageBackend images() {
    return images;
  }

  SystemService system() {
    return system;
  }

  String daemonId() {
    return daemonId;
  }

  /**
   * The container side as the image store sees it (rmi conflicts, prune, commit); it reads the
   * containers at call time, so the store may be built before them.
   */
  public ImageUsage imageUsage() {
    return new ImageUsage() {
      @Override
      public List<String> containersUsing(String imageId, boolean runningOnly) {
        return runningOnly
            ? runningContainersUsing(imageId)
            : DockerHost.this.containersUsing(imageId);
      }

      @Override
      public dev.ddlab.fs.Disk disk() {
        return hostFs.disk();
      }

      @Override
      public Optional<CommitSource> container(String nameOrId) {
        try {
          Container c = containers.get(nameOrId);
          return Optional.of(new CommitSource(c.id(), c.imageId(), c.rootFs(), c.config()));
        } catch (EngineException e) {
          return Optional.empty();
        }
      }
    };
  }

  /** IDs of the containers created from this image ID (the image store's conflict checks). */
  public List<String> containersUsing(String imageId) {
    List<String> out = new ArrayList<>();
    for (Container c : containers.usersOf(imageId)) {
      out.add(c.id());
    }
    return out;
  }

  /** IDs of the running (or paused, restarting) containers created from this image ID. */
  public List<String> runningContainersUsing(String imageId) {
    List<String> out = new ArrayList<>();
    for (Container c : containers.usersOf(imageId)) {
      if (c.isRunning()) {
        out.add(c.id());
      }
    }
    return out;
  }

  // ---- daemon lifecycle ------------------------------------------------------------------------

  public boolean isDaemonActive() {
    return daemonUp;
  }

  /** Fails like the CLI does when the socket does not answer. */
  void ensureUp() {
    if (!daemonUp) {
      throw EngineException.cannotConnect(SOCKET);
    }
  }

  /** systemctl stop docker: containers are stopped (stop signal, then SIGKILL after 10 s). */
  public void stopDaemon() {
    if (!daemonUp) {
      return;
    }
    if (swarm != null) {
      swarm.daemonStopped();
    }
    containers.shutdown();
    daemonUp = false;
  }

  /** systemctl start docker: restart policies bring containers back. */
  public void startDaemon() {
    if (daemonUp) {
      return;
    }
    daemonUp = true;
    containers.boot();
    if (swarm != null) {
      swarm.daemonStarted();
    }
  }

  /** The node's swarm side if something made it already, else null (nothing is created). */
  public SwarmNode swarmIfAny() {
    return swarm;
  }

  /**
   * This machine's Swarm side (issue 12), made on first use: its node on the session's {@link
   * SwarmCluster}, whose underlay joins the cluster's machines.
   */
  public SwarmNode swarm() {
    if (swarm == null) {
      Underlay underlay = cluster.underlay();
      // looked up before, not inside, the supplier below: Cluster.shared is one computeIfAbsent
      dev.ddlab.sim.swarm.agent.PayloadTemplates templates =
          cluster.shared(
              dev.ddlab.sim.swarm.agent.PayloadTemplates.KEY,
              () -> dev.ddlab.sim.swarm.agent.PayloadTemplates.NONE);
      SwarmCluster sc =
          cluster.shared(
              "swarm",
              () ->
                  new SwarmCluster(
                      cluster.clock(),
                      cluster.random().fork("swarm"),
                      cluster.bus(),
                      underlay,
                      templates));
      swarm = sc.node(name, address, hostFs, () -> engine, network, containers::mountFile);
    }
    return swarm;
  }

  public void restartDaemon() {
    stopDaemon();
    startDaemon();
  }

  /** systemctl reload docker (SIGHUP): the daemon reloads its configuration. */
  public void reloadDaemon() {
    if (daemonUp) {
      events.emit("daemon", "reload", daemonId, Map.of("name", name));
    }
  }

  // ---- host processes and the network as seen from outside
  // ---------------------------------------

  /**
   * Starts a process on the host (outside any container), running the executable argv[0] of the
   * host filesystem. Returns null when it is not found or not executable.
   */
  public SimProc spawnHost(
      List<String> argv,
      Map<String, String> env,
      String cwd,
      String user,
      Proc.ProcIo io,
      IntConsumer onExit) {
    Executables.Resolution r = Executables.resolve(hostFs, argv, env, cwd, programs);
    if (!r.ok()) {
      return null;
    }
    return kernel.start(
        kernel.host(),
        null,
        r,
        env,
        cwd,
        user,
        true,
        io == null || io.out() == null ? s -> {} : io.out(),
        io == null || io.err() == null ? s -> {} : io.err(),
        onExit,
        1);
  }

  /**
   * An HTTP request to this node's published port, as a browser on the learner's machine sends it
   * (the playground's port chips).
   *
   * @throws dev.ddlab.sim.runtime.NetException when nothing listens there
   */
  public HttpResponse http(int hostPort, String path) {
    return network.processes().http(kernel.host(), address, hostPort, HttpRequest.get(path));
  }

  /** The body of {@link #http} as text (for tests and simple clients). */
  public String httpBody(int hostPort, String path) {
    HttpResponse r = http(hostPort, path);
    return new String(r.body().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
  }

  /** What visualisers show of the containers: processes, namespaces, cgroups, root fs. */
  public List<ContainerView> inspectContainers() {
    List<ContainerView> out = new ArrayList<>();
    for (Container c : containers.all()) {
      out.add(ContainerView.of(c, network.sharedWith(c.id())));
    }
    return out;
  }

  FileSystem rootFsOf(String containerId) {
    return containers.get(containerId).fs();
  }

  @Override
  public String toString() {
    return "DockerHost[" + name + " " + address + "]";
  }
}

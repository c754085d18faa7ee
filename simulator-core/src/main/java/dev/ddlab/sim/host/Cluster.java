package dev.ddlab.sim.host;

import dev.ddlab.events.EventBus;
import dev.ddlab.fs.Disk;
import dev.ddlab.sim.clock.SeededRandom;
import dev.ddlab.sim.clock.VirtualClock;
import dev.ddlab.sim.image.Registry;
import dev.ddlab.sim.runtime.Cgroup;
import dev.ddlab.sim.runtime.ProgramInstaller;
import dev.ddlab.sim.runtime.ProgramRegistry;
import dev.ddlab.sim.shell.ShellPrograms;
import dev.ddlab.sim.underlay.Underlay;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The simulated machines of one session: nodes named node1, node2 … that share one virtual clock,
 * one seeded random tree, one event bus and (through their image stores) one simulated registry.
 * Each node draws from its own fork of the random tree, so adding a node never changes another
 * node's IDs.
 *
 * <p>A session's machines also share one budget of the server's heap, whatever their number: the
 * memory their programs hold and the tasks they run ({@link #memoryBudget}: every node's containers
 * and every login) and the bytes written on their disks and into the registry ({@link
 * #diskBudget}). Each node keeps its own limits beneath (64 MiB and 4,096 tasks of containers, 64
 * MiB and 4,096 tasks a login, a 64 MiB disk), so one node alone behaves as before, and six nodes
 * cannot hold six times as much.
 */
public final class Cluster {
  /**
   * The memory a session's programs may hold on all its nodes together ({@code
   * -Dddlab.session.memory.bytes}): one node's containers and its login.
   */
  public static final long SESSION_MEMORY_BYTES =
      Long.getLong("ddlab.session.memory.bytes", 128L * 1024 * 1024);

  /**
   * The bytes a session may write on all its disks together ({@code -Dddlab.session.disk.bytes}):
   * one node's disk and the registry's storage.
   */
  public static final long SESSION_DISK_BYTES =
      Long.getLong("ddlab.session.disk.bytes", 128L * 1024 * 1024);

  /**
   * The tasks a session's programs may run on all its nodes together ({@code
   * -Dddlab.session.pids}): one node's containers and its login.
   */
  public static final long SESSION_TASKS_MAX =
      Long.getLong(
          "ddlab.session.pids",
          dev.ddlab.sim.runtime.Kernel.NODE_TASKS_MAX
              + dev.ddlab.sim.shell.HostShell.LOGIN_TASKS_MAX);

  private final VirtualClock clock;
  private final SeededRandom random;
  private final EventBus bus;
  private final List<Consumer<ProgramRegistry>> installers;
  private final ImageBackend.Factory images;
  private final Map<String, DockerHost> nodes = new LinkedHashMap<>();
  private final Map<String, Object> shared = new LinkedHashMap<>();

  /** The key whose shared object is being made ({@link #shared}), or null. */
  private String creating;

  private final Cgroup memoryBudget =
      new Cgroup(null, SESSION_TASKS_MAX).memoryMax(SESSION_MEMORY_BYTES);
  private final Disk diskBudget = new Disk(SESSION_DISK_BYTES);

  private Cluster(Builder b) {
    this.clock = b.clock;
    this.random = new SeededRandom(b.seed);
    this.bus = b.bus;
    this.installers = List.copyOf(b.installers);
    this.images = b.images != null ? b.images : ImageBackend.DEFAULT;
  }

  /** One node, node1, with the default programs and image store. */
  public static Cluster single(long seed) {
    Cluster c = builder(seed).build();
    c.addNode();
    return c;
  }

  public static Builder builder(long seed) {
    return new Builder(seed);
  }

  /** How a cluster is made: seed, clock, bus, extra program installers, image store. */
  public static final class Builder {
    private final long seed;
    private VirtualClock clock = new VirtualClock();
    private EventBus bus = new EventBus();
    private final List<Consumer<ProgramRegistry>> installers = new ArrayList<>();
    private ImageBackend.Factory images;

    private Builder(long seed) {
      this.seed = seed;
    }

    public Builder clock(VirtualClock clock) {
      this.clock = clock;
      return this;
    }

    public Builder bus(EventBus bus) {
      this.bus = bus;
      return this;
    }

    /**
     * Programs to register on every node, after the discovered {@link ProgramInstaller}s and the
     * shells and tools of {@link ShellPrograms}.
     */
    public Builder programs(Consumer<ProgramRegistry> installer) {
      installers.add(installer);
      return this;
    }

    public Builder images(ImageBackend.Factory images) {
      this.images = images;
      return this;
    }

    public Cluster build() {
      return new Cluster(this);
    }
  }

  /** Adds a node with the next free name (node1, node2 …) and address 192.168.0.11, .12 …. */
  public DockerHost addNode() {
    int n = 1;
    while (nodes.containsKey("node" + n)) {
      n++;
    }
    return addNode("node" + n, "192.168.0." + (10 + n));
  }

  public DockerHost addNode(String name, String address) {
    if (nodes.containsKey(name)) {
      throw new IllegalArgumentException("node exists: " + name);
    }
    ProgramRegistry programs = new ProgramRegistry();
    for (ProgramInstaller i : ProgramInstaller.discovered()) {
      i.install(programs);
    }
    ShellPrograms.install(programs);
    installers.forEach(i -> i.accept(programs));
    DockerHost host =
        new DockerHost(this, name, address, random.fork("node/" + name), programs, images);
    nodes.put(name, host);
    return host;
  }

  public void removeNode(String name) {
    DockerHost h = nodes.remove(name);
    if (h != null && h.isDaemonActive()) {
      h.stopDaemon();
    }
  }

  public DockerHost node(String name) {
    DockerHost h = nodes.get(name);
    if (h == null) {
      throw new IllegalArgumentException("no such node: " + name);
    }
    return h;
  }

  public List<DockerHost> nodes() {
    return List.copyOf(nodes.values());
  }

  public VirtualClock clock() {
    return clock;
  }

  public SeededRandom random() {
    return random;
  }

  public EventBus bus() {
    return bus;
  }

  /**
   * The session's cgroup, which every node's containers' group and every login's sit under: a
   * charge that would take the session over {@link #SESSION_MEMORY_BYTES} is an OOM kill of the
   * process that makes it, and a fork that would take it over {@link #SESSION_TASKS_MAX} fails with
   * EAGAIN, on whichever node.
   */
  public Cgroup memoryBudget() {
    return memoryBudget;
  }

  /**
   * The disk every node's disk and the registry's storage count on: a write that would take the
   * session over {@link #SESSION_DISK_BYTES} fails with ENOSPC, on whichever node.
   */
  public Disk diskBudget() {
    return diskBudget;
  }

  /** The session's registry (Docker Hub and the others), whose storage is on the disk budget. */
  public Registry registry() {
    return shared("registry", () -> new Registry(diskBudget));
  }

  /**
   * The segment joining the machines' {@code eth0} (Raft, the swarm's control traffic, later
   * VXLAN), made on first use; its fault API (latency, isolate, heal, drop the next packet) is what
   * a panel or a test injects.
   */
  public Underlay underlay() {
    return shared("underlay", () -> new Underlay(clock, random.fork("underlay"), bus));
  }

  /**
   * One object per key for the whole cluster (the simulated registry the nodes' image stores share,
   * for instance), created on first use.
   *
   * @throws IllegalStateException when {@code create} itself asks for a shared object (the map
   *     cannot grow while it is being filled): get what the object needs first, then call this
   */
  @SuppressWarnings("unchecked")
  public <T> T shared(String key, java.util.function.Supplier<T> create) {
    Object found = shared.get(key);
    if (found != null) {
      return (T) found;
    }
    if (creating != null) {
      throw new IllegalStateException(
          "Cluster.shared(\""
              + key
              + "\") called while creating the shared \""
              + creating
              + "\": get \""
              + key
              + "\" before, not inside, the supplier of \""
              + creating
              + "\"");
    }
    creating = key;
    try {
      T made = create.get();
      shared.put(key, made);
      return made;
    } finally {
      creating = null;
    }
  }
}

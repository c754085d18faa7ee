package dev.ddlab.sim.container;

import dev.ddlab.engine.EngineException;
import dev.ddlab.fs.AbstractFs;
import dev.ddlab.fs.Disk;
import dev.ddlab.fs.FileSystem;
import dev.ddlab.sim.clock.SeededRandom;
import dev.ddlab.sim.clock.VirtualClock;
import dev.ddlab.sim.events.EngineEvents;
import dev.ddlab.sim.image.LocalImages;
import dev.ddlab.sim.network.NetworkController;
import dev.ddlab.sim.runtime.Kernel;
import dev.ddlab.sim.volume.VolumeService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * moby's {@code Daemon} type as the container operations see it: the state they share (the node's
 * services, the container and exec stores, whether the daemon is shutting down) and the operations
 * themselves. moby keeps each operation in its own file as methods of one type; here each is its
 * own class holding this one, and reaches another through it as moby's files do ({@code
 * daemon.kill.killWithSignal(c, s)} for {@code daemon.killWithSignal(c, s)}).
 *
 * <p>The operations must not use the daemon in their constructors: they are built while it is.
 */
final class Daemon {
  /** How long a call that waits for containers (stop, wait, shutdown) lets virtual time run. */
  static final Duration WAIT_LIMIT = Duration.ofDays(7);

  final VirtualClock clock;

  /** Container, graph and exec IDs (one stream, drawn in request order). */
  final SeededRandom ids;

  final Kernel kernel;
  final EngineEvents events;
  final LocalImages images;
  final NetworkController network;
  final VolumeService volumes;
  final FileSystem hostFs;

  // The container store (moby's container.memoryStore with its ID prefix index).
  private final Map<String, Container> byId = new LinkedHashMap<>();
  private final TreeMap<String, Container> sortedIds = new TreeMap<>();
  private long created;

  /**
   * Changes to what a {@code docker ps} row shows of a container (added, removed, its state, name,
   * health, mounts, any container event): with the network's and the image store's counters, the
   * listing's version ({@link Listing}).
   */
  private long listed;

  /**
   * Counts a change to what {@code c}'s {@code docker ps} row shows: the listing's version and the
   * container's own row version ({@link Container#rowVersion}) move together, here only, so that no
   * write can move one and forget the other.
   */
  void changed(Container c) {
    listed++;
    c.rowVersion++;
  }

  /** The version of everything a listing reads: it moves whenever any of it changes. */
  long listingVersion() {
    return listed + events.published() + network.changes() + images.version();
  }

  /** moby's exec.Store: exec instances by ID. */
  final Map<String, ExecInstance> execs = new HashMap<>();

  /** Between {@link Lifecycle#shutdown} and {@link Lifecycle#boot}: no policy restarts. */
  boolean shuttingDown;

  final Names names;
  final Mounts mounts;
  final Create create;
  final Start start;
  final Monitor monitor;
  final Stop stop;
  final Kill kill;
  final Restart restart;
  final Pause pause;
  final Delete delete;
  final Rename rename;
  final Update update;
  final Wait wait;
  final Attach attach;
  final Exec exec;
  final Logs logs;
  final Top top;
  final Stats stats;
  final HealthMonitor health;
  final Changes changes;
  final Archive archive;
  final Inspect inspect;
  final Listing list;
  final Prune prune;
  final Lifecycle lifecycle;

  Daemon(
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
    this.kernel = kernel;
    this.events = events;
    this.images = images;
    this.network = network;
    this.volumes = volumes;
    this.hostFs = hostFs;
    this.names = new Names(random.fork("container-names"));
    this.mounts = new Mounts(this);
    this.create = new Create(this);
    this.start = new Start(this);
    this.monitor = new Monitor(this);
    this.stop = new Stop(this);
    this.kill = new Kill(this);
    this.restart = new Restart(this);
    this.pause = new Pause(this);
    this.delete = new Delete(this);
    this.rename = new Rename(this);
    this.update = new Update(this);
    this.wait = new Wait(this);
    this.attach = new Attach(this);
    this.exec = new Exec(this);
    this.logs = new Logs(this);
    this.top = new Top(this);
    this.stats = new Stats(this);
    this.health = new HealthMonitor(this);
    this.changes = new Changes(this);
    this.archive = new Archive(this);
    this.inspect = new Inspect(this);
    this.list = new Listing(this);
    this.prune = new Prune(this);
    this.lifecycle = new Lifecycle(this);
  }

  // ---- the container store (moby's daemon/container.go GetContainer) ---------------------------

  /** By full ID, name (with or without "/") or unique ID prefix; 404 "No such container: x". */
  Container get(String ref) {
    Container c = lookup(ref);
    if (c == null) {
      throw EngineException.notFound("No such container: " + ref);
    }
    return c;
  }

  /** As {@link #get}, null when there is no such container. */
  Container lookup(String ref) {
    if (ref == null || ref.isEmpty()) {
      return null;
    }
    Container c = byId.get(ref);
    if (c != null) {
      return c;
    }
    c = names.get(ref);
    if (c != null) {
      return c;
    }
    Map<String, Container> matches = sortedIds.subMap(ref, ref + Character.MAX_VALUE);
    if (matches.size() > 1) {
      throw EngineException.badRequest("Multiple IDs found with provided prefix: " + ref);
    }
    return matches.isEmpty() ? null : matches.values().iterator().next();
  }

  /** By full ID only, null when gone. */
  Container byId(String id) {
    return byId.get(id);
  }

  /** Every container, oldest first (a copy: callers may remove as they go). */
  List<Container> all() {
    return new ArrayList<>(byId.values());
  }

  /** A new container ID, unique on this daemon. */
  String newId() {
    String id;
    do {
      id = ids.hex(64);
    } while (byId.containsKey(id));
    return id;
  }

  /** Registers a created container under its ID and name, in creation order. */
  void add(Container c) {
    c.seq = ++created;
    byId.put(c.id, c);
    changed(c);
    sortedIds.put(c.id, c);
    names.reserve(c.name, c);
  }

  /** The node's disk, which containers' writable layers share with its host filesystem. */
  Disk disk() {
    return hostFs instanceof AbstractFs fs ? fs.disk() : null;
  }

  /**
   * Forgets a container and its exec instances (dockerd answers 404 for them afterwards; the health
   * monitor's probes, one exec each, would otherwise pile up); false when it was already gone.
   */
  boolean forget(Container c) {
    changed(c);
    if (byId.remove(c.id) == null) {
      return false;
    }
    sortedIds.remove(c.id);
    names.release(c.name);
    execs.values().removeIf(e -> e.containerId.equals(c.id));
    return true;
  }

  // ---- events (moby's daemon/events.go LogContainerEventWithAttributes) ------------------------

  /**
   * Emits a container event; its attributes are the container's labels, image and name, then {@code
   * extra} as key, value, key, value….
   */
  void event(Container c, String action, String... extra) {
    changed(c);
    Map<String, String> a = new TreeMap<>();
    if (c.config.labels() != null) {
      a.putAll(c.config.labels());
    }
    a.put("image", c.config.image());
    a.put("name", c.name);
    for (int i = 0; i + 1 < extra.length; i += 2) {
      a.put(extra[i], extra[i + 1]);
    }
    events.container(action, c.id, c.config.image(), a);
  }
}

package dev.ddlab.sim.volume;

import dev.ddlab.engine.EngineException;
import dev.ddlab.engine.VolumesApi;
import dev.ddlab.engine.dto.Volume;
import dev.ddlab.engine.dto.VolumeCreateRequest;
import dev.ddlab.engine.dto.VolumePruneResponse;
import dev.ddlab.fs.FileSystem;
import dev.ddlab.go.GoTime;
import dev.ddlab.sim.clock.SeededRandom;
import dev.ddlab.sim.clock.VirtualClock;
import dev.ddlab.sim.events.EngineEvents;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * moby's volume service with the {@code local} driver: named and anonymous volumes, each a
 * directory of the node's own filesystem, {@code /var/lib/docker/volumes/NAME/_data} (its
 * Mountpoint), with the containers that reference them. What the host writes there is what the
 * containers see, and the other way round (the course copies a page into a Compose volume from the
 * host). Anonymous volumes carry the {@code com.docker.volume.anonymous} label (Docker 23+), which
 * is what {@code volume prune} removes unless {@code all=true}.
 */
public final class VolumeService implements VolumesApi {
  public static final String ANONYMOUS_LABEL = "com.docker.volume.anonymous";

  /** Where the local driver keeps its volumes on the node. */
  public static final String ROOT = "/var/lib/docker/volumes";

  private final VirtualClock clock;
  private final SeededRandom random;
  private final EngineEvents events;
  private final FileSystem hostFs;
  private final Map<String, Vol> volumes = new TreeMap<>();

  /** One volume and who uses it. */
  public static final class Vol {
    final String name;
    final long createdNanos;
    final Map<String, String> labels;
    final Map<String, String> options;
    final Set<String> users = new LinkedHashSet<>();

    Vol(String name, long createdNanos, Map<String, String> labels, Map<String, String> options) {
      this.name = name;
      this.createdNanos = createdNanos;
      this.labels = labels;
      this.options = options;
    }

    public String name() {
      return name;
    }

    public boolean anonymous() {
      return labels.containsKey(ANONYMOUS_LABEL);
    }

    public String mountpoint() {
      return ROOT + "/" + name + "/_data";
    }
  }

  public VolumeService(
      VirtualClock clock, SeededRandom random, EngineEvents events, FileSystem hostFs) {
    this.clock = clock;
    this.random = random;
    this.events = events;
    this.hostFs = hostFs;
  }

  @Override
  public List<Volume> list(Map<String, List<String>> filters) {
    Map<String, List<String>> f = filters == null ? Map.of() : filters;
    for (String key : f.keySet()) {
      if (!List.of("name", "driver", "label", "dangling").contains(key)) {
        throw EngineException.badRequest("invalid filter '" + key + "'");
      }
    }
    List<Volume> out = new ArrayList<>();
    for (Vol v : volumes.values()) {
      if (f.containsKey("name") && f.get("name").stream().noneMatch(v.name::contains)) {
        continue;
      }
      if (f.containsKey("driver") && !f.get("driver").contains("local")) {
        continue;
      }
      if (f.containsKey("dangling")
          && f.get("dangling").stream()
              .noneMatch(d -> Boolean.parseBoolean(d) == v.users.isEmpty())) {
        continue;
      }
      if (f.containsKey("label") && !labelsMatch(v.labels, f.get("label"))) {
        continue;
      }
      out.add(dto(v, false));
    }
    return out;
  }

  static boolean labelsMatch(Map<String, String> labels, List<String> wanted) {
    for (String l : wanted) {
      int eq = l.indexOf('=');
      String k = eq < 0 ? l : l.substring(0, eq);
      if (!labels.containsKey(k) || (eq >= 0 && !labels.get(k).equals(l.substring(eq + 1)))) {
        return false;
      }
    }
    return true;
  }

  @Override
  public Volume inspect(String name) {
    return dto(get(name), false);
  }

  public Vol get(String name) {
    Vol v = volumes.get(name);
    if (v == null) {
      throw EngineException.notFound("get " + name + ": no such volume");
    }
    return v;
  }

  public Vol find(String name) {
    return volumes.get(name);
  }

  @Override
  public Volume create(VolumeCreateRequest request) {
    String driver =
        request.driver() == null || request.driver().isEmpty() ? "local" : request.driver();
    if (!driver.equals("local")) {
      throw EngineException.notFound(
          "error looking up volume plugin " + driver + ": plugin \"" + driver + "\" not found");
    }
    String name = request.name();
    Map<String, String> labels = request.labels() == null ? Map.of() : request.labels();
    if (name == null || name.isEmpty()) {
      name = random.hex(64);
      Map<String, String> l = new LinkedHashMap<>(labels);
      l.put(ANONYMOUS_LABEL, "");
      labels = l;
    } else {
      checkName(name);
    }
    return dto(obtain(name, labels, request.driverOpts()), false);
  }

  /**
   * The local driver's name rule (moby's volume/local validateName), as 400 "create NAME: …";
   * {@code --mount type=volume,source=NAME} is checked with it too.
   */
  public static void checkName(String name) {
    if (!name.matches("[a-zA-Z0-9][a-zA-Z0-9_.-]+")) {
      throw EngineException.badRequest(
          "create "
              + name
              + ": \""
              + name
              + "\" includes invalid characters for a local volume name, only"
              + " \"[a-zA-Z0-9][a-zA-Z0-9_.-]\" are allowed. If you intended to pass a host"
              + " directory, use absolute path");
    }
  }

  /** The volume, created (with a create event) when it does not exist yet. */
  public Vol obtain(String name, Map<String, String> labels, Map<String, String> options) {
    Vol existing = volumes.get(name);
    if (existing != null) {
      return existing;
    }
    Vol v =
        new Vol(
            name,
            clock.nowNanos(),
            Map.copyOf(labels == null ? Map.of() : labels),
            options == null ? Map.of() : Map.copyOf(options));
    if (!hostFs.isDirectory(ROOT)) {
      hostFs.mkdir(ROOT, true);
      hostFs.chmod(ROOT, 0701);
    }
    hostFs.mkdir(v.mountpoint(), true);
    hostFs.chmod(ROOT + "/" + name, 0701);
    volumes.put(name, v);
    events.emit("volume", "create", name, Map.of("driver", "local"));
    return v;
  }

  /** A new anonymous volume (for -v /path and image VOLUMEs). */
  public Vol anonymous() {
    return obtain(random.hex(64), Map.of(ANONYMOUS_LABEL, ""), Map.of());
  }

  @Override
  public void remove(String name, boolean force) {
    Vol v = get(name);
    if (!v.users.isEmpty()) {
      throw EngineException.conflict(
          "remove " + name + ": volume is in use - [" + String.join(", ", v.users) + "]");
    }
    volumes.remove(name);
    if (hostFs.exists(ROOT + "/" + name)) {
      hostFs.remove(ROOT + "/" + name, true);
    }
    events.emit("volume", "destroy", name, Map.of("driver", "local"));
  }

  @Override
  public VolumePruneResponse prune(Map<String, List<String>> filters) {
    boolean all =
        filters != null
            && filters.containsKey("all")
            && filters.get("all").stream().anyMatch(s -> s.equals("true") || s.equals("1"));
    List<String> labels = filters == null ? null : filters.get("label");
    List<String> deleted = new ArrayList<>();
    long reclaimed = 0;
    for (Vol v : new ArrayList<>(volumes.values())) {
      if (!v.users.isEmpty() || (!all && !v.anonymous())) {
        continue;
      }
      if (labels != null && !labelsMatch(v.labels, labels)) {
        continue;
      }
      reclaimed += size(v);
      remove(v.name, false);
      deleted.add(v.name);
    }
    return new VolumePruneResponse(deleted, reclaimed);
  }

  /** A container references the volume (from create until rm). */
  public void use(String name, String containerId) {
    get(name).users.add(containerId);
  }

  public void release(String name, String containerId) {
    Vol v = volumes.get(name);
    if (v != null) {
      v.users.remove(containerId);
    }
  }

  public void mountEvent(String name, String containerId, String destination, boolean rw) {
    Map<String, String> a = new LinkedHashMap<>();
    a.put("container", containerId);
    a.put("destination", destination);
    a.put("driver", "local");
    a.put("propagation", "");
    a.put("read/write", Boolean.toString(rw));
    events.emit("volume", "mount", name, a);
  }

  public void unmountEvent(String name, String containerId) {
    events.emit("volume", "unmount", name, Map.of("container", containerId, "driver", "local"));
  }

  public List<Vol> all() {
    return List.copyOf(volumes.values());
  }

  /**
   * The volume's Mountpoint on the node's filesystem (the one this service was given), made again
   * if someone removed it on the host (as a mount would fail).
   */
  public String data(Vol v) {
    String p = v.mountpoint();
    if (!hostFs.isDirectory(p)) {
      hostFs.mkdir(p, true);
    }
    return p;
  }

  /** Bytes of the volume's files. */
  private long size(Vol v) {
    return FsCopy.size(hostFs, v.mountpoint());
  }

  /** The API's Volume; with {@code usage} the UsageData of system df. */
  public Volume dto(Vol v, boolean usage) {
    return new Volume(
        GoTime.rfc3339NanoOrZero(v.createdNanos).replaceFirst("\\.\\d+Z$", "Z"),
        "local",
        v.labels.isEmpty() ? null : v.labels,
        v.mountpoint(),
        v.name,
        v.options.isEmpty() ? null : v.options,
        "local",
        usage ? Map.of("Size", size(v), "RefCount", (long) v.users.size()) : null);
  }
}

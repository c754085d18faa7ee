package dev.ddlab.sim.host;

import dev.ddlab.engine.EngineException;
import dev.ddlab.engine.SystemApi;
import dev.ddlab.engine.dto.ContainerSummary;
import dev.ddlab.engine.dto.EventMessage;
import dev.ddlab.engine.dto.ImageSummary;
import dev.ddlab.engine.dto.Info;
import dev.ddlab.engine.dto.SystemDf;
import dev.ddlab.engine.dto.Version;
import dev.ddlab.engine.dto.Volume;
import dev.ddlab.events.EngineEvent;
import dev.ddlab.go.GoTime;
import dev.ddlab.sim.container.Container;
import dev.ddlab.sim.events.KeptAnswer;
import dev.ddlab.sim.image.LocalImage;
import dev.ddlab.sim.image.LocalImages;
import dev.ddlab.sim.runtime.Kernel;
import dev.ddlab.sim.volume.VolumeService;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/** /_ping, /version, /info, /system/df and /events of one simulated dockerd (Docker 24.0). */
final class SystemService implements SystemApi {
  static final String VERSION = "24.0.7";
  static final String API_VERSION = "1.43";
  static final String KERNEL = "5.15.0-91-generic";
  private static final Set<String> EVENT_FILTERS =
      Set.of(
          "container",
          "daemon",
          "event",
          "image",
          "label",
          "network",
          "node",
          "plugin",
          "scope",
          "secret",
          "service",
          "type",
          "volume",
          "config");

  private final DockerHost host;

  SystemService(DockerHost host) {
    this.host = host;
  }

  @Override
  public String ping() {
    return "OK";
  }

  @Override
  public Version version() {
    Map<String, Object> engineDetails = new LinkedHashMap<>();
    engineDetails.put("ApiVersion", API_VERSION);
    engineDetails.put("Arch", "amd64");
    engineDetails.put("BuildTime", "2023-10-26T09:07:41.000000000+00:00");
    engineDetails.put("Experimental", "false");
    engineDetails.put("GitCommit", "311b9ff");
    engineDetails.put("GoVersion", "go1.20.10");
    engineDetails.put("KernelVersion", KERNEL);
    engineDetails.put("MinAPIVersion", "1.12");
    engineDetails.put("Os", "linux");
    List<Map<String, Object>> components =
        List.of(
            component("Engine", VERSION, engineDetails),
            component(
                "containerd",
                "1.6.24",
                Map.of("GitCommit", "61f9fd88f79f081d64d6fa3bb1a0dc71ec870523")),
            component("runc", "1.1.9", Map.of("GitCommit", "v1.1.9-0-gccaecfc")),
            component("docker-init", "0.19.0", Map.of("GitCommit", "de40ad0")));
    return new Version(
        Map.of("Name", "Docker Engine - Community"),
        components,
        VERSION,
        API_VERSION,
        "1.12",
        "311b9ff",
        "go1.20.10",
        "linux",
        "amd64",
        KERNEL,
        "2023-10-26T09:07:41.000000000+00:00");
  }

  private static Map<String, Object> component(
      String name, String version, Map<String, ?> details) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("Name", name);
    m.put("Version", version);
    m.put("Details", details);
    return m;
  }

  @Override
  public Info info() {
    int running = 0;
    int paused = 0;
    int stopped = 0;
    List<Container> all = host.containers().all();
    for (Container c : all) {
      switch (c.status()) {
        case RUNNING, RESTARTING -> running++;
        case PAUSED -> paused++;
        default -> stopped++;
      }
    }
    int images = host.images().api() == null ? 0 : host.images().api().list(false, Map.of()).size();
    Map<String, List<String>> plugins = new LinkedHashMap<>();
    plugins.put("Volume", List.of("local"));
    plugins.put("Network", List.of("bridge", "host", "ipvlan", "macvlan", "null", "overlay"));
    plugins.put("Authorization", null);
    plugins.put(
        "Log",
        List.of(
            "awslogs",
            "fluentd",
            "gcplogs",
            "gelf",
            "journald",
            "json-file",
            "local",
            "logentries",
            "splunk",
            "syslog"));
    Map<String, Object> swarm = host.swarm().info();
    Map<String, Map<String, String>> runtimes = new LinkedHashMap<>();
    runtimes.put("io.containerd.runc.v2", Map.of("path", "runc"));
    runtimes.put("runc", Map.of("path", "runc"));
    return new Info(
        host.daemonId(),
        all.size(),
        running,
        paused,
        stopped,
        images,
        "overlay2",
        List.of(
            List.of("Backing Filesystem", "extfs"),
            List.of("Supports d_type", "true"),
            List.of("Using metacopy", "false"),
            List.of("Native Overlay Diff", "true"),
            List.of("userxattr", "false")),
        plugins,
        true,
        true,
        true,
        true,
        true,
        false,
        24 + 2 * running,
        33 + 4 * running,
        GoTime.rfc3339NanoOrZero(host.clock().nowNanos()),
        "json-file",
        "systemd",
        "2",
        0,
        KERNEL,
        "Ubuntu 22.04.3 LTS",
        "22.04",
        "linux",
        "x86_64",
        "https://index.docker.io/v1/",
        Kernel.NCPU,
        Kernel.MEM_TOTAL_BYTES,
        "/var/lib/docker",
        host.name(),
        List.of(),
        false,
        VERSION,
        runtimes,
        "runc",
        swarm,
        false,
        "",
        "docker-init",
        List.of("name=apparmor", "name=seccomp,profile=builtin", "name=cgroupns"),
        List.of());
  }

  /**
   * GET /system/df as moby's {@code daemon/disk_usage.go} asks the image service: every image with
   * how many containers (of any state) were made from it and the size of its layers that another
   * image also has ({@code SharedSize}); {@code LayersSize} counts each layer once, however many
   * images share it (a committed image over alpine adds only its own layer).
   */
  @Override
  public SystemDf df() {
    List<ImageSummary> listed =
        host.images().api() == null ? List.of() : host.images().api().list(true, Map.of());
    LocalImages local = host.images().local();
    Map<String, Map<String, Long>> layersOf = new HashMap<>();
    Map<String, Integer> imagesWith = new HashMap<>();
    Map<String, Long> sizeOf = new HashMap<>();
    for (ImageSummary i : listed) {
      // an image the store cannot show layer by layer counts as one layer of its own
      Map<String, Long> layers =
          local == null
              ? Map.of(i.id(), i.size())
              : local.find(i.id()).map(LocalImage::layerSizes).orElse(Map.of(i.id(), i.size()));
      layersOf.put(i.id(), layers);
      layers.forEach(
          (chainId, size) -> {
            imagesWith.merge(chainId, 1, Integer::sum);
            sizeOf.putIfAbsent(chainId, size);
          });
    }
    List<ImageSummary> images = new ArrayList<>();
    for (ImageSummary i : listed) {
      long shared = 0;
      for (Map.Entry<String, Long> layer : layersOf.get(i.id()).entrySet()) {
        if (imagesWith.get(layer.getKey()) > 1) {
          shared += layer.getValue();
        }
      }
      images.add(
          new ImageSummary(
              host.containersUsing(i.id()).size(),
              i.created(),
              i.id(),
              i.labels(),
              i.parentId(),
              i.repoDigests(),
              i.repoTags(),
              shared,
              i.size()));
    }
    long layers = 0;
    for (long size : sizeOf.values()) {
      layers += size;
    }
    List<ContainerSummary> containers = host.containers().list(true, 0, true, Map.of());
    List<Volume> volumes = new ArrayList<>();
    VolumeService vs = host.volumes();
    for (VolumeService.Vol v : vs.all()) {
      volumes.add(vs.dto(v, true));
    }
    return new SystemDf(layers, images, containers, volumes, List.of());
  }

  @Override
  public List<EventMessage> events(String since, String until, Map<String, List<String>> filters) {
    long now = host.clock().nowNanos();
    long from;
    long to;
    try {
      from = GoTime.parseBound(since, Long.MIN_VALUE);
      to = GoTime.parseBound(until, now);
    } catch (IllegalArgumentException e) {
      throw EngineException.badRequest("invalid timestamp: " + e.getMessage());
    }
    EventFilter filter = filter(filters);
    // the same events as last time while no event was published since: the kept list itself
    dev.ddlab.events.EventBus bus = host.cluster().bus();
    EventsQuery query = new EventsQuery(from, to, filters == null ? Map.of() : filters);
    List<EventMessage> same = lastEvents.get(query, bus.published(), now);
    if (same != null) {
      return same;
    }
    // moby's daemon/events keeps only its last 256 events for --since (eventsLimit) and walks
    // them newest first, stopping at the first one older than since
    List<EventMessage> out = new ArrayList<>();
    int kept = 0;
    for (EngineEvent e : bus.newestFirst(EngineEvent.class)) {
      if (kept == EVENTS_LIMIT) {
        break;
      }
      if (!e.node().equals(host.name())) {
        continue;
      }
      kept++;
      if (e.timeNanos() < from) {
        break;
      }
      if (e.timeNanos() <= to && filter.test(e.message())) {
        out.add(e.message());
      }
    }
    java.util.Collections.reverse(out);
    return lastEvents.keep(
        new EventsQuery(from, to, KeptAnswer.frozen(query.filters())),
        bus.published(),
        now,
        Long.MAX_VALUE,
        out);
  }

  /** What docker events --since/--until asked for: the bounds as times, and the filters. */
  private record EventsQuery(long from, long to, Map<String, List<String>> filters) {}

  /** The last events answered, kept while no event is published ({@link KeptAnswer}). */
  private final KeptAnswer<EventMessage> lastEvents = new KeptAnswer<>();

  /** How many of its latest events a daemon keeps for {@code docker events --since}. */
  static final int EVENTS_LIMIT = 256;

  @Override
  public AutoCloseable subscribe(
      Map<String, List<String>> filters, Consumer<EventMessage> listener) {
    EventFilter filter = filter(filters);
    return host.cluster()
        .bus()
        .subscribe(
            EngineEvent.class,
            e -> {
              if (e.node().equals(host.name()) && filter.test(e.message())) {
                listener.accept(e.message());
              }
            });
  }

  private EventFilter filter(Map<String, List<String>> filters) {
    Map<String, List<String>> f = filters == null ? Map.of() : filters;
    for (String key : f.keySet()) {
      if (!EVENT_FILTERS.contains(key)) {
        throw EngineException.badRequest("Invalid filter '" + key + "'");
      }
    }
    return new EventFilter(
        f,
        ref -> {
          try {
            return host.containers().get(ref).id();
          } catch (EngineException e) {
            return ref;
          }
        });
  }

  @Override
  public dev.ddlab.engine.dto.AuthResponse auth(dev.ddlab.engine.dto.AuthConfig config) {
    dev.ddlab.sim.image.Registry registry = host.cluster().registry();
    String status = registry.login(config.username(), config.password(), config.serverAddress());
    return new dev.ddlab.engine.dto.AuthResponse(status, "");
  }

  @Override
  public long nowNanos() {
    return host.clock().nowNanos();
  }

  @Override
  public dev.ddlab.engine.Pending<Void> after(java.time.Duration d) {
    return dev.ddlab.sim.container.SimPending.after(host.clock(), d);
  }
}

package dev.ddlab.cli.compose;

import dev.ddlab.cli.compose.loader.ComposeException;
import dev.ddlab.cli.compose.types.Project;
import dev.ddlab.cli.compose.types.Project.Port;
import dev.ddlab.cli.compose.types.Project.Service;
import dev.ddlab.cli.compose.types.Project.ServiceNetwork;
import dev.ddlab.cli.compose.types.Project.ServiceVolume;
import dev.ddlab.cli.formatter.Refs;
import dev.ddlab.engine.Engine;
import dev.ddlab.engine.EngineException;
import dev.ddlab.engine.dto.ContainerConfig;
import dev.ddlab.engine.dto.ContainerSummary;
import dev.ddlab.engine.dto.EndpointSettings;
import dev.ddlab.engine.dto.HealthConfig;
import dev.ddlab.engine.dto.HostConfig;
import dev.ddlab.engine.dto.Ipam;
import dev.ddlab.engine.dto.Mount;
import dev.ddlab.engine.dto.Network;
import dev.ddlab.engine.dto.NetworkCreateRequest;
import dev.ddlab.engine.dto.NetworkingConfig;
import dev.ddlab.engine.dto.PortBinding;
import dev.ddlab.engine.dto.RestartPolicy;
import dev.ddlab.engine.dto.Volume;
import dev.ddlab.engine.dto.VolumeCreateRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What {@code docker compose} does with a project, over the Engine API only (compose's {@code
 * pkg/compose}): converge networks, volumes and containers for {@code up}, tear them down for
 * {@code down}, and find a project's containers again by their {@code com.docker.compose.*} labels.
 * The same code drives the simulator and a real daemon.
 */
final class ComposeService {
  static final String VERSION = "2.21.0";
  static final String PROJECT = "com.docker.compose.project";
  static final String SERVICE = "com.docker.compose.service";
  static final String NUMBER = "com.docker.compose.container-number";
  static final String ONEOFF = "com.docker.compose.oneoff";
  static final String WORKING_DIR = "com.docker.compose.project.working_dir";
  static final String CONFIG_FILES = "com.docker.compose.project.config_files";
  static final String CONFIG_HASH = "com.docker.compose.config-hash";
  static final String COMPOSE_VERSION = "com.docker.compose.version";
  static final String IMAGE = "com.docker.compose.image";
  static final String DEPENDS_ON = "com.docker.compose.depends_on";
  static final String NETWORK = "com.docker.compose.network";
  static final String VOLUME = "com.docker.compose.volume";

  /**
   * How a service's image is built: the command reads the {@code build:} context on the client's
   * filesystem and sends it to the Engine's build API (compose's {@code build} through buildx).
   */
  interface ImageBuilder {
    void build(Project p, Service s, String image);
  }

  private final Engine engine;
  private final ImageBuilder builder;

  ComposeService(Engine engine, ImageBuilder builder) {
    this.engine = engine;
    this.builder = builder;
  }

  /** {@code <project>-<service>-<n>}, or {@code container_name}. */
  static String containerName(Project p, Service s, int n) {
    if (s.containerName() != null && !s.containerName().isEmpty()) {
      return s.containerName();
    }
    return p.name() + "-" + s.name() + "-" + n;
  }

  /** The project's containers (all states with {@code all}), sorted by service then number. */
  List<ContainerSummary> containers(String project, boolean all, List<String> services) {
    return containers(project, all, services, false);
  }

  /**
   * The same, with {@code oneOffs} also the containers {@code compose run} made (ps -a and down
   * take them; the other commands leave them alone, as compose's oneOffExclude does).
   */
  List<ContainerSummary> containers(
      String project, boolean all, List<String> services, boolean oneOffs) {
    Map<String, List<String>> f = new LinkedHashMap<>();
    f.put(
        "label",
        oneOffs
            ? List.of(PROJECT + "=" + project)
            : List.of(PROJECT + "=" + project, ONEOFF + "=False"));
    List<ContainerSummary> out = new ArrayList<>();
    for (ContainerSummary c : engine.containers().list(all, 0, false, f)) {
      String svc = label(c, SERVICE);
      if (services == null || services.isEmpty() || services.contains(svc)) {
        out.add(c);
      }
    }
    out.sort(
        Comparator.comparing((ContainerSummary c) -> label(c, SERVICE))
            .thenComparingInt(c -> number(c)));
    return out;
  }

  static String label(ContainerSummary c, String key) {
    return c.labels() == null ? "" : c.labels().getOrDefault(key, "");
  }

  static int number(ContainerSummary c) {
    try {
      return Integer.parseInt(label(c, NUMBER));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  static String name(ContainerSummary c) {
    String n = c.names() == null || c.names().isEmpty() ? c.id() : c.names().get(0);
    return n.startsWith("/") ? n.substring(1) : n;
  }

  // ---------------------------------------------------------------- up

  /**
   * @param defined every service the compose file defines (up of some services is not an orphan of
   *     the others)
   */
  record UpOptions(
      boolean build, Map<String, Integer> scale, boolean removeOrphans, Set<String> defined) {}

  /** What a container of the project needs before it is made (run): images, networks, volumes. */
  void prepare(Project p, Progress progress) {
    ensureImages(p, false, progress);
    networks(p, progress);
    volumes(p, progress);
  }

  /** Creates what is missing (compose's create); {@link ComposeStart} then starts the services. */
  void create(Project p, UpOptions o, Progress progress) {
    String cycle = p.cycle();
    if (cycle != null) {
      throw new ComposeException("cycle found: " + cycle);
    }
    ensureImages(p, o.build(), progress);
    networks(p, progress);
    volumes(p, progress);
    List<ContainerSummary> existing = containers(p.name(), true, null);
    orphans(o.defined(), existing, o.removeOrphans(), progress);
    for (String svcName : p.startOrder()) {
      Service s = p.services().get(svcName);
      int scale = o.scale().getOrDefault(svcName, s.scale());
      for (int n = 1; n <= scale; n++) {
        String name = containerName(p, s, n);
        ContainerSummary c = find(existing, svcName, n);
        if (c != null && configHash(s).equals(label(c, CONFIG_HASH))) {
          if ("running".equals(c.state())) {
            progress.done("Container " + name, "Running");
          }
        } else if (c != null) {
          progress.working("Container " + name, "Recreate");
          engine.containers().stop(c.id(), null);
          engine.containers().remove(c.id(), false, false);
          create(p, s, n);
          progress.done("Container " + name, "Recreated");
        } else {
          progress.working("Container " + name, "Creating");
          create(p, s, n);
          progress.done("Container " + name, "Created");
        }
      }
      for (ContainerSummary extra : existing) {
        if (label(extra, SERVICE).equals(svcName) && number(extra) > scale) {
          stopAndRemove(extra, progress);
        }
      }
    }
  }

  private static HealthConfig health(Project.Healthcheck h) {
    return h == null ? null : h.engine();
  }

  private static ContainerSummary find(List<ContainerSummary> cs, String service, int n) {
    for (ContainerSummary c : cs) {
      if (label(c, SERVICE).equals(service) && number(c) == n) {
        return c;
      }
    }
    return null;
  }

  private void orphans(
      Set<String> defined, List<ContainerSummary> existing, boolean remove, Progress progress) {
    List<String> names = new ArrayList<>();
    for (ContainerSummary c : existing) {
      if (!defined.contains(label(c, SERVICE))) {
        if (remove) {
          stopAndRemove(c, progress);
        } else {
          names.add(name(c));
        }
      }
    }
    warnOrphans(names);
  }

  /** A container up no longer wants (an orphan, or one above the scale): stopped and removed. */
  private void stopAndRemove(ContainerSummary c, Progress progress) {
    String id = "Container " + name(c);
    progress.working(id, "Stopping");
    engine.containers().stop(c.id(), null);
    engine.containers().remove(c.id(), false, false);
    progress.done(id, "Removed");
  }

  /** compose's warning about containers of the project whose service is gone, if there are any. */
  private void warnOrphans(List<String> names) {
    if (!names.isEmpty()) {
      warnings.add(
          "Found orphan containers (["
              + String.join(" ", names)
              + "]) for this project. If you removed or renamed this service in your compose file,"
              + " you can run this command with the --remove-orphans flag to clean it up.");
    }
  }

  /** Warnings compose logs (WARN[0000] …) while it works. */
  final List<String> warnings = new ArrayList<>();

  void ensureImages(Project p, boolean build, Progress progress) {
    for (String svcName : p.startOrder()) {
      Service s = p.services().get(svcName);
      String image = s.imageName(p.name());
      boolean present = imageExists(image);
      if (s.build() != null && (build || !present)) {
        builder.build(p, s, image);
        continue;
      }
      if (!present) {
        pull(s.name(), image, progress);
      }
    }
  }

  boolean imageExists(String image) {
    try {
      engine.images().inspect(image);
      return true;
    } catch (EngineException e) {
      if (e.status() == 404) {
        return false;
      }
      throw e;
    }
  }

  void pull(String id, String image, Progress progress) {
    progress.working(id, "Pulling");
    try {
      engine.images().pull(Refs.withDefaultTag(image), null, false, m -> {});
    } catch (EngineException e) {
      progress.error(id, "Error");
      throw e;
    }
    progress.done(id, "Pulled");
  }

  private void networks(Project p, Progress progress) {
    Set<String> used = new LinkedHashSet<>();
    for (Service s : p.services().values()) {
      used.addAll(s.networks().keySet());
    }
    for (Project.Network n : p.networks().values()) {
      if (!used.contains(n.key())) {
        continue;
      }
      Network existing = findNetwork(n.name());
      if (n.external()) {
        if (existing == null) {
          throw new EngineException(
              404, "network " + n.name() + " declared as external, but could not be found");
        }
        continue;
      }
      if (existing != null) {
        continue;
      }
      Map<String, String> labels = new TreeMap<>(n.labels());
      labels.put(NETWORK, n.key());
      labels.put(PROJECT, p.name());
      labels.put(COMPOSE_VERSION, VERSION);
      Ipam ipam = null;
      if (n.ipam() != null) {
        ipam = n.ipam().toEngine("default");
      }
      String id = "Network " + n.name();
      progress.working(id, "Creating");
      engine
          .networks()
          .create(
              new NetworkCreateRequest(
                  n.name(),
                  n.driver().isEmpty() ? "bridge" : n.driver(),
                  n.internal(),
                  n.attachable(),
                  false,
                  ipam,
                  false,
                  n.driverOpts(),
                  labels));
      progress.done(id, "Created");
    }
  }

  Network findNetwork(String name) {
    for (Network n : engine.networks().list(Map.of("name", List.of(name)))) {
      if (n.name().equals(name)) {
        return n;
      }
    }
    return null;
  }

  private void volumes(Project p, Progress progress) {
    for (Project.Volume v : p.volumes().values()) {
      Volume existing = findVolume(v.name());
      if (v.external()) {
        if (existing == null) {
          throw new EngineException(404, "external volume \"" + v.name() + "\" not found");
        }
        continue;
      }
      if (existing != null) {
        continue;
      }
      Map<String, String> labels = new TreeMap<>(v.labels());
      labels.put(PROJECT, p.name());
      labels.put(COMPOSE_VERSION, VERSION);
      labels.put(VOLUME, v.key());
      String id = "Volume \"" + v.name() + "\"";
      progress.working(id, "Creating");
      engine
          .volumes()
          .create(new VolumeCreateRequest(v.name(), v.driver(), v.driverOpts(), labels));
      progress.done(id, "Created");
    }
  }

  Volume findVolume(String name) {
    try {
      return engine.volumes().inspect(name);
    } catch (EngineException e) {
      if (e.status() == 404) {
        return null;
      }
      throw e;
    }
  }

  /** A hash of what the container is made from, so an unchanged service is left running. */
  static String configHash(Service s) {
    try {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(d.digest(s.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private String create(Project p, Service s, int n) {
    return create(p, s, n, null);
  }

  /**
   * What {@code compose run} changes in a service's container: a one-off with its own name and
   * slug, the command, entrypoint, user, workdir and variables given, a TTY and stdin, the
   * service's ports only with {@code --service-ports} (or the ones given), no restart policy,
   * {@code --rm}.
   */
  record OneOff(
      String name,
      String slug,
      List<String> command,
      List<String> entrypoint,
      List<String> env,
      String user,
      String workdir,
      boolean tty,
      boolean servicePorts,
      List<Port> ports,
      boolean remove) {}

  /** Creates a one-off container of the service ({@code compose run}); returns its ID. */
  String createOneOff(Project p, Service s, OneOff run) {
    return create(p, s, 1, run);
  }

  private String create(Project p, Service s, int n, OneOff run) {
    String name = run == null ? containerName(p, s, n) : run.name();
    Map<String, String> labels = new TreeMap<>(s.labels());
    labels.put(PROJECT, p.name());
    labels.put(SERVICE, s.name());
    labels.put(NUMBER, Integer.toString(n));
    labels.put(ONEOFF, run == null ? "False" : "True");
    if (run != null) {
      labels.put("com.docker.compose.slug", run.slug());
    }
    labels.put(WORKING_DIR, p.workingDir());
    labels.put(CONFIG_FILES, String.join(",", p.configFiles()));
    labels.put(CONFIG_HASH, configHash(s));
    labels.put(COMPOSE_VERSION, VERSION);
    String image = s.imageName(p.name());
    labels.put(IMAGE, engine.images().inspect(image).id());
    List<String> deps = new ArrayList<>();
    s.dependsOn().forEach((k, v) -> deps.add(k + ":" + v.condition() + ":" + v.restart()));
    labels.put(DEPENDS_ON, String.join(",", deps));

    List<String> env = new ArrayList<>();
    s.environment().forEach((k, v) -> env.add(k + "=" + v));
    if (run != null) {
      env.addAll(run.env());
    }
    Map<String, Map<String, Object>> exposed = new TreeMap<>();
    Map<String, List<PortBinding>> bindings = new TreeMap<>();
    List<Port> published = run == null || run.servicePorts() ? s.ports() : run.ports();
    for (Port port : published) {
      String key = port.target() + "/" + port.protocol();
      exposed.put(key, Map.of());
      bindings
          .computeIfAbsent(key, k -> new ArrayList<>())
          .add(new PortBinding(port.hostIp(), port.published()));
    }
    for (String e : s.expose()) {
      exposed.put(e.contains("/") ? e : e + "/tcp", Map.of());
    }
    List<Mount> mounts = new ArrayList<>();
    List<String> binds = new ArrayList<>();
    for (ServiceVolume v : s.volumes()) {
      String source = v.source();
      if (v.type().equals("volume") && !source.isEmpty()) {
        source = p.volumes().get(source).name();
      }
      if (v.type().equals("bind") && v.createHostPath()) {
        // compose uses the Binds API when the host path is to be made if missing
        binds.add(source + ":" + v.target() + ":" + (v.readOnly() ? "ro" : "rw"));
      } else {
        mounts.add(new Mount(v.type(), source, v.target(), v.readOnly()));
      }
    }
    mounts.addAll(ComposeFiles.mounts(p, s, warnings::add));
    String networkMode = s.networkMode();
    Map<String, EndpointSettings> endpoints = new LinkedHashMap<>();
    List<Map.Entry<String, ServiceNetwork>> nets = new ArrayList<>(s.networks().entrySet());
    if (networkMode == null && !nets.isEmpty()) {
      Map.Entry<String, ServiceNetwork> first = nets.get(0);
      networkMode = p.networks().get(first.getKey()).name();
      endpoints.put(networkMode, endpoint(p, s, name, first.getValue()));
    }
    RestartPolicy restart = run == null ? restartPolicy(s.restart()) : new RestartPolicy("no", 0);
    String user = run != null && !run.user().isEmpty() ? run.user() : s.user();
    String workdir = run != null && !run.workdir().isEmpty() ? run.workdir() : s.workingDir();
    ContainerConfig config =
        new ContainerConfig(
            s.hostname() == null ? "" : s.hostname(),
            "",
            user == null ? "" : user,
            run != null,
            true,
            true,
            exposed.isEmpty() ? null : exposed,
            run == null ? s.tty() : run.tty(),
            run != null || s.stdinOpen(),
            run != null,
            env,
            run != null && !run.command().isEmpty() ? run.command() : s.command(),
            health(s.healthcheck()),
            image,
            null,
            workdir == null ? "" : workdir,
            run != null && run.entrypoint() != null ? run.entrypoint() : s.entrypoint(),
            null,
            labels,
            s.stopSignal(),
            s.stopGracePeriodSeconds());
    HostConfig hc =
        HostConfig.none().toBuilder()
            .networkMode(networkMode)
            .portBindings(bindings.isEmpty() ? null : bindings)
            .restartPolicy(restart)
            .binds(binds.isEmpty() ? null : binds)
            .mounts(mounts.isEmpty() ? null : mounts)
            .autoRemove(run != null && run.remove())
            .build();
    String id =
        engine.containers().create(name, config, hc, new NetworkingConfig(endpoints), null).id();
    for (int i = 1; i < nets.size(); i++) {
      Map.Entry<String, ServiceNetwork> e = nets.get(i);
      engine
          .networks()
          .connect(p.networks().get(e.getKey()).name(), id, endpoint(p, s, name, e.getValue()));
    }
    ComposeFiles.inject(engine, p, s, id);
    return id;
  }

  private static EndpointSettings endpoint(
      Project p, Service s, String containerName, ServiceNetwork n) {
    List<String> aliases = new ArrayList<>();
    aliases.add(containerName);
    aliases.add(s.name());
    aliases.addAll(n.aliases());
    return EndpointSettings.request(n.ipv4Address(), aliases);
  }

  static RestartPolicy restartPolicy(String restart) {
    if (restart == null || restart.isEmpty() || restart.equals("no")) {
      return new RestartPolicy("no", 0);
    }
    if (restart.startsWith("on-failure")) {
      int colon = restart.indexOf(':');
      return new RestartPolicy(
          "on-failure", colon < 0 ? 0 : Integer.parseInt(restart.substring(colon + 1)));
    }
    return new RestartPolicy(restart, 0);
  }

  // ---------------------------------------------------------------- down and friends

  record DownOptions(boolean volumes, String rmi, boolean removeOrphans, Integer timeout) {}

  void down(Project p, DownOptions o, Progress progress) {
    // the one-offs of run only with --remove-orphans (compose v2's oneOffExclude otherwise)
    List<ContainerSummary> cs = containers(p.name(), true, null, o.removeOrphans());
    List<ContainerSummary> ordered = ordered(p, cs, true);
    // compose v2 (unlike docker-compose 1.x) says nothing of the orphans down leaves
    for (ContainerSummary c : cs) {
      if (!p.services().containsKey(label(c, SERVICE)) && o.removeOrphans()) {
        ordered.add(c);
      }
    }
    for (ContainerSummary c : ordered) {
      String id = "Container " + name(c);
      if (live(c)) {
        progress.working(id, "Stopping");
        engine.containers().stop(c.id(), o.timeout());
        progress.done(id, "Stopped");
      }
      progress.working(id, "Removing");
      engine.containers().remove(c.id(), true, o.volumes());
      progress.done(id, "Removed");
    }
    for (Project.Network n : p.networks().values()) {
      if (n.external()) {
        continue;
      }
      Network existing = findNetwork(n.name());
      if (existing == null
          || existing.labels() == null
          || !p.name().equals(existing.labels().get(PROJECT))) {
        continue;
      }
      String id = "Network " + n.name();
      progress.working(id, "Removing");
      Network inspected = engine.networks().inspect(existing.id());
      if (inspected.containers() != null && !inspected.containers().isEmpty()) {
        // compose leaves a network other containers still use (an orphan, a profile's service)
        progress.warning(id, "Resource is still in use");
        continue;
      }
      engine.networks().remove(existing.id());
      progress.done(id, "Removed");
    }
    if (o.volumes()) {
      for (Project.Volume v : p.volumes().values()) {
        if (v.external() || findVolume(v.name()) == null) {
          continue;
        }
        String id = "Volume " + v.name();
        progress.working(id, "Removing");
        engine.volumes().remove(v.name(), false);
        progress.done(id, "Removed");
      }
    }
    if (o.rmi() != null && !o.rmi().isEmpty()) {
      Set<String> images = new LinkedHashSet<>();
      for (Service s : p.services().values()) {
        boolean local = s.image() == null || s.image().isEmpty();
        if (o.rmi().equals("all") || local) {
          images.add(s.imageName(p.name()));
        }
      }
      for (String image : images) {
        if (!imageExists(image)) {
          continue;
        }
        String id = "Image " + image;
        progress.working(id, "Removing");
        engine.images().remove(image, false, false);
        progress.done(id, "Removed");
      }
    }
  }

  /** stop: in reverse dependency order. */
  void stop(Project p, List<String> services, Integer timeout, Progress progress) {
    for (ContainerSummary c : inOrder(p, services, true)) {
      if (!live(c)) {
        continue;
      }
      String id = "Container " + name(c);
      progress.working(id, "Stopping");
      engine.containers().stop(c.id(), timeout);
      progress.done(id, "Stopped");
    }
  }

  void start(Project p, List<String> services, Progress progress) {
    for (ContainerSummary c : inOrder(p, services, false)) {
      if ("running".equals(c.state())) {
        continue;
      }
      String id = "Container " + name(c);
      progress.working(id, "Starting");
      engine.containers().start(c.id());
      progress.done(id, "Started");
    }
  }

  void restart(Project p, List<String> services, Integer timeout, Progress progress) {
    for (ContainerSummary c : inOrder(p, services, false)) {
      String id = "Container " + name(c);
      progress.working(id, "Restarting");
      engine.containers().restart(c.id(), timeout);
      progress.done(id, "Started");
    }
  }

  /** rm: stopped containers only (running ones with {@code -s}, stopped first). */
  List<ContainerSummary> stopped(Project p, List<String> services) {
    List<ContainerSummary> out = new ArrayList<>();
    for (ContainerSummary c : inOrder(p, services, true)) {
      if (!"running".equals(c.state())) {
        out.add(c);
      }
    }
    return out;
  }

  void remove(List<ContainerSummary> cs, boolean volumes, Progress progress) {
    for (ContainerSummary c : cs) {
      String id = "Container " + name(c);
      progress.working(id, "Removing");
      engine.containers().remove(c.id(), true, volumes);
      progress.done(id, "Removed");
    }
  }

  /** Whether the container has a process to stop (running, paused or restarting). */
  private static boolean live(ContainerSummary c) {
    return "running".equals(c.state())
        || "paused".equals(c.state())
        || "restarting".equals(c.state());
  }

  /** The project's containers in start order (or its reverse). */
  List<ContainerSummary> inOrder(Project p, List<String> services, boolean reverse) {
    return ordered(p, containers(p.name(), true, services), reverse);
  }

  /** {@code cs} in the project's start order (or its reverse); orphans are left out. */
  private static List<ContainerSummary> ordered(
      Project p, List<ContainerSummary> cs, boolean reverse) {
    List<String> order = new ArrayList<>(p.startOrder());
    if (reverse) {
      java.util.Collections.reverse(order);
    }
    List<ContainerSummary> out = new ArrayList<>();
    for (String svc : order) {
      for (ContainerSummary c : cs) {
        if (label(c, SERVICE).equals(svc)) {
          out.add(c);
        }
      }
    }
    return out;
  }
}

package dev.ddlab.bridge.guard;

import static dev.ddlab.bridge.guard.GuardSession.refused;

import dev.ddlab.engine.EngineException;
import dev.ddlab.engine.dto.ContainerConfig;
import dev.ddlab.engine.dto.ContainerInspect;
import dev.ddlab.engine.dto.EndpointSettings;
import dev.ddlab.engine.dto.HealthConfig;
import dev.ddlab.engine.dto.HostConfig;
import dev.ddlab.engine.dto.ImageInspect;
import dev.ddlab.engine.dto.Mount;
import dev.ddlab.engine.dto.MountPoint;
import dev.ddlab.engine.dto.Network;
import dev.ddlab.engine.dto.NetworkingConfig;
import dev.ddlab.engine.dto.PortBinding;
import dev.ddlab.engine.dto.Volume;
import dev.ddlab.engine.dto.VolumeCreateRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The checks of a container's create request, as allow-lists: every field of the request is either
 * passed as given (it cannot reach beyond the container) or checked here, and a value not allowed
 * is refused naming the flag. Namespaces may join only the session's own containers, networks and
 * volumes are the session's own (never the host network, however it is named), mounts are named
 * volumes or tmpfs, published ports listen on the policy's address, and resource limits are filled
 * in from the policy and never above it. References to the session's objects are rewritten to full
 * IDs, so the daemon cannot resolve them to anything else.
 */
final class CreateCheck {
  /** Fields of HostConfig passed as the learner gave them. */
  static final Set<String> HOST_CONFIG_AS_GIVEN =
      union(
          HostConfigExtras.AS_GIVEN,
          "restartPolicy",
          "autoRemove",
          "capDrop",
          "dns",
          "dnsOptions",
          "dnsSearch",
          "extraHosts",
          "init",
          "readonlyRootfs",
          "tmpfs");

  /** Fields of HostConfig checked (and maybe rewritten) here. */
  static final Set<String> HOST_CONFIG_CHECKED =
      union(
          HostConfigExtras.CHECKED,
          "binds",
          "networkMode",
          "portBindings",
          "volumesFrom",
          "capAdd",
          "ipcMode",
          "pidMode",
          "privileged",
          "publishAllPorts",
          "securityOpt",
          "utsMode",
          "memory",
          "nanoCpus",
          "pidsLimit",
          "devices",
          "mounts",
          "shmSize",
          "memorySwap",
          "ulimits");

  private static Set<String> union(Set<String> a, String... more) {
    Set<String> all = new java.util.HashSet<>(a);
    all.addAll(List.of(more));
    return Set.copyOf(all);
  }

  /**
   * Fields of ContainerConfig checked here (image, labels) or used (exposed ports); the rest pass.
   */
  static final Set<String> CONTAINER_CONFIG_CHECKED =
      Set.of("image", "labels", "exposedPorts", "healthcheck");

  /**
   * The shortest health-check interval and timeout the shared daemon runs: every probe is an exec
   * on it, and {@code --health-interval 1ms} would be a thousand a second.
   */
  static final long MIN_HEALTH_INTERVAL_NANOS = 1_000_000_000L;

  /** Fields of EndpointSettings checked here; the rest describe the endpoint and pass. */
  static final Set<String> ENDPOINT_CHECKED =
      Set.of("links", "driverOpts", "ipamConfig", "macAddress");

  private static final Set<String> IPC_MODES = Set.of("private", "shareable", "none");
  private static final Set<String> NETWORK_MODES = Set.of("default", "bridge", "none");
  private static final Set<String> MOUNT_TYPES = Set.of("volume", "tmpfs");
  private static final Set<String> BIND_OPTIONS = Set.of("ro", "rw", "z", "Z", "nocopy");

  /**
   * A create request after the checks: what goes to the daemon, and the named volumes it mounts
   * that do not exist yet (created for the session only once every check has passed, so that a
   * refused request leaves nothing behind).
   */
  record Checked(
      ContainerConfig config,
      HostConfig host,
      NetworkingConfig networking,
      List<String> newVolumes) {}

  private final GuardSession session;
  private final GuardedVolumes volumes;

  CreateCheck(GuardSession session, GuardedVolumes volumes) {
    this.session = session;
    this.volumes = volumes;
  }

  /**
   * Checks a container's create request; {@code name} is the learner's (or null), given to the
   * container as an alias on the session's own networks.
   */
  Checked check(ContainerConfig config, HostConfig host, NetworkingConfig networking, String name) {
    List<String> newVolumes = new ArrayList<>();
    ContainerConfig base = config == null ? ContainerConfig.empty() : config;
    checkHealthcheck(base.healthcheck());
    Set<String> exposed = new LinkedHashSet<>();
    if (base.exposedPorts() != null) {
      exposed.addAll(base.exposedPorts().keySet());
    }
    ImageInspect image = image(base.image());
    if (image != null && image.config() != null && image.config().exposedPorts() != null) {
      exposed.addAll(image.config().exposedPorts().keySet());
    }
    HostConfig checkedHost =
        labelAnonymousVolumes(hostConfig(host, exposed, newVolumes), base, image);
    NetworkingConfig checkedNet =
        networking(networking, host == null ? null : host.networkMode(), name);
    ContainerConfig labelled =
        new ContainerConfig(
            base.hostname(),
            base.domainname(),
            base.user(),
            base.attachStdin(),
            base.attachStdout(),
            base.attachStderr(),
            base.exposedPorts(),
            base.tty(),
            base.openStdin(),
            base.stdinOnce(),
            base.env(),
            base.cmd(),
            base.healthcheck(),
            base.image(),
            base.volumes(),
            base.workingDir(),
            base.entrypoint(),
            base.onBuild(),
            session.labelled(base.labels()),
            base.stopSignal(),
            base.stopTimeout());
    return new Checked(labelled, checkedHost, checkedNet, List.copyOf(newVolumes));
  }

  /**
   * The image, when the daemon has it and the session may see it; null when the daemon has not (its
   * own 404 at create is the answer, and the CLI's pull goes through the guard).
   */
  private ImageInspect image(String ref) {
    if (ref == null || ref.isEmpty()) {
      return null;
    }
    ImageInspect img;
    try {
      img = session.inner.images().inspect(ref);
    } catch (EngineException e) {
      if (e.isNotFound()) {
        return null;
      }
      throw e;
    }
    if (!session.visible(img, ref)) {
      throw GuardSession.noSuchImage(ref);
    }
    return img;
  }

  /**
   * Refuses host access; returns the host config with the session's limits filled in, and adds to
   * {@code newVolumes} the named volumes to create.
   */
  HostConfig hostConfig(HostConfig given, Set<String> exposedPorts, List<String> newVolumes) {
    HostConfig h = given == null ? HostConfig.none() : given;
    if (h.privileged()) {
      throw refused(
          "--privileged bị chặn: container đặc quyền có toàn quyền trên máy chủ dùng chung.");
    }
    if (h.devices() != null && !h.devices().isEmpty()) {
      throw refused("--device bị chặn: container không được dùng thiết bị của máy chủ.");
    }
    if (h.capAdd() != null && !h.capAdd().isEmpty()) {
      throw refused(
          "--cap-add bị chặn ("
              + String.join(", ", h.capAdd())
              + "): không được thêm quyền Linux cho container.");
    }
    if (h.securityOpt() != null && !h.securityOpt().isEmpty()) {
      throw refused(
          "--security-opt bị chặn ("
              + String.join(", ", h.securityOpt())
              + "): không được nới lỏng seccomp/AppArmor của container.");
    }
    String pid =
        namespace(
            "--pid",
            h.pidMode(),
            Set.of(),
            true,
            "--pid host bị chặn: container sẽ thấy và điều khiển mọi tiến trình của máy chủ.");
    String ipc =
        namespace(
            "--ipc",
            h.ipcMode(),
            IPC_MODES,
            true,
            "--ipc host bị chặn: container sẽ dùng chung bộ nhớ IPC của máy chủ.");
    String uts =
        namespace(
            "--uts",
            h.utsMode(),
            Set.of(),
            false,
            "--uts host bị chặn: container có thể đổi hostname của máy chủ.");
    String network = networkMode(h.networkMode());
    List<String> binds =
        h.binds() == null ? null : h.binds().stream().map(b -> checkBind(b, newVolumes)).toList();
    List<Mount> mounts =
        h.mounts() == null
            ? null
            : h.mounts().stream().map(m -> checkMount(m, newVolumes)).toList();
    List<String> volumesFrom = null;
    if (h.volumesFrom() != null) {
      volumesFrom = new ArrayList<>();
      for (String v : h.volumesFrom()) {
        int colon = v.indexOf(':');
        String mode = colon < 0 ? "" : v.substring(colon);
        volumesFrom.add(session.ownContainerId(colon < 0 ? v : v.substring(0, colon)) + mode);
      }
    }
    Map<String, List<PortBinding>> ports =
        ports(h.portBindings(), h.publishAllPorts(), exposedPorts);
    GuardPolicy policy = session.policy;
    long memory = limit(h.memory(), policy.memoryBytes(), "--memory");
    long cpus = limit(h.nanoCpus(), policy.nanoCpus(), "--cpus");
    long pids =
        limit(h.pidsLimit() == null ? 0 : h.pidsLimit(), policy.pidsLimit(), "--pids-limit");
    if (h.shmSize() > memory) {
      throw refused("--shm-size vượt giới hạn bộ nhớ của phiên (tối đa " + memory + ").");
    }
    checkSwap(h.memorySwap(), memory);
    if (h.ulimits() != null) {
      h.ulimits().forEach(CreateCheck::checkUlimit);
    }
    HostConfigExtras.check(h);
    return h.toBuilder()
        .binds(binds)
        .mounts(mounts)
        .networkMode(network)
        .portBindings(ports)
        .volumesFrom(volumesFrom)
        .ipcMode(ipc)
        .pidMode(pid)
        .privileged(false)
        .publishAllPorts(false)
        .utsMode(uts)
        .memory(memory)
        .nanoCpus(cpus)
        .pidsLimit(pids)
        .build();
  }

  /**
   * A namespace mode from its allow-list: the container's own namespace (empty), the listed modes,
   * and, where Docker has it, {@code container:X} for a container of the session only (rewritten to
   * its full ID).
   */
  private String namespace(
      String flag, String mode, Set<String> allowed, boolean containerMode, String hostRefusal) {
    if (mode == null || mode.isEmpty() || allowed.contains(mode)) {
      return mode;
    }
    if ("host".equals(mode)) {
      throw refused(hostRefusal);
    }
    if (containerMode && mode.startsWith("container:")) {
      return "container:" + session.ownContainerId(mode.substring("container:".length()));
    }
    throw refused(
        flag
            + " "
            + mode
            + " bị chặn: trên máy chủ dùng chung chỉ dùng được namespace riêng của container"
            + (containerMode ? " hoặc container:<container của phiên này>" : "")
            + ".");
  }

  /** The network mode: the daemon's defaults, none, or a network the session may join. */
  private String networkMode(String mode) {
    if (mode == null || mode.isEmpty() || NETWORK_MODES.contains(mode)) {
      return mode;
    }
    if (mode.startsWith("container:")) {
      return "container:" + session.ownContainerId(mode.substring("container:".length()));
    }
    Network n = session.joinableNetwork(mode);
    return daemonRef(mode, n);
  }

  /**
   * How the daemon is told of network {@code n} that the learner named {@code ref}: by the daemon's
   * name when the learner used the name ({@code net1} is {@code net1.<suffix>} there), else by ID.
   */
  private String daemonRef(String ref, Network n) {
    return ref.equals(session.names.shown(n.name())) ? n.name() : n.id();
  }

  /**
   * The networks of NetworkingConfig: each one the session may join, endpoints checked, and the
   * container's name an alias on the session's own networks (the NetworkMode's too when the request
   * has no endpoint for it), so that the embedded DNS answers the name the learner gave.
   */
  private NetworkingConfig networking(NetworkingConfig n, String networkMode, String name) {
    Map<String, EndpointSettings> out = new LinkedHashMap<>();
    Set<String> joined = new java.util.HashSet<>();
    if (n != null && n.endpointsConfig() != null) {
      for (Map.Entry<String, EndpointSettings> e : n.endpointsConfig().entrySet()) {
        Network net = session.joinableNetwork(e.getKey());
        joined.add(net.id());
        out.put(
            daemonRef(e.getKey(), net), session.aliased(net, name, endpoint(net, e.getValue())));
      }
    }
    if (name != null
        && networkMode != null
        && !networkMode.isEmpty()
        && !NETWORK_MODES.contains(networkMode)
        && !networkMode.startsWith("container:")) {
      Network net = session.joinableNetwork(networkMode);
      if (!joined.contains(net.id()) && session.mine(net.labels())) {
        out.put(daemonRef(networkMode, net), session.aliased(net, name, null));
      }
    }
    return n == null && out.isEmpty() ? n : new NetworkingConfig(out);
  }

  /**
   * An endpoint on a network the session may join: links only to the session's containers (a link
   * copies the linked container's environment), no driver options, and a chosen address or MAC only
   * on the session's own networks (on the shared bridge they could take another session's).
   */
  EndpointSettings endpoint(Network network, EndpointSettings e) {
    if (e == null) {
      return null;
    }
    if (e.driverOpts() != null && !e.driverOpts().isEmpty()) {
      throw refused("tuỳ chọn driver của endpoint bị chặn trên máy chủ dùng chung.");
    }
    boolean own = session.mine(network.labels());
    boolean ipam =
        e.ipamConfig() != null
            && e.ipamConfig().values().stream().anyMatch(v -> v != null && !v.isEmpty());
    if (!own && (ipam || (e.macAddress() != null && !e.macAddress().isEmpty()))) {
      throw refused(
          "--ip/--mac-address chỉ dùng được trên network do phiên này tạo; trên network "
              + network.name()
              + " dùng chung, nó có thể chiếm địa chỉ của phiên khác.");
    }
    List<String> links = null;
    if (e.links() != null) {
      links = new ArrayList<>();
      for (String link : e.links()) {
        int colon = link.indexOf(':');
        String name = colon < 0 ? link : link.substring(0, colon);
        String alias = colon < 0 ? name : link.substring(colon + 1);
        links.add(session.ownContainerId(name) + ":" + alias);
      }
    }
    return e.with(links, e.aliases());
  }

  /**
   * -v SOURCE:TARGET[:OPTIONS]: a named volume of the session, with the plain options; returns the
   * bind with the daemon's name of the volume.
   */
  private String checkBind(String bind, List<String> newVolumes) {
    String[] parts = bind.split(":");
    String source = parts[0];
    checkSocket(source, bind);
    if (source.startsWith("/") || source.startsWith(".") || source.startsWith("~")) {
      throw bindRefused(bind);
    }
    if (parts.length > 2) {
      for (String option : parts[2].split(",")) {
        if (!BIND_OPTIONS.contains(option)) {
          throw refused(
              "tuỳ chọn mount "
                  + option
                  + " (-v "
                  + bind
                  + ") bị chặn: chỉ dùng được "
                  + String.join(", ", List.of("ro", "rw", "z", "Z", "nocopy"))
                  + ".");
        }
      }
    }
    return ownOrNewVolume(source, newVolumes) + bind.substring(source.length());
  }

  /**
   * --mount: a named (or anonymous) volume of the session, or a tmpfs; returns the mount with the
   * daemon's name of the volume.
   */
  private Mount checkMount(Mount m, List<String> newVolumes) {
    String spec = m.source() + ":" + m.target();
    checkSocket(m.source(), spec);
    if ("bind".equals(m.type())) {
      throw bindRefused(spec);
    }
    if (!MOUNT_TYPES.contains(m.type())) {
      throw refused(
          "--mount type=" + m.type() + " bị chặn: chỉ dùng được type=volume hoặc type=tmpfs.");
    }
    if ("volume".equals(m.type()) && m.source() != null && !m.source().isEmpty()) {
      return new Mount(m.type(), ownOrNewVolume(m.source(), newVolumes), m.target(), m.readOnly());
    }
    if ("volume".equals(m.type())) {
      return anonymousVolume(m.target(), m.readOnly());
    }
    // rebuilt without VolumeOptions: labels on a volume the shared daemon creates are the guard's
    // to give (they mark whose it is), never the learner's; a tmpfs keeps its size and mode (its
    // pages are charged to the container's memory limit)
    return new Mount(m.type(), m.source(), m.target(), m.readOnly(), null, m.tmpfsOptions());
  }

  /**
   * An anonymous volume at {@code target}, as a --mount without a source whose VolumeOptions carry
   * the session's labels (never the learner's): the daemon names it (64 hex digits) and labels it,
   * so the session owns it by label, and {@link Reaper#reapOrphans} finds it after a crash.
   */
  private Mount anonymousVolume(String target, boolean readOnly) {
    return new Mount(
        "volume", null, target, readOnly, new Mount.VolumeOptions(false, session.labelled(null)));
  }

  /**
   * The anonymous volumes the daemon would make unlabelled ({@code -v /data}, the image's {@code
   * VOLUME}s not covered by a bind, a mount or a tmpfs) asked for as labelled --mount volumes
   * ({@link #anonymousVolume}); {@code Config.Volumes} stays as the learner's CLI sent it. Not with
   * {@code --volumes-from}, whose volumes take those paths first: the daemon makes the rest as
   * before (adopted by name, {@link GuardSession#adoptAnonymousVolumes}).
   */
  private HostConfig labelAnonymousVolumes(
      HostConfig h, ContainerConfig config, ImageInspect image) {
    if (h.volumesFrom() != null && !h.volumesFrom().isEmpty()) {
      return h;
    }
    Set<String> targets = new LinkedHashSet<>();
    if (config.volumes() != null) {
      targets.addAll(config.volumes().keySet());
    }
    if (image != null && image.config() != null && image.config().volumes() != null) {
      targets.addAll(image.config().volumes().keySet());
    }
    List<Mount> mounts = new ArrayList<>(h.mounts() == null ? List.of() : h.mounts());
    Set<String> covered = new java.util.HashSet<>();
    if (h.binds() != null) {
      for (String b : h.binds()) {
        String[] parts = b.split(":");
        covered.add(cleanPath(parts.length > 1 ? parts[1] : parts[0]));
      }
    }
    mounts.forEach(m -> covered.add(cleanPath(m.target())));
    if (h.tmpfs() != null) {
      h.tmpfs().keySet().forEach(t -> covered.add(cleanPath(t)));
    }
    int given = mounts.size();
    for (String target : targets) {
      if (covered.add(cleanPath(target))) {
        mounts.add(anonymousVolume(target, false));
      }
    }
    return mounts.size() == given ? h : h.toBuilder().mounts(mounts).build();
  }

  /**
   * A container as the learner's CLI made it: the mounts {@link #labelAnonymousVolumes} added for
   * paths of {@code Config.Volumes} (the learner's {@code -v /data}, the image's {@code VOLUME})
   * are not in {@code HostConfig.Mounts}, and their mount points read {@code Mode ""}, as the
   * daemon's own anonymous volumes do.
   */
  static ContainerInspect asCreated(ContainerInspect c) {
    HostConfig h = c.hostConfig();
    if (h == null || h.mounts() == null || c.config() == null || c.config().volumes() == null) {
      return c;
    }
    Set<String> fromConfig = new java.util.HashSet<>();
    c.config().volumes().keySet().forEach(t -> fromConfig.add(cleanPath(t)));
    List<Mount> given = new ArrayList<>();
    Set<String> added = new java.util.HashSet<>();
    for (Mount m : h.mounts()) {
      boolean guards =
          "volume".equals(m.type())
              && (m.source() == null || m.source().isEmpty())
              && m.volumeOptions() != null
              && m.volumeOptions().labels() != null
              && m.volumeOptions().labels().containsKey(GuardedEngine.SESSION_LABEL)
              && fromConfig.contains(cleanPath(m.target()));
      if (guards) {
        added.add(cleanPath(m.target()));
      } else {
        given.add(m);
      }
    }
    if (added.isEmpty()) {
      return c;
    }
    List<MountPoint> points =
        c.mounts() == null
            ? null
            : c.mounts().stream()
                .map(
                    p ->
                        added.contains(cleanPath(p.destination()))
                            ? new MountPoint(
                                p.type(),
                                p.name(),
                                p.source(),
                                p.destination(),
                                p.driver(),
                                "",
                                p.rw(),
                                p.propagation())
                            : p)
                .toList();
    return new ContainerInspect(
        c.id(),
        c.created(),
        c.path(),
        c.args(),
        c.state(),
        c.image(),
        c.resolvConfPath(),
        c.hostnamePath(),
        c.hostsPath(),
        c.logPath(),
        c.name(),
        c.restartCount(),
        c.driver(),
        c.platform(),
        c.mountLabel(),
        c.processLabel(),
        c.appArmorProfile(),
        c.execIds(),
        h.toBuilder().mounts(given.isEmpty() ? null : given).build(),
        c.graphDriver(),
        c.sizeRw(),
        c.sizeRootFs(),
        points,
        c.config(),
        c.networkSettings());
  }

  /** A container path as the daemon compares mount destinations: without trailing slashes. */
  private static String cleanPath(String path) {
    String p = path == null ? "" : path;
    while (p.length() > 1 && p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    return p;
  }

  private static void checkSocket(String source, String spec) {
    if (source != null && source.contains("docker.sock")) {
      throw refused(
          "gắn Docker socket ("
              + spec
              + ") bị chặn: nó cho quyền điều khiển toàn bộ Docker của máy chủ.");
    }
  }

  private static EngineException bindRefused(String spec) {
    return refused(
        "bind mount thư mục của máy chủ (-v/--mount "
            + spec
            + ") bị chặn: hãy dùng volume có tên, ví dụ -v data:/data.");
  }

  /**
   * A named volume that a container mounts must be this session's: an existing volume of another
   * session (or of the server) is refused; a missing one is noted, to be created for the session
   * (with its label, through the volume allow-list) by {@link #createVolumes}. Another session's
   * volume of the same name is another volume on the daemon ({@link SessionNames}): the session
   * gets its own.
   *
   * @return the volume's name on the daemon
   */
  private String ownOrNewVolume(String name, List<String> newVolumes) {
    Optional<Volume> own = session.volume(name);
    if (own.isPresent()) {
      return own.get().name();
    }
    if (!newVolumes.contains(name)) {
      newVolumes.add(name);
    }
    return session.names.real(name);
  }

  /** Creates the volumes a checked request mounts and that did not exist. */
  void createVolumes(Checked checked) {
    for (String name : checked.newVolumes()) {
      volumes.create(new VolumeCreateRequest(name, "local", Map.of(), Map.of()));
    }
  }

  /**
   * Published ports listen on the policy's address ("-p 8080:80" binds it; "-p 127.0.0.1:8080:80"
   * is kept; any other address is refused); "-P" becomes a binding of each exposed port to a free
   * port on that address, as the daemon would choose one.
   */
  private Map<String, List<PortBinding>> ports(
      Map<String, List<PortBinding>> given, boolean publishAll, Set<String> exposed) {
    String address = session.policy.publishAddress();
    Map<String, List<PortBinding>> out = new LinkedHashMap<>();
    if (publishAll) {
      for (String port : exposed) {
        out.put(port, List.of(new PortBinding(address, "")));
      }
    }
    if (given != null) {
      for (Map.Entry<String, List<PortBinding>> e : given.entrySet()) {
        List<PortBinding> bindings = new ArrayList<>();
        for (PortBinding b : e.getValue() == null ? List.<PortBinding>of() : e.getValue()) {
          String ip = b.hostIp() == null || b.hostIp().isEmpty() ? address : b.hostIp();
          if (!ip.equals(address) && !Cidr.address(ip).isLoopbackAddress()) {
            throw refused(
                "-p "
                    + ip
                    + ":… bị chặn: trên máy chủ dùng chung cổng chỉ được mở trên "
                    + address
                    + " (ví dụ -p 8080:80).");
          }
          bindings.add(new PortBinding(ip, b.hostPort()));
        }
        out.put(e.getKey(), bindings);
      }
    }
    return out.isEmpty() ? given : out;
  }

  /** A health check probes no more often than once a second (0 is Docker's 30 s default). */
  static void checkHealthcheck(HealthConfig h) {
    if (h == null) {
      return;
    }
    if (h.interval() != 0 && h.interval() < MIN_HEALTH_INTERVAL_NANOS) {
      throw refused(
          "--health-interval dưới 1s bị chặn trên máy chủ dùng chung: mỗi lần kiểm tra là một exec"
              + " trên daemon.");
    }
    if (h.timeout() != 0 && h.timeout() < MIN_HEALTH_INTERVAL_NANOS) {
      throw refused("--health-timeout dưới 1s bị chặn trên máy chủ dùng chung.");
    }
  }

  /**
   * A resource limit: unset, zero or "unlimited" (negative) becomes the session's maximum; more
   * than the maximum is refused.
   */
  /**
   * The limits a container may set with {@code --ulimit}: the ones that bound only itself. rtprio,
   * rttime and nice would let it take the shared CPU with real-time scheduling, memlock and
   * msgqueue pin kernel memory, sigpending queues it.
   */
  static final Set<String> ULIMITS_ALLOWED =
      Set.of("nofile", "nproc", "core", "stack", "fsize", "cpu", "data", "locks");

  /** The kernel's nr_open: no process may hold more files. */
  static final long NOFILE_MAX = 1_048_576;

  private static void checkUlimit(dev.ddlab.engine.dto.Ulimit u) {
    if (!ULIMITS_ALLOWED.contains(u.name())) {
      throw refused(
          "--ulimit "
              + u.name()
              + " bị chặn: giới hạn này cho container giành CPU hoặc bộ nhớ nhân của máy chủ dùng"
              + " chung; chỉ dùng được "
              + String.join(", ", new java.util.TreeSet<>(ULIMITS_ALLOWED))
              + ".");
    }
    if (u.name().equals("nofile") && u.hard() > NOFILE_MAX) {
      throw refused("--ulimit nofile vượt giới hạn của máy chủ (tối đa " + NOFILE_MAX + ").");
    }
  }

  /** {@code --memory-swap}: not unlimited, at most twice the memory limit. */
  static void checkSwap(long swap, long memory) {
    if (swap == -1 || swap > 2 * memory) {
      throw refused(
          "--memory-swap bị chặn: trên máy chủ dùng chung, swap không được vượt hai lần giới hạn"
              + " bộ nhớ của phiên (tối đa "
              + 2 * memory
              + ").");
    }
  }

  static long limit(long asked, long max, String flag) {
    if (asked <= 0) {
      return max;
    }
    if (asked > max) {
      throw refused(flag + " vượt giới hạn của phiên (tối đa " + max + ").");
    }
    return asked;
  }
}

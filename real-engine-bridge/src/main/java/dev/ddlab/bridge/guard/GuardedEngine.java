package dev.ddlab.bridge.guard;

import dev.ddlab.engine.Attachment;
import dev.ddlab.engine.ContainersApi;
import dev.ddlab.engine.Engine;
import dev.ddlab.engine.EngineException;
import dev.ddlab.engine.ImagesApi;
import dev.ddlab.engine.NetworksApi;
import dev.ddlab.engine.Pending;
import dev.ddlab.engine.SystemApi;
import dev.ddlab.engine.VolumesApi;
import dev.ddlab.engine.dto.ChangeItem;
import dev.ddlab.engine.dto.CommitRequest;
import dev.ddlab.engine.dto.ContainerConfig;
import dev.ddlab.engine.dto.ContainerCreateResponse;
import dev.ddlab.engine.dto.ContainerInspect;
import dev.ddlab.engine.dto.ContainerPruneResponse;
import dev.ddlab.engine.dto.ContainerSummary;
import dev.ddlab.engine.dto.EndpointSettings;
import dev.ddlab.engine.dto.EventMessage;
import dev.ddlab.engine.dto.ExecConfig;
import dev.ddlab.engine.dto.ExecInspect;
import dev.ddlab.engine.dto.HistoryItem;
import dev.ddlab.engine.dto.HostConfig;
import dev.ddlab.engine.dto.IdResponse;
import dev.ddlab.engine.dto.ImageDeleteItem;
import dev.ddlab.engine.dto.ImageInspect;
import dev.ddlab.engine.dto.ImagePruneResponse;
import dev.ddlab.engine.dto.ImageSummary;
import dev.ddlab.engine.dto.Info;
import dev.ddlab.engine.dto.LogFrame;
import dev.ddlab.engine.dto.LogsOptions;
import dev.ddlab.engine.dto.Mount;
import dev.ddlab.engine.dto.Network;
import dev.ddlab.engine.dto.NetworkCreateRequest;
import dev.ddlab.engine.dto.NetworkCreateResponse;
import dev.ddlab.engine.dto.NetworkPruneResponse;
import dev.ddlab.engine.dto.NetworkingConfig;
import dev.ddlab.engine.dto.ProgressMessage;
import dev.ddlab.engine.dto.SearchResult;
import dev.ddlab.engine.dto.SystemDf;
import dev.ddlab.engine.dto.TopResponse;
import dev.ddlab.engine.dto.UpdateRequest;
import dev.ddlab.engine.dto.Version;
import dev.ddlab.engine.dto.Volume;
import dev.ddlab.engine.dto.VolumeCreateRequest;
import dev.ddlab.engine.dto.VolumePruneResponse;
import dev.ddlab.engine.dto.WaitResponse;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * An {@link Engine} decorator that keeps one learner session inside its own corner of a shared
 * daemon: everything it creates carries the label {@code ddlab.session=<id>} (plus the owning
 * process, so objects of a crashed ddlab are reaped at the next start), it only sees and acts on
 * its own containers, networks and volumes, dangerous host access is refused with a Vietnamese
 * message naming the flag, every container gets memory/pids/CPU limits, the number of objects is
 * capped, and {@link #close()} removes everything the session made.
 */
public final class GuardedEngine implements Engine, AutoCloseable {
  public static final String SESSION_LABEL = "ddlab.session";
  public static final String OWNER_LABEL = "ddlab.owner";
  static final String PREFIX = "ddlab (chế độ an toàn): ";
  private static final Set<String> BUILTIN_NETWORKS = Set.of("bridge", "host", "none");

  private final Engine inner;
  private final GuardPolicy policy;
  private final String owner;
  private final Set<String> taggedImages = new LinkedHashSet<>();
  private final Set<String> networkIds = new LinkedHashSet<>();
  private final Set<String> volumeNames = new LinkedHashSet<>();
  private final Images images = new Images();
  private final Containers containers = new Containers();
  private final Networks networks = new Networks();
  private final Volumes volumes = new Volumes();
  private final Sys system = new Sys();

  public GuardedEngine(Engine inner, GuardPolicy policy) {
    this.inner = inner;
    this.policy = policy;
    this.owner = ownerOfThisProcess();
  }

  /** "hostname:pid" of this JVM, the owner written on every object. */
  static String ownerOfThisProcess() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      host = "localhost";
    }
    return host + ":" + ProcessHandle.current().pid();
  }

  public GuardPolicy policy() {
    return policy;
  }

  public Engine inner() {
    return inner;
  }

  @Override
  public ImagesApi images() {
    return images;
  }

  @Override
  public ContainersApi containers() {
    return containers;
  }

  @Override
  public NetworksApi networks() {
    return networks;
  }

  @Override
  public VolumesApi volumes() {
    return volumes;
  }

  @Override
  public SystemApi system() {
    return system;
  }

  @Override
  public String host() {
    return inner.host();
  }

  // ---- labels and ownership ---------------------------------------------------------------

  private Map<String, String> labelled(Map<String, String> labels) {
    Map<String, String> out = new LinkedHashMap<>();
    if (labels != null) {
      out.putAll(labels);
    }
    out.put(SESSION_LABEL, policy.sessionId());
    out.put(OWNER_LABEL, owner);
    return out;
  }

  private boolean mine(Map<String, String> labels) {
    return labels != null && policy.sessionId().equals(labels.get(SESSION_LABEL));
  }

  private Map<String, List<String>> withSessionFilter(Map<String, List<String>> filters) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    if (filters != null) {
      filters.forEach((k, v) -> out.put(k, new ArrayList<>(v)));
    }
    out.computeIfAbsent("label", k -> new ArrayList<>())
        .add(SESSION_LABEL + "=" + policy.sessionId());
    return out;
  }

  private static EngineException refused(String text) {
    return new EngineException(403, PREFIX + text);
  }

  /** The container if it belongs to this session; otherwise Docker's own 404. */
  private ContainerInspect ownContainer(String idOrName) {
    ContainerInspect c;
    try {
      c = inner.containers().inspect(idOrName);
    } catch (EngineException e) {
      if (e.isNotFound()) {
        throw EngineException.notFound("No such container: " + idOrName);
      }
      throw e;
    }
    if (c.config() == null || !mine(c.config().labels())) {
      throw EngineException.notFound("No such container: " + idOrName);
    }
    return c;
  }

  private Network ownNetwork(String idOrName, boolean allowBuiltin) {
    Network n;
    try {
      n = inner.networks().inspect(idOrName);
    } catch (EngineException e) {
      if (e.isNotFound()) {
        throw EngineException.notFound("network " + idOrName + " not found");
      }
      throw e;
    }
    if (mine(n.labels()) || (allowBuiltin && BUILTIN_NETWORKS.contains(n.name()))) {
      return n;
    }
    throw EngineException.notFound("network " + idOrName + " not found");
  }

  private Volume ownVolume(String name) {
    Volume v;
    try {
      v = inner.volumes().inspect(name);
    } catch (EngineException e) {
      if (e.isNotFound()) {
        throw EngineException.notFound("get " + name + ": no such volume");
      }
      throw e;
    }
    if (!mine(v.labels())) {
      throw EngineException.notFound("get " + name + ": no such volume");
    }
    return v;
  }

  private int objectCount() {
    Map<String, List<String>> f = withSessionFilter(null);
    return inner.containers().list(true, 0, false, f).size()
        + inner.networks().list(f).size()
        + inner.volumes().list(f).size();
  }

  private void checkCap() {
    if (objectCount() >= policy.maxObjects()) {
      throw refused(
          "phiên này đã có "
              + policy.maxObjects()
              + " đối tượng (container, network, volume), là giới hạn cho phép; hãy xoá bớt"
              + " (docker rm, docker network rm, docker volume rm) rồi thử lại.");
    }
  }

  // ---- the checks of container create ----------------------------------------------------

  /** Refuses host access; returns the host config with the session's limits filled in. */
  HostConfig checkHostConfig(HostConfig h) {
    if (h == null) {
      h = HostConfig.none();
    }
    if (h.privileged()) {
      throw refused(
          "--privileged bị chặn: container đặc quyền có toàn quyền trên máy chủ dùng chung.");
    }
    if ("host".equals(h.pidMode())) {
      throw refused(
          "--pid host bị chặn: container sẽ thấy và điều khiển mọi tiến trình của máy chủ.");
    }
    if ("host".equals(h.ipcMode())) {
      throw refused("--ipc host bị chặn: container sẽ dùng chung bộ nhớ IPC của máy chủ.");
    }
    if ("host".equals(h.utsMode())) {
      throw refused("--uts host bị chặn: container có thể đổi hostname của máy chủ.");
    }
    if ("host".equals(h.networkMode())) {
      throw refused("--network host bị chặn: container sẽ dùng thẳng mạng của máy chủ.");
    }
    if (h.networkMode() != null && h.networkMode().startsWith("container:")) {
      ownContainer(h.networkMode().substring("container:".length()));
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
    if (h.binds() != null) {
      for (String bind : h.binds()) {
        String source = bind.split(":", 2)[0];
        checkMountSource("bind".equals(kindOf(source)) ? "bind" : "volume", source, bind);
      }
    }
    if (h.mounts() != null) {
      for (Mount m : h.mounts()) {
        checkMountSource(m.type(), m.source(), m.source() + ":" + m.target());
      }
    }
    if (h.volumesFrom() != null) {
      h.volumesFrom().forEach(v -> ownContainer(v.split(":", 2)[0]));
    }
    long memory = limit(h.memory(), policy.memoryBytes(), "--memory");
    long cpus = limit(h.nanoCpus(), policy.nanoCpus(), "--cpus");
    long pids =
        limit(
            h.pidsLimit() == null ? 0 : Math.max(h.pidsLimit(), 0),
            policy.pidsLimit(),
            "--pids-limit");
    return h.withResources(memory, cpus, pids);
  }

  private static String kindOf(String source) {
    return source.startsWith("/") || source.startsWith(".") || source.startsWith("~")
        ? "bind"
        : "volume";
  }

  private void checkMountSource(String type, String source, String spec) {
    if (source != null && source.contains("docker.sock")) {
      throw refused(
          "gắn Docker socket ("
              + spec
              + ") bị chặn: nó cho quyền điều khiển toàn bộ Docker của máy chủ.");
    }
    if ("bind".equals(type)) {
      throw refused(
          "bind mount thư mục của máy chủ (-v/--mount "
              + spec
              + ") bị chặn: hãy dùng volume có tên, ví dụ -v data:/data.");
    }
    if ("volume".equals(type) && source != null && !source.isEmpty()) {
      ensureVolume(source);
    }
  }

  /**
   * A named volume that a container mounts must be this session's: an existing volume of another
   * session is refused, a new one is created here so that it carries the label.
   */
  private void ensureVolume(String name) {
    try {
      Volume v = inner.volumes().inspect(name);
      if (!mine(v.labels())) {
        throw refused(
            "volume " + name + " thuộc về phiên khác hoặc máy chủ; hãy đặt tên volume khác.");
      }
    } catch (EngineException e) {
      if (!e.isNotFound()) {
        throw e;
      }
      volumes.create(new VolumeCreateRequest(name, "local", Map.of(), Map.of()));
    }
  }

  private static long limit(long asked, long max, String flag) {
    if (asked <= 0) {
      return max;
    }
    if (asked > max) {
      throw refused(flag + " vượt giới hạn của phiên (tối đa " + max + ").");
    }
    return asked;
  }

  private void checkNetworking(NetworkingConfig n) {
    if (n == null || n.endpointsConfig() == null) {
      return;
    }
    for (String net : n.endpointsConfig().keySet()) {
      if ("host".equals(net)) {
        throw refused("--network host bị chặn: container sẽ dùng thẳng mạng của máy chủ.");
      }
      ownNetwork(net, true);
    }
  }

  // ---- cleanup -----------------------------------------------------------------------------

  /** Removes everything this session made: containers, networks, volumes, images and tags. */
  @Override
  public void close() {
    Reaper.removeLabelled(
        inner, Map.of("label", List.of(SESSION_LABEL + "=" + policy.sessionId())));
    for (String tag : List.copyOf(taggedImages)) {
      try {
        inner.images().remove(tag, true, false);
      } catch (EngineException gone) {
        // removed by the learner already
      }
    }
    taggedImages.clear();
  }

  // ---- the parts ---------------------------------------------------------------------------

  private final class Containers implements ContainersApi {
    private ContainersApi c() {
      return inner.containers();
    }

    @Override
    public List<ContainerSummary> list(
        boolean all, int limit, boolean size, Map<String, List<String>> filters) {
      return c().list(all, limit, size, withSessionFilter(filters));
    }

    @Override
    public ContainerCreateResponse create(
        String name,
        ContainerConfig config,
        HostConfig hostConfig,
        NetworkingConfig networkingConfig,
        String platform) {
      HostConfig checked = checkHostConfig(hostConfig);
      checkNetworking(networkingConfig);
      if (checked.networkMode() != null
          && !checked.networkMode().isEmpty()
          && !checked.networkMode().startsWith("container:")
          && !"default".equals(checked.networkMode())) {
        ownNetwork(checked.networkMode(), true);
      }
      checkCap();
      ContainerConfig base = config == null ? ContainerConfig.empty() : config;
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
              base.image(),
              base.volumes(),
              base.workingDir(),
              base.entrypoint(),
              base.onBuild(),
              labelled(base.labels()),
              base.stopSignal(),
              base.stopTimeout());
      return c().create(name, labelled, checked, networkingConfig, platform);
    }

    @Override
    public ContainerInspect inspect(String id) {
      return ownContainer(id);
    }

    @Override
    public void start(String id) {
      c().start(ownContainer(id).id());
    }

    @Override
    public void stop(String id, String signal, Integer timeoutSeconds) {
      c().stop(ownContainer(id).id(), signal, timeoutSeconds);
    }

    @Override
    public Pending<Void> stopAsync(String id, String signal, Integer timeoutSeconds) {
      return c().stopAsync(ownContainer(id).id(), signal, timeoutSeconds);
    }

    @Override
    public void restart(String id, String signal, Integer timeoutSeconds) {
      c().restart(ownContainer(id).id(), signal, timeoutSeconds);
    }

    @Override
    public void kill(String id, String signal) {
      c().kill(ownContainer(id).id(), signal);
    }

    @Override
    public void pause(String id) {
      c().pause(ownContainer(id).id());
    }

    @Override
    public void unpause(String id) {
      c().unpause(ownContainer(id).id());
    }

    @Override
    public void remove(String id, boolean force, boolean removeVolumes) {
      c().remove(ownContainer(id).id(), force, removeVolumes);
    }

    @Override
    public void rename(String id, String newName) {
      c().rename(ownContainer(id).id(), newName);
    }

    @Override
    public List<String> update(String id, UpdateRequest request) {
      String own = ownContainer(id).id();
      if (request.memory() != null) {
        limit(request.memory(), policy.memoryBytes(), "--memory");
      }
      if (request.nanoCpus() != null) {
        limit(request.nanoCpus(), policy.nanoCpus(), "--cpus");
      }
      if (request.pidsLimit() != null) {
        limit(request.pidsLimit(), policy.pidsLimit(), "--pids-limit");
      }
      return c().update(own, request);
    }

    @Override
    public WaitResponse await(String id, String condition) {
      return c().await(ownContainer(id).id(), condition);
    }

    @Override
    public Pending<WaitResponse> waitAsync(String id, String condition) {
      return c().waitAsync(ownContainer(id).id(), condition);
    }

    @Override
    public List<LogFrame> logs(String id, LogsOptions options) {
      return c().logs(ownContainer(id).id(), options);
    }

    @Override
    public TopResponse top(String id, String psArgs) {
      return c().top(ownContainer(id).id(), psArgs);
    }

    @Override
    public List<ChangeItem> changes(String id) {
      return c().changes(ownContainer(id).id());
    }

    @Override
    public byte[] getArchive(String id, String path) {
      return c().getArchive(ownContainer(id).id(), path);
    }

    @Override
    public void putArchive(String id, String path, byte[] tar) {
      c().putArchive(ownContainer(id).id(), path, tar);
    }

    @Override
    public ContainerPruneResponse prune(Map<String, List<String>> filters) {
      return c().prune(withSessionFilter(filters));
    }

    @Override
    public Attachment attach(String id, boolean stdin) {
      return c().attach(ownContainer(id).id(), stdin);
    }

    @Override
    public String execCreate(String id, ExecConfig config) {
      if (config.privileged()) {
        throw refused(
            "exec --privileged bị chặn: tiến trình đặc quyền có toàn quyền trên máy chủ.");
      }
      return c().execCreate(ownContainer(id).id(), config);
    }

    @Override
    public Attachment execStart(String execId, boolean detach, boolean tty) {
      ownContainer(c().execInspect(execId).containerId());
      return c().execStart(execId, detach, tty);
    }

    @Override
    public ExecInspect execInspect(String execId) {
      ExecInspect e = c().execInspect(execId);
      ownContainer(e.containerId());
      return e;
    }
  }

  private final class Images implements ImagesApi {
    private ImagesApi i() {
      return inner.images();
    }

    @Override
    public List<ImageSummary> list(boolean all, Map<String, List<String>> filters) {
      return i().list(all, filters);
    }

    @Override
    public ImageInspect inspect(String nameOrId) {
      return i().inspect(nameOrId);
    }

    @Override
    public void pull(
        String reference, String platform, boolean allTags, Consumer<ProgressMessage> progress) {
      i().pull(reference, platform, allTags, progress);
    }

    @Override
    public void tag(String source, String repository, String tag) {
      String target = repository + ":" + (tag == null || tag.isEmpty() ? "latest" : tag);
      try {
        i().inspect(target);
        if (!taggedImages.contains(target)) {
          throw refused(
              "tên "
                  + target
                  + " đã có trên máy chủ và không phải của phiên này; hãy chọn tên khác.");
        }
      } catch (EngineException e) {
        if (!e.isNotFound()) {
          throw e;
        }
      }
      i().tag(source, repository, tag);
      taggedImages.add(target);
    }

    @Override
    public List<ImageDeleteItem> remove(String nameOrId, boolean force, boolean noPrune) {
      String ref =
          nameOrId.contains(":") || nameOrId.contains("@") ? nameOrId : nameOrId + ":latest";
      boolean own = taggedImages.contains(ref);
      if (!own) {
        try {
          ImageInspect img = i().inspect(nameOrId);
          own = img.config() != null && mine(img.config().labels());
        } catch (EngineException e) {
          if (e.isNotFound()) {
            // nothing of anyone's to protect: let the daemon word its own "No such image"
            return i().remove(nameOrId, force, noPrune);
          }
          throw e;
        }
      }
      if (!own) {
        throw refused(
            "chỉ được xoá image do phiên này tạo ra (docker tag, commit, load); "
                + nameOrId
                + " là image dùng chung của máy chủ.");
      }
      List<ImageDeleteItem> out = i().remove(nameOrId, force, noPrune);
      taggedImages.remove(ref);
      return out;
    }

    @Override
    public List<HistoryItem> history(String nameOrId) {
      return i().history(nameOrId);
    }

    @Override
    public ImagePruneResponse prune(Map<String, List<String>> filters) {
      return i().prune(withSessionFilter(filters));
    }

    @Override
    public List<SearchResult> search(String term, int limit, Map<String, List<String>> filters) {
      return i().search(term, limit, filters);
    }

    @Override
    public void save(List<String> names, OutputStream out) {
      i().save(names, out);
    }

    @Override
    public void load(InputStream tarball, Consumer<ProgressMessage> progress) {
      i().load(
              tarball,
              m -> {
                if (m.status() != null && m.status().startsWith("Loaded image: ")) {
                  taggedImages.add(m.status().substring("Loaded image: ".length()).trim());
                }
                if (progress != null) {
                  progress.accept(m);
                }
              });
    }

    @Override
    public IdResponse commit(CommitRequest request) {
      ownContainer(request.container());
      List<String> changes = new ArrayList<>();
      if (request.changes() != null) {
        changes.addAll(request.changes());
      }
      changes.add("LABEL " + SESSION_LABEL + "=" + policy.sessionId());
      IdResponse id =
          i().commit(
                  new CommitRequest(
                      request.container(),
                      request.repo(),
                      request.tag(),
                      request.comment(),
                      request.author(),
                      request.pause(),
                      changes));
      if (request.repo() != null && !request.repo().isEmpty()) {
        String tag = request.tag() == null || request.tag().isEmpty() ? "latest" : request.tag();
        taggedImages.add(request.repo() + ":" + tag);
      }
      return id;
    }

    @Override
    public String manifestInspect(String reference, boolean verbose) {
      return i().manifestInspect(reference, verbose);
    }
  }

  private final class Networks implements NetworksApi {
    @Override
    public List<Network> list(Map<String, List<String>> filters) {
      return inner.networks().list(filters).stream()
          .filter(n -> mine(n.labels()) || BUILTIN_NETWORKS.contains(n.name()))
          .toList();
    }

    @Override
    public Network inspect(String idOrName) {
      return ownNetwork(idOrName, true);
    }

    @Override
    public NetworkCreateResponse create(NetworkCreateRequest r) {
      checkCap();
      NetworkCreateResponse out =
          inner
              .networks()
              .create(
                  new NetworkCreateRequest(
                      r.name(),
                      r.driver(),
                      r.internal(),
                      r.attachable(),
                      r.ingress(),
                      r.ipam(),
                      r.enableIpv6(),
                      r.options(),
                      labelled(r.labels())));
      networkIds.add(out.id());
      return out;
    }

    @Override
    public void remove(String idOrName) {
      Network n = ownNetwork(idOrName, true);
      inner.networks().remove(BUILTIN_NETWORKS.contains(n.name()) ? n.name() : n.id());
    }

    @Override
    public void connect(String network, String container, EndpointSettings endpoint) {
      if ("host".equals(network)) {
        throw refused("--network host bị chặn: container sẽ dùng thẳng mạng của máy chủ.");
      }
      Network n = ownNetwork(network, true);
      inner.networks().connect(n.id(), ownContainer(container).id(), endpoint);
    }

    @Override
    public void disconnect(String network, String container, boolean force) {
      Network n = ownNetwork(network, true);
      inner.networks().disconnect(n.id(), ownContainer(container).id(), force);
    }

    @Override
    public NetworkPruneResponse prune(Map<String, List<String>> filters) {
      return inner.networks().prune(withSessionFilter(filters));
    }
  }

  private final class Volumes implements VolumesApi {
    @Override
    public List<Volume> list(Map<String, List<String>> filters) {
      return inner.volumes().list(withSessionFilter(filters));
    }

    @Override
    public Volume inspect(String name) {
      return ownVolume(name);
    }

    @Override
    public Volume create(VolumeCreateRequest r) {
      if (r.name() != null && !r.name().isEmpty()) {
        try {
          Volume existing = inner.volumes().inspect(r.name());
          if (!mine(existing.labels())) {
            throw refused(
                "volume "
                    + r.name()
                    + " thuộc về phiên khác hoặc máy chủ; hãy đặt tên volume khác.");
          }
          return existing;
        } catch (EngineException e) {
          if (!e.isNotFound()) {
            throw e;
          }
        }
      }
      checkCap();
      Volume v =
          inner
              .volumes()
              .create(
                  new VolumeCreateRequest(
                      r.name(), r.driver(), r.driverOpts(), labelled(r.labels())));
      volumeNames.add(v.name());
      return v;
    }

    @Override
    public void remove(String name, boolean force) {
      inner.volumes().remove(ownVolume(name).name(), force);
    }

    @Override
    public VolumePruneResponse prune(Map<String, List<String>> filters) {
      return inner.volumes().prune(withSessionFilter(filters));
    }
  }

  private final class Sys implements SystemApi {
    @Override
    public String ping() {
      return inner.system().ping();
    }

    @Override
    public Version version() {
      return inner.system().version();
    }

    @Override
    public Info info() {
      return inner.system().info();
    }

    @Override
    public SystemDf df() {
      SystemDf d = inner.system().df();
      return new SystemDf(
          d.layersSize(),
          d.images(),
          d.containers() == null
              ? List.of()
              : d.containers().stream().filter(c -> mine(c.labels())).toList(),
          d.volumes() == null
              ? List.of()
              : d.volumes().stream().filter(v -> mine(v.labels())).toList(),
          d.buildCache());
    }

    @Override
    public List<EventMessage> events(
        String since, String until, Map<String, List<String>> filters) {
      return inner.system().events(since, until, filters).stream().filter(this::visible).toList();
    }

    @Override
    public AutoCloseable subscribe(
        Map<String, List<String>> filters, Consumer<EventMessage> listener) {
      return inner
          .system()
          .subscribe(
              filters,
              e -> {
                if (visible(e)) {
                  listener.accept(e);
                }
              });
    }

    /** Events of this session's objects only (images: the tags it made). */
    private boolean visible(EventMessage e) {
      Map<String, String> attrs =
          e.actor() == null || e.actor().attributes() == null ? Map.of() : e.actor().attributes();
      String id = e.actor() == null ? e.id() : e.actor().id();
      return switch (Optional.ofNullable(e.type()).orElse("")) {
        case "container" -> policy.sessionId().equals(attrs.get(SESSION_LABEL));
        case "network" -> networkIds.contains(id);
        case "volume" -> volumeNames.contains(id);
        case "image" ->
            policy.sessionId().equals(attrs.get(SESSION_LABEL))
                || taggedImages.contains(attrs.getOrDefault("name", ""));
        default -> false;
      };
    }

    @Override
    public long nowNanos() {
      return inner.system().nowNanos();
    }
  }
}

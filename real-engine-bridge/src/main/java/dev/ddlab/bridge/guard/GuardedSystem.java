package dev.ddlab.bridge.guard;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ddlab.engine.SystemApi;
import dev.ddlab.engine.dto.ContainerSummary;
import dev.ddlab.engine.dto.EventMessage;
import dev.ddlab.engine.dto.ImageSummary;
import dev.ddlab.engine.dto.Info;
import dev.ddlab.engine.dto.SystemDf;
import dev.ddlab.engine.dto.Version;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The system API behind the guard: {@code docker info}'s counts, disk usage and events of the
 * session's own objects only (the images it may see).
 */
final class GuardedSystem implements SystemApi {
  private static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private final GuardSession session;
  private final GuardedImages images;

  GuardedSystem(GuardSession session, GuardedImages images) {
    this.session = session;
    this.images = images;
  }

  private SystemApi s() {
    return session.inner.system();
  }

  @Override
  public String ping() {
    return s().ping();
  }

  @Override
  public Version version() {
    return s().version();
  }

  /**
   * The daemon's facts, with the counts of the session's own: its containers (running, paused,
   * stopped: every other state, as moby counts) and the images it may see.
   */
  @Override
  public Info info() {
    Info daemon = s().info();
    List<ContainerSummary> mine =
        session.inner.containers().list(true, 0, false, session.withSessionFilter(null));
    long running = mine.stream().filter(c -> "running".equals(c.state())).count();
    long paused = mine.stream().filter(c -> "paused".equals(c.state())).count();
    ObjectNode tree = JSON.valueToTree(daemon);
    tree.put("Containers", mine.size());
    tree.put("ContainersRunning", running);
    tree.put("ContainersPaused", paused);
    tree.put("ContainersStopped", mine.size() - running - paused);
    tree.put("Images", images.list(true, null).size());
    try {
      return JSON.treeToValue(tree, Info.class);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Disk usage of what the session may see: its containers and volumes (anonymous ones included),
   * the images it may see with the number of its own containers using each, and their layers' size
   * ({@link #layersSize}). The build cache is the daemon's, not a session's: none is shown.
   */
  @Override
  public SystemDf df() {
    SystemDf d = s().df();
    List<ContainerSummary> containers =
        d.containers() == null
            ? List.of()
            : d.containers().stream().filter(c -> session.mine(c.labels())).toList();
    List<ImageSummary> visible = new ArrayList<>();
    for (ImageSummary i : images.visible(d.images())) {
      long using = containers.stream().filter(c -> i.id().equals(c.imageId())).count();
      visible.add(
          new ImageSummary(
              using,
              i.created(),
              i.id(),
              i.labels(),
              i.parentId(),
              i.repoDigests(),
              i.repoTags(),
              i.sharedSize(),
              i.size()));
    }
    return new SystemDf(
        layersSize(visible),
        visible,
        containers,
        d.volumes() == null
            ? List.of()
            : d.volumes().stream()
                .filter(
                    v -> session.mine(v.labels()) || session.anonymousVolumes.contains(v.name()))
                .toList(),
        List.of());
  }

  /**
   * The bytes of the layers of {@code images}: what each holds of its own ({@code Size -
   * SharedSize}) and, once, the largest part shared with others (the base images, which a class's
   * images share). Exact when the shared layers form one chain, as images built on one base do.
   */
  static long layersSize(List<ImageSummary> images) {
    long own = 0;
    long shared = 0;
    for (ImageSummary i : images) {
      long s = Math.max(0, i.sharedSize());
      own += Math.max(0, i.size() - s);
      shared = Math.max(shared, s);
    }
    return own + shared;
  }

  @Override
  public List<EventMessage> events(String since, String until, Map<String, List<String>> filters) {
    return s().events(since, until, daemonFilters(filters)).stream().filter(this::visible).toList();
  }

  @Override
  public AutoCloseable subscribe(
      Map<String, List<String>> filters, Consumer<EventMessage> listener) {
    return s().subscribe(
            daemonFilters(filters),
            e -> {
              if (visible(e)) {
                listener.accept(session.names.shown(e));
              }
            });
  }

  /**
   * {@code container=web} as the daemon knows the session's container (by its full ID, since its
   * name there is {@code web.<suffix>}); a reference that names none of the session's is kept.
   */
  private Map<String, List<String>> daemonFilters(Map<String, List<String>> filters) {
    if (filters == null || !filters.containsKey("container")) {
      return filters;
    }
    Map<String, List<String>> out = new java.util.LinkedHashMap<>(filters);
    out.put(
        "container",
        filters.get("container").stream()
            .map(
                ref -> {
                  try {
                    return session.ownContainerId(ref);
                  } catch (dev.ddlab.engine.EngineException notOurs) {
                    return ref;
                  }
                })
            .toList());
    return out;
  }

  /** Events of this session's objects only (images: the tags it made). */
  private boolean visible(EventMessage e) {
    Map<String, String> attrs =
        e.actor() == null || e.actor().attributes() == null ? Map.of() : e.actor().attributes();
    String id = e.actor() == null ? e.id() : e.actor().id();
    String sessionId = session.policy.sessionId();
    return switch (Optional.ofNullable(e.type()).orElse("")) {
      case "container" -> sessionId.equals(attrs.get(GuardedEngine.SESSION_LABEL));
      case "network" -> session.networkIds.contains(id);
      case "volume" -> session.volumeNames.contains(id) || session.anonymousVolumes.contains(id);
      case "image" ->
          sessionId.equals(attrs.get(GuardedEngine.SESSION_LABEL))
              || session.ownsTag(attrs.getOrDefault("name", ""));
      default -> false;
    };
  }

  @Override
  public long nowNanos() {
    return s().nowNanos();
  }

  @Override
  public dev.ddlab.engine.Pending<Void> after(java.time.Duration d) {
    return s().after(d);
  }

  /** docker login: refused, as push is (credentials stay off the shared daemon). */
  @Override
  public dev.ddlab.engine.dto.AuthResponse auth(dev.ddlab.engine.dto.AuthConfig config) {
    throw GuardSession.refused(
        "docker login bị chặn trên máy chủ Docker dùng chung của lớp; hãy thực hành đăng nhập"
            + " trong phiên mô phỏng.");
  }
}

package dev.ddlab.bridge.guard;

import dev.ddlab.engine.SystemApi;
import dev.ddlab.engine.dto.EventMessage;
import dev.ddlab.engine.dto.Info;
import dev.ddlab.engine.dto.SystemDf;
import dev.ddlab.engine.dto.Version;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The system API behind the guard: disk usage and events of the session's own objects only (the
 * images it may see). {@code docker info}'s counts stay the daemon's.
 */
final class GuardedSystem implements SystemApi {
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

  @Override
  public Info info() {
    return s().info();
  }

  @Override
  public SystemDf df() {
    SystemDf d = s().df();
    return new SystemDf(
        d.layersSize(),
        images.visible(d.images()),
        d.containers() == null
            ? List.of()
            : d.containers().stream().filter(c -> session.mine(c.labels())).toList(),
        d.volumes() == null
            ? List.of()
            : d.volumes().stream().filter(v -> session.mine(v.labels())).toList(),
        d.buildCache());
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
      case "volume" -> session.volumeNames.contains(id);
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

package dev.ddlab.bridge.guard;

import static dev.ddlab.bridge.guard.GuardSession.refused;

import dev.ddlab.engine.VolumesApi;
import dev.ddlab.engine.dto.Volume;
import dev.ddlab.engine.dto.VolumeCreateRequest;
import dev.ddlab.engine.dto.VolumePruneResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Volumes behind the guard: the session's own only, created with its labels from an allow-list —
 * the local driver without options. Driver options are mount(8) options: {@code type=none o=bind
 * device=/} would make a "volume" of the server's root directory.
 */
final class GuardedVolumes implements VolumesApi {
  /**
   * Fields of VolumeCreateRequest checked here; the name and labels pass (labels get the
   * session's).
   */
  static final Set<String> CREATE_CHECKED = Set.of("driver", "driverOpts");

  private final GuardSession session;

  GuardedVolumes(GuardSession session) {
    this.session = session;
  }

  /**
   * The session's volumes: those it created (by its label) and the anonymous ones the daemon made
   * for its containers (by name), with the learner's filters applied by the daemon, except {@code
   * name=…}, matched on the names the session reads ({@link SessionNames#nameMatches}).
   */
  @Override
  public List<Volume> list(Map<String, List<String>> filters) {
    List<String> wanted = filters == null ? null : filters.get("name");
    boolean byName = wanted != null && !wanted.isEmpty();
    Map<String, List<String>> daemon = byName ? SessionNames.withoutName(filters) : filters;
    List<Volume> out =
        new java.util.ArrayList<>(session.inner.volumes().list(session.withSessionFilter(daemon)));
    if (!session.anonymousVolumes.isEmpty()) {
      Set<String> labelled = new java.util.HashSet<>();
      out.forEach(v -> labelled.add(v.name()));
      for (Volume v : session.inner.volumes().list(daemon)) {
        if (session.anonymousVolumes.contains(v.name()) && !labelled.contains(v.name())) {
          out.add(v);
        }
      }
    }
    if (byName) {
      out.removeIf(v -> !session.names.nameMatches(wanted, v.name()));
    }
    return out;
  }

  @Override
  public Volume inspect(String name) {
    return session.ownVolume(name);
  }

  @Override
  public Volume create(VolumeCreateRequest r) {
    String driver = r.driver() == null || r.driver().isEmpty() ? "local" : r.driver();
    if (!"local".equals(driver)) {
      throw refused(
          "volume driver " + driver + " bị chặn trên máy chủ dùng chung; chỉ dùng được local.");
    }
    if (r.driverOpts() != null && !r.driverOpts().isEmpty()) {
      throw refused(
          "tuỳ chọn volume -o/--opt ("
              + String.join(", ", r.driverOpts().keySet().stream().sorted().toList())
              + ") bị chặn: chúng là tuỳ chọn mount trên máy chủ dùng chung (ví dụ type=none"
              + " o=bind device=/ sẽ gắn cả thư mục gốc của máy chủ). Hãy tạo volume không có"
              + " -o.");
    }
    if (r.name() != null && !r.name().isEmpty()) {
      // the daemon answers a create of an existing volume with it: the session's own, by its name
      Optional<Volume> existing = session.volume(r.name());
      if (existing.isPresent()) {
        return existing.get();
      }
    }
    session.checkCap();
    Volume v =
        session
            .inner
            .volumes()
            .create(
                new VolumeCreateRequest(
                    session.names.real(r.name()), driver, Map.of(), session.labelled(r.labels())));
    session.volumeNames.add(v.name());
    return v;
  }

  @Override
  public void remove(String name, boolean force) {
    String real = session.ownVolume(name).name();
    session.inner.volumes().remove(real, force);
    session.anonymousVolumes.remove(real);
  }

  /**
   * The daemon prunes the session's labelled volumes; the anonymous ones no container uses are
   * removed here (a volume in use answers 409 and stays), unless a label filter asks for labels
   * they do not have.
   */
  @Override
  public VolumePruneResponse prune(Map<String, List<String>> filters) {
    VolumePruneResponse pruned = session.inner.volumes().prune(session.withSessionFilter(filters));
    if (filters != null && (filters.containsKey("label") || filters.containsKey("label!"))) {
      return pruned;
    }
    List<String> deleted =
        new java.util.ArrayList<>(
            pruned.volumesDeleted() == null ? List.of() : pruned.volumesDeleted());
    for (String name : List.copyOf(session.anonymousVolumes)) {
      try {
        session.inner.volumes().remove(name, false);
        session.anonymousVolumes.remove(name);
        deleted.add(name);
      } catch (dev.ddlab.engine.EngineException inUseOrGone) {
        if (inUseOrGone.isNotFound()) {
          session.anonymousVolumes.remove(name);
        }
      }
    }
    return new VolumePruneResponse(deleted, pruned.spaceReclaimed());
  }
}

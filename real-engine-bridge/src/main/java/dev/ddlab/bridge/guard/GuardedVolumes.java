package dev.ddlab.bridge.guard;

import static dev.ddlab.bridge.guard.GuardSession.refused;

import dev.ddlab.engine.EngineException;
import dev.ddlab.engine.VolumesApi;
import dev.ddlab.engine.dto.Volume;
import dev.ddlab.engine.dto.VolumeCreateRequest;
import dev.ddlab.engine.dto.VolumePruneResponse;
import java.util.List;
import java.util.Map;

/** Volumes behind the guard: created with the session's labels, the session's own only. */
final class GuardedVolumes implements VolumesApi {
  private final GuardSession session;

  GuardedVolumes(GuardSession session) {
    this.session = session;
  }

  @Override
  public List<Volume> list(Map<String, List<String>> filters) {
    return session.inner.volumes().list(session.withSessionFilter(filters));
  }

  @Override
  public Volume inspect(String name) {
    return session.ownVolume(name);
  }

  @Override
  public Volume create(VolumeCreateRequest r) {
    if (r.name() != null && !r.name().isEmpty()) {
      try {
        Volume existing = session.inner.volumes().inspect(r.name());
        if (!session.mine(existing.labels())) {
          throw refused(
              "volume " + r.name() + " thuộc về phiên khác hoặc máy chủ; hãy đặt tên volume khác.");
        }
        return existing;
      } catch (EngineException e) {
        if (!e.isNotFound()) {
          throw e;
        }
      }
    }
    session.checkCap();
    Volume v =
        session
            .inner
            .volumes()
            .create(
                new VolumeCreateRequest(
                    r.name(), r.driver(), r.driverOpts(), session.labelled(r.labels())));
    session.volumeNames.add(v.name());
    return v;
  }

  @Override
  public void remove(String name, boolean force) {
    session.inner.volumes().remove(session.ownVolume(name).name(), force);
  }

  @Override
  public VolumePruneResponse prune(Map<String, List<String>> filters) {
    return session.inner.volumes().prune(session.withSessionFilter(filters));
  }
}

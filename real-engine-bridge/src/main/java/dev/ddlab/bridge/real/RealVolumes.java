package dev.ddlab.bridge.real;

import static dev.ddlab.bridge.real.ApiClient.seg;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.ddlab.bridge.real.ApiClient.Query;
import dev.ddlab.engine.VolumesApi;
import dev.ddlab.engine.dto.Volume;
import dev.ddlab.engine.dto.VolumeCreateRequest;
import dev.ddlab.engine.dto.VolumePruneResponse;
import java.util.List;
import java.util.Map;

/** /volumes/… of a real daemon. */
final class RealVolumes implements VolumesApi {
  private final ApiClient api;

  RealVolumes(ApiClient api) {
    this.api = api;
  }

  /** GET /volumes answers {"Volumes": […], "Warnings": […]}. */
  record VolumeList(
      @JsonProperty("Volumes") List<Volume> volumes,
      @JsonProperty("Warnings") List<String> warnings) {}

  @Override
  public List<Volume> list(Map<String, List<String>> filters) {
    VolumeList l = api.get("/volumes", Query.of().filters(filters), VolumeList.class);
    return l.volumes() == null ? List.of() : l.volumes();
  }

  @Override
  public Volume inspect(String name) {
    return api.get("/volumes/" + seg(name), null, Volume.class);
  }

  @Override
  public Volume create(VolumeCreateRequest request) {
    return api.post("/volumes/create", null, request, Volume.class);
  }

  @Override
  public void remove(String name, boolean force) {
    api.exchange("DELETE", "/volumes/" + seg(name), Query.of().flag("force", force), null);
  }

  @Override
  public VolumePruneResponse prune(Map<String, List<String>> filters) {
    VolumePruneResponse r =
        api.post("/volumes/prune", Query.of().filters(filters), null, VolumePruneResponse.class);
    return r.volumesDeleted() == null ? new VolumePruneResponse(List.of(), r.spaceReclaimed()) : r;
  }
}

package dev.ddlab.engine;

import dev.ddlab.engine.dto.Volume;
import dev.ddlab.engine.dto.VolumeCreateRequest;
import dev.ddlab.engine.dto.VolumePruneResponse;
import java.util.List;
import java.util.Map;

/** Engine API: /volumes/…. */
public interface VolumesApi {
  List<Volume> list(Map<String, List<String>> filters);

  /** 404 "get x: no such volume". */
  Volume inspect(String name);

  Volume create(VolumeCreateRequest request);

  /** 409 "remove x: volume is in use - [id]" unless force. */
  void remove(String name, boolean force);

  VolumePruneResponse prune(Map<String, List<String>> filters);
}

package dev.ddlab.sim.image;

import dev.ddlab.engine.dto.ContainerConfig;
import java.util.List;
import java.util.Map;

/** An image in a node's local store, as the container runtime needs it. */
public interface LocalImage {
  /** "sha256:<64 hex>" — the sha256 of the config JSON. */
  String id();

  /** "name:tag" references, normalised as docker images shows them (e.g. "alpine:latest"). */
  List<String> repoTags();

  /** The image config's container defaults (Cmd, Entrypoint, Env, WorkingDir, ExposedPorts …). */
  ContainerConfig config();

  String os();

  String architecture();

  /** Sum of the layers' uncompressed sizes, as docker images SIZE. */
  long size();

  /** Its layers' ChainIDs, base first (a container's overlay lowerdir names one link each). */
  default List<String> chainIds() {
    return List.of(id());
  }

  /**
   * Each layer's size by its ChainID, base first (what {@code docker system df} counts once however
   * many images share a layer).
   */
  default Map<String, Long> layerSizes() {
    return Map.of(id(), size());
  }

  /** The overlay2 directory of a layer (random in Docker; derived from the ChainID here). */
  static String cacheId(String chainId) {
    return dev.ddlab.sim.fs.Digests.hex(dev.ddlab.sim.fs.Digests.sha256("cache-id " + chainId));
  }
}

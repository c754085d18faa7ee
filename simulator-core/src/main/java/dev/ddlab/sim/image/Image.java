package dev.ddlab.sim.image;

import dev.ddlab.sim.fs.Digests;
import java.util.ArrayList;
import java.util.List;

/**
 * The immutable content of one image: config bytes (whose sha256 is the ID) and layers. Shared by
 * every node that has it; tags and parents live in each node's store.
 */
public final class Image {
  private final byte[] configJson;
  private final String id;
  private final ImageConfig config;
  private final List<ImageLayer> layers;
  private final List<String> chainIds;
  private final long size;

  public Image(byte[] configJson, List<ImageLayer> layers) {
    this.configJson = configJson.clone();
    this.id = Digests.sha256(configJson);
    this.config = ImageConfig.parse(configJson);
    this.layers = List.copyOf(layers);
    List<String> diffIds = new ArrayList<>();
    long s = 0;
    for (ImageLayer l : layers) {
      diffIds.add(l.diffId());
      s += l.size();
    }
    if (!diffIds.equals(config.diffIds())) {
      throw new IllegalArgumentException("layers do not match rootfs.diff_ids");
    }
    this.chainIds = Digests.chainIds(diffIds);
    this.size = s;
  }

  /** "sha256:…" of the config JSON. */
  public String id() {
    return id;
  }

  public byte[] configJson() {
    return configJson.clone();
  }

  public ImageConfig config() {
    return config;
  }

  public List<ImageLayer> layers() {
    return layers;
  }

  public List<String> diffIds() {
    return config.diffIds();
  }

  public List<String> chainIds() {
    return chainIds;
  }

  /** Sum of the layers' sizes. */
  public long size() {
    return size;
  }

  public long createdNanos() {
    return config.createdNanos();
  }

  public Platform platform() {
    return config.platform();
  }
}

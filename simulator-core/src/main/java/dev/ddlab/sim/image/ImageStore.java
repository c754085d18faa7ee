package dev.ddlab.sim.image;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One node's images by ID, with what is local to the node: the parent of a committed (or built)
 * image and when a reference last moved to it. Also answers whether a layer chain is still held
 * (moby {@code image/store.go} with the reference counting of {@code layer/layer_store.go}). The
 * image content itself ({@link Image}) is immutable and shared between nodes.
 */
public final class ImageStore {
  /** Images by ID, in the order they arrived. */
  private final Map<String, StoredImage> images = new LinkedHashMap<>();

  /** Layer chains still held by containers of images deleted with -f. */
  private final Map<String, List<String>> retained = new LinkedHashMap<>();

  /** The image with this full ID ("sha256:…"), if stored. */
  public Optional<Image> get(String id) {
    StoredImage s = images.get(id);
    return s == null ? Optional.empty() : Optional.of(s.image());
  }

  public boolean contains(String id) {
    return images.containsKey(id);
  }

  /**
   * Stores an image unless one with its ID is there already (content addressing: the same config
   * bytes are the same image). {@code parentId} is "" for pulled and loaded images.
   */
  public void add(Image image, String parentId) {
    images.putIfAbsent(image.id(), new StoredImage(image, parentId == null ? "" : parentId, 0));
  }

  /** Whether a layer chain is held by a stored image or by a container of a deleted one. */
  public boolean hasLayerChain(String chainId) {
    for (StoredImage s : images.values()) {
      if (s.image().chainIds().contains(chainId)) {
        return true;
      }
    }
    for (List<String> chains : retained.values()) {
      if (chains.contains(chainId)) {
        return true;
      }
    }
    return false;
  }

  StoredImage stored(String id) {
    return images.get(id);
  }

  Collection<StoredImage> all() {
    return Collections.unmodifiableCollection(images.values());
  }

  /** Images whose parent is {@code id} (moby Store.Children). */
  List<StoredImage> children(String id) {
    List<StoredImage> out = new ArrayList<>();
    for (StoredImage s : images.values()) {
      if (id.equals(s.parent())) {
        out.add(s);
      }
    }
    return out;
  }

  /** Records that a reference moved to the image now (LastTagTime). */
  void touch(String id, long nanos) {
    StoredImage s = images.get(id);
    images.put(id, new StoredImage(s.image(), s.parent(), nanos));
  }

  void remove(String id) {
    images.remove(id);
  }

  /** Keeps a deleted image's layer chains alive for the containers still running on them. */
  void retain(String id, List<String> chainIds) {
    retained.put(id, chainIds);
  }
}

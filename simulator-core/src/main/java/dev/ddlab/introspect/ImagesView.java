package dev.ddlab.introspect;

import dev.ddlab.fs.Entry;
import java.util.List;
import java.util.NavigableMap;
import java.util.Optional;

/** Images as dive shows them: the layer stack, each layer's instruction and file tree. */
public interface ImagesView {
  ImagesView NONE = new ImagesView() {};

  /** A node's image by full ID ({@code sha256:…}); empty when the node has no such image. */
  default Optional<ImageLayers> image(String node, String imageId) {
    return Optional.empty();
  }

  /**
   * An image's layers, base first.
   *
   * @param id the image ID ({@code sha256:…})
   * @param size the image's size as {@code docker images} shows it
   */
  record ImageLayers(String id, long size, List<LayerInfo> layers) {
    public ImageLayers {
      layers = List.copyOf(layers);
    }
  }

  /**
   * One layer.
   *
   * @param index position in the stack, 0 for the base
   * @param diffId the digest of its uncompressed tar ({@code sha256:…})
   * @param size bytes of its files
   * @param createdBy the build step that made it (the history entry's {@code created_by}), or ""
   * @param files what the layer holds, by absolute path: files, directories, links, whiteouts
   *     (unmodifiable)
   */
  record LayerInfo(
      int index, String diffId, long size, String createdBy, NavigableMap<String, Entry> files) {}
}

package dev.ddlab.sim.image;

/**
 * An image in a node's {@link ImageStore}: the shared content, its parent on this node ("" for
 * pulled and loaded images) and when a reference last moved to it (0: never).
 */
record StoredImage(Image image, String parent, long lastTagNanos) {
  String id() {
    return image.id();
  }
}

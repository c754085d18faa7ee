package dev.ddlab.sim.host;

import dev.ddlab.engine.ImagesApi;
import dev.ddlab.sim.image.LocalImages;
import java.util.ServiceLoader;

/**
 * A node's image store as the node needs it: what containers are made from ({@link LocalImages})
 * and the /images endpoints ({@link ImagesApi}). The image subsystem provides a {@link Factory}
 * (found with {@link ServiceLoader}, or passed to {@link Cluster.Builder#images}); it can ask the
 * node which containers use an image through {@link DockerHost#containersUsing(String)}.
 */
public record ImageBackend(LocalImages local, ImagesApi api) {
  /** Builds the image store of a new node. */
  public interface Factory {
    ImageBackend create(DockerHost node);
  }

  /** The factory on the class path, or null when none is. */
  static Factory discovered() {
    for (Factory f : ServiceLoader.load(Factory.class)) {
      return f;
    }
    return null;
  }
}

package dev.ddlab.sim.host;

import dev.ddlab.engine.ImagesApi;
import dev.ddlab.sim.image.LocalImages;
import dev.ddlab.sim.image.Registry;
import dev.ddlab.sim.image.SimImagesApi;

/**
 * A node's image store as the node needs it: what containers are made from ({@link LocalImages})
 * and the /images endpoints ({@link ImagesApi}). By default it is the image subsystem's {@link
 * SimImagesApi} pulling from the cluster's one simulated {@link Registry}; tests may pass their own
 * {@link Factory}. The store learns which containers use an image through {@link
 * DockerHost#imageUsage()}.
 */
public record ImageBackend(LocalImages local, ImagesApi api) {
  /** Builds the image store of a new node. */
  public interface Factory {
    ImageBackend create(DockerHost node);
  }

  /** The node's store on the cluster's shared registry, platform linux/amd64. */
  static final Factory DEFAULT =
      node -> {
        SimImagesApi store =
            new SimImagesApi(
                node.clock(),
                node.random().fork("images"),
                node.cluster().bus(),
                "linux/amd64",
                node.name(),
                node.cluster().registry(),
                node.imageUsage());
        return new ImageBackend(store, store);
      };
}

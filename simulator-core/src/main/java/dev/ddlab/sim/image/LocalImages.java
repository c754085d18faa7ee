package dev.ddlab.sim.image;

import dev.ddlab.sim.fs.ContainerRootFs;
import java.util.Optional;

/**
 * A node's local image store as the container side uses it. Implemented by the image subsystem; the
 * container runtime never touches layers directly.
 */
public interface LocalImages {
  /** By reference ("alpine", "alpine:3.19", "x@sha256:…"), full or short image ID. */
  Optional<LocalImage> find(String referenceOrId);

  /** A fresh root filesystem for a new container: the image's layers plus an empty upper layer. */
  ContainerRootFs newRootFs(LocalImage image);

  /**
   * A number that moves whenever what {@link #find} answers may change (a reference added, moved or
   * deleted; an image stored or removed): a {@code docker ps} listing's version reads it.
   */
  long version();
}

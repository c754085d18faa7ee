package dev.ddlab.sim.image;

import dev.ddlab.sim.fs.Layer;
import dev.ddlab.sim.fs.TarCodec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * A layer as an image holds it: the tree, its digests, and its size as {@code docker history} and
 * {@code docker images} count it. For catalogue layers the size is the real image's figure (the
 * tree is a small stand-in); for committed or loaded layers it is the bytes of their files. A layer
 * loaded from a tarball keeps the tar bytes it came with, since its DiffID is their hash.
 */
public record ImageLayer(Layer layer, TarCodec.LayerDigest digest, long size, byte[] rawTar) {
  public ImageLayer(Layer layer, TarCodec.LayerDigest digest, long size) {
    this(layer, digest, size, null);
  }

  public static ImageLayer of(Layer layer) {
    return new ImageLayer(layer, TarCodec.digest(layer), layer.size());
  }

  /**
   * The bytes this layer holds in the server's memory: the tarball it was loaded from, or the files
   * programs wrote into it (the procedural stand-ins of catalogue images hold none).
   */
  public long heldBytes() {
    if (rawTar != null) {
      return rawTar.length;
    }
    return layer == null ? 0 : dev.ddlab.fs.Disk.size(layer.entries().values());
  }

  public String diffId() {
    return digest.diffId();
  }

  /** Writes the uncompressed layer tar (the bytes its DiffID hashes). */
  public void writeTar(OutputStream out) {
    try {
      if (rawTar != null) {
        out.write(rawTar);
      } else {
        TarCodec.write(layer, out);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  byte[] tarBytes() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    writeTar(out);
    return out.toByteArray();
  }
}

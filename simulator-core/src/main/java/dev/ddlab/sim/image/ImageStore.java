package dev.ddlab.sim.image;

import dev.ddlab.engine.EngineException;
import dev.ddlab.fs.Disk;
import dev.ddlab.fs.FsException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One node's images by ID, with what is local to the node: the parent of a committed (or built)
 * image and when a reference last moved to it. Also answers whether a layer chain is still held
 * (moby {@code image/store.go} with the reference counting of {@code layer/layer_store.go}). The
 * image content itself ({@link Image}) is immutable and shared between nodes.
 *
 * <p>The layers it holds take space on the node's disk, as {@code /var/lib/docker} does: the bytes
 * programs wrote into a layer (a commit's or a build step's files, a loaded tarball; not the
 * procedural stand-ins of catalogue images) are charged once per layer (by DiffID) while an image
 * holds it, and given back when the last one is removed. Without this a loop of {@code run} (fill
 * the writable layer), {@code commit}, {@code rm} kept a disk's worth of heap per round.
 */
public final class ImageStore {
  private final Supplier<Disk> disk;

  /** Layers by DiffID: how many stored images hold each, and what it took from which disk. */
  private final Map<String, Held> held = new LinkedHashMap<>();

  private static final class Held {
    int images;
    long bytes;
    Disk disk;
  }

  /** A store whose layers take no disk (tests, nodes without one). */
  /** Images stored or removed (a {@code docker ps} listing's version reads it). */
  private long changes;

  public long changes() {
    return changes;
  }

  public ImageStore() {
    this(() -> null);
  }

  /** A store whose layers take space on {@code disk} (read when a layer arrives). */
  public ImageStore(Supplier<Disk> disk) {
    this.disk = disk;
  }

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
    if (images.containsKey(image.id())) {
      return;
    }
    take(image);
    changes++;
    images.put(image.id(), new StoredImage(image, parentId == null ? "" : parentId, 0));
  }

  /**
   * Takes the disk space of the image's layers that no stored image holds yet; on a full disk,
   * gives back what it took and fails as moby's layer store does when it cannot write a layer.
   */
  private void take(Image image) {
    Disk d = disk.get();
    List<String> taken = new ArrayList<>();
    for (ImageLayer l : image.layers()) {
      Held h = held.get(l.diffId());
      if (h != null) {
        if (!taken.contains(l.diffId())) {
          h.images++;
          taken.add(l.diffId());
        }
        continue;
      }
      Held fresh = new Held();
      fresh.images = 1;
      fresh.bytes = l.heldBytes();
      fresh.disk = d;
      if (d != null && fresh.bytes > 0) {
        try {
          d.charge(fresh.bytes, "/");
        } catch (FsException full) {
          taken.forEach(this::release);
          throw new EngineException(
              500,
              "failed to register layer: Error processing tar file(exit status 1): write "
                  + firstFile(l)
                  + ": no space left on device");
        }
      }
      held.put(l.diffId(), fresh);
      taken.add(l.diffId());
    }
  }

  private static String firstFile(ImageLayer l) {
    if (l.layer() != null) {
      for (Map.Entry<String, dev.ddlab.fs.Entry> e : l.layer().entries().entrySet()) {
        if (Disk.size(e.getValue()) > 0) {
          return e.getKey();
        }
      }
    }
    return "/";
  }

  private void release(String diffId) {
    Held h = held.get(diffId);
    if (h == null || --h.images > 0) {
      return;
    }
    held.remove(diffId);
    if (h.disk != null && h.bytes > 0) {
      h.disk.charge(-h.bytes, "/");
    }
  }

  /** The bytes the stored images' layers take on the disk. */
  public long diskBytes() {
    long n = 0;
    for (Held h : held.values()) {
      n += h.bytes;
    }
    return n;
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
    changes++;
    StoredImage s = images.remove(id);
    if (s != null) {
      s.image().layers().stream().map(ImageLayer::diffId).distinct().forEach(this::release);
    }
  }

  /** Keeps a deleted image's layer chains alive for the containers still running on them. */
  void retain(String id, List<String> chainIds) {
    retained.put(id, chainIds);
  }
}

package dev.ddlab.sim.fs;

import dev.ddlab.fs.Content;
import dev.ddlab.fs.Entry;
import dev.ddlab.fs.Paths;
import java.nio.charset.StandardCharsets;
import java.util.TreeMap;

/**
 * Builds synthetic layer trees for the image catalogue: parents are created as needed (0755), every
 * entry gets the same fixed mtime, and procedural file content is seeded from the path and a salt,
 * so the same calls always give the same tar bytes.
 */
public final class LayerBuilder {
  private final TreeMap<String, Entry> entries = new TreeMap<>();
  private final long mtimeNanos;
  private long salt;

  LayerBuilder(long mtimeNanos) {
    this.mtimeNanos = mtimeNanos;
  }

  /** Changes the seed of later {@link #binary} content (e.g. per CPU architecture). */
  public LayerBuilder salt(long salt) {
    this.salt = salt;
    return this;
  }

  public LayerBuilder dir(String path) {
    return dir(path, 0755);
  }

  public LayerBuilder dir(String path, int mode) {
    String p = Paths.normalize(path);
    if (!p.equals("/")) {
      parents(p);
      entries.put(p, Entry.dir(mode, mtimeNanos));
    }
    return this;
  }

  public LayerBuilder file(String path, String text) {
    return file(path, 0644, Content.text(text), null);
  }

  public LayerBuilder file(String path, int mode, Content content, String program) {
    String p = Paths.normalize(path);
    parents(p);
    entries.put(p, Entry.file(mode, content, program, mtimeNanos));
    return this;
  }

  /** An executable of {@code size} procedural bytes that runs the simulated {@code program}. */
  public LayerBuilder binary(String path, long size, String program) {
    return file(path, 0755, Content.synthetic(size, seed(path)), program);
  }

  /** A data file of {@code size} procedural bytes (libraries, caches …). */
  public LayerBuilder blob(String path, long size) {
    return file(path, 0644, Content.synthetic(size, seed(path)), null);
  }

  public LayerBuilder symlink(String path, String target) {
    String p = Paths.normalize(path);
    parents(p);
    entries.put(p, Entry.symlink(target, mtimeNanos));
    return this;
  }

  /** Records the deletion of {@code path} from lower layers. */
  public LayerBuilder whiteout(String path) {
    String p = Paths.normalize(path);
    parents(p);
    entries.put(p, Entry.newWhiteout());
    return this;
  }

  /** Marks {@code dir} opaque: only this layer's contents of it are visible. */
  public LayerBuilder opaque(String dir) {
    String p = Paths.normalize(dir);
    parents(p);
    Entry e = entries.get(p);
    entries.put(p, (e != null && e.isDirectory() ? e : Entry.dir(0755, mtimeNanos)).asOpaque());
    return this;
  }

  public Layer build() {
    return Layer.of(entries);
  }

  private void parents(String path) {
    String parent = Paths.parent(path);
    while (!parent.equals("/") && !entries.containsKey(parent)) {
      entries.put(parent, Entry.dir(0755, mtimeNanos));
      parent = Paths.parent(parent);
    }
  }

  private long seed(String path) {
    long h = 1125899906842597L ^ salt;
    for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
      h = 31 * h + b;
    }
    return h;
  }
}

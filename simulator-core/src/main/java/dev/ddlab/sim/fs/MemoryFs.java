package dev.ddlab.sim.fs;

import java.util.List;
import java.util.TreeMap;
import java.util.function.LongSupplier;

/**
 * A mutable in-memory filesystem: a node's host filesystem (home directory, files learners create,
 * tarballs written by {@code docker save}).
 */
public final class MemoryFs extends AbstractFs {
  private final TreeMap<String, Entry> entries = new TreeMap<>();

  /** An empty filesystem (just "/"); {@code clock} gives mtimes in epoch nanoseconds. */
  public MemoryFs(LongSupplier clock) {
    super(clock);
  }

  /** A filesystem that starts as a copy of {@code layer} (whiteouts ignored). */
  public MemoryFs(LongSupplier clock, Layer layer) {
    super(clock);
    layer
        .entries()
        .forEach(
            (p, e) -> {
              if (!e.whiteout()) {
                entries.put(p, e);
              }
            });
  }

  @Override
  protected Entry get(String path) {
    return entries.get(path);
  }

  @Override
  protected List<String> children(String dir) {
    return Layer.childNames(entries, dir);
  }

  @Override
  protected void put(String path, Entry entry) {
    entries.put(path, entry);
  }

  @Override
  protected void removeTree(String path) {
    for (String p : Layer.subtree(entries, path)) {
      entries.remove(p);
    }
  }

  /** The current contents as an immutable layer (e.g. for {@code docker import}). */
  public Layer snapshot() {
    return Layer.of(entries);
  }
}

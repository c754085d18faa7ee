package dev.ddlab.fs;

import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
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

  /** A filesystem that starts as a copy of {@code entries} (whiteouts ignored). */
  public MemoryFs(LongSupplier clock, Map<String, Entry> entries) {
    super(clock);
    entries.forEach(
        (p, e) -> {
          if (!e.whiteout()) {
            this.entries.put(p, e);
          }
        });
  }

  @Override
  protected Entry get(String path) {
    return entries.get(path);
  }

  @Override
  protected List<String> children(String dir) {
    return EntryTree.childNames(entries, dir);
  }

  @Override
  protected void put(String path, Entry entry) {
    charge(Disk.size(entry) - Disk.size(entries.get(path)), path);
    entries.put(path, entry);
  }

  @Override
  protected void removeTree(String path) {
    for (String p : EntryTree.subtree(entries, path)) {
      charge(-Disk.size(entries.remove(p)), p);
    }
  }

  @Override
  protected long storedBytes() {
    return Disk.size(entries.values());
  }

  /** A copy of the current contents, by path (e.g. to make a layer of them). */
  public NavigableMap<String, Entry> entries() {
    return new TreeMap<>(entries);
  }
}

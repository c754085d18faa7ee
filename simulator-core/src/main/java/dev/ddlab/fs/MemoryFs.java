package dev.ddlab.fs;

import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.LongSupplier;

/**
 * A mutable in-memory filesystem: a node's host filesystem (home directory, files learners create,
 * tarballs written by {@code docker save}), or a tmpfs ({@link #asTmpfs}).
 */
public class MemoryFs extends AbstractFs {
  /** tmpfs's BOGO_DIRENT_SIZE: a directory's size is 20 bytes per entry, "." and ".." included. */
  private static final int TMPFS_DIRENT = 20;

  private final TreeMap<String, Entry> entries = new TreeMap<>();

  /** The root's node when this is a mount's filesystem, else null (a plain directory). */
  private FileNode root;

  private boolean tmpfs;

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

  /**
   * This filesystem as a tmpfs mounted at {@code mtimeNanos} with {@code mode} ({@code 01777}
   * unless {@code mode=}): its root carries both, and each directory's size is tmpfs's, 40 bytes
   * and 20 more per entry (so {@code ls -l} shows an empty one as {@code 40}, taking no blocks).
   */
  public MemoryFs asTmpfs(int mode, long mtimeNanos) {
    root = new FileNode(FileNode.Kind.DIRECTORY, mode, 0, null, null, mtimeNanos, 0, 0);
    tmpfs = true;
    return this;
  }

  /** The root's mount time (and mode) again: the container started once more. */
  public void remounted(long mtimeNanos) {
    if (root != null) {
      root = new FileNode(FileNode.Kind.DIRECTORY, root.mode(), 0, null, null, mtimeNanos, 0, 0);
    }
  }

  @Override
  protected FileNode rootNode() {
    return root != null ? root : super.rootNode();
  }

  @Override
  protected FileNode shown(String path, FileNode node) {
    if (!tmpfs || !node.isDirectory()) {
      return node;
    }
    return node.withSize(TMPFS_DIRENT * (2L + children(path).size()));
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

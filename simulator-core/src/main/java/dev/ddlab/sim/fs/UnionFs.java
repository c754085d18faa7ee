package dev.ddlab.sim.fs;

import dev.ddlab.engine.dto.ChangeItem;
import dev.ddlab.fs.AbstractFs;
import dev.ddlab.fs.Disk;
import dev.ddlab.fs.Entry;
import dev.ddlab.fs.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.LongSupplier;

/**
 * overlay2 as a container sees it: read-only image layers (lowest first) under one writable upper
 * layer. A lookup goes from the top down and stops at a whiteout, at an opaque directory or at a
 * non-directory on the way. Writing to a lower file copies it up (its parent directories first);
 * deleting a lower path leaves a whiteout; a directory made again where a whiteout was is opaque.
 */
public final class UnionFs extends AbstractFs implements ContainerRootFs {
  private final List<Layer> lowers; // lowest first
  private final long imageSize;
  private final TreeMap<String, Entry> upper = new TreeMap<>();

  /**
   * @param lowers the image's layers, base layer first
   * @param imageSize the image's size as {@code docker images} reports it
   */
  public UnionFs(List<Layer> lowers, long imageSize, LongSupplier clock) {
    super(clock);
    this.lowers = List.copyOf(lowers);
    this.imageSize = imageSize;
    // the merged root is the upper directory's, made (and given its mount points) at create
    this.root =
        new dev.ddlab.fs.FileNode(
            dev.ddlab.fs.FileNode.Kind.DIRECTORY, 0755, 4096, null, null, clock.getAsLong(), 0, 0);
  }

  private final dev.ddlab.fs.FileNode root;

  @Override
  protected dev.ddlab.fs.FileNode rootNode() {
    return root;
  }

  @Override
  protected Entry get(String path) {
    List<String> ancestors = ancestors(path);
    Entry e = upper.get(path);
    if (e != null || blocks(upper, ancestors)) {
      return e == null || e.whiteout() ? null : e;
    }
    return lowerGet(path, ancestors);
  }

  private Entry lowerGet(String path, List<String> ancestors) {
    for (int i = lowers.size() - 1; i >= 0; i--) {
      Map<String, Entry> layer = lowers.get(i).byPath();
      Entry e = layer.get(path);
      if (e != null) {
        return e.whiteout() ? null : e;
      }
      if (blocks(layer, ancestors)) {
        return null;
      }
    }
    return null;
  }

  /** Whether this layer hides everything below it at paths under these ancestors. */
  private static boolean blocks(Map<String, Entry> layer, List<String> ancestors) {
    for (String a : ancestors) {
      Entry ae = layer.get(a);
      if (ae != null && (ae.whiteout() || !ae.isDirectory() || ae.opaque())) {
        return true;
      }
    }
    return false;
  }

  /** The proper ancestors of {@code path} below the root, nearest first. */
  private static List<String> ancestors(String path) {
    String p = Paths.normalize(path);
    List<String> out = new ArrayList<>();
    for (int i = p.lastIndexOf('/'); i > 0; i = p.lastIndexOf('/', i - 1)) {
      out.add(p.substring(0, i));
    }
    return out;
  }

  @Override
  protected List<String> children(String dir) {
    List<String> withSelf = ancestors(dir);
    if (!dir.equals("/")) {
      withSelf.add(0, dir);
    }
    TreeSet<String> seen = new TreeSet<>();
    TreeSet<String> visible = new TreeSet<>();
    List<NavigableMap<String, Entry>> stack = new ArrayList<>();
    stack.add(upper);
    for (int i = lowers.size() - 1; i >= 0; i--) {
      stack.add(lowers.get(i).entries());
    }
    for (NavigableMap<String, Entry> layer : stack) {
      boolean stop = false;
      for (String a : withSelf) {
        Entry ae = layer.get(a);
        if (ae != null && (ae.whiteout() || !ae.isDirectory())) {
          return List.copyOf(visible);
        }
        if (ae != null && ae.opaque()) {
          stop = true;
        }
      }
      for (String name : Layer.childNames(layer, dir)) {
        if (seen.add(name) && !layer.get(childPath(dir, name)).whiteout()) {
          visible.add(name);
        }
      }
      if (stop) {
        break;
      }
    }
    return List.copyOf(visible);
  }

  private static String childPath(String dir, String name) {
    return dir.equals("/") ? "/" + name : dir + "/" + name;
  }

  @Override
  protected void put(String path, Entry entry) {
    charge(Disk.size(entry) - Disk.size(upper.get(path)), path);
    copyUpParents(path);
    Entry old = upper.get(path);
    if (entry.isDirectory() && old != null && old.whiteout()) {
      entry = entry.asOpaque(); // a directory made again over a deleted one hides the old contents
    } else if (entry.isDirectory() && old == null && lowerHasNonDir(path)) {
      entry = entry.asOpaque();
    }
    upper.put(path, entry);
  }

  private boolean lowerHasNonDir(String path) {
    Entry e = lowerGet(path, ancestors(path));
    return e != null && !e.isDirectory();
  }

  private void copyUpParents(String path) {
    List<String> ancestors = ancestors(path);
    for (int i = ancestors.size() - 1; i >= 0; i--) {
      String a = ancestors.get(i);
      if (!upper.containsKey(a)) {
        Entry e = get(a);
        if (e != null && e.isDirectory()) {
          upper.put(a, new Entry(e.node(), null, false, false));
        }
      }
    }
  }

  @Override
  protected void removeTree(String path) {
    for (String p : Layer.subtree(upper, path)) {
      charge(-Disk.size(upper.remove(p)), p);
    }
    if (lowerGet(path, ancestors(path)) != null) {
      copyUpParents(path);
      upper.put(path, Entry.newWhiteout());
    }
  }

  @Override
  protected long storedBytes() {
    return Disk.size(upper.values());
  }

  /**
   * What {@code docker diff} lists, in path order: whiteouts are deletions (2), upper paths that
   * also exist below are changes (0), the rest additions (1).
   */
  @Override
  public List<ChangeItem> changes() {
    List<ChangeItem> out = new ArrayList<>();
    for (Map.Entry<String, Entry> me : upper.entrySet()) {
      String p = me.getKey();
      if (me.getValue().whiteout()) {
        out.add(new ChangeItem(p, 2));
      } else {
        out.add(new ChangeItem(p, lowerGet(p, ancestors(p)) != null ? 0 : 1));
      }
    }
    return out;
  }

  @Override
  public long sizeRw() {
    long s = 0;
    for (Entry e : upper.values()) {
      s += e.contentSize();
    }
    return s;
  }

  /** Image size plus the writable layer, as the Engine API's SizeRootFs. */
  @Override
  public long sizeRootFs() {
    return imageSize + sizeRw();
  }

  /** The writable layer as an immutable layer (what {@code docker commit} turns into a layer). */
  public Layer upperLayer() {
    return Layer.of(upper);
  }

  public List<Layer> lowerLayers() {
    return lowers;
  }
}

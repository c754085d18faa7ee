package dev.ddlab.sim.fs;

import dev.ddlab.fs.Entry;
import dev.ddlab.fs.EntryTree;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * An immutable filesystem layer: absolute paths (without the root itself) mapped to {@link Entry}s,
 * in path order, which is also the order of its tar. Whiteouts and opaque directories describe what
 * the layer removes from the layers below it.
 */
public final class Layer {
  private static final Layer EMPTY = new Layer(new TreeMap<>());
  private final NavigableMap<String, Entry> entries;

  /** The same entries hashed: the union view looks paths up in every layer of an image. */
  private final Map<String, Entry> byPath;

  private final long size;

  private Layer(NavigableMap<String, Entry> entries) {
    this.entries = Collections.unmodifiableNavigableMap(entries);
    this.byPath = new HashMap<>(entries);
    long s = 0;
    for (Entry e : entries.values()) {
      s += e.contentSize();
    }
    this.size = s;
  }

  public static Layer empty() {
    return EMPTY;
  }

  /** A layer holding a copy of {@code entries}; keys must be normalised absolute paths. */
  public static Layer of(Map<String, Entry> entries) {
    if (entries.containsKey("/")) {
      throw new IllegalArgumentException("a layer does not hold the root itself");
    }
    return entries.isEmpty() ? EMPTY : new Layer(new TreeMap<>(entries));
  }

  public static LayerBuilder builder(long mtimeNanos) {
    return new LayerBuilder(mtimeNanos);
  }

  public NavigableMap<String, Entry> entries() {
    return entries;
  }

  public Entry get(String path) {
    return byPath.get(path);
  }

  /** Read-only by convention: for {@link UnionFs}, which must not copy it per lookup. */
  Map<String, Entry> byPath() {
    return byPath;
  }

  public boolean isEmpty() {
    return entries.isEmpty();
  }

  /** Sum of the regular files' sizes (what docker history and du count). */
  public long size() {
    return size;
  }

  static List<String> childNames(NavigableMap<String, Entry> map, String dir) {
    return EntryTree.childNames(map, dir);
  }

  /** Every key at or under {@code path}. */
  static List<String> subtree(NavigableMap<String, Entry> map, String path) {
    return EntryTree.subtree(map, path);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Layer l && l.entries.equals(entries);
  }

  @Override
  public int hashCode() {
    return entries.hashCode();
  }

  @Override
  public String toString() {
    return "Layer" + entries.keySet();
  }
}

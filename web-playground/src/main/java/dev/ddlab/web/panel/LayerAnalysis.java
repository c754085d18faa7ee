package dev.ddlab.web.panel;

import dev.ddlab.fs.Entry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * What dive (wagoodman/dive) computes for an image: per path, its size in each layer where it
 * appears (a whiteout counts as the size of what it removes), hence the efficiency score — Σ of
 * each path's smallest size over Σ of its cumulative size — and the wasted bytes — the cumulative
 * size of every path found in two or more layers. Only leaves of each layer's tree count, as in
 * dive. Also the per-layer file tree with dive's marks.
 */
public final class LayerAnalysis {
  /** dive's marks: Added, Modified, Removed (whiteout), Unmodified. */
  public enum Mark {
    A,
    M,
    D,
    U
  }

  /** One row of a layer's aggregated file tree. */
  public record Row(String path, int depth, String name, Mark mark, long size, boolean directory) {}

  /** A path found in two or more layers and the bytes it costs in all of them. */
  public record Waste(String path, int layers, long cumulativeSize) {}

  private final List<NavigableMap<String, Entry>> layers;
  private final double efficiency;
  private final long wastedBytes;
  private final List<Waste> inefficiencies;

  /** Analyses an image's layers, base first, each as its entries by absolute path. */
  public LayerAnalysis(List<NavigableMap<String, Entry>> layers) {
    this.layers = List.copyOf(layers);
    Map<String, long[]> byPath = new LinkedHashMap<>(); // cumulative, min, count
    NavigableMap<String, Entry> stacked = new TreeMap<>();
    for (NavigableMap<String, Entry> entries : this.layers) {
      for (Map.Entry<String, Entry> e : entries.entrySet()) {
        String path = e.getKey();
        if (!isLeaf(entries, path)) {
          continue;
        }
        long size = e.getValue().whiteout() ? sizeUnder(stacked, path) : e.getValue().contentSize();
        long[] d = byPath.computeIfAbsent(path, k -> new long[] {0, -1, 0});
        d[0] += size;
        d[1] = d[1] < 0 ? size : Math.min(d[1], size);
        d[2]++;
      }
      apply(stacked, entries);
    }
    long minimum = 0;
    long discovered = 0;
    long wasted = 0;
    List<Waste> waste = new ArrayList<>();
    for (Map.Entry<String, long[]> e : byPath.entrySet()) {
      long[] d = e.getValue();
      minimum += d[1];
      discovered += d[0];
      if (d[2] >= 2) {
        wasted += d[0];
        waste.add(new Waste(e.getKey(), (int) d[2], d[0]));
      }
    }
    waste.sort((a, b) -> Long.compare(b.cumulativeSize(), a.cumulativeSize()));
    this.efficiency = discovered == 0 ? 1.0 : (double) minimum / discovered;
    this.wastedBytes = wasted;
    this.inefficiencies = List.copyOf(waste);
  }

  public double efficiency() {
    return efficiency;
  }

  public long wastedBytes() {
    return wastedBytes;
  }

  /** Paths in two or more layers, costliest first. */
  public List<Waste> inefficiencies() {
    return inefficiencies;
  }

  /** dive's "user wasted percent": wasted bytes over the size of every layer but the base. */
  public static double userWastedPercent(long wastedBytes, List<Long> layerSizes) {
    long user = 0;
    for (int i = 1; i < layerSizes.size(); i++) {
      user += layerSizes.get(i);
    }
    return user == 0 ? 0 : (double) wastedBytes / user;
  }

  /**
   * The tree as it stands after layer {@code index} (aggregated, as dive shows it by default), each
   * path marked by what that layer did to it; removed paths stay listed, marked {@link Mark#D}.
   */
  public List<Row> tree(int index) {
    NavigableMap<String, Entry> below = new TreeMap<>();
    for (int i = 0; i < index; i++) {
      apply(below, layers.get(i));
    }
    NavigableMap<String, Entry> layer = layers.get(index);
    NavigableMap<String, Entry> after = new TreeMap<>(below);
    apply(after, layers.get(index));
    TreeMap<String, Row> rows = new TreeMap<>();
    for (Map.Entry<String, Entry> e : after.entrySet()) {
      String path = e.getKey();
      Entry now = e.getValue();
      Entry mine = layer.get(path);
      Mark mark;
      if (mine == null) {
        mark = Mark.U;
      } else if (!below.containsKey(path)) {
        mark = Mark.A;
      } else {
        mark = sameContent(below.get(path), mine) ? Mark.U : Mark.M;
      }
      rows.put(path, row(path, mark, now));
    }
    for (Map.Entry<String, Entry> e : layer.entrySet()) {
      if (e.getValue().whiteout()) {
        Entry self = below.get(e.getKey());
        if (self != null) {
          rows.put(e.getKey(), row(e.getKey(), Mark.D, self));
        }
        for (Map.Entry<String, Entry> gone : subtree(below, e.getKey()).entrySet()) {
          rows.put(gone.getKey(), row(gone.getKey(), Mark.D, gone.getValue()));
        }
      }
    }
    return new ArrayList<>(rows.values());
  }

  private static Row row(String path, Mark mark, Entry entry) {
    int depth = (int) path.chars().filter(c -> c == '/').count() - 1;
    String name = path.substring(path.lastIndexOf('/') + 1);
    return new Row(path, depth, name, mark, entry.contentSize(), entry.isDirectory());
  }

  private static boolean sameContent(Entry a, Entry b) {
    if (a.isDirectory() && b.isDirectory()) {
      return a.node().mode() == b.node().mode()
          && a.node().uid() == b.node().uid()
          && a.node().gid() == b.node().gid();
    }
    return a.equals(b);
  }

  /**
   * Applies a layer on top of a stacked tree: whiteouts and opaque directories hide what is below.
   */
  static void apply(NavigableMap<String, Entry> stacked, NavigableMap<String, Entry> layer) {
    for (Map.Entry<String, Entry> e : layer.entrySet()) {
      String path = e.getKey();
      Entry entry = e.getValue();
      if (entry.whiteout()) {
        subtree(stacked, path).clear();
        stacked.remove(path);
        continue;
      }
      if (entry.opaque()) {
        subtree(stacked, path).clear();
      }
      if (!entry.isDirectory()) {
        subtree(stacked, path).clear(); // a file replacing a directory
      }
      stacked.put(path, entry);
    }
  }

  /** Paths strictly under {@code path}. */
  private static NavigableMap<String, Entry> subtree(NavigableMap<String, Entry> map, String path) {
    String prefix = path + "/";
    return map.subMap(prefix, true, prefix + Character.MAX_VALUE, false);
  }

  private static long sizeUnder(NavigableMap<String, Entry> stacked, String path) {
    long size = 0;
    Entry self = stacked.get(path);
    if (self != null) {
      size += self.contentSize();
    }
    for (Entry e : subtree(stacked, path).values()) {
      size += e.contentSize();
    }
    return size;
  }

  private static boolean isLeaf(NavigableMap<String, Entry> entries, String path) {
    String next = entries.ceilingKey(path + "/");
    return next == null || !next.startsWith(path + "/");
  }
}

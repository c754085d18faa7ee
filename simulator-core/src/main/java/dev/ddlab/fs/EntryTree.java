package dev.ddlab.fs;

import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;

/** Lookups over a sorted map from normal absolute paths to entries (a layer, a host filesystem). */
public final class EntryTree {
  private EntryTree() {}

  /** The names directly under {@code dir}, in path order. */
  public static List<String> childNames(NavigableMap<String, Entry> map, String dir) {
    String prefix = dir.equals("/") ? "/" : dir + "/";
    List<String> out = new ArrayList<>();
    for (String key : map.subMap(prefix, true, prefix + Character.MAX_VALUE, false).keySet()) {
      String rest = key.substring(prefix.length());
      if (!rest.isEmpty() && rest.indexOf('/') < 0) {
        out.add(rest);
      }
    }
    return out;
  }

  /** Every key at or under {@code path}. */
  public static List<String> subtree(NavigableMap<String, Entry> map, String path) {
    List<String> out = new ArrayList<>();
    if (map.containsKey(path)) {
      out.add(path);
    }
    String prefix = path.equals("/") ? "/" : path + "/";
    out.addAll(map.subMap(prefix, true, prefix + Character.MAX_VALUE, false).keySet());
    return out;
  }
}

package dev.ddlab.cli.template;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** A small synchronized map that forgets its least recently used entry beyond a size. */
public final class Lru {
  private Lru() {}

  public static <V> Map<String, V> of(int max) {
    return Collections.synchronizedMap(
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
            return size() > max;
          }
        });
  }
}

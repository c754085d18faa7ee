package dev.ddlab.cli.command;

import dev.ddlab.engine.Frozen;

/**
 * The last few outputs of one pooled command, each kept with a frozen copy of the value it was
 * written from (an inspect's DTO; a listing's DTOs with its options and the time it was made at): a
 * value equal to a kept one is answered with the kept text, unwritten (writing a container's JSON
 * was two thirds of an inspect, the table of one image most of {@code docker images}).
 *
 * <p>A caller keys a text by everything the text is a function of: records compared component by
 * component, lists in order and maps whatever their order (encoding/json and Go's templates sort a
 * map's keys). Nothing then needs to be told of a change: a renamed, restarted, connected or
 * updated container is a DTO that equals no kept one. Equality is only as good as the kept copy, so
 * the copy is frozen ({@link Frozen}): every list and map in it is a private unmodifiable copy (a
 * daemon's DTO may share a list it later changes in place); a value of a type not known to be
 * immutable (an array, a set, any other class) leaves the text unkept.
 */
final class OutputCache {
  private static final int SIZE = 4;

  private final Object[] keys = new Object[SIZE];
  private final String[] texts = new String[SIZE];
  private int next;

  /** The text kept for a value equal to {@code value}, or null. */
  String get(Object value) {
    for (int i = 0; i < SIZE; i++) {
      Object key = keys[i];
      // a frozen value handed out again (the daemon's kept inspect) is its own key
      if (key != null && (key == value || key.equals(value))) {
        return texts[i];
      }
    }
    return null;
  }

  private boolean missed;
  private int lastMiss;

  /**
   * Keeps {@code text}, written from {@code value}, when the same value was offered the time before
   * too: a listing keyed by a clock that moves between commands (a learner's {@code docker ps}) is
   * never asked for twice, and freezing its copy cost more than writing its table (typed {@code
   * docker ps -a} with 1,000 containers, the clock moving 1 s between calls: 800–870 µs of thread
   * CPU without the cache, 1,370–1,440 µs keeping every miss). Only the hash is taken on a first
   * miss; a collision only makes a text kept, never answered for another value.
   */
  void offer(Object value, String text) {
    int h = value.hashCode();
    if (missed && h == lastMiss) {
      missed = false;
      put(value, text);
    } else {
      missed = true;
      lastMiss = h;
    }
  }

  /** Keeps {@code text}, written from {@code value}, unless the value cannot be frozen. */
  void put(Object value, String text) {
    Object frozen = Frozen.freezeOrNull(value);
    if (frozen == null) {
      return;
    }
    // a record's constructor may have normalised a component: then the copy is not the value the
    // text was written from
    if (!frozen.equals(value)) {
      return;
    }
    keys[next] = frozen;
    texts[next] = text;
    next = (next + 1) % SIZE;
  }
}

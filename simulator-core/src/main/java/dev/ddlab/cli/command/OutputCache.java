package dev.ddlab.cli.command;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
 * the copy is frozen: every list and map in it is a private unmodifiable copy (a daemon's DTO may
 * share a list it later changes in place); a value of a type not known to be immutable (an array, a
 * set, any other class) leaves the text unkept.
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
      if (key != null && key.equals(value)) {
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
    Object frozen;
    try {
      frozen = freeze(value);
    } catch (NotFrozen e) {
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

  /** A value that cannot be frozen: its text is not kept. */
  private static final class NotFrozen extends Exception {
    private static final NotFrozen INSTANCE = new NotFrozen();

    private NotFrozen() {
      super(null, null, false, false);
    }
  }

  /**
   * {@code v} with every list and map replaced by an unmodifiable copy of frozen values; the same
   * object when nothing in it needed copying (immutable scalars, records of them, the JDK's
   * immutable collections of them).
   */
  static Object freeze(Object v) throws NotFrozen {
    if (v == null || isScalar(v)) {
      return v;
    }
    if (v instanceof List<?> list) {
      List<Object> copy = new ArrayList<>(list.size());
      boolean same = isJdkImmutable(list);
      for (Object o : list) {
        Object f = freeze(o);
        same &= f == o;
        copy.add(f);
      }
      return same ? list : Collections.unmodifiableList(copy);
    }
    if (v instanceof Map<?, ?> map) {
      Map<Object, Object> copy = new LinkedHashMap<>();
      boolean same = isJdkImmutable(map);
      for (Map.Entry<?, ?> e : map.entrySet()) {
        if (!isScalar(e.getKey())) {
          throw NotFrozen.INSTANCE;
        }
        Object f = freeze(e.getValue());
        same &= f == e.getValue();
        copy.put(e.getKey(), f);
      }
      return same ? map : Collections.unmodifiableMap(copy);
    }
    if (v instanceof Record r) {
      return freezeRecord(r);
    }
    throw NotFrozen.INSTANCE;
  }

  private static Object freezeRecord(Record r) throws NotFrozen {
    Shape shape = SHAPES.get(r.getClass());
    if (shape == null) {
      throw NotFrozen.INSTANCE;
    }
    Object[] values = new Object[shape.accessors.length];
    boolean same = true;
    try {
      for (int i = 0; i < values.length; i++) {
        Object value = shape.accessors[i].invoke(r);
        values[i] = freeze(value);
        same &= values[i] == value;
      }
      return same ? r : (Object) shape.constructor.invoke(values);
    } catch (NotFrozen | Error e) {
      throw e;
    } catch (Throwable refused) {
      // a constructor that rejects the copy
      throw NotFrozen.INSTANCE;
    }
  }

  /** A record class's accessors and canonical constructor; null when they are not accessible. */
  private record Shape(MethodHandle[] accessors, MethodHandle constructor) {}

  private static final ClassValue<Shape> SHAPES =
      new ClassValue<>() {
        @Override
        protected Shape computeValue(Class<?> type) {
          try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            RecordComponent[] components = type.getRecordComponents();
            MethodHandle[] accessors = new MethodHandle[components.length];
            Class<?>[] types = new Class<?>[components.length];
            for (int i = 0; i < components.length; i++) {
              accessors[i] =
                  lookup
                      .unreflect(components[i].getAccessor())
                      .asType(MethodType.methodType(Object.class, Object.class));
              types[i] = components[i].getType();
            }
            MethodHandle constructor =
                lookup
                    .findConstructor(type, MethodType.methodType(void.class, types))
                    .asType(MethodType.genericMethodType(types.length));
            return new Shape(accessors, constructor.asSpreader(Object[].class, types.length));
          } catch (ReflectiveOperationException | IllegalArgumentException notPublic) {
            return null;
          }
        }
      };

  private static boolean isScalar(Object v) {
    return v instanceof String
        || v instanceof Boolean
        || v instanceof Integer
        || v instanceof Long
        || v instanceof Double
        || v instanceof Float
        || v instanceof Short
        || v instanceof Byte
        || v instanceof Character
        || v instanceof BigDecimal
        || v instanceof BigInteger
        || v instanceof Enum<?>;
  }

  /** The JDK's own immutable lists and maps ({@code List.of}, {@code Map.copyOf}…). */
  private static boolean isJdkImmutable(Object collection) {
    return collection.getClass().getName().startsWith("java.util.ImmutableCollections$");
  }
}

package dev.ddlab.engine;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.AbstractList;
import java.util.AbstractMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;
import java.util.Set;

/**
 * Deeply immutable copies of engine DTOs: every list and map in a value replaced by an unmodifiable
 * copy of frozen values, in the same order. A value that is frozen already is handed back as the
 * same object, so whoever keeps a text by a frozen value can answer the same object again by
 * identity alone (the CLI's kept outputs; the simulated daemon's kept {@code inspect}). Only
 * immutable scalars, records of frozen values, the JDK's immutable collections and this class's own
 * copies count as frozen; any other type (an array, a set, a mutable class) cannot be frozen.
 */
public final class Frozen {
  private Frozen() {}

  /** {@code v} frozen (the same object when it already is), or null when it cannot be. */
  public static Object freezeOrNull(Object v) {
    try {
      return freeze(v);
    } catch (NotFrozen e) {
      return null;
    }
  }

  /** Whether {@code v} is frozen already: freezing it would hand it back as it is. */
  public static boolean isFrozen(Object v) {
    return v == null || freezeOrNull(v) == v;
  }

  /** A value that cannot be frozen. */
  private static final class NotFrozen extends Exception {
    private static final NotFrozen INSTANCE = new NotFrozen();

    private NotFrozen() {
      super(null, null, false, false);
    }
  }

  private static Object freeze(Object v) throws NotFrozen {
    if (v == null || isScalar(v)) {
      return v;
    }
    if (v instanceof List<?> list) {
      Object[] copy = new Object[list.size()];
      boolean same = isImmutable(list);
      int i = 0;
      for (Object o : list) {
        Object f = freeze(o);
        same &= f == o;
        copy[i++] = f;
      }
      return same ? list : new FrozenList<>(copy);
    }
    if (v instanceof Map<?, ?> map) {
      Map<Object, Object> copy = new LinkedHashMap<>();
      boolean same = isImmutable(map);
      for (Map.Entry<?, ?> e : map.entrySet()) {
        if (!isScalar(e.getKey())) {
          throw NotFrozen.INSTANCE;
        }
        Object f = freeze(e.getValue());
        same &= f == e.getValue();
        copy.put(e.getKey(), f);
      }
      return same ? map : new FrozenMap<>(copy);
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
            // full access to the record's own class: the CLI keys its texts by package-private
            // records (docker images' Table), which this package's lookup cannot read
            MethodHandles.Lookup lookup =
                MethodHandles.privateLookupIn(type, MethodHandles.lookup());
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

  /** The JDK's own immutable lists and maps ({@code List.of}, {@code Map.copyOf}…), and ours. */
  private static boolean isImmutable(Object collection) {
    return collection instanceof FrozenList<?>
        || collection instanceof FrozenMap<?, ?>
        || collection.getClass().getName().startsWith("java.util.ImmutableCollections$");
  }

  /** A frozen list: its elements in their order, no way to change them. */
  private static final class FrozenList<E> extends AbstractList<E> implements RandomAccess {
    private final Object[] elements;

    FrozenList(Object[] elements) {
      this.elements = elements;
    }

    @Override
    @SuppressWarnings("unchecked")
    public E get(int index) {
      return (E) elements[index];
    }

    @Override
    public int size() {
      return elements.length;
    }
  }

  /** A frozen map: its entries in the order they were copied in, no way to change them. */
  private static final class FrozenMap<K, V> extends AbstractMap<K, V> {
    private final Map<K, V> entries;

    FrozenMap(Map<K, V> copy) {
      this.entries = Collections.unmodifiableMap(copy);
    }

    @Override
    public Set<Entry<K, V>> entrySet() {
      return entries.entrySet();
    }

    @Override
    public V get(Object key) {
      return entries.get(key);
    }

    @Override
    public boolean containsKey(Object key) {
      return entries.containsKey(key);
    }

    @Override
    public int size() {
      return entries.size();
    }
  }
}

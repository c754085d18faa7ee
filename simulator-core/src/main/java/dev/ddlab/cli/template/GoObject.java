package dev.ddlab.cli.template;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A Go struct (or a struct with methods, like docker/cli's formatter contexts) as a template sees
 * it: named fields in declaration order, methods that take arguments ({@code .Label "x"}), and the
 * Go type name that errors print ({@code *formatter.ContainerContext}).
 */
public final class GoObject {
  /** A method with a fixed number of parameters. */
  public record Method(int arity, Function<List<Object>, Object> body) {}

  /**
   * The getters every row of one kind shares (docker/cli's formatter contexts are one Go type): a
   * row made from a shape holds only its source, so listing a thousand containers builds no map of
   * fields per row.
   */
  public static final class Shape<T> {
    private final String typeName;
    private final LinkedHashMap<String, Function<T, Object>> getters = new LinkedHashMap<>();
    private final Map<String, ShapeMethod<T>> shapeMethods = new java.util.HashMap<>();

    public Shape(String typeName) {
      this.typeName = typeName;
    }

    /** A field computed from the row's source when a template reads it. */
    public Shape<T> getter(String name, Function<T, Object> value) {
      getters.put(name, value);
      return this;
    }

    /** A method with arguments ({@code .Label "x"}) computed from the row's source. */
    public Shape<T> method(
        String name, int arity, java.util.function.BiFunction<T, List<Object>, Object> body) {
      shapeMethods.put(name, new ShapeMethod<>(arity, body));
      return this;
    }

    /** A row: this shape's fields over {@code source}. */
    public GoObject of(T source) {
      GoObject o = new GoObject(typeName);
      o.shape = getters;
      o.shapeMethods = shapeMethods;
      o.source = source;
      return o;
    }
  }

  /**
   * The fields every struct of one Go type has, in declaration order, with their JSON keys: a
   * struct made on a layout keeps its values in one array instead of a map of its own (a container
   * inspect is some two hundred fields).
   */
  public static final class Layout {
    private final String[] names;
    private final String[] jsonNames;
    private final Map<String, Integer> index;

    /** Template names and the JSON key of each, in declaration order. */
    public Layout(List<String> names, List<String> jsonNames) {
      this.names = names.toArray(String[]::new);
      this.jsonNames = jsonNames.toArray(String[]::new);
      Map<String, Integer> idx = new java.util.HashMap<>(names.size() * 2);
      for (int i = 0; i < this.names.length; i++) {
        idx.putIfAbsent(this.names[i], i);
      }
      this.index = idx;
    }
  }

  /** A layout slot without a value: the field is absent (left out, as a nil pointer's). */
  private static final Object ABSENT = new Object();

  private Layout layout;
  private Object[] slots;
  // which slots {{json .}} leaves out; null while none
  private boolean[] slotOmitted;

  private final String typeName;
  // allocated on first use: a row made from a shape usually needs none of them
  // a field's value, or a Lazy for one computed when read
  private Map<String, Object> fields = Map.of();
  private Map<String, ? extends Function<?, Object>> shape = Map.of();
  private Map<String, ? extends ShapeMethod<?>> shapeMethods = Map.of();
  private Object source;
  private Map<String, Method> methods = Map.of();
  private Map<String, String> jsonNames = Map.of();
  private java.util.Set<String> jsonOmitted = java.util.Set.of();

  private record Lazy(Supplier<Object> value) {}

  private boolean jsonSorted;
  private boolean printable = true;
  private boolean mapLike;

  public GoObject(String typeName) {
    this(typeName, 12);
  }

  /** An object that will hold about {@code expectedFields} fields (its map is made that size). */
  private GoObject(String typeName, int expectedFields) {
    this.typeName = typeName;
    this.expectedFields = expectedFields;
  }

  private final int expectedFields;

  /** A struct of a {@link Layout}: its fields are set by name, absent until set. */
  public GoObject(String typeName, Layout layout) {
    this(typeName, 0);
    this.layout = layout;
    this.slots = new Object[layout.names.length];
    java.util.Arrays.fill(slots, ABSENT);
  }

  /** The layout slot of a field, or -1. */
  private int slot(String name) {
    if (layout == null) {
      return -1;
    }
    Integer i = layout.index.get(name);
    return i == null ? -1 : i;
  }

  public String typeName() {
    return typeName;
  }

  public GoObject field(String name, Object value) {
    return put(name, value);
  }

  /**
   * A field whose Go name differs from its JSON tag ({@code Time int64 `json:"time"`}): templates
   * read it as {@code .Time}, {@code {{json .}}} writes {@code "time"}.
   */
  public GoObject field(String name, String jsonName, Object value) {
    int i = slot(name);
    if (i >= 0 && layout.jsonNames[i].equals(jsonName)) {
      slots[i] = value;
      return this;
    }
    if (jsonNames.isEmpty()) {
      jsonNames = new java.util.HashMap<>();
    }
    jsonNames.put(name, jsonName);
    return field(name, value);
  }

  /**
   * A field a template reads but {@code {{json .}}} leaves out (a Go struct field tagged {@code
   * omitempty} whose value is empty: a nil {@code Health} is {@code <nil>} to {@code {{.State}}}
   * and absent from {@code {{json .State}}}).
   */
  public GoObject omittedField(String name, Object value) {
    int i = slot(name);
    if (i >= 0) {
      slots[i] = value;
      if (slotOmitted == null) {
        slotOmitted = new boolean[slots.length];
      }
      slotOmitted[i] = true;
      return this;
    }
    if (jsonOmitted.isEmpty()) {
      jsonOmitted = new java.util.HashSet<>();
    }
    jsonOmitted.add(name);
    return field(name, value);
  }

  /**
   * Sets the {@code i}-th field of the object's layout (its declaration order), which {@code {{json
   * .}}} leaves out when {@code omitted}: what {@link #field} and {@link #omittedField} do, without
   * looking the name up.
   */
  public GoObject slot(int i, Object value, boolean omitted) {
    slots[i] = value;
    if (omitted) {
      if (slotOmitted == null) {
        slotOmitted = new boolean[slots.length];
      }
      slotOmitted[i] = true;
    }
    return this;
  }

  /** Whether {@code {{json .}}} leaves the field out. */
  boolean jsonOmits(String field) {
    int i = slot(field);
    if (i >= 0 && slots[i] != ABSENT) {
      return slotOmitted != null && slotOmitted[i];
    }
    return jsonOmitted.contains(field);
  }

  /** The key {@code {{json .}}} writes for a field. */
  String jsonName(String field) {
    int i = slot(field);
    if (i >= 0 && slots[i] != ABSENT) {
      return layout.jsonNames[i];
    }
    return jsonNames.getOrDefault(field, field);
  }

  /** A field computed when read (docker/cli's context methods without arguments). */
  public GoObject getter(String name, Supplier<Object> value) {
    return put(name, new Lazy(value));
  }

  private GoObject put(String name, Object value) {
    int i = slot(name);
    if (i >= 0) {
      slots[i] = value;
      return this;
    }
    if (fields.isEmpty()) {
      fields = new LinkedHashMap<>(expectedFields * 4 / 3 + 1);
    }
    fields.put(name, value);
    return this;
  }

  public GoObject method(String name, int arity, Function<List<Object>, Object> body) {
    if (methods.isEmpty()) {
      methods = new java.util.HashMap<>(4);
    }
    methods.put(name, new Method(arity, body));
    return this;
  }

  /**
   * {@code {{json .}}} sorts the keys (docker/cli marshals its contexts through a map) instead of
   * keeping the declaration order of a plain struct.
   */
  public GoObject jsonSorted() {
    this.jsonSorted = true;
    return this;
  }

  /** Marks a context that is not meant to be printed with {@code {{.}}}. */
  public GoObject notPrintable() {
    this.printable = false;
    return this;
  }

  /**
   * A Go map type with methods (docker/cli's SubHeaderContext): a missing key is "no value", not an
   * error.
   */
  public GoObject mapLike() {
    this.mapLike = true;
    return this;
  }

  boolean isMapLike() {
    return mapLike;
  }

  boolean isJsonSorted() {
    return jsonSorted;
  }

  boolean isPrintable() {
    return printable;
  }

  public boolean hasField(String name) {
    int i = slot(name);
    if (i >= 0 && slots[i] != ABSENT) {
      return true;
    }
    return shape.containsKey(name) || fields.containsKey(name);
  }

  @SuppressWarnings("unchecked")
  public Object get(String name) {
    Function<Object, Object> getter = (Function<Object, Object>) shape.get(name);
    if (getter != null) {
      return getter.apply(source);
    }
    int i = slot(name);
    if (i >= 0 && slots[i] != ABSENT) {
      return value(slots[i]);
    }
    Object v = fields.get(name);
    return value(v);
  }

  /** A stored value as read: a getter's is computed now. */
  private static Object value(Object stored) {
    return stored instanceof Lazy l ? l.value().get() : stored;
  }

  @SuppressWarnings("unchecked")
  Method methodNamed(String name) {
    Method m = methods.get(name);
    if (m == null) {
      ShapeMethod<Object> sm = (ShapeMethod<Object>) shapeMethods.get(name);
      if (sm != null) {
        Object src = source;
        m = new Method(sm.arity(), args -> sm.body().apply(src, args));
      }
    }
    return m;
  }

  private record ShapeMethod<T>(
      int arity, java.util.function.BiFunction<T, List<Object>, Object> body) {}

  /**
   * Each field {@code {{json .}}} writes, in declaration order, with its JSON key and value: what
   * {@link #fieldNames} and {@link #get} give, without copying the names.
   */
  void forEachJsonField(java.util.function.BiConsumer<String, Object> action) {
    for (String name : shape.keySet()) {
      if (!jsonOmitted.contains(name)) {
        action.accept(jsonName(name), get(name));
      }
    }
    if (layout != null) {
      for (int i = 0; i < slots.length; i++) {
        if (slots[i] != ABSENT && (slotOmitted == null || !slotOmitted[i])) {
          action.accept(layout.jsonNames[i], value(slots[i]));
        }
      }
    }
    for (String name : fields.keySet()) {
      if (!jsonOmitted.contains(name)) {
        action.accept(jsonName(name), get(name));
      }
    }
  }

  /** Field names in declaration order. */
  public List<String> fieldNames() {
    if (shape.isEmpty() && layout == null) {
      return List.copyOf(fields.keySet());
    }
    List<String> names = new java.util.ArrayList<>(shape.keySet());
    if (layout != null) {
      for (int i = 0; i < slots.length; i++) {
        if (slots[i] != ABSENT) {
          names.add(layout.names[i]);
        }
      }
    }
    names.addAll(fields.keySet());
    return names;
  }

  @Override
  public String toString() {
    return Values.print(this);
  }
}

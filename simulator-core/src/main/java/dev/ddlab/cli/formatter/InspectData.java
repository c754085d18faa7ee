package dev.ddlab.cli.formatter;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.ddlab.cli.template.GoJson;
import dev.ddlab.cli.template.GoObject;
import dev.ddlab.cli.template.Nil;
import java.lang.invoke.LambdaMetafactory;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Turns Engine API DTOs into what Go's templates and encoding/json see: records become structs with
 * their JSON field names in declaration order, maps stay maps (printed sorted), and a Java null
 * becomes the Go zero value its type has (a nil slice, nil map, nil pointer, or "").
 */
public final class InspectData {
  private InspectData() {}

  /**
   * Fields the Engine API marshals with Go's {@code omitempty}: absent from the JSON when empty.
   */
  private static final Map<String, Set<String>> OMIT_EMPTY =
      Map.of(
          "ContainerConfig", Set.of("ExposedPorts", "StopSignal", "StopTimeout"),
          "ImageInspect", Set.of("Variant", "OsVersion"),
          "ContainerState", Set.of());

  /** The DTO as its JSON decoded into a map: what docker/cli's raw fallback runs a template on. */
  public static Object of(Object dto) {
    return convert(dto, Slot.of(dto), false, false);
  }

  /**
   * The DTO as {@code docker inspect} writes it with {@link dev.ddlab.cli.template.GoJson}: the
   * same JSON as {@link #of}'s, each record converted only as its members are written (no {@link
   * GoObject} tree: building it cost as much as writing the JSON).
   */
  public static Object json(Object dto) {
    return jsonValue(dto, Slot.of(dto));
  }

  private static Object jsonValue(Object v, Slot slot) {
    if (v == null) {
      return slot.zero();
    }
    Object scalar = scalar(v);
    if (scalar != null) {
      return scalar;
    }
    if (v instanceof List<?> list) {
      return each(list, slot, InspectData::jsonValue);
    }
    if (v instanceof Map<?, ?> map) {
      // sorted here, as encoding/json writes a map: GoJson then writes it as it is
      Slot elem = slot.element();
      Map<String, Object> out = new java.util.TreeMap<>();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        out.put(String.valueOf(e.getKey()), jsonValue(e.getValue(), elem));
      }
      return out;
    }
    if (v.getClass().isRecord()) {
      return new JsonRecord(v, WRITERS.get(v.getClass()));
    }
    return v.toString();
  }

  /** A DTO record written as JSON by its class's {@link RecordWriter}. */
  private record JsonRecord(Object dto, RecordWriter writer)
      implements dev.ddlab.cli.template.JsonStruct {
    @Override
    public void writeJson(GoJson.Out out, int depth) {
      writer.write(out, dto, depth);
    }
  }

  /** Writes one value of a declared type as {@link #jsonValue} would convert it, directly. */
  private interface ValueWriter {
    void write(GoJson.Out out, Object v, int depth);
  }

  /**
   * A DTO record class's writer, made once per class: each member's key, getter, omission rules and
   * a {@link ValueWriter} for its declared type, so that writing converts nothing (no wrapper per
   * record, no copy of a list or map, no boxing of a number) and looks up nothing.
   */
  private static final class RecordWriter implements ValueWriter {
    private final boolean omitNull;
    private final Component[] components;
    private final ValueWriter[] values;
    private final boolean[] mayOmit;

    RecordWriter(RecordShape shape, List<Type> types) {
      this.omitNull = shape.omitNull();
      this.components = shape.components().toArray(new Component[0]);
      this.values = new ValueWriter[components.length];
      this.mayOmit = new boolean[components.length];
      for (int i = 0; i < components.length; i++) {
        Component c = components[i];
        values[i] = writerFor(types.get(i), c.slot());
        mayOmit[i] = omitNull || c.include() != null || c.omitEmpty();
      }
    }

    @Override
    public void write(GoJson.Out out, Object dto, int depth) {
      boolean first = true;
      for (int i = 0; i < components.length; i++) {
        Component c = components[i];
        Object value = c.getter().apply(dto);
        if (mayOmit[i]
            && ((value == null && omitNull)
                || omitted(c.include(), value)
                || (c.omitEmpty() && isEmpty(value)))) {
          continue;
        }
        out.member(c.key(), first, depth);
        first = false;
        values[i].write(out, value, depth + 1);
      }
      out.endObject(!first, depth);
    }
  }

  private static final ClassValue<RecordWriter> WRITERS =
      new ClassValue<>() {
        @Override
        protected RecordWriter computeValue(Class<?> type) {
          List<Type> types = new ArrayList<>();
          for (RecordComponent rc : type.getRecordComponents()) {
            types.add(rc.getGenericType());
          }
          return new RecordWriter(SHAPES.get(type), types);
        }
      };

  /**
   * The writer of a value declared as {@code type} (whose zero and elements {@code slot} gives):
   * strings, whole numbers, booleans, DTO records, and lists and string-keyed maps of them
   * directly; anything else as {@link #jsonValue} converts it.
   */
  private static ValueWriter writerFor(Type type, Slot slot) {
    Class<?> raw = rawClass(type);
    Object zero = slot.zero();
    if (raw == String.class) {
      return (out, v, depth) -> out.string(v == null ? "" : (String) v);
    }
    if (raw == int.class
        || raw == long.class
        || raw == short.class
        || raw == Integer.class
        || raw == Long.class
        || raw == Short.class) {
      return (out, v, depth) -> {
        if (v == null) {
          out.value(zero, depth);
        } else {
          out.number(((Number) v).longValue());
        }
      };
    }
    if (raw == boolean.class || raw == Boolean.class) {
      return (out, v, depth) -> {
        if (v == null) {
          out.value(zero, depth);
        } else {
          out.bool((Boolean) v);
        }
      };
    }
    if (raw.isRecord()) {
      // a record class is final: its values' writer is this class's, found at the first write (a
      // record may hold its own type)
      RecordWriter[] writer = new RecordWriter[1];
      return (out, v, depth) -> {
        if (v == null) {
          out.value(zero, depth);
        } else {
          RecordWriter w = writer[0];
          if (w == null) {
            w = WRITERS.get(raw);
            writer[0] = w;
          }
          w.write(out, v, depth);
        }
      };
    }
    if (List.class.isAssignableFrom(raw)) {
      ValueWriter element = writerFor(typeArg(type, 0), slot.element());
      return (out, v, depth) -> {
        if (v == null) {
          out.value(zero, depth);
          return;
        }
        List<?> list = (List<?>) v;
        int n = list.size();
        for (int i = 0; i < n; i++) {
          out.element(i == 0, depth);
          element.write(out, list.get(i), depth + 1);
        }
        out.endList(n > 0, depth);
      };
    }
    if (Map.class.isAssignableFrom(raw) && rawClass(typeArg(type, 0)) == String.class) {
      ValueWriter element = writerFor(typeArg(type, 1), slot.element());
      return (out, v, depth) -> {
        if (v == null) {
          out.value(zero, depth);
          return;
        }
        writeMap(out, (Map<?, ?>) v, element, depth);
      };
    }
    return (out, v, depth) -> out.value(jsonValue(v, slot), depth);
  }

  /** A string-keyed map as encoding/json writes it: its keys sorted, each value by its writer. */
  @SuppressWarnings("unchecked")
  private static void writeMap(GoJson.Out out, Map<?, ?> map, ValueWriter element, int depth) {
    boolean first = true;
    if (map.size() <= 1 || (map instanceof java.util.TreeMap<?, ?> t && t.comparator() == null)) {
      for (Map.Entry<?, ?> e : map.entrySet()) {
        out.member((String) e.getKey(), first, depth);
        first = false;
        element.write(out, e.getValue(), depth + 1);
      }
    } else {
      Map.Entry<String, Object>[] entries =
          ((Map<String, Object>) map).entrySet().toArray(new Map.Entry[0]);
      java.util.Arrays.sort(entries, Map.Entry.comparingByKey());
      for (Map.Entry<String, Object> e : entries) {
        out.member(e.getKey(), first, depth);
        first = false;
        element.write(out, e.getValue(), depth + 1);
      }
    }
    out.endObject(!first, depth);
  }

  /**
   * The DTO as the typed Go struct docker/cli first runs {@code inspect -f} on: every field is
   * there, an omitted one as its zero value ({@code {{.State.Health}}} is {@code <nil>}, {@code
   * {{json .State.Health}}} is {@code null}), though {@code {{json .}}} still leaves it out.
   */
  public static Object typed(Object dto) {
    return convert(dto, Slot.of(dto), false, true);
  }

  /**
   * The DTO as the Go struct a typed template sees ({@code docker events --format} runs on {@code
   * events.Message}): a field whose JSON tag is lower case is read by its Go name ({@code .Time},
   * {@code .TimeNano}, {@code .ID}, {@code .Status}), while {@code {{json .}}} keeps the tag.
   */
  public static Object ofStruct(Object dto) {
    return convert(dto, Slot.of(dto), true, false);
  }

  /** The Go types behind DTOs that templates run on typed (their names appear in errors). */
  private static final Map<String, String> GO_TYPES =
      Map.of("EventMessage", "events.Message", "EventActor", "events.Actor");

  /** Go's exported name for a lower-case JSON tag: "id" is "ID", "timeNano" is "TimeNano". */
  static String goName(String jsonName) {
    if (jsonName.isEmpty() || !Character.isLowerCase(jsonName.charAt(0))) {
      return jsonName;
    }
    if (jsonName.equals("id")) {
      return "ID";
    }
    return Character.toUpperCase(jsonName.charAt(0)) + jsonName.substring(1);
  }

  /** A scalar as Go holds it (whole numbers as int64, floats as float64); null when not one. */
  private static Object scalar(Object v) {
    if (v instanceof String || v instanceof Boolean || v instanceof Double || v instanceof Long) {
      return v;
    }
    if (v instanceof Integer || v instanceof Short) {
      return ((Number) v).longValue();
    }
    if (v instanceof Float f) {
      return f.doubleValue();
    }
    return null;
  }

  /** A list's elements, each converted against the list's declared element type. */
  private static List<Object> each(
      List<?> list, Slot slot, java.util.function.BiFunction<Object, Slot, Object> convert) {
    Slot elem = slot.element();
    List<Object> out = new ArrayList<>(list.size());
    for (Object o : list) {
      out.add(convert.apply(o, elem));
    }
    return out;
  }

  private static Object convert(Object v, Slot slot, boolean goNames, boolean typed) {
    if (v == null) {
      return slot.zero();
    }
    Object scalar = scalar(v);
    if (scalar != null) {
      return scalar;
    }
    if (v instanceof List<?> list) {
      return each(list, slot, (o, elem) -> convert(o, elem, goNames, typed));
    }
    if (v instanceof Map<?, ?> map) {
      Slot elem = slot.element();
      boolean set = slot.structSet();
      Map<String, Object> out = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        Object value = e.getValue();
        out.put(
            String.valueOf(e.getKey()),
            set && value instanceof Map<?, ?> m && m.isEmpty()
                ? new GoObject("struct {}")
                : convert(value, elem, goNames, typed));
      }
      return out;
    }
    if (v.getClass().isRecord()) {
      RecordShape shape = SHAPES.get(v.getClass());
      String simple = shape.simpleName();
      GoObject o =
          new GoObject(
              goNames ? GO_TYPES.getOrDefault(simple, simple) : simple,
              goNames ? shape.goLayout() : shape.layout());
      List<Component> components = shape.components();
      for (int i = 0; i < components.size(); i++) {
        Component c = components.get(i);
        Object value = c.getter().apply(v);
        boolean omit =
            (value == null && shape.omitNull())
                || omitted(c.include(), value)
                || (c.omitEmpty() && isEmpty(value));
        if (omit && !typed) {
          continue;
        }
        Object converted = convert(value, c.slot(), goNames, typed);
        if (shape.slotted()) {
          o.slot(i, converted, omit); // the layouts list the components in this order
        } else if (omit) {
          o.omittedField(c.name(), converted);
        } else if (goNames && c.renamed()) {
          o.field(c.goName(), c.name(), converted);
        } else {
          o.field(c.name(), converted);
        }
      }
      return o;
    }
    return v.toString();
  }

  /**
   * What a value's declared type says, worked out once per record component rather than per value:
   * the Go zero value of a null, and the element type of a list or map.
   */
  private record Slot(Object zero, Slot elementOrNull, boolean structSet) {
    private static final Slot OBJECT = new Slot(Nil.POINTER, null, false);

    private static final ClassValue<Slot> BY_CLASS =
        new ClassValue<>() {
          @Override
          protected Slot computeValue(Class<?> type) {
            return of(type);
          }
        };

    static Slot of(Object dto) {
      return dto == null ? OBJECT : BY_CLASS.get(dto.getClass());
    }

    Slot element() {
      return elementOrNull == null ? OBJECT : elementOrNull;
    }

    static Slot of(Type type) {
      Class<?> raw = rawClass(type);
      Object zero;
      if (raw == String.class) {
        zero = "";
      } else if (List.class.isAssignableFrom(raw)) {
        zero = Nil.SLICE;
      } else if (Map.class.isAssignableFrom(raw)) {
        zero = Nil.MAP;
      } else if (raw == int.class || raw == long.class) {
        zero = 0L;
      } else if (raw == boolean.class) {
        zero = false;
      } else {
        zero = Nil.POINTER;
      }
      Slot element = null;
      boolean set = false;
      if (List.class.isAssignableFrom(raw)) {
        element = of(typeArg(type, 0));
      } else if (Map.class.isAssignableFrom(raw)) {
        Type value = typeArg(type, 1);
        element = of(value);
        set = isStructSet(value);
      }
      return new Slot(zero, element, set);
    }
  }

  /**
   * A DTO map whose values are {@code Map<String, Object>} is Go's set, {@code map[string]struct{}}
   * ({@code Config.Volumes}, {@code Config.ExposedPorts}): its empty values print {@code {}}, as in
   * {@code map[/data:{}]}, not {@code map[]}.
   */
  private static boolean isStructSet(Type elem) {
    return elem instanceof ParameterizedType p
        && p.getRawType() == Map.class
        && p.getActualTypeArguments()[1] == Object.class;
  }

  /**
   * A record component as the JSON sees it: its name (and Go's), its getter, what its type says and
   * its omission rules.
   */
  private record Component(
      String name,
      dev.ddlab.cli.template.JsonStruct.Key key,
      String goName,
      Function<Object, Object> getter,
      Slot slot,
      JsonInclude.Include include,
      boolean omitEmpty) {
    Component(
        String name,
        String goName,
        Function<Object, Object> getter,
        Slot slot,
        JsonInclude.Include include,
        boolean omitEmpty) {
      this(
          name,
          new dev.ddlab.cli.template.JsonStruct.Key(name),
          goName,
          getter,
          slot,
          include,
          omitEmpty);
    }

    boolean renamed() {
      return !goName.equals(name);
    }
  }

  /**
   * A DTO record's components, read by reflection once per class (inspect runs per command), and
   * the layouts of its structs: by JSON name, and by Go name for typed templates.
   */
  private record RecordShape(
      String simpleName,
      boolean omitNull,
      List<Component> components,
      GoObject.Layout layout,
      GoObject.Layout goLayout,
      boolean slotted) {
    RecordShape(String simpleName, boolean omitNull, List<Component> components) {
      this(
          simpleName,
          omitNull,
          components,
          new GoObject.Layout(
              components.stream().map(Component::name).toList(),
              components.stream().map(Component::name).toList()),
          new GoObject.Layout(
              components.stream().map(c -> c.goName()).toList(),
              components.stream().map(Component::name).toList()),
          // the i-th component is the i-th slot of both layouts unless two share a name
          components.stream().map(Component::name).distinct().count() == components.size()
              && components.stream().map(Component::goName).distinct().count()
                  == components.size());
    }
  }

  private static final ClassValue<RecordShape> SHAPES =
      new ClassValue<>() {
        @Override
        protected RecordShape computeValue(Class<?> type) {
          JsonInclude inc = type.getAnnotation(JsonInclude.class);
          boolean omitNull = inc != null && inc.value() == JsonInclude.Include.NON_NULL;
          Set<String> omit = OMIT_EMPTY.getOrDefault(type.getSimpleName(), Set.of());
          List<Component> components = new ArrayList<>();
          for (RecordComponent rc : type.getRecordComponents()) {
            JsonProperty jp = rc.getAnnotation(JsonProperty.class);
            if (jp == null) {
              jp = field(type, rc.getName());
            }
            String name = jp != null ? jp.value() : rc.getName();
            components.add(
                new Component(
                    name,
                    goName(name),
                    getter(rc.getAccessor()),
                    Slot.of(rc.getGenericType()),
                    include(type, rc) == null ? null : include(type, rc).value(),
                    omit.contains(name)));
          }
          // a nested DTO's Go name, as template errors print it
          String name =
              type == dev.ddlab.engine.dto.Ipam.Config.class
                  ? "network.IPAMConfig"
                  : type.getSimpleName();
          return new RecordShape(name, omitNull, List.copyOf(components));
        }
      };

  /**
   * Go's {@code omitempty} written on a component: NON_NULL leaves out nil, NON_EMPTY also "" and
   * empty slices and maps, NON_DEFAULT also 0 and false.
   */
  private static boolean omitted(JsonInclude.Include inc, Object value) {
    if (inc == null) {
      return false;
    }
    return switch (inc) {
      case NON_NULL -> value == null;
      case NON_EMPTY -> isEmpty(value);
      case NON_DEFAULT ->
          isEmpty(value)
              || (value instanceof Number n && n.doubleValue() == 0)
              || Boolean.FALSE.equals(value);
      default -> false;
    };
  }

  private static boolean isEmpty(Object value) {
    return value == null
        || (value instanceof String s && s.isEmpty())
        || (value instanceof Map<?, ?> m && m.isEmpty())
        || (value instanceof List<?> l && l.isEmpty());
  }

  /**
   * A component's {@code @JsonInclude}: Java gives a record component only annotations that target
   * it, so one written on the component is found on its field.
   */
  private static JsonInclude include(Class<?> c, RecordComponent rc) {
    JsonInclude inc = rc.getAnnotation(JsonInclude.class);
    if (inc != null) {
      return inc;
    }
    try {
      return c.getDeclaredField(rc.getName()).getAnnotation(JsonInclude.class);
    } catch (NoSuchFieldException e) {
      return null;
    }
  }

  /**
   * A component's accessor as a plain function (a generated class calling it, as a lambda would):
   * reflection's {@code Method.invoke} cost most of the conversion of an inspect.
   */
  @SuppressWarnings("unchecked")
  private static Function<Object, Object> getter(Method accessor) {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      MethodHandle target = lookup.unreflect(accessor);
      return (Function<Object, Object>)
          LambdaMetafactory.metafactory(
                  lookup,
                  "apply",
                  MethodType.methodType(Function.class),
                  MethodType.methodType(Object.class, Object.class),
                  target,
                  MethodType.methodType(
                      MethodType.methodType(accessor.getReturnType()).wrap().returnType(),
                      accessor.getDeclaringClass()))
              .getTarget()
              .invokeExact();
    } catch (Throwable notPublic) {
      accessor.setAccessible(true);
      return v -> {
        try {
          return accessor.invoke(v);
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException(e);
        }
      };
    }
  }

  private static JsonProperty field(Class<?> c, String name) {
    try {
      return c.getDeclaredField(name).getAnnotation(JsonProperty.class);
    } catch (NoSuchFieldException e) {
      return null;
    }
  }

  private static Class<?> rawClass(Type t) {
    if (t instanceof Class<?> c) {
      return c;
    }
    if (t instanceof ParameterizedType p) {
      return (Class<?>) p.getRawType();
    }
    return Object.class;
  }

  private static Type typeArg(Type t, int i) {
    if (t instanceof ParameterizedType p && p.getActualTypeArguments().length > i) {
      return p.getActualTypeArguments()[i];
    }
    return Object.class;
  }
}

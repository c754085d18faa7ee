package dev.ddlab.cli.template;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Template functions: Go's text/template builtins, docker/cli's {@code templates.basicFunctions}
 * (json, split, join, title, lower, upper, pad, truncate) and its header variants, which leave a
 * table header untouched.
 */
public final class Functions {
  private Functions() {}

  private static final Map<String, TemplateFunction> BUILTINS = new LinkedHashMap<>();
  private static final Map<String, TemplateFunction> DOCKER = new LinkedHashMap<>();
  private static final Map<String, TemplateFunction> HEADER = new LinkedHashMap<>();

  static {
    // and/or short-circuit inside the evaluator; registered so the parser knows the names.
    BUILTINS.put("and", args -> null);
    BUILTINS.put("or", args -> null);
    BUILTINS.put("not", args -> !Values.truth(exactly(args, 1).get(0)));
    BUILTINS.put("len", Functions::len);
    BUILTINS.put("index", Functions::index);
    BUILTINS.put("slice", Functions::slice);
    BUILTINS.put("print", args -> sprint(args));
    BUILTINS.put("println", Functions::sprintln);
    BUILTINS.put(
        "printf",
        args -> {
          atLeast(args, 1);
          return GoFmt.sprintf(str(args.get(0)), args.subList(1, args.size()));
        });
    BUILTINS.put("eq", Functions::eq);
    BUILTINS.put("ne", args -> !(Boolean) eq(exactly(args, 2)));
    BUILTINS.put("lt", args -> compare(exactly(args, 2)) < 0);
    BUILTINS.put("le", args -> compare(exactly(args, 2)) <= 0);
    BUILTINS.put("gt", args -> compare(exactly(args, 2)) > 0);
    BUILTINS.put("ge", args -> compare(exactly(args, 2)) >= 0);
    BUILTINS.put("html", args -> htmlEscape(sprint(args)));
    BUILTINS.put(
        "urlquery", args -> java.net.URLEncoder.encode(sprint(args), StandardCharsets.UTF_8));
    BUILTINS.put(
        "js", args -> sprint(args).replace("\\", "\\\\").replace("'", "\\'").replace("\"", "\\\""));

    DOCKER.put("json", args -> GoJson.marshal(exactly(args, 1).get(0), false));
    DOCKER.put(
        "split",
        args -> {
          exactly(args, 2);
          String s = str(args.get(0));
          String sep = str(args.get(1));
          return new ArrayList<Object>(goSplit(s, sep));
        });
    DOCKER.put(
        "join",
        args -> {
          exactly(args, 2);
          List<String> parts = Values.stringList(args.get(0));
          if (parts == null) {
            throw new TemplateFunction.ArgError(
                "wrong type for value; expected []string; got " + Values.typeName(args.get(0)));
          }
          return String.join(str(args.get(1)), parts);
        });
    DOCKER.put("title", args -> title(str(exactly(args, 1).get(0))));
    DOCKER.put("lower", args -> str(exactly(args, 1).get(0)).toLowerCase());
    DOCKER.put("upper", args -> str(exactly(args, 1).get(0)).toUpperCase());
    DOCKER.put(
        "pad",
        args -> {
          exactly(args, 3);
          String s = str(args.get(0));
          if (s.isEmpty()) {
            return s;
          }
          return " ".repeat(toInt(args.get(1))) + s + " ".repeat(toInt(args.get(2)));
        });
    DOCKER.put(
        "truncate",
        args -> {
          exactly(args, 2);
          String s = str(args.get(0));
          int n = toInt(args.get(1));
          return s.length() < n ? s : s.substring(0, n);
        });

    HEADER.put("json", args -> str(exactly(args, 1).get(0)));
    HEADER.put("split", args -> str(exactly(args, 2).get(0)));
    HEADER.put("join", args -> str(exactly(args, 2).get(0)));
    HEADER.put("title", args -> str(exactly(args, 1).get(0)));
    HEADER.put("lower", args -> str(exactly(args, 1).get(0)));
    HEADER.put("upper", args -> str(exactly(args, 1).get(0)));
    HEADER.put("truncate", args -> str(exactly(args, 2).get(0)));
  }

  static Map<String, TemplateFunction> builtins() {
    return BUILTINS;
  }

  /** docker/cli's basicFunctions. */
  public static Map<String, TemplateFunction> docker() {
    return DOCKER;
  }

  /** docker/cli's HeaderFunctions: the same names, leaving header text as it is. */
  public static Map<String, TemplateFunction> header() {
    return HEADER;
  }

  private static List<Object> exactly(List<Object> args, int n) {
    if (args.size() != n) {
      throw new TemplateFunction.ArgError(
          "wrong number of args for %NAME%: want " + n + " got " + args.size());
    }
    return args;
  }

  private static void atLeast(List<Object> args, int n) {
    if (args.size() < n) {
      throw new TemplateFunction.ArgError(
          "wrong number of args for %NAME%: want at least " + n + " got " + args.size());
    }
  }

  private static String str(Object v) {
    if (v instanceof String s) {
      return s;
    }
    throw new TemplateFunction.ArgError(
        "wrong type for value; expected string; got " + Values.typeName(v));
  }

  private static int toInt(Object v) {
    if (v instanceof Long l) {
      return l.intValue();
    }
    if (v instanceof Integer i) {
      return i;
    }
    throw new TemplateFunction.ArgError(
        "wrong type for value; expected int; got " + Values.typeName(v));
  }

  private static Object len(List<Object> args) {
    Object v = exactly(args, 1).get(0);
    if (v instanceof String s) {
      return (long) s.getBytes(StandardCharsets.UTF_8).length;
    }
    if (v instanceof List<?> l) {
      return (long) l.size();
    }
    if (v instanceof Map<?, ?> m) {
      return (long) m.size();
    }
    if (v == Nil.SLICE || v == Nil.MAP) {
      return 0L;
    }
    throw new TemplateFunction.CallError("len of type " + Values.typeName(v));
  }

  private static Object index(List<Object> args) {
    atLeast(args, 1);
    Object item = args.get(0);
    for (int i = 1; i < args.size(); i++) {
      Object key = args.get(i);
      if (item instanceof List<?> l) {
        if (!(key instanceof Long k)) {
          throw new TemplateFunction.CallError(
              "cannot index slice/array with type " + Values.typeName(key));
        }
        if (k < 0 || k >= l.size()) {
          throw new TemplateFunction.CallError("index out of range: " + k);
        }
        item = l.get(k.intValue());
      } else if (item instanceof String s) {
        if (!(key instanceof Long k) || k < 0 || k >= s.length()) {
          throw new TemplateFunction.CallError("index out of range: " + key);
        }
        item = (long) s.getBytes(StandardCharsets.UTF_8)[k.intValue()];
      } else if (item instanceof Map<?, ?> m) {
        if (!(key instanceof String)) {
          throw new TemplateFunction.CallError(
              "value has type " + Values.typeName(key) + "; should be string");
        }
        item = m.containsKey(key) ? m.get(key) : "";
      } else if (item == Nil.MAP) {
        item = "";
      } else if (item == null || item == Nil.POINTER || item == Nil.SLICE) {
        throw new TemplateFunction.CallError("index of untyped nil");
      } else {
        throw new TemplateFunction.CallError("can't index item of type " + Values.typeName(item));
      }
    }
    return item;
  }

  private static Object slice(List<Object> args) {
    atLeast(args, 1);
    Object item = args.get(0);
    int[] idx = new int[args.size() - 1];
    for (int i = 1; i < args.size(); i++) {
      idx[i - 1] = toInt(args.get(i));
    }
    if (item instanceof String s) {
      int from = idx.length > 0 ? idx[0] : 0;
      int to = idx.length > 1 ? idx[1] : s.length();
      if (from < 0 || to > s.length() || from > to) {
        throw new TemplateFunction.CallError("index out of range: " + to);
      }
      return s.substring(from, to);
    }
    if (item instanceof List<?> l) {
      int from = idx.length > 0 ? idx[0] : 0;
      int to = idx.length > 1 ? idx[1] : l.size();
      if (from < 0 || to > l.size() || from > to) {
        throw new TemplateFunction.CallError("index out of range: " + to);
      }
      return new ArrayList<Object>(l.subList(from, to));
    }
    throw new TemplateFunction.CallError("can't slice item of type " + Values.typeName(item));
  }

  /** fmt.Sprint: spaces between operands when neither is a string. */
  static String sprint(List<Object> args) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < args.size(); i++) {
      Object a = args.get(i);
      if (i > 0 && !(a instanceof String) && !(args.get(i - 1) instanceof String)) {
        sb.append(' ');
      }
      sb.append(a == null ? "<nil>" : Values.print(a));
    }
    return sb.toString();
  }

  private static Object sprintln(List<Object> args) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < args.size(); i++) {
      if (i > 0) {
        sb.append(' ');
      }
      Object a = args.get(i);
      sb.append(a == null ? "<nil>" : Values.print(a));
    }
    return sb.append('\n').toString();
  }

  private static Object eq(List<Object> args) {
    atLeast(args, 2);
    Object a = args.get(0);
    for (int i = 1; i < args.size(); i++) {
      Object b = args.get(i);
      if (basicEquals(a, b)) {
        return true;
      }
    }
    return false;
  }

  private static boolean basicEquals(Object a, Object b) {
    if (a == null || b == null || a instanceof Nil || b instanceof Nil) {
      // Go compares a pointer, map or slice with nil; a nil never equals a non-nil value.
      return (a == null || a instanceof Nil) && (b == null || b instanceof Nil);
    }
    if (isInt(a) && isInt(b)) {
      return ((Number) a).longValue() == ((Number) b).longValue();
    }
    if (a instanceof Double x && b instanceof Double y) {
      return x.doubleValue() == y.doubleValue();
    }
    if (a instanceof String && b instanceof String
        || a instanceof Boolean && b instanceof Boolean) {
      return a.equals(b);
    }
    if (a instanceof List<?> || a instanceof Map<?, ?> || a instanceof GoObject) {
      throw new TemplateFunction.CallError("invalid type for comparison");
    }
    throw new TemplateFunction.CallError("incompatible types for comparison");
  }

  private static boolean isInt(Object o) {
    return o instanceof Long || o instanceof Integer;
  }

  private static int compare(List<Object> args) {
    Object a = args.get(0);
    Object b = args.get(1);
    if (isInt(a) && isInt(b)) {
      return Long.compare(((Number) a).longValue(), ((Number) b).longValue());
    }
    if (a instanceof Double x && b instanceof Double y) {
      return Double.compare(x, y);
    }
    if (a instanceof String x && b instanceof String y) {
      return x.compareTo(y);
    }
    if (a == null || b == null || a.getClass() != b.getClass()) {
      throw new TemplateFunction.CallError("incompatible types for comparison");
    }
    throw new TemplateFunction.CallError("invalid type for comparison");
  }

  private static List<String> goSplit(String s, String sep) {
    if (sep.isEmpty()) {
      List<String> out = new ArrayList<>();
      s.codePoints().forEach(cp -> out.add(new String(Character.toChars(cp))));
      return out;
    }
    List<String> out = new ArrayList<>();
    int from = 0;
    while (true) {
      int at = s.indexOf(sep, from);
      if (at < 0) {
        out.add(s.substring(from));
        return out;
      }
      out.add(s.substring(from, at));
      from = at + sep.length();
    }
  }

  /** strings.Title: upper-cases the first letter of each word. */
  private static String title(String s) {
    StringBuilder sb = new StringBuilder();
    boolean prevLetter = false;
    for (char c : s.toCharArray()) {
      boolean letter = Character.isLetterOrDigit(c) || c == '_' || c == '\'';
      sb.append(!prevLetter && Character.isLetter(c) ? Character.toUpperCase(c) : c);
      prevLetter = letter;
    }
    return sb.toString();
  }

  private static String htmlEscape(String s) {
    return s.replace("&", "&amp;")
        .replace("'", "&#39;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&#34;");
  }

  static List<String> names() {
    List<String> all = new ArrayList<>(BUILTINS.keySet());
    all.addAll(DOCKER.keySet());
    return Arrays.asList(all.toArray(new String[0]));
  }
}

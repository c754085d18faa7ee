package dev.ddlab.cli.template;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Go's view of template values: fmt's %v printing, truth, type names. */
public final class Values {
  private Values() {}

  /** fmt.Sprint(v) as text/template prints an action's value; null is "<no value>". */
  public static String print(Object v) {
    if (v == null) {
      return "<no value>";
    }
    return format(v, true);
  }

  private static String format(Object v, boolean top) {
    if (v == null) {
      return "<nil>";
    }
    if (v instanceof String s) {
      return s;
    }
    if (v instanceof Nil n) {
      return n.printed;
    }
    if (v instanceof Boolean || v instanceof Long || v instanceof Integer) {
      return v.toString();
    }
    if (v instanceof Double d) {
      return formatFloat(d);
    }
    if (v instanceof BigDecimal b) {
      return b.toPlainString();
    }
    if (v instanceof List<?> list) {
      StringBuilder sb = new StringBuilder("[");
      for (int i = 0; i < list.size(); i++) {
        if (i > 0) {
          sb.append(' ');
        }
        sb.append(format(list.get(i), false));
      }
      return sb.append(']').toString();
    }
    if (v instanceof Map<?, ?> map) {
      StringBuilder sb = new StringBuilder("map[");
      boolean first = true;
      for (Map.Entry<?, ?> e : sorted(map).entrySet()) {
        if (!first) {
          sb.append(' ');
        }
        first = false;
        sb.append(format(e.getKey(), false)).append(':').append(format(e.getValue(), false));
      }
      return sb.append(']').toString();
    }
    if (v instanceof GoObject o) {
      StringBuilder sb = new StringBuilder(top && o.typeName().startsWith("*") ? "&{" : "{");
      List<String> names = o.fieldNames();
      for (int i = 0; i < names.size(); i++) {
        if (i > 0) {
          sb.append(' ');
        }
        sb.append(format(o.get(names.get(i)), false));
      }
      return sb.append('}').toString();
    }
    return v.toString();
  }

  static Map<String, Object> sorted(Map<?, ?> map) {
    Map<String, Object> m = new TreeMap<>();
    for (Map.Entry<?, ?> e : map.entrySet()) {
      m.put(String.valueOf(e.getKey()), e.getValue());
    }
    return m;
  }

  /** strconv.FormatFloat(f, 'g', -1, 64) as %v prints float64. */
  public static String formatFloat(double d) {
    if (d == Math.rint(d) && Math.abs(d) < 1e21) {
      return Long.toString((long) d);
    }
    if (Double.isNaN(d)) {
      return "NaN";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "+Inf" : "-Inf";
    }
    BigDecimal b = new BigDecimal(Double.toString(d)).stripTrailingZeros();
    int exp = b.precision() - b.scale() - 1;
    if (exp < -4 || exp >= 21) {
      String digits = b.unscaledValue().abs().toString();
      String mant = digits.length() > 1 ? digits.charAt(0) + "." + digits.substring(1) : digits;
      return (d < 0 ? "-" : "") + mant + "e" + (exp < 0 ? "-" : "+") + pad2(Math.abs(exp));
    }
    return b.toPlainString();
  }

  private static String pad2(int n) {
    return n < 10 ? "0" + n : Integer.toString(n);
  }

  /** text/template's truth: false, 0, nil, and empty strings, slices and maps are false. */
  public static boolean truth(Object v) {
    if (v == null || v instanceof Nil) {
      return false;
    }
    if (v instanceof Boolean b) {
      return b;
    }
    if (v instanceof String s) {
      return !s.isEmpty();
    }
    if (v instanceof Long l) {
      return l != 0;
    }
    if (v instanceof Integer i) {
      return i != 0;
    }
    if (v instanceof Double d) {
      return d != 0;
    }
    if (v instanceof List<?> l) {
      return !l.isEmpty();
    }
    if (v instanceof Map<?, ?> m) {
      return !m.isEmpty();
    }
    return true;
  }

  /** The Go type name errors show for a value. */
  public static String typeName(Object v) {
    if (v == null) {
      return "interface {}";
    }
    if (v instanceof String) {
      return "string";
    }
    if (v instanceof Boolean) {
      return "bool";
    }
    if (v instanceof Long || v instanceof Integer) {
      return "int";
    }
    if (v instanceof Double || v instanceof BigDecimal) {
      return "float64";
    }
    if (v instanceof List<?> l) {
      return l.stream().allMatch(x -> x instanceof String) ? "[]string" : "[]interface {}";
    }
    if (v instanceof Map<?, ?> m) {
      return m.values().stream().allMatch(x -> x instanceof String)
          ? "map[string]string"
          : "map[string]interface {}";
    }
    if (v instanceof GoObject o) {
      return o.typeName();
    }
    if (v instanceof Nil n) {
      return switch (n) {
        case SLICE -> "[]string";
        case MAP -> "map[string]string";
        case POINTER -> "*struct";
      };
    }
    return v.getClass().getSimpleName();
  }

  /**
   * Turns a list of any values into a list of Strings (Go's []string), or null when not all are.
   */
  static List<String> stringList(Object v) {
    if (v instanceof Nil) {
      return List.of();
    }
    if (!(v instanceof List<?> l)) {
      return null;
    }
    List<String> out = new ArrayList<>();
    for (Object o : l) {
      if (!(o instanceof String s)) {
        return null;
      }
      out.add(s);
    }
    return out;
  }
}

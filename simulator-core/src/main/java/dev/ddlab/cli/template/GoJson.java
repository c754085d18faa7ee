package dev.ddlab.cli.template;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * Go's encoding/json output for template values: {@code json.Marshal} (compact) and {@code
 * json.MarshalIndent(v, "", " ")} as docker inspect prints, with Go's escaping (HTML characters as
 * {@code \u003c} unless disabled, as docker/cli's {@code json} template function does).
 */
public final class GoJson {
  private GoJson() {}

  public static String marshal(Object v, boolean escapeHtml) {
    StringBuilder sb = new StringBuilder();
    write(sb, v, escapeHtml, null, 0);
    return sb.toString();
  }

  /** MarshalIndent with an indent of four spaces and no prefix. */
  public static String marshalIndent(Object v) {
    // a container's inspect is about 8 KB: one buffer, rarely grown
    StringBuilder sb = new StringBuilder(8192);
    write(sb, v, true, "    ", 0);
    return sb.toString();
  }

  private static void newline(StringBuilder sb, String indent, int depth) {
    if (indent != null) {
      sb.append('\n');
      for (int i = 0; i < depth; i++) {
        sb.append(indent);
      }
    }
  }

  private static void write(StringBuilder sb, Object v, boolean esc, String indent, int depth) {
    if (v == null || v instanceof Nil) {
      sb.append("null");
    } else if (v instanceof String s) {
      quote(sb, s, esc);
    } else if (v instanceof Boolean || v instanceof Long || v instanceof Integer) {
      sb.append(v);
    } else if (v instanceof Double d) {
      sb.append(floatText(d));
    } else if (v instanceof BigDecimal b) {
      sb.append(b.toPlainString());
    } else if (v instanceof List<?> list) {
      if (list.isEmpty()) {
        sb.append("[]");
        return;
      }
      sb.append('[');
      for (int i = 0; i < list.size(); i++) {
        if (i > 0) {
          sb.append(',');
        }
        newline(sb, indent, depth + 1);
        write(sb, list.get(i), esc, indent, depth + 1);
      }
      newline(sb, indent, depth);
      sb.append(']');
    } else if (v instanceof Map<?, ?> map) {
      writeObject(sb, Values.sorted(map), esc, indent, depth);
    } else if (v instanceof GoObject o) {
      Map<String, Object> m = new java.util.LinkedHashMap<>();
      for (String name : o.fieldNames()) {
        if (!o.jsonOmits(name)) {
          m.put(o.jsonName(name), o.get(name));
        }
      }
      writeObject(sb, o.isJsonSorted() ? Values.sorted(m) : m, esc, indent, depth);
    } else {
      quote(sb, v.toString(), esc);
    }
  }

  private static void writeObject(
      StringBuilder sb, Map<String, Object> m, boolean esc, String indent, int depth) {
    if (m.isEmpty()) {
      sb.append("{}");
      return;
    }
    sb.append('{');
    boolean first = true;
    for (Map.Entry<String, Object> e : m.entrySet()) {
      if (!first) {
        sb.append(',');
      }
      first = false;
      newline(sb, indent, depth + 1);
      quote(sb, e.getKey(), esc);
      sb.append(indent != null ? ": " : ":");
      write(sb, e.getValue(), esc, indent, depth + 1);
    }
    newline(sb, indent, depth);
    sb.append('}');
  }

  /** Go encodes floats like %g with the shortest representation, never with a trailing ".0". */
  private static String floatText(double d) {
    double abs = Math.abs(d);
    if (abs != 0 && (abs < 1e-6 || abs >= 1e21)) {
      return Values.formatFloat(d).replace("e+0", "e+").replace("e-0", "e-");
    }
    if (d == Math.rint(d)) {
      return Long.toString((long) d);
    }
    return new BigDecimal(Double.toString(d)).stripTrailingZeros().toPlainString();
  }

  static void quote(StringBuilder sb, String s, boolean escapeHtml) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case '\u2028' -> sb.append("\\u2028");
        case '\u2029' -> sb.append("\\u2029");
        default -> {
          if (c < 0x20 || (escapeHtml && (c == '<' || c == '>' || c == '&'))) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }
}

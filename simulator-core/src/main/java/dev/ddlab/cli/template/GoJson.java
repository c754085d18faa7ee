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
    new Out(sb, escapeHtml, null).value(v, 0);
    return sb.toString();
  }

  /** MarshalIndent with an indent of four spaces and no prefix. */
  public static String marshalIndent(Object v) {
    return indented(v, false);
  }

  /** {@link #marshalIndent} and a newline, as {@code docker inspect} prints it. */
  public static String marshalIndentLine(Object v) {
    return indented(v, true);
  }

  /**
   * A writer and its buffers per thread for the indented form (a container's inspect is about 5
   * KB): zeroing a new 8 KB buffer per inspect cost more than writing it. A buffer grown past
   * {@link #KEEP_BUFFER} is let go, so a thread keeps at most that much.
   */
  private static final ThreadLocal<Out> BUFFER =
      ThreadLocal.withInitial(() -> new Out(new StringBuilder(8192), true, "    "));

  private static final int KEEP_BUFFER = 64 * 1024;

  private static String indented(Object v, boolean newline) {
    Out out = BUFFER.get();
    boolean shared =
        out.sb.length() == 0; // else a write on this thread is under way: a buffer of its own
    if (!shared) {
      out = new Out(new StringBuilder(8192), true, "    ");
    }
    StringBuilder sb = out.sb;
    try {
      out.value(v, 0);
      if (newline) {
        sb.append('\n');
      }
      return sb.toString();
    } finally {
      if (shared) {
        if (sb.capacity() > KEEP_BUFFER || (out.chars != null && out.chars.length > KEEP_BUFFER)) {
          BUFFER.remove();
        } else {
          sb.setLength(0);
        }
      }
    }
  }

  /** The depths whose indentation is kept as one string ({@link JsonStruct.Key} sizes by it). */
  static final int LEVELS = 65;

  /** A newline and the indentation of each depth up to 64 levels of four, as one string each. */
  private static final String[] NEWLINE_INDENT = new String[LEVELS];

  static {
    for (int depth = 0; depth < NEWLINE_INDENT.length; depth++) {
      NEWLINE_INDENT[depth] = "\n" + "    ".repeat(depth);
    }
  }

  /**
   * One JSON text being written: its buffer, whether HTML characters are escaped, and its indent
   * (null for compact JSON). A {@link JsonStruct} writes its members through it, a value at a time,
   * with the lead-ins of its constant keys kept per depth.
   */
  public static final class Out {
    private final StringBuilder sb;
    private final boolean esc;
    private final String indent;

    /** Whether the indent is four spaces, whose newlines and lead-ins are kept per depth. */
    private final boolean fourSpaces;

    Out(StringBuilder sb, boolean esc, String indent) {
      this.sb = sb;
      this.esc = esc;
      this.indent = indent;
      this.fourSpaces = "    ".equals(indent);
    }

    /** Any value {@link GoJson} writes, at {@code depth}. */
    public void value(Object v, int depth) {
      write(this, v, depth);
    }

    /** A string, quoted and escaped as encoding/json does. */
    public void string(String s) {
      quote(sb, s, esc, this);
    }

    private char[] chars;

    /** A buffer of at least {@code n} characters for {@link GoJson#quote} to scan in. */
    char[] chars(int n) {
      if (chars == null || chars.length < n) {
        chars = new char[Math.max(n, 256)];
      }
      return chars;
    }

    /** A whole number. */
    public void number(long n) {
      sb.append(n);
    }

    /** {@code true} or {@code false}. */
    public void bool(boolean b) {
      sb.append(b);
    }

    /** {@code null}. */
    public void nil() {
      sb.append("null");
    }

    /**
     * The text before the value of a member of an object at {@code depth} whose key is constant:
     * {@code {} or {@code ,}, the newline and indentation, the quoted key and the colon; {@code
     * first} when it is the object's first member. The value follows at {@code depth + 1}.
     */
    public void member(JsonStruct.Key key, boolean first, int depth) {
      int level = indent == null ? 0 : fourSpaces && depth + 1 < LEVELS ? depth + 1 : -1;
      if (key.quoted == null || level < 0) {
        member(key.name, first, depth);
        return;
      }
      int slot = 2 * level + (first ? 0 : 1);
      String leadIn = key.leadIns[slot];
      if (leadIn == null) {
        // racing threads write equal strings: either may stay
        leadIn =
            (first ? "{" : ",")
                + (level > 0 ? NEWLINE_INDENT[level] : "")
                + key.quoted
                + (level > 0 ? ": " : ":");
        key.leadIns[slot] = leadIn;
      }
      sb.append(leadIn);
    }

    /** As {@link #member(JsonStruct.Key, boolean, int)} for a key known only now (a map's). */
    public void member(String key, boolean first, int depth) {
      sb.append(first ? '{' : ',');
      newline(depth + 1);
      quote(sb, key, esc);
      sb.append(indent != null ? ": " : ":");
    }

    /** The end of an object at {@code depth}: {@code {}} when it had no member. */
    public void endObject(boolean any, int depth) {
      end(any, depth, "{}", '}');
    }

    /** The text before an element of a list at {@code depth}; the element follows at depth + 1. */
    public void element(boolean first, int depth) {
      sb.append(first ? '[' : ',');
      newline(depth + 1);
    }

    /** The end of a list at {@code depth}: {@code []} when it had no element. */
    public void endList(boolean any, int depth) {
      end(any, depth, "[]", ']');
    }

    private void end(boolean any, int depth, String empty, char close) {
      if (!any) {
        sb.append(empty);
        return;
      }
      newline(depth);
      sb.append(close);
    }

    private void newline(int depth) {
      if (indent != null) {
        if (depth < NEWLINE_INDENT.length && fourSpaces) {
          sb.append(NEWLINE_INDENT[depth]); // one array copy, where append(s, 0, n) goes by char
        } else {
          sb.append('\n');
          for (int i = 0; i < depth; i++) {
            sb.append(indent);
          }
        }
      }
    }
  }

  private static void write(Out out, Object v, int depth) {
    StringBuilder sb = out.sb;
    if (v == null || v instanceof Nil) {
      sb.append("null");
    } else if (v instanceof String s) {
      quote(sb, s, out.esc, out);
    } else if (v instanceof Long l) {
      sb.append(l.longValue());
    } else if (v instanceof JsonStruct struct) {
      struct.writeJson(out, depth);
    } else if (v instanceof Boolean || v instanceof Integer) {
      sb.append(v);
    } else if (v instanceof Double d) {
      sb.append(floatText(d));
    } else if (v instanceof BigDecimal b) {
      sb.append(b.toPlainString());
    } else if (v instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        out.element(i == 0, depth);
        write(out, list.get(i), depth + 1);
      }
      out.endList(!list.isEmpty(), depth);
    } else if (v instanceof Map<?, ?> map) {
      // encoding/json sorts a map's keys; a map of one entry or a TreeMap of strings already is
      writeObject(out, isSorted(map) ? map : Values.sorted(map), depth);
    } else if (v instanceof GoObject o) {
      if (o.isJsonSorted()) {
        Map<String, Object> m = new java.util.TreeMap<>();
        o.forEachJsonField(m::put);
        writeObject(out, m, depth);
      } else {
        // a struct's fields in their declaration order, straight from the object
        Members members = new Members(out, depth);
        o.forEachJsonField(members);
        out.endObject(members.any, depth);
      }
    } else {
      quote(sb, v.toString(), out.esc);
    }
  }

  private static boolean isSorted(Map<?, ?> map) {
    if (map.size() <= 1) {
      return true;
    }
    if (map instanceof java.util.TreeMap<?, ?> t && t.comparator() == null) {
      for (Object key : t.keySet()) {
        if (!(key instanceof String)) {
          return false;
        }
      }
      return true;
    }
    return false;
  }

  private static void writeObject(Out out, Map<?, ?> m, int depth) {
    Members members = new Members(out, depth);
    for (Map.Entry<?, ?> e : m.entrySet()) {
      members.accept(String.valueOf(e.getKey()), e.getValue());
    }
    out.endObject(members.any, depth);
  }

  /** The members of one JSON object, written as they come. */
  private static final class Members implements java.util.function.BiConsumer<String, Object> {
    private final Out out;
    private final int depth;
    private boolean any;

    Members(Out out, int depth) {
      this.out = out;
      this.depth = depth;
    }

    @Override
    public void accept(String key, Object value) {
      out.member(key, !any, depth);
      any = true;
      write(out, value, depth + 1);
    }
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

  /** The ASCII characters encoding/json escapes: controls, the quote and the backslash. */
  private static final boolean[] ESCAPED = new boolean[128];

  /** The same and the HTML characters, as Go escapes them by default. */
  private static final boolean[] ESCAPED_HTML = new boolean[128];

  static {
    for (char c = 0; c < 128; c++) {
      ESCAPED[c] = c < 0x20 || c == '"' || c == '\\';
      ESCAPED_HTML[c] = ESCAPED[c] || c == '<' || c == '>' || c == '&';
    }
  }

  static void quote(StringBuilder sb, String s, boolean escapeHtml) {
    quote(sb, s, escapeHtml, null);
  }

  /** Strings at least this long are scanned in a copy of their characters ({@link Out#chars}). */
  private static final int SCAN_COPY = 16;

  /**
   * As {@link #quote(StringBuilder, String, boolean)}; a long string's characters are scanned in
   * {@code chars} when it is given (a copy by {@code String.getChars} and a loop over an array took
   * half the time of {@code charAt} per character, the quoting a third of an inspect's writing).
   */
  static void quote(StringBuilder sb, String s, boolean escapeHtml, Out chars) {
    sb.append('"');
    // the plain prefix (usually the whole string) in one copy
    boolean[] escaped = escapeHtml ? ESCAPED_HTML : ESCAPED;
    int plain = 0;
    int n = s.length();
    if (chars != null && n >= SCAN_COPY) {
      char[] cs = chars.chars(n);
      s.getChars(0, n, cs, 0);
      while (plain < n) {
        char c = cs[plain];
        if (c < 128 ? escaped[c] : c == '\u2028' || c == '\u2029') {
          break;
        }
        plain++;
      }
    } else {
      while (plain < n) {
        char c = s.charAt(plain);
        if (c < 128 ? escaped[c] : c == '\u2028' || c == '\u2029') {
          break;
        }
        plain++;
      }
    }
    if (plain == n) {
      sb.append(s).append('"'); // one array copy, where append(s, 0, n) copies char by char
      return;
    }
    sb.append(s, 0, plain);
    for (int i = plain; i < n; i++) {
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

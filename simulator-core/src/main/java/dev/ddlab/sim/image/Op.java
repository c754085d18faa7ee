package dev.ddlab.sim.image;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One entry of a recipe's steps or a tree's operations, as the catalogue's YAML writes it: a
 * mapping whose one known key names what it does ({@code run}, {@code file} …) and whose other keys
 * are its arguments; {@code files}, the tree operations of a step that makes a layer. {@code where}
 * names the file and the entry for error messages. Values are read through {@link Vars}, so they
 * may use {@code {{var}}}.
 */
record Op(String where, String kind, Map<String, JsonNode> fields, List<Op> files) {
  private static final Pattern SIZE = Pattern.compile("(\\d+)(?:\\s*/\\s*(\\d+))?");

  static IllegalStateException error(String where, String message) {
    return new IllegalStateException("image catalogue, " + where + ": " + message);
  }

  IllegalStateException error(String message) {
    return error(where, message);
  }

  boolean has(String key) {
    return fields.containsKey(key);
  }

  JsonNode raw(String key) {
    return fields.get(key);
  }

  /** The value of {@code key} with its variables resolved; an error when it is missing. */
  JsonNode value(String key, Vars vars) {
    JsonNode n = fields.get(key);
    if (n == null) {
      throw error("'" + key + "' is missing");
    }
    return vars.resolve(n, where + "." + key);
  }

  /** A string argument. YAML reads 1.20, yes or 0755 as other things: those must be quoted. */
  String text(String key, Vars vars) {
    JsonNode n = value(key, vars);
    if (!n.isTextual()) {
      throw error("'" + key + "' must be a string, not " + describe(n) + " (quote it)");
    }
    return n.asText();
  }

  String text(String key, Vars vars, String fallback) {
    return has(key) ? text(key, vars) : fallback;
  }

  /** A whole number (epoch seconds, bytes). */
  long number(String key, Vars vars) {
    JsonNode n = value(key, vars);
    if (!n.isIntegralNumber()) {
      throw error("'" + key + "' must be a whole number, not " + describe(n));
    }
    return n.asLong();
  }

  /** Bytes: N, or "N / S" for a real size N scaled down S times (integer division). */
  long size(String key, Vars vars) {
    JsonNode n = value(key, vars);
    if (n.isIntegralNumber()) {
      return n.asLong();
    }
    Matcher m = n.isTextual() ? SIZE.matcher(n.asText().strip()) : null;
    if (m == null || !m.matches()) {
      throw error("'" + key + "' must be bytes, N or \"N / SCALE\", not " + describe(n));
    }
    long bytes = Long.parseLong(m.group(1));
    return m.group(2) == null ? bytes : bytes / Long.parseLong(m.group(2));
  }

  /** A file mode as an octal string ("0755", "1777"). */
  int mode(String key, Vars vars, int fallback) {
    if (!has(key)) {
      return fallback;
    }
    String s = text(key, vars);
    if (!s.matches("[0-7]{3,4}")) {
      throw error("'" + key + "' must be an octal mode such as \"0755\", not " + s);
    }
    return Integer.parseInt(s, 8);
  }

  /** A list of strings. */
  List<String> strings(String key, Vars vars) {
    JsonNode n = value(key, vars);
    if (!n.isArray()) {
      throw error("'" + key + "' must be a list, not " + describe(n));
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n.size(); i++) {
      JsonNode item = vars.resolve(n.get(i), where + "." + key + "[" + i + "]");
      if (!item.isTextual()) {
        throw error(
            "'" + key + "' item " + i + " must be a string, not " + describe(item) + " (quote it)");
      }
      out.add(item.asText());
    }
    return out;
  }

  /** A list of strings, or the name of one of {@code lists}. */
  List<String> names(String key, Vars vars, Map<String, List<String>> lists) {
    JsonNode n = value(key, vars);
    if (n.isTextual()) {
      List<String> named = lists.get(n.asText());
      if (named == null) {
        throw error("'" + key + "' names no list: " + n.asText());
      }
      return named;
    }
    return strings(key, vars);
  }

  static String describe(JsonNode n) {
    if (n.isTextual()) {
      return "\"" + n.asText() + "\"";
    }
    return n.getNodeType().toString().toLowerCase(java.util.Locale.ROOT) + " " + n;
  }
}

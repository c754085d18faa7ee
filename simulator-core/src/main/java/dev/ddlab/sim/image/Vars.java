package dev.ddlab.sim.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The variables a catalogue recipe or tree is applied with: the platform's, the tag's {@code with},
 * and what an include adds. Strings of the data use them as {@code {{name}}}; a string that is
 * exactly one {@code {{name}}} takes the variable's value with its type (a number stays a number).
 * {@code {by-platform: {win2022: A, …}}} picks the value of the platform being built. Shell text
 * such as {@code ${VAR}} is left alone.
 */
final class Vars {
  private static final Pattern VAR = Pattern.compile("\\{\\{([A-Za-z][A-Za-z0-9_-]*)}}");

  private final Map<String, JsonNode> values;
  private final String platformName;

  private Vars(Map<String, JsonNode> values, String platformName) {
    this.values = values;
    this.platformName = platformName;
  }

  /** The variables of one platform: os, architecture, variant, osVersion, musl and gnu. */
  static Vars of(String platformName, Platform p, Map<String, String> architectureNames) {
    Map<String, JsonNode> v = new HashMap<>();
    v.put("os", TextNode.valueOf(p.os()));
    v.put("architecture", TextNode.valueOf(p.architecture()));
    if (p.variant() != null) {
      v.put("variant", TextNode.valueOf(p.variant()));
    }
    if (p.osVersion() != null) {
      v.put("osVersion", TextNode.valueOf(p.osVersion()));
    }
    architectureNames.forEach((k, name) -> v.put(k, TextNode.valueOf(name)));
    return new Vars(v, platformName);
  }

  /** These variables and those of {@code with} (resolved here first), which win. */
  Vars with(JsonNode with, String where) {
    if (with == null || with.isNull()) {
      return this;
    }
    if (!with.isObject()) {
      throw Op.error(where, "'with' must be a mapping of variables");
    }
    Map<String, JsonNode> v = new HashMap<>(values);
    Iterator<Map.Entry<String, JsonNode>> it = with.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      v.put(e.getKey(), resolve(e.getValue(), where + ".with." + e.getKey()));
    }
    return new Vars(v, platformName);
  }

  /** {@code node} with its variables replaced (see the class comment). */
  JsonNode resolve(JsonNode node, String where) {
    if (node == null) {
      return null;
    }
    if (node.isObject() && node.size() == 1 && node.has("by-platform")) {
      JsonNode choice = node.get("by-platform").get(platformName);
      if (choice == null) {
        throw Op.error(where, "no value for platform " + platformName + " in " + node);
      }
      return resolve(choice, where);
    }
    if (!node.isTextual()) {
      return node;
    }
    String text = node.asText();
    Matcher whole = VAR.matcher(text);
    if (whole.matches()) {
      return value(whole.group(1), where);
    }
    Matcher m = VAR.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      JsonNode v = value(m.group(1), where);
      if (!v.isValueNode()) {
        throw Op.error(where, "{{" + m.group(1) + "}} is not text and cannot be part of a string");
      }
      m.appendReplacement(out, Matcher.quoteReplacement(v.asText()));
    }
    m.appendTail(out);
    return TextNode.valueOf(out.toString());
  }

  private JsonNode value(String name, String where) {
    JsonNode v = values.get(name);
    if (v == null) {
      throw Op.error(where, "unknown variable {{" + name + "}}");
    }
    return v;
  }
}

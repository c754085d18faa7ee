package dev.ddlab.cli.compose.loader;

import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Compose's variable substitution (compose-go's {@code template} package): {@code $VAR}, {@code
 * ${VAR}}, {@code ${VAR:-default}}, {@code ${VAR-default}}, {@code ${VAR:?err}}, {@code
 * ${VAR?err}}, {@code ${VAR:+alt}}, {@code ${VAR+alt}}, nesting inside the default, and {@code $$}
 * for a literal dollar. An unset variable without a default becomes "" with a warning.
 */
public final class Interpolation {
  private final Function<String, String> lookup;
  private final Consumer<String> warn;

  /**
   * @param lookup a variable's value, null when unset
   * @param warn receives the name of each unset variable that defaulted to ""
   */
  public Interpolation(Function<String, String> lookup, Consumer<String> warn) {
    this.lookup = lookup;
    this.warn = warn;
  }

  /** A required variable had no value ({@code ${VAR:?reason}}). */
  public static final class MissingRequired extends RuntimeException {
    MissingRequired(String variable, String reason) {
      super(
          "required variable "
              + variable
              + " is missing a value"
              + (reason.isEmpty() ? "" : ": " + reason));
    }
  }

  /** A malformed template ({@code ${}}, an unclosed brace). */
  public static final class InvalidTemplate extends RuntimeException {
    InvalidTemplate(String template) {
      super("Invalid template: \"" + template + "\"");
    }
  }

  public String substitute(String template) {
    StringBuilder out = new StringBuilder();
    int end = substitute(template, 0, out, false, template);
    if (end != template.length()) {
      throw new InvalidTemplate(template);
    }
    return out.toString();
  }

  /**
   * Copies {@code s} from {@code i} into {@code out} with substitutions, up to the end or, when
   * {@code nested}, up to the closing brace of the enclosing expression; returns where it stopped.
   */
  private int substitute(String s, int i, StringBuilder out, boolean nested, String whole) {
    int depth = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (nested && c == '}' && depth == 0) {
        return i;
      }
      if (nested && c == '{') {
        depth++;
      } else if (nested && c == '}') {
        depth--;
      }
      if (c != '$') {
        out.append(c);
        i++;
        continue;
      }
      if (i + 1 >= s.length()) {
        out.append('$');
        i++;
        continue;
      }
      char n = s.charAt(i + 1);
      if (n == '$') {
        out.append('$');
        i += 2;
      } else if (n == '{') {
        i = braced(s, i + 2, out, whole);
      } else if (isNameStart(n)) {
        int j = i + 1;
        while (j < s.length() && isNamePart(s.charAt(j))) {
          j++;
        }
        out.append(value(s.substring(i + 1, j)));
        i = j;
      } else {
        out.append('$');
        i++;
      }
    }
    if (nested) {
      throw new InvalidTemplate(whole);
    }
    return i;
  }

  /** After {@code ${}: NAME then an optional operator and its word, then '}'. */
  private int braced(String s, int i, StringBuilder out, String whole) {
    int j = i;
    while (j < s.length() && isNamePart(s.charAt(j))) {
      j++;
    }
    String name = s.substring(i, j);
    if (name.isEmpty() || !isNameStart(name.charAt(0)) || j >= s.length()) {
      throw new InvalidTemplate(whole);
    }
    char c = s.charAt(j);
    if (c == '}') {
      out.append(value(name));
      return j + 1;
    }
    boolean colon = c == ':';
    int op = colon ? j + 1 : j;
    if (op >= s.length() || "-?+".indexOf(s.charAt(op)) < 0) {
      throw new InvalidTemplate(whole);
    }
    char kind = s.charAt(op);
    StringBuilder word = new StringBuilder();
    int close = substitute(s, op + 1, word, true, whole);
    String v = lookup.apply(name);
    boolean set = colon ? v != null && !v.isEmpty() : v != null;
    switch (kind) {
      case '-' -> out.append(set ? v : word);
      case '+' -> out.append(set ? word : "");
      default -> {
        if (!set) {
          throw new MissingRequired(name, word.toString());
        }
        out.append(v);
      }
    }
    return close + 1;
  }

  private String value(String name) {
    String v = lookup.apply(name);
    if (v == null) {
      warn.accept(name);
      return "";
    }
    return v;
  }

  private static boolean isNameStart(char c) {
    return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static boolean isNamePart(char c) {
    return isNameStart(c) || (c >= '0' && c <= '9');
  }
}

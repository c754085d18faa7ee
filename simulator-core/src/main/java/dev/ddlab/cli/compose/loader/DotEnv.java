package dev.ddlab.cli.compose.loader;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A {@code .env} or {@code env_file} file as compose reads it (compose-go's {@code dotenv}): {@code
 * KEY=VALUE} lines, {@code export KEY=…}, {@code #} comments, single quotes kept literal, double
 * quotes with {@code \n} escapes, an unquoted value's trailing {@code # comment} dropped, and a
 * bare {@code KEY} taking its value from the environment.
 */
public final class DotEnv {
  private DotEnv() {}

  /** A line that is not {@code KEY=VALUE}. */
  public static final class ParseError extends RuntimeException {
    ParseError(String message) {
      super(message);
    }
  }

  public static Map<String, String> parse(String text, Map<String, String> environment) {
    Map<String, String> out = new LinkedHashMap<>();
    String[] lines = text.split("\n", -1);
    for (int n = 0; n < lines.length; n++) {
      String line = lines[n].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      if (line.startsWith("export ")) {
        line = line.substring(7).strip();
      }
      int eq = line.indexOf('=');
      String key = (eq < 0 ? line : line.substring(0, eq)).strip();
      if (key.isEmpty() || !key.matches("[A-Za-z_][A-Za-z0-9_.\\-\\[\\]]*")) {
        throw new ParseError(
            "unexpected character \""
                + (key.isEmpty() ? "=" : firstBad(key))
                + "\" in variable name near \""
                + lines[n]
                + "\"");
      }
      if (eq < 0) {
        String v = environment.get(key);
        if (v != null) {
          out.put(key, v);
        }
        continue;
      }
      out.put(key, value(line.substring(eq + 1).strip()));
    }
    return out;
  }

  private static String firstBad(String key) {
    for (char c : key.toCharArray()) {
      if (!(Character.isLetterOrDigit(c) || "_.-[]".indexOf(c) >= 0)) {
        return String.valueOf(c);
      }
    }
    return key.substring(0, 1);
  }

  private static String value(String v) {
    if (v.length() >= 2 && v.charAt(0) == '\'' && v.indexOf('\'', 1) > 0) {
      return v.substring(1, v.indexOf('\'', 1));
    }
    if (v.length() >= 2 && v.charAt(0) == '"') {
      StringBuilder b = new StringBuilder();
      for (int i = 1; i < v.length(); i++) {
        char c = v.charAt(i);
        if (c == '"') {
          return b.toString();
        }
        if (c == '\\' && i + 1 < v.length()) {
          char e = v.charAt(++i);
          b.append(
              switch (e) {
                case 'n' -> '\n';
                case 't' -> '\t';
                case 'r' -> '\r';
                default -> e;
              });
        } else {
          b.append(c);
        }
      }
      return b.toString();
    }
    int hash = v.indexOf(" #");
    return (hash >= 0 ? v.substring(0, hash) : v).strip();
  }
}

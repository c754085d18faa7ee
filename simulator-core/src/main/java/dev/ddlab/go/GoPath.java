package dev.ddlab.go;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Go's {@code path} package as docker matches names with it: reference filters of {@code docker
 * images} ({@code reference.FamiliarMatch}) and the checks that count images the same way.
 */
public final class GoPath {
  private GoPath() {}

  /**
   * path.Match: {@code *} and {@code ?} do not cross "/", {@code [classes]} (with {@code ^}
   * negation), backslash escapes; a malformed pattern matches nothing (Go's ErrBadPattern).
   */
  public static boolean match(String pattern, String name) {
    StringBuilder re = new StringBuilder();
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      switch (c) {
        case '*' -> re.append("[^/]*");
        case '?' -> re.append("[^/]");
        case '\\' -> {
          if (i + 1 < pattern.length()) {
            re.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
          }
        }
        case '[' -> {
          int end = pattern.indexOf(']', i + 1);
          if (end < 0) {
            return false; // ErrBadPattern
          }
          String cls = pattern.substring(i + 1, end);
          if (cls.startsWith("^")) {
            cls = "^" + cls.substring(1).replace("\\", "\\\\").replace("[", "\\[");
          } else {
            cls = cls.replace("\\", "\\\\").replace("[", "\\[");
          }
          re.append('[').append(cls).append(']');
          i = end;
        }
        default -> re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    try {
      return Pattern.matches(re.toString(), name);
    } catch (PatternSyntaxException e) {
      return false;
    }
  }
}

package dev.ddlab.go;

/**
 * Go's strconv where both sides use it: {@code Quote} (the {@code %q} of a string), {@code
 * ParseBool}.
 */
public final class GoStrconv {
  private GoStrconv() {}

  /** strconv.ParseBool: 1, t, T, TRUE, true, True and their false forms; null for anything else. */
  public static Boolean parseBool(String s) {
    if (s == null) {
      return null;
    }
    return switch (s) {
      case "1", "t", "T", "TRUE", "true", "True" -> true;
      case "0", "f", "F", "FALSE", "false", "False" -> false;
      default -> null;
    };
  }

  /** strconv.Quote: a double-quoted Go string literal. */
  public static String quote(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      escape(sb, s.charAt(i), '"');
    }
    return sb.append('"').toString();
  }

  /**
   * strconv.QuoteRune: a single-quoted Go rune literal, which is also what {@code %q} prints for an
   * integer ({@code '\x00'} for 0, {@code 'A'} for 65).
   */
  public static String quoteRune(int r) {
    StringBuilder sb = new StringBuilder("'");
    if (r > 0xffff) {
      sb.appendCodePoint(r);
    } else {
      escape(sb, (char) r, '\'');
    }
    return sb.append('\'').toString();
  }

  private static void escape(StringBuilder sb, char c, char quote) {
    if (c == quote || c == '\\') {
      sb.append('\\').append(c);
      return;
    }
    switch (c) {
      case '\n' -> sb.append("\\n");
      case '\r' -> sb.append("\\r");
      case '\t' -> sb.append("\\t");
      case '\007' -> sb.append("\\a");
      case '\b' -> sb.append("\\b");
      case '\f' -> sb.append("\\f");
      case '\013' -> sb.append("\\v");
      default -> {
        if (c < 0x20 || c == 0x7f) {
          sb.append(String.format("\\x%02x", (int) c));
        } else {
          sb.append(c);
        }
      }
    }
  }
}

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
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
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
    return sb.append('"').toString();
  }
}

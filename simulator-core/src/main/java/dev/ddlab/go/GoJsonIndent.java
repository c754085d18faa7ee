package dev.ddlab.go;

/**
 * Go's {@code json.Indent(dst, src, "", indent)}: JSON text re-indented token by token (keys keep
 * their order, strings are copied as they are), a newline and the indent after each opening bracket
 * and comma, {@code ": "} after a key, {@code {}} and {@code []} for empty ones. What {@code
 * json.MarshalIndent} writes is the compact encoding run through it.
 */
public final class GoJsonIndent {
  private GoJsonIndent() {}

  public static String indent(String json, String indent) {
    StringBuilder out = new StringBuilder(json.length() * 2);
    int depth = 0;
    boolean inString = false;
    boolean needIndent = false; // after an opening bracket: indent unless it closes at once
    String text = json.strip();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (inString) {
        out.append(c);
        if (c == '\\' && i + 1 < text.length()) {
          out.append(text.charAt(++i));
        } else if (c == '"') {
          inString = false;
        }
        continue;
      }
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        continue;
      }
      if (needIndent && c != ']' && c != '}') {
        needIndent = false;
        newline(out, indent, depth);
      }
      switch (c) {
        case '"' -> {
          inString = true;
          out.append(c);
        }
        case '{', '[' -> {
          out.append(c);
          depth++;
          needIndent = true;
        }
        case '}', ']' -> {
          depth--;
          if (needIndent) {
            needIndent = false; // empty: {} or []
          } else {
            newline(out, indent, depth);
          }
          out.append(c);
        }
        case ',' -> {
          out.append(c);
          newline(out, indent, depth);
        }
        case ':' -> out.append(": ");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  private static void newline(StringBuilder out, String indent, int depth) {
    out.append('\n');
    out.append(indent.repeat(Math.max(0, depth)));
  }
}

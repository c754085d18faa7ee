package dev.ddlab.cli.formatter;

/** formatter.Ellipsis: truncates to a display width, ending with "…". */
public final class Ellipsis {
  private Ellipsis() {}

  public static String of(String s, int max) {
    if (max <= 0) {
      return "";
    }
    if (max == 1) {
      return s.isEmpty() ? "" : s.substring(0, Character.charCount(s.codePointAt(0)));
    }
    if (TabWriter.displayWidth(s) <= max) {
      return s;
    }
    int width = 0;
    int i = 0;
    while (i < s.length()) {
      int cp = s.codePointAt(i);
      int w = TabWriter.width(cp);
      if (width + w > max - 1) {
        break;
      }
      width += w;
      i += Character.charCount(cp);
    }
    return s.substring(0, i) + "…";
  }
}

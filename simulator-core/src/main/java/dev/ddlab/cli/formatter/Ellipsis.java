package dev.ddlab.cli.formatter;

/** formatter.Ellipsis: truncates to a display width, ending with "…". */
public final class Ellipsis {
  private Ellipsis() {}

  public static String of(String s, int max) {
    if (max <= 0) {
      return "";
    }
    int[] cps = s.codePoints().toArray();
    if (max == 1) {
      return cps.length == 0 ? "" : new String(cps, 0, 1);
    }
    if (TabWriter.displayWidth(s) <= max) {
      return s;
    }
    StringBuilder sb = new StringBuilder();
    int width = 0;
    for (int cp : cps) {
      int w = TabWriter.displayWidth(new String(Character.toChars(cp)));
      if (width + w > max - 1) {
        break;
      }
      sb.appendCodePoint(cp);
      width += w;
    }
    return sb + "…";
  }
}

package dev.ddlab.app;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Word-wraps the tutorial's own prose (a lab's introduction, a step's text, hints) to the
 * terminal's width, as a pager would: paragraphs and list items wrap at spaces (list items with a
 * hanging indent); code (fenced or indented) and Docker's own output are left as they are.
 */
final class TextWrap {
  /** A line's indent and list or quote marker: what its wrapped lines hang from. */
  private static final Pattern LEAD = Pattern.compile("^(\\s*(?:[-*] |\\d+\\. |> )?)");

  private TextWrap() {}

  static String prose(String text, int width) {
    if (width < 20) {
      return text;
    }
    StringBuilder out = new StringBuilder();
    boolean code = false;
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (line.strip().startsWith("```")) {
        code = !code;
      }
      if (code || line.startsWith("    ") || line.startsWith("\t") || line.length() <= width) {
        out.append(line);
      } else {
        out.append(wrap(line, width));
      }
      if (i < lines.length - 1) {
        out.append('\n');
      }
    }
    return out.toString();
  }

  private static String wrap(String line, int width) {
    Matcher m = LEAD.matcher(line);
    String lead = m.find() ? m.group(1) : "";
    String hang = lead.startsWith(">") ? lead : " ".repeat(lead.length());
    StringBuilder out = new StringBuilder();
    StringBuilder current = new StringBuilder(lead);
    for (String word : line.substring(lead.length()).split(" +")) {
      if (word.isEmpty()) {
        continue;
      }
      boolean empty = current.length() == (out.length() == 0 ? lead : hang).length();
      if (!empty && current.length() + 1 + word.length() > width) {
        out.append(current).append('\n');
        current = new StringBuilder(hang);
        empty = true;
      }
      if (!empty) {
        current.append(' ');
      }
      current.append(word);
    }
    return out.append(current).toString();
  }
}

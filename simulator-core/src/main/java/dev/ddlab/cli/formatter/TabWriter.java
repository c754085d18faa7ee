package dev.ddlab.cli.formatter;

import java.util.ArrayList;
import java.util.List;

/**
 * Go's text/tabwriter (elastic tabstops) as docker/cli configures it for tables: minimum cell width
 * 10, padding 3, space padding, no flags. A cell is text terminated by a tab; the last cell of a
 * line is not aligned. A column block is a run of consecutive lines that have a cell in that
 * column; its width is the widest cell plus padding. Widths count display columns (East Asian wide
 * characters count two), as docker/cli's fork does with go-runewidth.
 */
public final class TabWriter {
  private final int minWidth;
  private final int padding;

  public TabWriter(int minWidth, int padding) {
    this.minWidth = minWidth;
    this.padding = padding;
  }

  /** docker/cli's table writer: NewWriter(out, 10, 1, 3, ' ', 0). */
  public static TabWriter docker() {
    return new TabWriter(10, 3);
  }

  public String format(String text) {
    List<List<String>> lines = new ArrayList<>();
    String[] raw = text.split("\n", -1);
    for (int i = 0; i < raw.length; i++) {
      if (i == raw.length - 1 && raw[i].isEmpty()) {
        break;
      }
      List<String> cells = new ArrayList<>(List.of(raw[i].split("\t", -1)));
      lines.add(cells);
    }
    StringBuilder out = new StringBuilder();
    List<Integer> widths = new ArrayList<>();
    formatBlock(out, lines, widths, 0, lines.size());
    if (text.endsWith("\n") || text.isEmpty()) {
      return out.toString();
    }
    // The last line had no newline: drop the one we added.
    return out.substring(0, Math.max(0, out.length() - 1));
  }

  private int formatBlock(
      StringBuilder out, List<List<String>> lines, List<Integer> widths, int line0, int line1) {
    int column = widths.size();
    for (int i = line0; i < line1; i++) {
      List<String> line = lines.get(i);
      if (column >= line.size() - 1) {
        continue;
      }
      writeLines(out, lines, widths, line0, i);
      line0 = i;
      int width = minWidth;
      for (; i < line1; i++) {
        line = lines.get(i);
        if (column >= line.size() - 1) {
          break;
        }
        int w = displayWidth(line.get(column)) + padding;
        if (w > width) {
          width = w;
        }
      }
      widths.add(width);
      formatBlock(out, lines, widths, line0, i);
      widths.remove(widths.size() - 1);
      line0 = i;
      i--;
    }
    writeLines(out, lines, widths, line0, line1);
    return line1;
  }

  private void writeLines(
      StringBuilder out, List<List<String>> lines, List<Integer> widths, int from, int to) {
    for (int i = from; i < to; i++) {
      List<String> line = lines.get(i);
      for (int j = 0; j < line.size(); j++) {
        String cell = line.get(j);
        out.append(cell);
        if (j < line.size() - 1 && j < widths.size()) {
          out.append(" ".repeat(Math.max(0, widths.get(j) - displayWidth(cell))));
        }
      }
      out.append('\n');
    }
  }

  static int displayWidth(String s) {
    int w = 0;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      w += isWide(cp) ? 2 : 1;
      i += Character.charCount(cp);
    }
    return w;
  }

  private static boolean isWide(int cp) {
    return (cp >= 0x1100 && cp <= 0x115F)
        || (cp >= 0x2E80 && cp <= 0xA4CF)
        || (cp >= 0xAC00 && cp <= 0xD7A3)
        || (cp >= 0xF900 && cp <= 0xFAFF)
        || (cp >= 0xFE30 && cp <= 0xFE4F)
        || (cp >= 0xFF00 && cp <= 0xFF60)
        || (cp >= 0xFFE0 && cp <= 0xFFE6)
        || (cp >= 0x1F300 && cp <= 0x1FAFF)
        || (cp >= 0x20000 && cp <= 0x3FFFD);
  }
}

package dev.ddlab.cli.formatter;

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
    String[] raw = text.split("\n", -1);
    int n = raw.length > 0 && raw[raw.length - 1].isEmpty() ? raw.length - 1 : raw.length;
    String[][] cells = new String[n][];
    int[][] widths = new int[n][];
    int size = 0;
    for (int i = 0; i < n; i++) {
      cells[i] = raw[i].split("\t", -1);
      int[] w = new int[cells[i].length];
      for (int j = 0; j < w.length; j++) {
        w[j] = displayWidth(cells[i][j]);
      }
      widths[i] = w;
      size += raw[i].length() + 1;
    }
    StringBuilder out = new StringBuilder(size + size / 2);
    new Block(cells, widths, out).format(0, 0, n);
    if (text.endsWith("\n") || text.isEmpty()) {
      return out.toString();
    }
    // The last line had no newline: drop the one we added.
    return out.substring(0, Math.max(0, out.length() - 1));
  }

  /** One table being aligned: its cells and their display widths, computed once. */
  private final class Block {
    private final String[][] cells;
    private final int[][] cellWidths;
    private final StringBuilder out;
    private int[] columnWidths = new int[8];

    Block(String[][] cells, int[][] cellWidths, StringBuilder out) {
      this.cells = cells;
      this.cellWidths = cellWidths;
      this.out = out;
    }

    /** Go's tabwriter.format: the column blocks of {@code column} within lines [line0, line1). */
    void format(int column, int line0, int line1) {
      for (int i = line0; i < line1; i++) {
        if (column >= cells[i].length - 1) {
          continue;
        }
        writeLines(column, line0, i);
        line0 = i;
        int width = minWidth;
        for (; i < line1; i++) {
          if (column >= cells[i].length - 1) {
            break;
          }
          int w = cellWidths[i][column] + padding;
          if (w > width) {
            width = w;
          }
        }
        if (column == columnWidths.length) {
          columnWidths = java.util.Arrays.copyOf(columnWidths, column * 2);
        }
        columnWidths[column] = width;
        format(column + 1, line0, i);
        line0 = i;
        i--;
      }
      writeLines(column, line0, line1);
    }

    private void writeLines(int columns, int from, int to) {
      for (int i = from; i < to; i++) {
        String[] line = cells[i];
        for (int j = 0; j < line.length; j++) {
          out.append(line[j]);
          if (j < line.length - 1 && j < columns) {
            for (int pad = columnWidths[j] - cellWidths[i][j]; pad > 0; pad--) {
              out.append(' ');
            }
          }
        }
        out.append('\n');
      }
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

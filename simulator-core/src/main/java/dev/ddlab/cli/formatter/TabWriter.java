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

  public String format(CharSequence text) {
    int len = text.length();
    char[] chars = new char[len];
    if (text instanceof String s) {
      s.getChars(0, len, chars, 0);
    } else if (text instanceof StringBuilder sb) {
      sb.getChars(0, len, chars, 0);
    } else {
      text.toString().getChars(0, len, chars, 0);
    }
    Table t = new Table(chars);
    // a first pass only counts, so the output is one array of its exact length
    Block b = new Block(t);
    b.format(0, 0, t.lines);
    b.out = new char[b.count];
    b.count = 0;
    b.format(0, 0, t.lines);
    // The last line had no newline: drop the one we added.
    int n = len == 0 || chars[len - 1] == '\n' ? b.count : Math.max(0, b.count - 1);
    return new String(b.out, 0, n);
  }

  /**
   * The cells of a text as offsets into its characters: no line or cell is copied out. Cell {@code
   * k} of line {@code i} is {@code cell = first[i] + k}; it ends at {@code end[cell]} (a tab or the
   * line's end) and starts after the previous cell's end, or at the line's start.
   */
  private static final class Table {
    final char[] text;
    final int lines;
    final int[] lineStart;
    final int[] first;
    final int[] end;
    final int[] width;

    Table(char[] text) {
      this.text = text;
      int len = text.length;
      int newlines = 0;
      int tabs = 0;
      for (int i = 0; i < len; i++) {
        char c = text[i];
        if (c == '\n') {
          newlines++;
        } else if (c == '\t') {
          tabs++;
        }
      }
      lines = newlines + (len > 0 && text[len - 1] != '\n' ? 1 : 0);
      lineStart = new int[lines + 1];
      first = new int[lines + 1];
      end = new int[lines + tabs];
      width = new int[lines + tabs];
      int cell = 0;
      int pos = 0;
      for (int line = 0; line < lines; line++) {
        lineStart[line] = pos;
        first[line] = cell;
        int w = 0;
        for (; pos < len; pos++) {
          char c = text[pos];
          if (c == '\n') {
            break;
          }
          if (c == '\t') {
            end[cell] = pos;
            width[cell++] = w;
            w = 0;
          } else if (c >= 0x1100) {
            // rare: wide characters and surrogate pairs, measured the slow way
            int cp = Character.codePointAt(text, pos);
            w += width(cp);
            pos += Character.charCount(cp) - 1;
          } else {
            w++;
          }
        }
        end[cell] = pos;
        width[cell++] = w;
        pos++;
      }
      first[lines] = cell;
    }

    int cells(int line) {
      return first[line + 1] - first[line];
    }

    int start(int line, int k) {
      return k == 0 ? lineStart[line] : end[first[line] + k - 1] + 1;
    }
  }

  /** One table being aligned, Go's tabwriter.format over its column blocks. */
  private final class Block {
    private final Table t;
    // null while counting
    private char[] out;
    private int count;
    private int[] columnWidths = new int[8];

    Block(Table t) {
      this.t = t;
    }

    /** Go's tabwriter.format: the column blocks of {@code column} within lines [line0, line1). */
    void format(int column, int line0, int line1) {
      for (int i = line0; i < line1; i++) {
        if (column >= t.cells(i) - 1) {
          continue;
        }
        writeLines(column, line0, i);
        line0 = i;
        int width = minWidth;
        for (; i < line1; i++) {
          if (column >= t.cells(i) - 1) {
            break;
          }
          int w = t.width[t.first[i] + column] + padding;
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
        int n = t.cells(i);
        for (int k = 0; k < n; k++) {
          int cell = t.first[i] + k;
          int start = t.start(i, k);
          int len = t.end[cell] - start;
          int pad = k < n - 1 && k < columns ? Math.max(0, columnWidths[k] - t.width[cell]) : 0;
          if (out != null) {
            System.arraycopy(t.text, start, out, count, len);
            java.util.Arrays.fill(out, count + len, count + len + pad, ' ');
          }
          count += len + pad;
        }
        if (out != null) {
          out[count] = '\n';
        }
        count++;
      }
    }
  }

  static int displayWidth(String s) {
    int w = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x1100) {
        w++;
      } else {
        int cp = s.codePointAt(i);
        w += width(cp);
        i += Character.charCount(cp) - 1;
      }
    }
    return w;
  }

  /** The display columns of one code point: two for East Asian wide characters, else one. */
  static int width(int cp) {
    return isWide(cp) ? 2 : 1;
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

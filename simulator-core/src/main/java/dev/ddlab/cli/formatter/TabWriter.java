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

  /** The text aligned; a last line without a newline stays without one. */
  public String format(CharSequence text) {
    String s = text.toString();
    int len = s.length();
    Lines lines = new Lines(16);
    for (int from = 0; from < len; ) {
      int nl = s.indexOf('\n', from);
      int to = nl < 0 ? len : nl;
      lines.add(s, from, to);
      from = to + 1;
    }
    return lines.format(len > 0 && s.charAt(len - 1) != '\n');
  }

  /** Lines handed over one at a time (a table's rows), aligned once all are in. */
  public Lines lines(int expected) {
    return new Lines(expected);
  }

  /**
   * The lines of a table as offsets into the strings they came in: no line or cell is copied out,
   * and the aligned text is written once, into a buffer of its exact length. Cell {@code k} of line
   * {@code i} is {@code cell = first[i] + k}; it ends at {@code end[cell]} (a tab or the line's
   * end) and starts after the previous cell's end, or at the line's start.
   */
  public final class Lines {
    private String[] source;
    private int[] lineStart;
    private int[] first;
    private int lines;
    private int[] end;
    private int[] width;
    private int cells;
    // a character beyond Latin-1: the output is UTF-16, so its buffer is made so from the start
    private boolean utf16;
    private char[] scratch = new char[256];

    private Lines(int expected) {
      int n = Math.max(4, expected);
      source = new String[n];
      lineStart = new int[n];
      first = new int[n + 1];
      end = new int[n * 8];
      width = new int[n * 8];
    }

    /**
     * Adds each line of {@code text}: split at its newlines, the last one ending the row. Tells
     * whether the row has a character beyond Latin-1.
     */
    public boolean addRow(String text) {
      int len = text.length();
      int from = 0;
      boolean wide = false;
      for (int nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', from)) {
        wide |= add(text, from, nl);
        from = nl + 1;
      }
      return add(text, from, len) | wide;
    }

    /** Adds the line {@code s[from, to)} (no newline inside); true if it is beyond Latin-1. */
    boolean add(String s, int from, int to) {
      if (lines + 1 >= source.length) {
        int n = source.length * 2;
        source = java.util.Arrays.copyOf(source, n);
        lineStart = java.util.Arrays.copyOf(lineStart, n);
        first = java.util.Arrays.copyOf(first, n + 1);
      }
      source[lines] = s;
      lineStart[lines] = from;
      first[lines] = cells;
      // scanned as a char[] copy (String.getChars widens Latin-1 in bulk): a plain array loop is
      // several times faster than charAt over the table's every character
      int len = to - from;
      if (scratch.length < len) {
        scratch = new char[Math.max(len, scratch.length * 2)];
      }
      char[] b = scratch;
      s.getChars(from, to, b, 0);
      boolean wide = false;
      int cellFrom = 0;
      // display columns beyond one per char: East Asian wide characters count two
      int extra = 0;
      for (int i = 0; i < len; i++) {
        char c = b[i];
        if (c == '\t') {
          cell(from + i, i - cellFrom + extra);
          cellFrom = i + 1;
          extra = 0;
        } else if (c >= 0x100) {
          wide = true;
          if (c >= 0x1100) {
            // rare: wide characters and surrogate pairs, measured the slow way
            int cp = Character.codePointAt(b, i, len);
            extra += width(cp) - Character.charCount(cp);
            i += Character.charCount(cp) - 1;
          }
        }
      }
      int w = len - cellFrom + extra;
      cell(to, w);
      lines++;
      first[lines] = cells;
      utf16 |= wide;
      return wide;
    }

    private void cell(int endAt, int w) {
      if (cells == end.length) {
        end = java.util.Arrays.copyOf(end, cells * 2);
        width = java.util.Arrays.copyOf(width, cells * 2);
      }
      end[cells] = endAt;
      width[cells++] = w;
    }

    int cells(int line) {
      return first[line + 1] - first[line];
    }

    int start(int line, int k) {
      return k == 0 ? lineStart[line] : end[first[line] + k - 1] + 1;
    }

    /** The aligned text, every line ending in a newline but the last when {@code dropLast}. */
    public String format(boolean dropLast) {
      // a first pass only counts, so the output is one buffer of its exact length
      Block b = new Block(this);
      b.format(0, 0, lines);
      int n = dropLast && b.count > 0 ? b.count - 1 : b.count;
      if (utf16) {
        // Latin-1 cells into UTF-16: String.getChars widens in bulk, StringBuilder char by char
        b.chars = new char[b.count];
        // padding is what is left of the spaces once the cells are copied in
        java.util.Arrays.fill(b.chars, ' ');
        b.count = 0;
        b.format(0, 0, lines);
        return new String(b.chars, 0, n);
      }
      b.latin1 = new StringBuilder(b.count);
      b.count = 0;
      b.format(0, 0, lines);
      b.latin1.setLength(n);
      return b.latin1.toString();
    }
  }

  private static final String SPACES = " ".repeat(64);

  /** One table being aligned, Go's tabwriter.format over its column blocks. */
  private final class Block {
    private final Lines t;
    // where the text goes: null while counting
    private char[] chars;
    private StringBuilder latin1;
    private int count;
    private int[] columnWidths = new int[8];

    Block(Lines t) {
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
        String s = t.source[i];
        for (int k = 0; k < n; k++) {
          int cell = t.first[i] + k;
          int start = t.start(i, k);
          int end = t.end[cell];
          int pad = k < n - 1 && k < columns ? Math.max(0, columnWidths[k] - t.width[cell]) : 0;
          if (chars != null) {
            s.getChars(start, end, chars, count);
          } else if (latin1 != null) {
            latin1.append(s, start, end);
            for (int left = pad; left > 0; left -= SPACES.length()) {
              latin1.append(SPACES, 0, Math.min(left, SPACES.length()));
            }
          }
          count += end - start + pad;
        }
        if (chars != null) {
          chars[count] = '\n';
        } else if (latin1 != null) {
          latin1.append('\n');
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

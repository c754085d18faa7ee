package dev.ddlab.cli.formatter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The one-pass tabwriter against a plain reading of Go's text/tabwriter, on random tables. */
class TabWriterTest {
  /**
   * Go's tabwriter.format written plainly (lines and cells as lists; the width of a column block is
   * its widest cell plus padding, at least the minimum width; a line's last cell is not aligned).
   */
  private static String reference(String text, int minWidth, int padding) {
    List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
    if (lines.get(lines.size() - 1).isEmpty()) {
      lines.remove(lines.size() - 1);
    }
    List<String[]> cells = new ArrayList<>();
    lines.forEach(l -> cells.add(l.split("\t", -1)));
    StringBuilder out = new StringBuilder();
    int[] widths = new int[64];
    new Object() {
      void format(int column, int line0, int line1) {
        for (int i = line0; i < line1; i++) {
          if (column >= cells.get(i).length - 1) {
            continue;
          }
          write(column, line0, i);
          line0 = i;
          int width = minWidth;
          for (; i < line1 && column < cells.get(i).length - 1; i++) {
            width = Math.max(width, TabWriter.displayWidth(cells.get(i)[column]) + padding);
          }
          widths[column] = width;
          format(column + 1, line0, i);
          line0 = i;
          i--;
        }
        write(column, line0, line1);
      }

      void write(int columns, int from, int to) {
        for (int i = from; i < to; i++) {
          String[] line = cells.get(i);
          for (int j = 0; j < line.length; j++) {
            out.append(line[j]);
            if (j < line.length - 1 && j < columns) {
              out.append(" ".repeat(Math.max(0, widths[j] - TabWriter.displayWidth(line[j]))));
            }
          }
          out.append('\n');
        }
      }
    }.format(0, 0, lines.size());
    return text.endsWith("\n") || text.isEmpty()
        ? out.toString()
        : out.substring(0, Math.max(0, out.length() - 1));
  }

  @Test
  void aligns_random_tables_as_go_tabwriter_does() {
    SplittableRandom random = new SplittableRandom(15);
    String[] words = {
      "", "a", "web", "nginx:latest", "Up 2 seconds", "…", "日本語", "😀x", "long-cell-text-here"
    };
    for (int round = 0; round < 3000; round++) {
      StringBuilder text = new StringBuilder();
      int lines = random.nextInt(6);
      for (int i = 0; i < lines; i++) {
        int cells = 1 + random.nextInt(5);
        for (int k = 0; k < cells; k++) {
          text.append(words[random.nextInt(words.length)]);
          if (k < cells - 1) {
            text.append('\t');
          }
        }
        if (i < lines - 1 || random.nextBoolean()) {
          text.append('\n');
        }
      }
      // a cell wider than the padding string the writer appends from
      if (random.nextInt(20) == 0) {
        text.append("x\t").append("y".repeat(100)).append("\tz\n");
      }
      int minWidth = random.nextInt(12);
      int padding = random.nextInt(4);
      assertEquals(
          reference(text.toString(), minWidth, padding),
          new TabWriter(minWidth, padding).format(text.toString()),
          () -> "table: " + text.toString().replace("\t", "\\t").replace("\n", "\\n"));
    }
  }

  @Test
  void rows_handed_over_one_by_one_align_as_the_whole_text_does() {
    SplittableRandom random = new SplittableRandom(16);
    String[] words = {"", "a", "nginx:latest", "\"sh -c for i in 1 2 …\"", "日本語", "😀x", "x\ny"};
    for (int round = 0; round < 2000; round++) {
      List<String> rows = new ArrayList<>();
      for (int i = random.nextInt(6); i > 0; i--) {
        StringBuilder row = new StringBuilder();
        for (int k = 1 + random.nextInt(5); k > 0; k--) {
          row.append(words[random.nextInt(words.length)]).append(k > 1 ? "\t" : "");
        }
        rows.add(row.toString());
      }
      TabWriter.Lines lines = TabWriter.docker().lines(rows.size());
      StringBuilder whole = new StringBuilder();
      for (String row : rows) {
        lines.addRow(row);
        whole.append(row).append('\n');
      }
      assertEquals(reference(whole.toString(), 10, 3), lines.format(false), rows::toString);
    }
  }

  @Test
  void a_cell_far_wider_than_the_others_pads_the_column_in_full() {
    String wide = "w".repeat(150);
    assertEquals(
        "a" + " ".repeat(152) + "b\n" + wide + "   c\n",
        TabWriter.docker().format("a\tb\n" + wide + "\tc\n"));
  }
}

package dev.ddlab.grader.report;

import java.util.List;
import java.util.Locale;

/**
 * The class summary's charts, drawn on the server as inline SVG (no script, no CDN): how the scores
 * of a lab are distributed, and which steps most students did not pass.
 */
final class Charts {
  private static final int WIDTH = 600;

  private Charts() {}

  /** One bar per score from 0 to {@code max}: how many students got it. */
  static String distribution(List<Integer> scores, int max) {
    int bins = Math.max(1, max + 1);
    int[] count = new int[bins];
    for (int s : scores) {
      count[Math.max(0, Math.min(max, s))]++;
    }
    int top = 1;
    for (int c : count) {
      top = Math.max(top, c);
    }
    int left = 40;
    int plotW = WIDTH - left - 10;
    int plotH = 140;
    int y0 = 20 + plotH;
    double bw = (double) plotW / bins;
    StringBuilder b = svgStart(y0 + 40, "Phân bố điểm: số học viên theo điểm");
    b.append(line(left, y0, WIDTH - 10, y0));
    b.append(line(left, 20, left, y0));
    b.append(text(left - 6, 24, "end", String.valueOf(top)));
    b.append(text(left - 6, y0, "end", "0"));
    for (int i = 0; i < bins; i++) {
      double h = (double) count[i] * plotH / top;
      double x = left + i * bw + bw * 0.15;
      double w = bw * 0.7;
      String fill = i == max ? "#2e7d32" : i == 0 ? "#c62828" : "#f9a825";
      if (count[i] > 0) {
        b.append(
            String.format(
                Locale.ROOT,
                "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"><title>%d"
                    + " điểm: %d học viên</title></rect>",
                x,
                y0 - h,
                w,
                h,
                fill,
                i,
                count[i]));
        b.append(text(x + w / 2, y0 - h - 4, "middle", String.valueOf(count[i])));
      }
      if (bins <= 25 || i % ((bins + 19) / 20) == 0 || i == max) {
        b.append(text(x + w / 2, y0 + 14, "middle", String.valueOf(i)));
      }
    }
    b.append(text(left + plotW / 2.0, y0 + 32, "middle", "Điểm (trên " + max + ")"));
    return b.append("</svg>").toString();
  }

  /** One horizontal bar per step, most often failed first: how many students did not pass it. */
  static String failedSteps(List<String> labels, List<Integer> failed, int students) {
    int rows = labels.size();
    int rowH = 22;
    int left = 260;
    int plotW = WIDTH - left - 40;
    StringBuilder b = svgStart(rows * rowH + 30, "Các bước nhiều học viên chưa đạt nhất");
    int denominator = Math.max(1, students);
    for (int i = 0; i < rows; i++) {
      int y = 10 + i * rowH;
      double w = (double) failed.get(i) * plotW / denominator;
      b.append(text(left - 6, y + 15, "end", shorten(labels.get(i), 34)));
      b.append(
          String.format(
              Locale.ROOT,
              "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"16\" fill=\"#c62828\"><title>%s:"
                  + " %d/%d học viên chưa đạt</title></rect>",
              left,
              y + 3,
              w,
              Html.esc(labels.get(i)),
              failed.get(i),
              students));
      b.append(text(left + w + 6, y + 15, "start", failed.get(i) + "/" + students + " chưa đạt"));
    }
    b.append(line(left, 8, left, 12 + rows * rowH));
    return b.append("</svg>").toString();
  }

  private static StringBuilder svgStart(int height, String title) {
    return new StringBuilder()
        .append("<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"")
        .append(WIDTH)
        .append("\" height=\"")
        .append(height)
        .append("\" viewBox=\"0 0 ")
        .append(WIDTH)
        .append(' ')
        .append(height)
        .append("\" role=\"img\" aria-label=\"")
        .append(Html.esc(title))
        .append("\" font-family=\"system-ui,sans-serif\" font-size=\"12\"><title>")
        .append(Html.esc(title))
        .append("</title>");
  }

  private static String line(double x1, double y1, double x2, double y2) {
    return String.format(
        Locale.ROOT,
        "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#555\"/>",
        x1,
        y1,
        x2,
        y2);
  }

  private static String text(double x, double y, String anchor, String s) {
    return String.format(
        Locale.ROOT,
        "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" fill=\"#222\">%s</text>",
        x,
        y,
        anchor,
        Html.esc(s));
  }

  private static String shorten(String s, int n) {
    return s.length() <= n ? s : s.substring(0, n - 1) + "…";
  }
}

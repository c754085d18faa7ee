package dev.ddlab.grader.report;

import dev.ddlab.grader.run.CheckResult;
import dev.ddlab.grader.run.GradeResult;
import dev.ddlab.grader.run.StepResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The class view of a batch, per lab: the scores as a table of students × steps (coloured, with who
 * was flagged and why), a chart of the score distribution and of the steps most often failed, the
 * checks most students failed with the reason they saw; then the files that could not be graded.
 * Every text is Vietnamese; lab texts are rendered from Markdown.
 */
public final class ClassSummary {
  private ClassSummary() {}

  /** Per lab, per check ("Bước N — label"): how many graded submissions failed it. */
  public static Map<String, Map<String, Integer>> failures(List<GradeResult> results) {
    Map<String, Map<String, Integer>> out = new TreeMap<>();
    for (GradeResult r : results) {
      if (!r.graded()) {
        continue;
      }
      Map<String, Integer> lab = out.computeIfAbsent(r.lab(), k -> new LinkedHashMap<>());
      for (StepResult s : r.steps()) {
        for (CheckResult c : s.checks()) {
          lab.merge(checkKey(s, c), c.passed() ? 0 : 1, Integer::sum);
        }
      }
    }
    return out;
  }

  private static String checkKey(StepResult s, CheckResult c) {
    return "Bước " + s.number() + " — " + c.label();
  }

  public static String html(List<GradeResult> results) {
    StringBuilder b = new StringBuilder("<h1>Tổng kết lớp</h1>\n");
    long graded = results.stream().filter(GradeResult::graded).count();
    b.append("<p>")
        .append(results.size())
        .append(" tệp nộp, ")
        .append(graded)
        .append(" được chấm, ")
        .append(results.size() - graded)
        .append(" lỗi, ")
        .append(results.stream().filter(GradeResult::flagged).count())
        .append(" bị đánh dấu cần xem lại.</p>\n");
    Map<String, List<GradeResult>> byLab = new TreeMap<>();
    for (GradeResult r : results) {
      if (r.graded()) {
        byLab.computeIfAbsent(r.lab(), k -> new ArrayList<>()).add(r);
      }
    }
    for (List<GradeResult> rs : byLab.values()) {
      lab(b, rs);
    }
    List<GradeResult> errors = results.stream().filter(r -> !r.graded()).toList();
    if (!errors.isEmpty()) {
      b.append("<h2>Tệp không chấm được</h2>\n<table>\n<tr><th>Tệp</th><th>Lý do</th></tr>\n");
      for (GradeResult r : errors) {
        b.append("<tr><td><code>")
            .append(Html.esc(r.source()))
            .append("</code></td><td>")
            .append(Markdown.inline(ReportTexts.error(r.error())))
            .append("</td></tr>\n");
      }
      b.append("</table>\n");
    }
    return Html.page("Tổng kết lớp", b.toString());
  }

  private static void lab(StringBuilder b, List<GradeResult> rs) {
    rs = new ArrayList<>(rs);
    rs.sort(Comparator.comparing(GradeResult::student));
    GradeResult first = rs.get(0);
    List<StepResult> steps = first.steps();
    int max = first.maxScore();
    double mean = rs.stream().mapToInt(GradeResult::score).average().orElse(0);
    String title = first.labTitle() == null ? first.lab() : first.labTitle();
    b.append("<section class=\"lab\">\n<h2>")
        .append(Html.esc(title))
        .append(" <small><code>")
        .append(Html.esc(first.lab()))
        .append("</code></small></h2>\n<p>")
        .append(rs.size())
        .append(" bài, điểm trung bình ")
        .append(String.format(Locale.ROOT, "%.1f", mean).replace('.', ','))
        .append(" / ")
        .append(max)
        .append(", ")
        .append(rs.stream().filter(r -> r.score() == max).count())
        .append(" bài đạt điểm tối đa.</p>\n");

    // charts: the score distribution and the steps most often failed
    b.append("<div class=\"charts\">\n<figure>")
        .append(Charts.distribution(rs.stream().map(GradeResult::score).toList(), max))
        .append("<figcaption>Phân bố điểm</figcaption></figure>\n");
    List<Integer> order = new ArrayList<>();
    int[] failedStep = new int[steps.size()];
    for (GradeResult r : rs) {
      for (int i = 0; i < r.steps().size() && i < failedStep.length; i++) {
        failedStep[i] += r.steps().get(i).passed() ? 0 : 1;
      }
    }
    for (int i = 0; i < steps.size(); i++) {
      order.add(i);
    }
    order.sort(Comparator.comparingInt((Integer i) -> -failedStep[i]).thenComparing(i -> i));
    b.append("<figure>")
        .append(
            Charts.failedSteps(
                order.stream()
                    .map(i -> "Bước " + steps.get(i).number() + ": " + steps.get(i).title())
                    .toList(),
                order.stream().map(i -> failedStep[i]).toList(),
                rs.size()))
        .append("<figcaption>Các bước chưa đạt nhiều nhất</figcaption></figure>\n</div>\n");

    // the table: one row per student, one column per step
    b.append("<table class=\"grid\">\n<thead><tr><th>Học viên</th>");
    for (StepResult s : steps) {
      b.append("<th title=\"")
          .append(Html.esc(s.title()))
          .append("\">Bước ")
          .append(s.number())
          .append("<br><span class=\"step\">")
          .append(Html.esc(s.title()))
          .append("</span></th>");
    }
    b.append("<th>Tổng</th><th>Cần xem lại</th></tr></thead>\n<tbody>\n");
    for (GradeResult r : rs) {
      b.append("<tr><th scope=\"row\">").append(Html.esc(r.student())).append("</th>");
      for (StepResult s : r.steps()) {
        b.append("<td class=\"")
            .append(cellClass(s.score(), s.maxScore()))
            .append("\">")
            .append(s.passed() ? "✔ " : "✘ ")
            .append(s.score())
            .append("/")
            .append(s.maxScore())
            .append("</td>");
      }
      b.append("<td class=\"")
          .append(cellClass(r.score(), r.maxScore()))
          .append(" total\">")
          .append(r.score())
          .append("/")
          .append(r.maxScore())
          .append("</td><td class=\"flag\">")
          .append(r.flagged() ? "⚑ " + Markdown.inline(ReportTexts.flagReasons(r)) : "")
          .append("</td></tr>\n");
    }
    b.append(
        "</tbody>\n</table>\n<p class=\"legend\"><span class=\"full\">đạt trọn điểm</span>"
            + " <span class=\"part\">đạt một phần</span> <span class=\"none\">chưa đạt</span></p>\n");

    // the checks most students failed, with the reason they saw
    Map<String, Integer> failed = new LinkedHashMap<>();
    Map<String, String> reason = new LinkedHashMap<>();
    for (GradeResult r : rs) {
      for (StepResult s : r.steps()) {
        for (CheckResult c : s.checks()) {
          String key = checkKey(s, c);
          failed.merge(key, c.passed() ? 0 : 1, Integer::sum);
          if (!c.passed()) {
            reason.putIfAbsent(key, c.reason());
          }
        }
      }
    }
    List<Map.Entry<String, Integer>> rows =
        new ArrayList<>(failed.entrySet().stream().filter(e -> e.getValue() > 0).toList());
    if (rows.isEmpty()) {
      b.append("<p>Mọi học viên đều đạt mọi kiểm tra.</p>\n");
    } else {
      rows.sort(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder()));
      b.append(
          "<h3>Kiểm tra chưa đạt</h3>\n<table>\n<tr><th>Kiểm tra</th><th>Số học viên chưa"
              + " đạt</th><th>Lý do học viên thấy</th></tr>\n");
      for (Map.Entry<String, Integer> row : rows) {
        b.append("<tr><td>")
            .append(Markdown.inline(row.getKey()))
            .append("</td><td class=\"num\">")
            .append(row.getValue())
            .append(" / ")
            .append(rs.size())
            .append("</td><td>")
            .append(Markdown.inline(reason.get(row.getKey())))
            .append("</td></tr>\n");
      }
      b.append("</table>\n");
    }
    b.append("</section>\n");
  }

  private static String cellClass(int score, int max) {
    return score >= max ? "full" : score > 0 ? "part" : "none";
  }
}

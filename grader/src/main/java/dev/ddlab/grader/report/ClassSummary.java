package dev.ddlab.grader.report;

import dev.ddlab.grader.run.CheckResult;
import dev.ddlab.grader.run.GradeResult;
import dev.ddlab.grader.run.StepResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The class view of a batch: per lab, how many submissions, the mean score, and which checks most
 * students failed (the reasons they saw), then the files that could not be graded and the
 * submissions flagged for review.
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
          lab.merge("Bước " + s.number() + " — " + c.reason(), c.passed() ? 0 : 1, Integer::sum);
        }
      }
    }
    return out;
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
    Map<String, Map<String, Integer>> failures = failures(results);
    for (Map.Entry<String, Map<String, Integer>> lab : failures.entrySet()) {
      List<GradeResult> rs =
          results.stream().filter(r -> r.graded() && r.lab().equals(lab.getKey())).toList();
      double mean = rs.stream().mapToInt(GradeResult::score).average().orElse(0);
      int max = rs.isEmpty() ? 0 : rs.get(0).maxScore();
      b.append("<h2>")
          .append(Html.esc(lab.getKey()))
          .append("</h2>\n<p>")
          .append(rs.size())
          .append(" bài, điểm trung bình ")
          .append(String.format(java.util.Locale.ROOT, "%.1f", mean))
          .append(" / ")
          .append(max)
          .append("</p>\n<table>\n<tr><th>Kiểm tra</th><th>Số học viên chưa đạt</th></tr>\n");
      List<Map.Entry<String, Integer>> rows = new ArrayList<>(lab.getValue().entrySet());
      rows.sort(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder()));
      for (Map.Entry<String, Integer> row : rows) {
        b.append("<tr><td>")
            .append(Html.esc(row.getKey()))
            .append("</td><td>")
            .append(row.getValue())
            .append("</td></tr>\n");
      }
      b.append("</table>\n");
    }
    List<GradeResult> errors = results.stream().filter(r -> !r.graded()).toList();
    if (!errors.isEmpty()) {
      b.append("<h2>Tệp không chấm được</h2>\n<ul>\n");
      for (GradeResult r : errors) {
        b.append("<li><code>")
            .append(Html.esc(r.source()))
            .append("</code>: ")
            .append(Html.esc(r.error()))
            .append("</li>\n");
      }
      b.append("</ul>\n");
    }
    List<GradeResult> flagged = results.stream().filter(GradeResult::flagged).toList();
    if (!flagged.isEmpty()) {
      b.append(
          "<h2>Bài nộp cần xem lại (kết quả ghi lại khác khi chạy lại, hoặc chữ ký thiếu, sai hay"
              + " không phải của người nộp)</h2>\n<ul>\n");
      for (GradeResult r : flagged) {
        b.append("<li>")
            .append(Html.esc(r.student()))
            .append(" — ")
            .append(Html.esc(r.lab()))
            .append(" (")
            .append(Html.esc(r.flagReasons()))
            .append(")</li>\n");
      }
      b.append("</ul>\n");
    }
    return Html.page("Tổng kết lớp", b.toString());
  }
}

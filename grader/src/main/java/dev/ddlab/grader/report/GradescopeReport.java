package dev.ddlab.grader.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.ddlab.grader.run.CheckResult;
import dev.ddlab.grader.run.GradeResult;
import dev.ddlab.grader.run.StepResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Gradescope autograder {@code results.json}: top-level score, execution_time, output,
 * output_format, visibility, stdout_visibility and tests; one test per check with score, max_score,
 * status, name, number, output, output_format, tags and visibility. A batch writes one file per
 * submission under {@code gradescope/}; a single submission also writes {@code results.json} at the
 * top, where Gradescope's harness looks for it.
 */
public final class GradescopeReport {
  private GradescopeReport() {}

  public static void write(List<GradeResult> results, Path out) throws IOException {
    Path dir = out.resolve("gradescope");
    Files.createDirectories(dir);
    for (GradeResult r : results) {
      Files.writeString(
          dir.resolve(Reports.stem(r) + ".results.json"), render(r), StandardCharsets.UTF_8);
    }
    if (results.size() == 1) {
      Files.writeString(
          out.resolve("results.json"), render(results.get(0)), StandardCharsets.UTF_8);
    }
  }

  public static String render(GradeResult r) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("score", r.score());
    doc.put("execution_time", Math.max(1, (r.elapsedMillis() + 999) / 1000));
    doc.put("output", overall(r));
    doc.put("output_format", "text");
    doc.put("visibility", "visible");
    doc.put("stdout_visibility", "hidden");
    List<Map<String, Object>> tests = new ArrayList<>();
    for (StepResult s : r.steps()) {
      for (int i = 0; i < s.checks().size(); i++) {
        CheckResult c = s.checks().get(i);
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("score", c.points());
        t.put("max_score", c.maxPoints());
        t.put("status", c.passed() ? "passed" : "failed");
        t.put("name", "Bước " + s.number() + ": " + s.title() + " — " + c.label());
        t.put("number", s.number() + "." + (i + 1));
        t.put("output", c.passed() ? "Đạt." : c.reason());
        t.put("output_format", "text");
        t.put("tags", List.of(r.lab(), "step-" + s.number()));
        t.put("visibility", "visible");
        tests.add(t);
      }
    }
    doc.put("tests", tests);
    try {
      return JsonReport.JSON.writeValueAsString(doc);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String overall(GradeResult r) {
    if (!r.graded()) {
      return "Không chấm được bài nộp " + r.source() + ": " + r.error();
    }
    String s = "Bài " + r.lab() + ": " + r.score() + "/" + r.maxScore() + " điểm.";
    if (!r.divergences().isEmpty()) {
      s +=
          " Cảnh báo: kết quả ghi trong bài nộp khác với khi chạy lại ở "
              + r.divergences().size()
              + " lệnh; giảng viên sẽ xem lại.";
    }
    if (r.authorship().suspect()) {
      s += " Cảnh báo: " + r.authorship().warning() + " Giảng viên sẽ xem lại.";
    }
    return s;
  }
}

package dev.ddlab.grader.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.ddlab.grader.run.CheckResult;
import dev.ddlab.grader.run.GradeResult;
import dev.ddlab.grader.run.StepResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * grades.csv for an LMS: a header, then one row per submission file with student, lab, score,
 * maximum, whether the replay contradicted the recorded outputs, the error if any, and one column
 * per check ("1", "0", or empty when the check belongs to another lab).
 */
public final class CsvReport {
  static final List<String> FIXED =
      List.of(
          "student",
          "lab",
          "score",
          "max_score",
          "percent",
          "flagged",
          "flag_reason",
          "error",
          "file");

  private CsvReport() {}

  public static String render(List<GradeResult> results) {
    Set<String> checkColumns = new LinkedHashSet<>();
    for (GradeResult r : results) {
      checkColumns.addAll(checkValues(r).keySet());
    }
    CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true);
    FIXED.forEach(schema::addColumn);
    checkColumns.forEach(schema::addColumn);
    List<Map<String, String>> rows = new ArrayList<>();
    for (GradeResult r : results) {
      Map<String, String> row = new LinkedHashMap<>();
      row.put("student", nz(r.student()));
      row.put("lab", nz(r.lab()));
      row.put("score", r.graded() ? String.valueOf(r.score()) : "");
      row.put("max_score", r.graded() ? String.valueOf(r.maxScore()) : "");
      row.put(
          "percent",
          r.graded() && r.maxScore() > 0
              ? String.valueOf(Math.round(100.0 * r.score() / r.maxScore()))
              : "");
      row.put("flagged", r.flagged() ? "yes" : "no");
      row.put("flag_reason", r.flagReasons());
      row.put("error", nz(r.error()));
      row.put("file", nz(r.source()));
      row.putAll(checkValues(r));
      rows.add(row);
    }
    try {
      return new CsvMapper().writer(schema.build()).writeValueAsString(rows);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Column "lab/s2.c1 label" → "1" or "0". */
  private static Map<String, String> checkValues(GradeResult r) {
    Map<String, String> out = new LinkedHashMap<>();
    for (StepResult s : r.steps()) {
      for (int i = 0; i < s.checks().size(); i++) {
        CheckResult c = s.checks().get(i);
        out.put(
            r.lab() + "/s" + s.number() + ".c" + (i + 1) + " " + c.label(), c.passed() ? "1" : "0");
      }
    }
    return out;
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}

package dev.ddlab.grader.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.ddlab.grader.run.GradeResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.maven.plugin.surefire.log.api.NullConsoleLogger;
import org.apache.maven.plugins.surefire.report.ReportTestCase;
import org.apache.maven.plugins.surefire.report.ReportTestSuite;
import org.apache.maven.plugins.surefire.report.TestSuiteXmlParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportsTest {
  @TempDir Path out;

  final List<GradeResult> batch =
      List.of(Samples.good("sv01"), Samples.partial("sv02"), Samples.broken("sv03.json"));

  @Test
  void gradescope_results_have_exactly_the_documented_fields() throws Exception {
    Reports.write(List.of(Samples.partial("sv02")), EnumSet.of(ReportFormat.GRADESCOPE), out);
    JsonNode doc = new ObjectMapper().readTree(out.resolve("results.json").toFile());
    Set<String> topAllowed =
        Set.of(
            "score",
            "execution_time",
            "output",
            "output_format",
            "visibility",
            "stdout_visibility",
            "extra_data",
            "tests",
            "leaderboard");
    Set<String> testAllowed =
        Set.of(
            "score",
            "max_score",
            "status",
            "name",
            "number",
            "output",
            "output_format",
            "tags",
            "visibility",
            "extra_data");
    doc.fieldNames().forEachRemaining(f -> assertTrue(topAllowed.contains(f), f));
    for (String required : List.of("score", "execution_time", "output", "visibility", "tests")) {
      assertTrue(doc.has(required), required);
    }
    assertEquals(1, doc.get("score").asInt());
    assertEquals(3, doc.get("tests").size());
    for (JsonNode t : doc.get("tests")) {
      t.fieldNames().forEachRemaining(f -> assertTrue(testAllowed.contains(f), f));
      for (String required :
          List.of("score", "max_score", "status", "name", "output", "tags", "visibility")) {
        assertTrue(t.has(required), required);
      }
      assertTrue(Set.of("passed", "failed").contains(t.get("status").asText()));
      assertTrue(
          Set.of("visible", "hidden", "after_due_date", "after_published")
              .contains(t.get("visibility").asText()));
    }
    assertEquals("failed", doc.get("tests").get(1).get("status").asText());
    assertEquals("Container `brutal` chưa chạy.", doc.get("tests").get(1).get("output").asText());
    assertTrue(doc.get("output").asText().contains("Cảnh báo"));
  }

  @Test
  void junit_xml_is_read_by_surefires_own_parser() throws Exception {
    Reports.write(batch, EnumSet.of(ReportFormat.JUNIT), out);
    TestSuiteXmlParser parser = new TestSuiteXmlParser(new NullConsoleLogger());
    List<ReportTestSuite> suites = new ArrayList<>();
    try (var files = Files.list(out.resolve("junit"))) {
      for (Path p : files.sorted().toList()) {
        suites.addAll(parser.parse(p.toString()));
      }
    }
    assertTrue(parser.isValid());
    // Surefire groups test cases by class name: one class per step of each submission
    assertEquals(5, suites.size());
    List<ReportTestCase> sv02 =
        suites.stream()
            .filter(s -> s.getFullClassName().startsWith("sv02.p2-containers-stop.step"))
            .flatMap(s -> s.getTestCases().stream())
            .toList();
    assertEquals(3, sv02.size());
    assertEquals(2, sv02.stream().filter(ReportTestCase::hasFailure).count());
    ReportTestCase failed =
        sv02.stream().filter(ReportTestCase::hasFailure).findFirst().orElseThrow();
    assertEquals("Container `brutal` chưa chạy. (not there)", failed.getFailureMessage());
    ReportTestSuite error =
        suites.stream().filter(s -> s.getNumberOfErrors() == 1).findFirst().orElseThrow();
    assertTrue(error.getTestCases().get(0).hasError());
  }

  @Test
  void csv_has_a_header_and_one_row_per_submission_with_a_column_per_check() throws Exception {
    Reports.write(batch, EnumSet.of(ReportFormat.CSV), out);
    CsvMapper csv = new CsvMapper();
    List<Map<String, String>> rows = new ArrayList<>();
    try (MappingIterator<Map<String, String>> it =
        csv.readerForMapOf(String.class)
            .with(CsvSchema.emptySchema().withHeader())
            .readValues(out.resolve("grades.csv").toFile())) {
      it.forEachRemaining(rows::add);
    }
    assertEquals(3, rows.size());
    List<String> header = List.copyOf(rows.get(0).keySet());
    assertEquals(CsvReport.FIXED, header.subList(0, CsvReport.FIXED.size()));
    assertEquals(
        "p2-containers-stop/s1.c2 container brutal", header.get(CsvReport.FIXED.size() + 1));
    assertEquals("3", rows.get(0).get("score"));
    assertEquals("1", rows.get(1).get("score"));
    assertEquals("yes", rows.get(1).get("flagged"));
    assertEquals("0", rows.get(1).get("p2-containers-stop/s1.c2 container brutal"));
    assertTrue(rows.get(2).get("error").startsWith("truncated JSON"));
  }

  @Test
  void html_feedback_is_vietnamese_and_escapes_what_it_shows() throws Exception {
    Reports.write(batch, EnumSet.of(ReportFormat.HTML, ReportFormat.JSON), out);
    String page = Files.readString(out.resolve("feedback/sv02__p2-containers-stop.html"));
    assertTrue(page.contains("<html lang=\"vi\">"));
    assertTrue(page.contains("Điểm: <b>1 / 3</b>"));
    assertTrue(page.contains("&lt;ngay&gt;"), "reasons are escaped");
    assertTrue(page.contains("Container <code>brutal</code> chưa chạy."), "Markdown rendered");
    assertTrue(page.contains("khác với kết quả khi chạy lại"));
    String summary = Files.readString(out.resolve("summary.html"));
    assertTrue(summary.contains("3 tệp nộp, 2 được chấm, 1 lỗi, 1 bị đánh dấu"));
    Iterator<JsonNode> results =
        new ObjectMapper().readTree(out.resolve("grades.json").toFile()).get("results").elements();
    assertEquals("sv01", results.next().get("student").asText());
  }

  @Test
  void the_class_summary_counts_who_failed_each_check() {
    Map<String, Map<String, Integer>> f =
        ClassSummary.failures(
            List.of(Samples.good("a"), Samples.partial("b"), Samples.partial("c")));
    assertEquals(2, f.get("p2-containers-stop").get("Bước 1 — container brutal"));
    assertEquals(0, f.get("p2-containers-stop").get("Bước 1 — container gentle"));
    assertEquals(3, f.get("p2-containers-stop").size(), "one row per check, none blank");
  }
}

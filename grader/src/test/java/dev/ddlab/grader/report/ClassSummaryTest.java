package dev.ddlab.grader.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ddlab.grader.check.CheckEvaluator;
import dev.ddlab.grader.check.DockerGrammar;
import dev.ddlab.grader.cli.Sessions;
import dev.ddlab.grader.lab.Lab;
import dev.ddlab.grader.lab.LabCatalog;
import dev.ddlab.grader.run.Divergence;
import dev.ddlab.grader.run.GradeBench;
import dev.ddlab.grader.run.GradeResult;
import dev.ddlab.grader.run.Grader;
import dev.ddlab.grader.submission.Submission;
import dev.ddlab.session.TranscriptEntry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The class summary and the feedback pages of a class of 30 generated submissions (each skips one
 * step of the reference solution, two have an edited output), written to target/class-summary/ to
 * be looked at.
 */
class ClassSummaryTest {
  static final Path OUT = Path.of("target", "class-summary");
  static List<GradeResult> results;
  static String summary;

  @BeforeAll
  static void grade_a_class() throws Exception {
    Lab lab = LabCatalog.builtIn().find(GradeBench.LAB).orElseThrow();
    List<Submission> subs = GradeBench.generate(lab, 30, Sessions.simulated());
    Grader grader =
        new Grader(
            LabCatalog.builtIn(),
            Sessions.simulated(),
            new CheckEvaluator(new DockerGrammar(), null));
    results = new ArrayList<>();
    for (int i = 0; i < subs.size(); i++) {
      Submission s = subs.get(i);
      if (i == 3 || i == 17) {
        List<TranscriptEntry> t = new ArrayList<>(s.transcript());
        TranscriptEntry e = t.get(1);
        t.set(
            1,
            new TranscriptEntry(
                e.node(),
                e.prompt(),
                e.command(),
                e.output().replaceFirst("\\n", " (edited)\n") + "an extra line\n",
                e.exitCode(),
                e.virtualTimeNanos()));
        s =
            new Submission(
                s.format(), s.lab(), s.student(), s.seed(), s.template(), s.ddlabVersion(), t);
      }
      results.add(grader.grade(s.student() + ".json", s));
    }
    results.add(GradeResult.error("broken.json", null, null, "malformed JSON at line 3: x"));
    Reports.write(results, EnumSet.of(ReportFormat.HTML), OUT);
    summary = Files.readString(OUT.resolve("summary.html"));
  }

  @Test
  void the_summary_has_one_table_per_lab_with_a_row_per_student_and_a_column_per_step() {
    Lab lab = LabCatalog.builtIn().find(GradeBench.LAB).orElseThrow();
    assertEquals(1, count(summary, "<table class=\"grid\">"));
    for (int i = 0; i < 30; i++) {
      assertTrue(summary.contains(String.format("<th scope=\"row\">sv%04d</th>", i)), "row " + i);
    }
    int steps = lab.steps().size();
    assertEquals(steps, count(summary, "<br><span class=\"step\">"));
    assertEquals(
        30 * (steps + 1),
        count(summary, "<td class=\"full")
            + count(summary, "<td class=\"part")
            + count(summary, "<td class=\"none"));
    assertTrue(summary.contains("<td class=\"none\">✘ 0/"), "a skipped step is red");
    assertTrue(summary.contains("<td class=\"full\">✔ "), "a passed step is green");
  }

  @Test
  void the_summary_charts_the_score_distribution_and_the_steps_most_often_failed() {
    assertEquals(2, count(summary, "<svg class=\"chart\""));
    assertTrue(summary.contains("aria-label=\"Phân bố điểm: số học viên theo điểm\""));
    assertTrue(summary.contains("aria-label=\"Các bước nhiều học viên chưa đạt nhất\""));
    assertFalse(summary.contains("<script"), "no script, no CDN");
    assertFalse(summary.contains("http://") && !summary.contains("http://www.w3.org/2000/svg"));
    assertFalse(summary.contains("https://"), "nothing fetched from elsewhere");
  }

  @Test
  void flagged_students_are_marked_in_their_row_with_the_reason_in_vietnamese() {
    Matcher m =
        Pattern.compile("<th scope=\"row\">sv0003</th>.*?</tr>", Pattern.DOTALL).matcher(summary);
    assertTrue(m.find());
    assertTrue(
        m.group().contains("⚑ 1 lệnh có kết quả ghi trong bài nộp khác với khi chạy lại."),
        m.group());
    assertTrue(summary.contains("JSON sai cú pháp ở dòng 3."), "errors are Vietnamese");
  }

  @Test
  void no_english_or_raw_markdown_reaches_the_summary() {
    String text = summary.replaceAll("<[^>]+>", " ");
    for (String english :
        List.of("recorded output", "differ", "malformed", "replay", "submission", "failed")) {
      assertFalse(text.contains(english), english);
    }
    assertFalse(text.contains("`"), "backticks are rendered as code");
    assertFalse(summary.contains("Bước 1 — </td>"), "no blank check rows");
  }

  @Test
  void the_feedback_page_shows_recorded_and_replayed_output_side_by_side_with_the_difference() {
    GradeResult r = results.get(3);
    assertEquals(1, r.divergences().size());
    Divergence d = r.divergences().get(0);
    String page = HtmlFeedback.render(r);
    assertTrue(page.contains("<table class=\"diff\">"), page);
    assertTrue(page.contains("<th>Ghi trong bài nộp (mã thoát " + d.recordedExitCode()), page);
    assertTrue(page.contains("<th>Khi chạy lại (mã thoát " + d.replayedExitCode()), page);
    assertTrue(page.contains("<del>"), "the recorded words that differ are marked");
    assertTrue(page.contains("<td class=\"gone\"><del>an extra line</del></td>"), page);
  }

  private static int count(String s, String what) {
    int n = 0;
    for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) {
      n++;
    }
    return n;
  }
}

package dev.ddlab.grader.report;

import com.github.difflib.text.DiffRow;
import com.github.difflib.text.DiffRowGenerator;
import dev.ddlab.grader.run.CheckResult;
import dev.ddlab.grader.run.Divergence;
import dev.ddlab.grader.run.GradeResult;
import dev.ddlab.grader.run.StepResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** One Vietnamese feedback page per submission: score, each step and why a check failed. */
public final class HtmlFeedback {
  private HtmlFeedback() {}

  public static void write(List<GradeResult> results, Path dir) throws IOException {
    Files.createDirectories(dir);
    for (GradeResult r : results) {
      Files.writeString(dir.resolve(Reports.stem(r) + ".html"), render(r), StandardCharsets.UTF_8);
    }
  }

  public static String render(GradeResult r) {
    StringBuilder b = new StringBuilder();
    if (!r.graded()) {
      b.append("<h1>Không chấm được bài nộp</h1>\n<p>Tệp <code>")
          .append(Html.esc(r.source()))
          .append("</code>: ")
          .append(Markdown.inline(ReportTexts.error(r.error())))
          .append(
              "</p>\n<p>Hãy nộp lại tệp do ddlab tạo ra (nút “Nộp bài” hoặc <code>ddlab learn</code>).</p>\n");
      return Html.page("Không chấm được bài nộp", b.toString());
    }
    String title = r.labTitle() == null ? r.lab() : r.labTitle();
    b.append("<h1>").append(Html.esc(title)).append("</h1>\n");
    b.append("<p>Học viên: <b>")
        .append(Html.esc(r.student()))
        .append("</b> — bài <code>")
        .append(Html.esc(r.lab()))
        .append("</code></p>\n");
    b.append("<p>Điểm: <b>")
        .append(r.score())
        .append(" / ")
        .append(r.maxScore())
        .append("</b></p>\n");
    if (!r.divergences().isEmpty()) {
      b.append(
              "<p class=\"warn\">Kết quả ghi trong bài nộp khác với kết quả khi chạy lại các lệnh của bạn ở ")
          .append(r.divergences().size())
          .append(" lệnh. Điểm chỉ tính theo lần chạy lại; giảng viên sẽ xem lại bài này.</p>\n");
    }
    if (r.authorship().suspect()) {
      b.append("<p class=\"warn\">")
          .append(Markdown.inline(r.authorship().warning()))
          .append(" Giảng viên sẽ xem lại bài này.</p>\n");
    }
    for (StepResult s : r.steps()) {
      b.append("<h2 class=\"")
          .append(s.passed() ? "ok" : "ko")
          .append("\">")
          .append(s.passed() ? "✔ " : "✘ ")
          .append("Bước ")
          .append(s.number())
          .append(": ")
          .append(Html.esc(s.title()))
          .append(" (")
          .append(s.score())
          .append("/")
          .append(s.maxScore())
          .append(")</h2>\n<ul>\n");
      for (CheckResult c : s.checks()) {
        b.append("<li class=\"").append(c.passed() ? "ok" : "ko").append("\">");
        b.append(Markdown.inline(c.label()))
            .append(": ")
            .append(c.passed() ? "đạt" : Markdown.inline(c.reason()));
        b.append("</li>\n");
      }
      b.append("</ul>\n");
    }
    if (!r.divergences().isEmpty()) {
      b.append("<h2>Các lệnh có kết quả khác khi chạy lại</h2>\n");
      for (Divergence d : r.divergences()) {
        divergence(b, d);
      }
    }
    return Html.page(title + " — " + r.student(), b.toString());
  }

  private static final DiffRowGenerator DIFF =
      DiffRowGenerator.create()
          .showInlineDiffs(true)
          .inlineDiffByWord(true)
          .oldTag(open -> open ? "<del>" : "</del>")
          .newTag(open -> open ? "<ins>" : "</ins>")
          .build();

  /**
   * One divergent line: what the submission recorded beside what the replay printed, line by line,
   * the words that differ marked ({@code del} recorded, {@code ins} replayed).
   */
  private static void divergence(StringBuilder b, Divergence d) {
    b.append("<h3>Lệnh thứ ")
        .append(d.entry())
        .append(": <code>")
        .append(Html.esc(d.command()))
        .append("</code></h3>\n<table class=\"diff\">\n<tr><th>Ghi trong bài nộp (mã thoát ")
        .append(d.recordedExitCode())
        .append(")</th><th>Khi chạy lại (mã thoát ")
        .append(d.replayedExitCode())
        .append(")</th></tr>\n");
    List<DiffRow> rows =
        DIFF.generateDiffRows(lines(d.recordedOutput()), lines(d.replayedOutput()));
    for (DiffRow row : rows) {
      String left = "";
      String right = "";
      switch (row.getTag()) {
        case CHANGE -> {
          left = " class=\"changed\"";
          right = left;
        }
        case DELETE -> left = " class=\"gone\"";
        case INSERT -> right = " class=\"added\"";
        case EQUAL -> {}
      }
      b.append("<tr><td")
          .append(left)
          .append(">")
          .append(row.getOldLine())
          .append("</td><td")
          .append(right)
          .append(">")
          .append(row.getNewLine())
          .append("</td></tr>\n");
    }
    if (d.recordedExitCode() != d.replayedExitCode()) {
      b.append("<tr><td class=\"changed\">mã thoát <del>")
          .append(d.recordedExitCode())
          .append("</del></td><td class=\"changed\">mã thoát <ins>")
          .append(d.replayedExitCode())
          .append("</ins></td></tr>\n");
    }
    b.append("</table>\n");
  }

  private static List<String> lines(String output) {
    if (output == null || output.isEmpty()) {
      return List.of();
    }
    String[] lines = output.split("\n", -1);
    int n = output.endsWith("\n") ? lines.length - 1 : lines.length;
    return List.of(lines).subList(0, n);
  }
}

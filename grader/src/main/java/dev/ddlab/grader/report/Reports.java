package dev.ddlab.grader.report;

import dev.ddlab.grader.run.GradeResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** Writes the chosen report formats for a batch into one output directory. */
public final class Reports {
  private Reports() {}

  public static void write(List<GradeResult> results, Set<ReportFormat> formats, Path out)
      throws IOException {
    Files.createDirectories(out);
    if (formats.contains(ReportFormat.CSV)) {
      Files.writeString(
          out.resolve("grades.csv"), CsvReport.render(results), StandardCharsets.UTF_8);
    }
    if (formats.contains(ReportFormat.JSON)) {
      Files.writeString(
          out.resolve("grades.json"), JsonReport.render(results), StandardCharsets.UTF_8);
    }
    if (formats.contains(ReportFormat.GRADESCOPE)) {
      GradescopeReport.write(results, out);
    }
    if (formats.contains(ReportFormat.JUNIT)) {
      JUnitReport.write(results, out.resolve("junit"));
    }
    if (formats.contains(ReportFormat.HTML)) {
      HtmlFeedback.write(results, out.resolve("feedback"));
      Files.writeString(
          out.resolve("summary.html"), ClassSummary.html(results), StandardCharsets.UTF_8);
    }
  }

  /** A file-name-safe stem for one result: student__lab (or the source file for errors). */
  static String stem(GradeResult r) {
    String s =
        r.student() != null && r.lab() != null
            ? r.student() + "__" + r.lab()
            : "error__" + r.source();
    return s.replaceAll("[^\\p{L}\\p{N}._@+-]", "_");
  }
}

package dev.ddlab.grader.report;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** The report formats of {@code ddlab grade --format}. */
public enum ReportFormat {
  /** grades.csv: one row per student and lab, a column per check. */
  CSV,
  /** grades.json: every result in full. */
  JSON,
  /** gradescope/…/results.json in Gradescope's autograder format. */
  GRADESCOPE,
  /** junit/TEST-….xml, one test suite per submission, one test case per check. */
  JUNIT,
  /** feedback/… per-student pages in Vietnamese, and summary.html for the class. */
  HTML;

  public static Set<ReportFormat> parse(String list) {
    Set<ReportFormat> out = EnumSet.noneOf(ReportFormat.class);
    for (String part : list.split(",")) {
      String p = part.strip();
      if (!p.isEmpty()) {
        try {
          out.add(valueOf(p.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(
              "unknown report format '" + p + "' (csv, json, gradescope, junit, html)");
        }
      }
    }
    return out;
  }
}

package dev.ddlab.grader.cli;

import dev.ddlab.grader.check.CheckEvaluator;
import dev.ddlab.grader.check.DockerGrammar;
import dev.ddlab.grader.gradebook.Gradebook;
import dev.ddlab.grader.jshell.JShellChecks;
import dev.ddlab.grader.lab.LabCatalog;
import dev.ddlab.grader.report.ReportFormat;
import dev.ddlab.grader.report.Reports;
import dev.ddlab.grader.run.BatchGrader;
import dev.ddlab.grader.run.GradeResult;
import dev.ddlab.grader.run.Grader;
import dev.ddlab.grader.run.SessionFactory;
import dev.ddlab.grader.submission.KeyRing;
import dev.ddlab.grader.submission.Signing;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ddlab grade}: replays every submission of a folder in a fresh simulator, writes the
 * reports and records the grades in the gradebook. Exit status 0 when every file was graded, 1 when
 * some could not be (their errors are in the reports), 2 for bad options.
 */
@Command(
    name = "grade",
    description =
        "Grade a folder of lab submissions by replaying them; write reports and a gradebook.",
    mixinStandardHelpOptions = true)
public final class GradeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--submissions",
      required = true,
      paramLabel = "DIR",
      description = "Folder of submission files (*.json).")
  Path submissions;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "DIR",
      description = "Folder for the reports.")
  Path out;

  @Option(names = "--lab", paramLabel = "ID", description = "Grade only submissions of this lab.")
  String lab;

  @Option(
      names = "--format",
      paramLabel = "LIST",
      description = "Report formats: csv,json,gradescope,junit,html (default: ${DEFAULT-VALUE}).")
  String format = "csv,json,gradescope,junit,html";

  @Option(
      names = "--gradebook",
      paramLabel = "FILE",
      description = "SQLite gradebook to record grades in (default: ${DEFAULT-VALUE}).")
  Path gradebook = Path.of("gradebook.db");

  @Option(names = "--no-gradebook", description = "Write reports only.")
  boolean noGradebook;

  @Option(
      names = "--trust-key",
      paramLabel = "FILE",
      description =
          "Public key (.pub) of a playground server whose signature counts for any student;"
              + " repeatable.")
  List<Path> trustKeys = new java.util.ArrayList<>();

  private final Supplier<SessionFactory> sessions;

  public GradeCommand() {
    this(Sessions::simulated);
  }

  GradeCommand(Supplier<SessionFactory> sessions) {
    this.sessions = sessions;
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter stdout = spec.commandLine().getOut();
    Set<ReportFormat> formats;
    try {
      formats = ReportFormat.parse(format);
    } catch (IllegalArgumentException e) {
      err.println("ddlab: " + e.getMessage());
      return 2;
    }
    if (!Files.isDirectory(submissions)) {
      err.println("ddlab: " + submissions + " is not a directory");
      return 2;
    }
    if (lab != null && LabCatalog.builtIn().find(lab).isEmpty()) {
      err.println("ddlab: no lab \"" + lab + "\" (see: ddlab labs list)");
      return 2;
    }
    Set<String> serverKeys = new java.util.HashSet<>();
    for (Path k : trustKeys) {
      try {
        serverKeys.add(Signing.keyId(Files.readString(k).strip()));
      } catch (java.io.IOException | IllegalArgumentException e) {
        err.println("ddlab: " + k + " is not a public key file (.pub): " + e.getMessage());
        return 2;
      }
    }
    List<GradeResult> results;
    int[] recorded = {0, 0};
    // each grade is committed to the gradebook before its line is printed: a grade on the screen
    // is a grade on disk, whenever the process is killed
    try (Gradebook g = noGradebook ? null : new Gradebook(gradebook);
        JShellChecks java = new JShellChecks()) {
      Grader grader =
          new Grader(
              LabCatalog.builtIn(), sessions.get(), new CheckEvaluator(new DockerGrammar(), java));
      KeyRing keys = new KeyRing(serverKeys, g == null ? Map.of() : g.studentKeys());
      results =
          new BatchGrader(grader, keys)
              .gradeDirectory(
                  submissions,
                  lab,
                  r -> {
                    if (g != null && r.graded()) {
                      try {
                        recorded[1] += g.record(r) ? 1 : 0;
                      } catch (SQLException e) {
                        throw new GradebookFailure(e);
                      }
                      recorded[0]++;
                    }
                    line(stdout, r);
                  });
    } catch (GradebookFailure | SQLException e) {
      SQLException cause = e instanceof GradebookFailure f ? f.getCause() : (SQLException) e;
      err.println("ddlab: cannot record in the gradebook " + gradebook + ": " + cause.getMessage());
      err.flush();
      return 1;
    }
    Reports.write(results, formats, out);
    long errors = results.stream().filter(r -> !r.graded()).count();
    stdout.printf(
        "%d file(s): %d graded, %d error(s), %d flagged; reports in %s%s%n",
        results.size(),
        results.size() - errors,
        errors,
        results.stream().filter(GradeResult::flagged).count(),
        out,
        noGradebook
            ? ""
            : "; " + recorded[0] + " recorded in " + gradebook + " (" + recorded[1] + " changed)");
    stdout.flush();
    return errors == 0 ? 0 : 1;
  }

  /** A gradebook write that failed inside the batch's callback. */
  private static final class GradebookFailure extends RuntimeException {
    GradebookFailure(SQLException cause) {
      super(cause);
    }

    @Override
    public synchronized SQLException getCause() {
      return (SQLException) super.getCause();
    }
  }

  private static void line(PrintWriter stdout, GradeResult r) {
    if (r.graded()) {
      stdout.printf(
          "%-24s %-26s %3d/%-3d%s%n",
          r.student(),
          r.lab(),
          r.score(),
          r.maxScore(),
          r.flagged() ? "  FLAGGED: " + r.flagReasons() : "");
    } else {
      stdout.printf("%-24s error: %s%n", r.source(), r.error());
    }
    stdout.flush();
  }
}

package dev.ddlab.grader.cli;

import dev.ddlab.grader.gradebook.Gradebook;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ddlab gradebook …}: export the gradebook, and the instructor's manual grading. */
@Command(
    name = "gradebook",
    description =
        "Export the class gradebook or grade by hand (manual scores, comments, extra credit).",
    mixinStandardHelpOptions = true,
    subcommands = {
      GradebookCommand.Export.class,
      GradebookCommand.Score.class,
      GradebookCommand.Comment.class,
      GradebookCommand.Extra.class
    })
public final class GradebookCommand implements Runnable {
  @Spec CommandSpec spec;

  @Option(
      names = "--gradebook",
      description = "The SQLite gradebook (default: ${DEFAULT-VALUE}).",
      scope = picocli.CommandLine.ScopeType.INHERIT)
  Path file = Path.of("gradebook.db");

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Opens the gradebook named by --gradebook; errors go to stderr. */
  abstract static class Sub implements Callable<Integer> {
    @Spec CommandSpec spec;

    @picocli.CommandLine.ParentCommand GradebookCommand parent;

    @Override
    public Integer call() throws Exception {
      if (needsExisting() && !Files.exists(parent.file)) {
        spec.commandLine()
            .getErr()
            .println(
                "ddlab: no gradebook at " + parent.file + " (run ddlab grade --gradebook first)");
        return 1;
      }
      try (Gradebook g = new Gradebook(parent.file)) {
        return run(g, spec.commandLine().getOut());
      } catch (IllegalArgumentException e) {
        spec.commandLine().getErr().println("ddlab: " + e.getMessage());
        return 1;
      }
    }

    boolean needsExisting() {
      return true;
    }

    abstract int run(Gradebook g, PrintWriter out) throws Exception;
  }

  @Command(
      name = "export",
      description =
          "Print the gradebook to stdout as CSV with a header, one row per student and lab"
              + " (for an LMS; redirect it to a file).")
  static final class Export extends Sub {
    @Option(
        names = "--csv",
        hidden = true,
        description = "CSV (the default and only format; accepted for older scripts).")
    boolean csv;

    @Override
    int run(Gradebook g, PrintWriter out) throws Exception {
      out.print(g.exportCsv());
      out.flush();
      return 0;
    }
  }

  @Command(
      name = "score",
      description = "Override one check's automatic score (\"auto\" clears it).")
  static final class Score extends Sub {
    @Parameters(index = "0", paramLabel = "STUDENT")
    String student;

    @Parameters(index = "1", paramLabel = "LAB")
    String lab;

    @Parameters(
        index = "2",
        paramLabel = "CHECK",
        description = "Check id, e.g. s2.c1 (see grades.csv).")
    String check;

    @Parameters(index = "3", paramLabel = "POINTS")
    String points;

    @Override
    int run(Gradebook g, PrintWriter out) throws Exception {
      g.setManualScore(student, lab, check, points.equals("auto") ? null : Double.valueOf(points));
      return 0;
    }
  }

  @Command(name = "comment", description = "Add the instructor's comment to one check.")
  static final class Comment extends Sub {
    @Parameters(index = "0", paramLabel = "STUDENT")
    String student;

    @Parameters(index = "1", paramLabel = "LAB")
    String lab;

    @Parameters(index = "2", paramLabel = "CHECK")
    String check;

    @Parameters(index = "3", paramLabel = "TEXT")
    String text;

    @Override
    int run(Gradebook g, PrintWriter out) throws Exception {
      g.setManualComment(student, lab, check, text);
      return 0;
    }
  }

  @Command(name = "extra", description = "Set a submission's extra credit.")
  static final class Extra extends Sub {
    @Parameters(index = "0", paramLabel = "STUDENT")
    String student;

    @Parameters(index = "1", paramLabel = "LAB")
    String lab;

    @Parameters(index = "2", paramLabel = "POINTS")
    double points;

    @Override
    int run(Gradebook g, PrintWriter out) throws Exception {
      g.setExtraCredit(student, lab, points);
      return 0;
    }
  }
}

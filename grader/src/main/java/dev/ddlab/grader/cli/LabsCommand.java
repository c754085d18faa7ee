package dev.ddlab.grader.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.ddlab.grader.lab.CheckSpec;
import dev.ddlab.grader.lab.Lab;
import dev.ddlab.grader.lab.LabCatalog;
import dev.ddlab.grader.lab.Step;
import dev.ddlab.grader.run.SessionFactory;
import dev.ddlab.grader.run.Solutions;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ddlab labs list|show|solution}: the labs shipped with ddlab. */
@Command(
    name = "labs",
    description = "List the labs, show one, or print a submission of its reference solution.",
    mixinStandardHelpOptions = true,
    subcommands = {LabsCommand.ListLabs.class, LabsCommand.Show.class, LabsCommand.Solution.class})
public final class LabsCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  static Optional<Lab> find(CommandSpec spec, String id) {
    Optional<Lab> lab = LabCatalog.builtIn().find(id);
    if (lab.isEmpty()) {
      spec.commandLine().getErr().println("ddlab: no lab \"" + id + "\" (see: ddlab labs list)");
    }
    return lab;
  }

  @Command(name = "list", description = "List the labs in course order.")
  static final class ListLabs implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--json", description = "Print JSON instead of a table.")
    boolean json;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      List<Lab> labs = LabCatalog.builtIn().all();
      if (json) {
        List<Map<String, Object>> rows =
            labs.stream()
                .map(
                    l -> {
                      Map<String, Object> m = new LinkedHashMap<>();
                      m.put("id", l.id());
                      m.put("title", l.title());
                      m.put("section", l.section());
                      m.put("lesson", l.lesson());
                      m.put("template", l.template());
                      m.put("steps", l.steps().size());
                      m.put("maxScore", l.maxScore());
                      return m;
                    })
                .toList();
        out.println(
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(rows));
      } else {
        int w = labs.stream().mapToInt(l -> l.id().length()).max().orElse(2);
        out.printf("%-" + w + "s  %5s  %s%n", "ID", "STEPS", "TITLE");
        for (Lab l : labs) {
          out.printf("%-" + w + "s  %5d  %s%n", l.id(), l.steps().size(), l.title());
        }
      }
      out.flush();
      return 0;
    }
  }

  @Command(name = "show", description = "Show a lab's steps, hints and checks.")
  static final class Show implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "ID")
    String id;

    @Override
    public Integer call() {
      Optional<Lab> found = find(spec, id);
      if (found.isEmpty()) {
        return 1;
      }
      Lab lab = found.get();
      PrintWriter out = spec.commandLine().getOut();
      out.println("# " + lab.title());
      out.println();
      out.println(lab.section() + " — " + lab.id() + " (mẫu " + lab.template() + ")");
      out.println();
      out.println(lab.summary().strip());
      for (int i = 0; i < lab.steps().size(); i++) {
        Step s = lab.steps().get(i);
        out.println();
        out.println("## Bước " + (i + 1) + ": " + s.title());
        out.println();
        out.println(s.text().strip());
        if (!s.hints().isEmpty()) {
          out.println();
          out.println("Gợi ý: " + s.hints().size());
        }
        out.println();
        out.println("Kiểm tra:");
        for (CheckSpec c : s.checks()) {
          out.println("  - " + c.label() + " (" + c.points() + " điểm)");
        }
      }
      out.flush();
      return 0;
    }
  }

  @Command(
      name = "solution",
      description =
          "Print the lab's reference solution as a submission (JSON) marked"
              + " \"origin\": \"reference-solution\": for instructors; ddlab grade refuses it.")
  static final class Solution implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "ID")
    String id;

    @Option(
        names = "--student",
        description = "Student id in the submission (default: ${DEFAULT-VALUE}).")
    String student = "solution";

    private final Supplier<SessionFactory> sessions;

    Solution() {
      this(Sessions::simulated);
    }

    Solution(Supplier<SessionFactory> sessions) {
      this.sessions = sessions;
    }

    @Override
    public Integer call() {
      Optional<Lab> found = find(spec, id);
      if (found.isEmpty()) {
        return 1;
      }
      PrintWriter out = spec.commandLine().getOut();
      out.println(
          dev.ddlab.grader.submission.SubmissionCodec.write(
              Solutions.submission(found.get(), student, sessions.get())
                  .withOrigin(dev.ddlab.grader.submission.Submission.REFERENCE_SOLUTION)));
      out.flush();
      return 0;
    }
  }
}

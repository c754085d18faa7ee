package dev.ddlab.grader.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ddlab.grader.gradebook.Gradebook;
import dev.ddlab.grader.lab.Lab;
import dev.ddlab.grader.lab.LabCatalog;
import dev.ddlab.grader.lab.Step;
import dev.ddlab.grader.run.Solutions;
import dev.ddlab.grader.submission.Signing;
import dev.ddlab.grader.submission.Submission;
import dev.ddlab.grader.submission.SubmissionCodec;
import dev.ddlab.session.TranscriptEntry;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** `ddlab grade` on a folder of good, wrong, tampered and broken submissions. */
class GradeCommandTest {
  @TempDir Path dir;

  static Submission as(Submission s, String student, List<TranscriptEntry> t) {
    return new Submission(
        s.format(), s.lab(), student, s.seed(), s.template(), s.ddlabVersion(), t);
  }

  private int grade(Path subs, Path out, Path db, StringWriter stdout) {
    CommandLine cl = new CommandLine(new GradeCommand(Sessions::simulated));
    cl.setOut(new PrintWriter(stdout));
    cl.setErr(new PrintWriter(stdout));
    return cl.execute(
        "--submissions", subs.toString(), "--out", out.toString(), "--gradebook", db.toString());
  }

  @Test
  void a_mixed_folder_is_graded_reported_and_recorded_and_a_second_run_changes_nothing()
      throws Exception {
    Lab lab = LabCatalog.builtIn().find("p2-containers-stop").orElseThrow();
    Submission good = Solutions.submission(lab, "sv01", Sessions.simulated());
    List<Step> steps = new ArrayList<>(lab.steps());
    Step last = steps.get(steps.size() - 1);
    steps.set(
        steps.size() - 1,
        new Step(
            last.id(), last.title(), last.text(), last.hints(), List.of("true"), last.checks()));
    Submission wrong =
        Solutions.submission(
            new Lab(
                lab.id(),
                lab.title(),
                lab.section(),
                lab.lesson(),
                lab.summary(),
                lab.template(),
                lab.seed(),
                lab.setup(),
                steps),
            "sv02",
            Sessions.simulated());
    List<TranscriptEntry> t = new ArrayList<>(good.transcript());
    TranscriptEntry e = t.get(0);
    t.set(
        0,
        new TranscriptEntry(
            e.node(), e.prompt(), e.command(), "forged\n", e.exitCode(), e.virtualTimeNanos()));
    Submission tampered = as(good, "sv03", t);

    Path subs = Files.createDirectories(dir.resolve("subs"));
    // each learner's installation signs; sv03's recorded output was edited after signing
    String goodJson = SubmissionCodec.write(Signing.sign(good, Signing.generate()));
    Files.writeString(subs.resolve("a-sv01.json"), goodJson);
    Files.writeString(
        subs.resolve("b-sv02.json"),
        SubmissionCodec.write(Signing.sign(wrong, Signing.generate())));
    com.fasterxml.jackson.databind.ObjectMapper json =
        new com.fasterxml.jackson.databind.ObjectMapper();
    com.fasterxml.jackson.databind.node.ObjectNode edited =
        (com.fasterxml.jackson.databind.node.ObjectNode)
            json.readTree(
                SubmissionCodec.write(
                    Signing.sign(as(good, "sv03", good.transcript()), Signing.generate())));
    ((com.fasterxml.jackson.databind.node.ObjectNode) edited.get("transcript").get(0))
        .put("output", "forged\n");
    Files.writeString(subs.resolve("c-sv03.json"), json.writeValueAsString(edited));
    Files.writeString(
        subs.resolve("i-solution.json"),
        SubmissionCodec.write(
            as(good, "sv04", good.transcript()).withOrigin(Submission.REFERENCE_SOLUTION)));
    Files.writeString(subs.resolve("d-malformed.json"), "{\"format\": ddlab");
    Files.writeString(
        subs.resolve("e-truncated.json"), goodJson.substring(0, goodJson.length() / 3));
    Files.writeString(subs.resolve("f-duplicate.json"), goodJson);
    Files.writeString(
        subs.resolve("g-foreign.json"),
        goodJson.replace("ddlab-submission/1", "ddlab-submission/9"));
    Files.write(subs.resolve("h-huge.json"), new byte[(int) SubmissionCodec.MAX_BYTES + 10]);
    Files.writeString(subs.resolve("notes.txt"), "not a submission");

    Path out = dir.resolve("out");
    Path db = dir.resolve("gradebook.db");
    StringWriter stdout = new StringWriter();
    assertEquals(1, grade(subs, out, db, stdout), stdout.toString());
    String text = stdout.toString();
    assertTrue(text.contains("9 file(s): 3 graded, 6 error(s), 1 flagged"), text);
    assertTrue(
        text.contains(
            "FLAGGED: 1 recorded output(s) differ from the replay; the signature does not"),
        text);
    assertTrue(text.contains("i-solution.json          error: a reference-solution export"), text);
    assertTrue(text.contains("(3 changed)"), text);
    assertTrue(text.contains("d-malformed.json         error: malformed JSON at line 1"), text);
    assertTrue(text.contains("e-truncated.json         error: truncated JSON"), text);
    assertTrue(
        text.contains("f-duplicate.json         error: duplicate submission for student sv01"),
        text);
    assertTrue(
        text.contains("g-foreign.json           error: unsupported format \"ddlab-submission/9\""),
        text);
    assertTrue(text.contains("h-huge.json              error: file too large"), text);

    for (String f :
        List.of(
            "grades.csv",
            "grades.json",
            "summary.html",
            "gradescope/sv01__p2-containers-stop.results.json",
            "junit/TEST-sv02.p2-containers-stop.xml",
            "feedback/sv03__p2-containers-stop.html")) {
      assertTrue(Files.isRegularFile(out.resolve(f)), f);
    }
    int max = lab.maxScore();
    int lastPoints = last.checks().stream().mapToInt(c -> c.points()).sum();
    try (Gradebook g = new Gradebook(db)) {
      Map<String, Gradebook.Row> rows =
          g.rows().stream().collect(Collectors.toMap(Gradebook.Row::student, r -> r));
      assertEquals(3, rows.size());
      assertEquals(max, rows.get("sv01").score());
      assertEquals(max - lastPoints, rows.get("sv02").score());
      assertEquals(max, rows.get("sv03").score());
      assertTrue(rows.get("sv03").flagged());
      List<Gradebook.Row> before = g.rows();
      g.close();
      StringWriter second = new StringWriter();
      assertEquals(1, grade(subs, dir.resolve("out2"), db, second));
      assertTrue(
          second.toString().contains("3 recorded in " + db + " (0 changed)"), second.toString());
      try (Gradebook again = new Gradebook(db)) {
        assertEquals(before, again.rows());
      }
    }
  }

  @Test
  void gradebook_export_writes_csv_to_stdout_without_any_option() throws Exception {
    Path db = dir.resolve("gradebook.db");
    new Gradebook(db).close();
    StringWriter out = new StringWriter();
    CommandLine cl = new CommandLine(new GradebookCommand());
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(out));
    assertEquals(0, cl.execute("--gradebook", db.toString(), "export"), out.toString());
    assertTrue(out.toString().startsWith("student,lab,"), out.toString());
  }
}

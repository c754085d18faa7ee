package dev.ddlab.grader.gradebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ddlab.grader.cli.GradeCommand;
import dev.ddlab.grader.cli.Sessions;
import dev.ddlab.grader.lab.Lab;
import dev.ddlab.grader.lab.LabCatalog;
import dev.ddlab.grader.run.Solutions;
import dev.ddlab.grader.submission.Submission;
import dev.ddlab.grader.submission.SubmissionCodec;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code kill -9} of {@code ddlab grade --gradebook} at deterministic random moments: after each
 * kill the database passes SQLite's integrity check and holds every grade the process had printed,
 * with the printed score. The kills land while grading, while recording (inside and between
 * transactions, on fresh rows and on rows being regraded) and at start-up.
 */
class GradebookCrashTest {
  static final Pattern GRADED = Pattern.compile("^(sv\\d+)\\s+(\\S+)\\s+(\\d+)/(\\d+)");
  static final int STUDENTS = 12;

  @TempDir Path dir;

  /** Runs {@code ddlab grade} in this JVM: the child process the test kills. */
  public static void main(String[] args) {
    System.exit(new CommandLine(new GradeCommand()).execute(args));
  }

  @Test
  void a_kill_at_any_moment_keeps_every_reported_grade_and_a_sound_database() throws Exception {
    Lab lab = LabCatalog.builtIn().find("p2-containers-stop").orElseThrow();
    Submission solution = Solutions.submission(lab, "sv00", Sessions.simulated());
    Path subs = Files.createDirectories(dir.resolve("subs"));
    for (int i = 0; i < STUDENTS; i++) {
      String student = String.format("sv%02d", i);
      // every third student stops half-way: scores differ
      int keep = i % 3 == 0 ? solution.transcript().size() / 2 : solution.transcript().size();
      Submission s =
          new Submission(
              solution.format(),
              solution.lab(),
              student,
              solution.seed(),
              solution.template(),
              solution.ddlabVersion(),
              solution.transcript().subList(0, keep));
      Files.writeString(subs.resolve(student + ".json"), SubmissionCodec.write(s));
    }
    Path db = dir.resolve("gradebook.db");
    Map<String, Integer> reportedEver = new HashMap<>();
    for (long seed = 1; seed <= 5; seed++) {
      Random random = new Random(seed);
      // seed 1 dies at start-up; the others after a random number of printed grades
      int afterLines = seed == 1 ? 0 : random.nextInt(STUDENTS);
      int delayMillis = random.nextInt(40);
      Map<String, Integer> reported = gradeAndKill(subs, db, afterLines, delayMillis);
      reportedEver.putAll(reported);
      assertSound(
          db,
          reported,
          "kill " + seed + " after " + afterLines + " lines + " + delayMillis + " ms");
    }
    // a last run to the end records everyone, the same scores as before the kills
    Map<String, Integer> all = gradeAndKill(subs, db, Integer.MAX_VALUE, 0);
    assertEquals(STUDENTS, all.size());
    reportedEver.forEach((student, score) -> assertEquals(score, all.get(student), student));
    assertSound(db, all, "the run to the end");
  }

  /** Starts the grader, reads its grade lines, kills it (-9) after n of them plus a delay. */
  private Map<String, Integer> gradeAndKill(Path subs, Path db, int n, int delayMillis)
      throws Exception {
    ProcessBuilder pb =
        new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx512m",
            "-cp",
            System.getProperty("java.class.path"),
            GradebookCrashTest.class.getName(),
            "--submissions",
            subs.toString(),
            "--out",
            dir.resolve("out").toString(),
            "--format",
            "csv",
            "--gradebook",
            db.toString());
    pb.redirectError(ProcessBuilder.Redirect.DISCARD);
    Process p = pb.start();
    Map<String, Integer> reported = new HashMap<>();
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      if (n == 0) {
        Thread.sleep(200 + delayMillis * 10L);
      } else {
        String line;
        while ((line = out.readLine()) != null) {
          Matcher m = GRADED.matcher(line);
          if (m.find()) {
            reported.put(m.group(1), Integer.parseInt(m.group(3)));
            if (reported.size() == n) {
              Thread.sleep(delayMillis);
              break;
            }
          }
        }
      }
      p.destroyForcibly(); // SIGKILL (the process's pipes close with it)
    }
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the grader ended");
    return reported;
  }

  private static void assertSound(Path db, Map<String, Integer> reported, String when)
      throws Exception {
    if (!Files.exists(db)) {
      assertTrue(reported.isEmpty(), when + ": grades were printed but there is no gradebook");
      return;
    }
    try (Gradebook g = new Gradebook(db)) {
      assertEquals("ok", g.integrityCheck(), when);
      Map<String, Double> scores = new HashMap<>();
      for (Gradebook.Row r : g.rows()) {
        scores.put(r.student(), r.autoScore());
      }
      for (Map.Entry<String, Integer> e : reported.entrySet()) {
        assertEquals(
            (double) e.getValue(),
            scores.get(e.getKey()),
            when + ": " + e.getKey() + " was reported but not recorded so");
      }
      // no half-recorded submission: each recorded one has all its checks
      List<Gradebook.Row> rows = g.rows();
      double max = rows.isEmpty() ? 0 : rows.get(0).maxScore();
      for (Gradebook.Row r : rows) {
        assertEquals(max, r.maxScore(), when + ": " + r.student() + " is recorded in part");
      }
    }
  }
}

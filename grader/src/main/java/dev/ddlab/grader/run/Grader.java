package dev.ddlab.grader.run;

import dev.ddlab.grader.check.CheckEvaluator;
import dev.ddlab.grader.lab.Lab;
import dev.ddlab.grader.lab.LabCatalog;
import dev.ddlab.grader.lab.Step;
import dev.ddlab.grader.submission.Submission;
import dev.ddlab.session.TranscriptEntry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Grades one submission by replaying it: a fresh session of the lab's template with the
 * submission's seed, the lab's setup, then every typed line at its recorded virtual time. Checks
 * read the replayed state only. A step passes at the first moment (after some line) when all its
 * checks hold; a step that never passes is scored at the moment most of its checks held, and shows
 * those failure reasons. Recorded outputs are only compared with the replay.
 */
public final class Grader {
  private final LabCatalog catalog;
  private final SessionFactory sessions;
  private final CheckEvaluator evaluator;

  public Grader(LabCatalog catalog, SessionFactory sessions, CheckEvaluator evaluator) {
    this.catalog = catalog;
    this.sessions = sessions;
    this.evaluator = evaluator;
  }

  public GradeResult grade(String source, Submission s) {
    Optional<Lab> found = catalog.find(s.lab());
    if (found.isEmpty()) {
      return GradeResult.error(source, s.student(), s.lab(), "unknown lab \"" + s.lab() + "\"");
    }
    Lab lab = found.get();
    if (!lab.template().equals(s.template())) {
      return GradeResult.error(
          source,
          s.student(),
          s.lab(),
          "template \"" + s.template() + "\" is not the lab's template \"" + lab.template() + "\"");
    }
    int n = lab.steps().size();
    int[] passedAt = new int[n];
    java.util.Arrays.fill(passedAt, -1);
    List<List<CheckResult>> best = new ArrayList<>();
    int[] bestPassed = new int[n];
    java.util.Arrays.fill(bestPassed, -1);
    for (int k = 0; k < n; k++) {
      best.add(null);
    }
    List<Divergence> divergences = new ArrayList<>();
    try (LabRun run = LabRun.start(lab, s.seed(), sessions, evaluator)) {
      List<TranscriptEntry> entries = s.transcript();
      for (int i = 0; i < entries.size(); i++) {
        TranscriptEntry recorded = entries.get(i);
        if (!run.session().nodes().contains(recorded.node())) {
          return GradeResult.error(
              source,
              s.student(),
              s.lab(),
              "transcript entry "
                  + (i + 1)
                  + " is on node \""
                  + recorded.node()
                  + "\", which the template does not have");
        }
        long lag = recorded.virtualTimeNanos() - run.session().nowNanos();
        if (lag > 0) {
          run.session().advance(Duration.ofNanos(lag));
        }
        run.replay(recorded);
        for (int k = 0; k < n; k++) {
          if (passedAt[k] >= 0) {
            continue;
          }
          List<CheckResult> results = run.check(k);
          long ok = results.stream().filter(CheckResult::passed).count();
          if (ok == results.size()) {
            passedAt[k] = i;
            best.set(k, results);
          } else if (ok >= bestPassed[k]) {
            bestPassed[k] = (int) ok;
            best.set(k, results);
          }
        }
      }
      // compare once the replay is over: an attaching command's exit code is final only then
      List<TranscriptEntry> replayed = run.learnerTranscript();
      for (int i = 0; i < entries.size(); i++) {
        TranscriptEntry recorded = entries.get(i);
        TranscriptEntry again = i < replayed.size() ? replayed.get(i) : null;
        if (again == null
            || !sameOutput(recorded.output(), again.output())
            || recorded.exitCode() != again.exitCode()) {
          divergences.add(
              new Divergence(
                  i + 1,
                  recorded.command(),
                  recorded.output(),
                  again == null ? "" : again.output(),
                  recorded.exitCode(),
                  again == null ? 0 : again.exitCode()));
        }
      }
      List<StepResult> steps = new ArrayList<>();
      for (int k = 0; k < n; k++) {
        List<CheckResult> results = best.get(k) != null ? best.get(k) : notReached(run, k);
        Step step = lab.steps().get(k);
        steps.add(
            new StepResult(k + 1, step.id(), step.title(), passedAt[k] >= 0, passedAt[k], results));
      }
      return new GradeResult(
          source, s.student(), lab.id(), lab.title(), s.seed(), steps, divergences, null, 0);
    }
  }

  /** No line was typed: nothing was done, every check fails with its reason. */
  private static List<CheckResult> notReached(LabRun run, int k) {
    return run.lab().steps().get(k).checks().stream()
        .map(
            c -> new CheckResult(c.label(), 0, c.points(), false, c.fail(), "no command was typed"))
        .toList();
  }

  /** Outputs compare equal up to line endings and trailing blanks (terminals add them). */
  static boolean sameOutput(String a, String b) {
    return normalise(a).equals(normalise(b));
  }

  private static String normalise(String s) {
    if (s == null) {
      return "";
    }
    return s.replace("\r\n", "\n").replaceAll("[ \\t]+\n", "\n").stripTrailing();
  }
}

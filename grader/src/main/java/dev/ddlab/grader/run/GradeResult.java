package dev.ddlab.grader.run;

import dev.ddlab.grader.submission.Authorship;
import java.util.List;

/**
 * The grade of one submission file: per-step and per-check results from the replay, the entries
 * whose recorded output the replay contradicts, or the error that kept the file from being graded.
 *
 * @param source the file name the submission came from
 * @param error null when graded; otherwise why the file could not be graded (English)
 * @param elapsedMillis wall-clock time the grading took (for reports only; never graded on)
 * @param authorship what the file's signature says and whether that is suspect
 */
public record GradeResult(
    String source,
    String student,
    String lab,
    String labTitle,
    long seed,
    List<StepResult> steps,
    List<Divergence> divergences,
    String error,
    long elapsedMillis,
    Authorship authorship) {
  public GradeResult {
    steps = steps == null ? List.of() : List.copyOf(steps);
    divergences = divergences == null ? List.of() : List.copyOf(divergences);
    authorship = authorship == null ? Authorship.UNCHECKED : authorship;
  }

  public GradeResult(
      String source,
      String student,
      String lab,
      String labTitle,
      long seed,
      List<StepResult> steps,
      List<Divergence> divergences,
      String error,
      long elapsedMillis) {
    this(
        source,
        student,
        lab,
        labTitle,
        seed,
        steps,
        divergences,
        error,
        elapsedMillis,
        Authorship.UNCHECKED);
  }

  public static GradeResult error(String source, String student, String lab, String error) {
    return new GradeResult(source, student, lab, null, 0, List.of(), List.of(), error, 0);
  }

  public GradeResult withElapsedMillis(long millis) {
    return new GradeResult(
        source, student, lab, labTitle, seed, steps, divergences, error, millis, authorship);
  }

  public GradeResult withAuthorship(Authorship a) {
    return new GradeResult(
        source, student, lab, labTitle, seed, steps, divergences, error, elapsedMillis, a);
  }

  public boolean graded() {
    return error == null;
  }

  /** Recorded outputs differ from the replay, or the signature is missing, broken or not theirs. */
  public boolean flagged() {
    return !divergences.isEmpty() || authorship.suspect();
  }

  /** Why the submission is flagged, in English, for the reports ("" when it is not). */
  public String flagReasons() {
    List<String> why = new java.util.ArrayList<>();
    if (!divergences.isEmpty()) {
      why.add(divergences.size() + " recorded output(s) differ from the replay");
    }
    if (authorship.suspect()) {
      why.add(authorship.note());
    }
    return String.join("; ", why);
  }

  public int score() {
    return steps.stream().mapToInt(StepResult::score).sum();
  }

  public int maxScore() {
    return steps.stream().mapToInt(StepResult::maxScore).sum();
  }

  public List<CheckResult> checks() {
    return steps.stream().flatMap(s -> s.checks().stream()).toList();
  }
}

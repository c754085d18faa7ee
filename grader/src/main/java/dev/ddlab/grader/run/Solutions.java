package dev.ddlab.grader.run;

import dev.ddlab.grader.check.CheckEvaluator;
import dev.ddlab.grader.check.DockerGrammar;
import dev.ddlab.grader.lab.Lab;
import dev.ddlab.grader.submission.Submission;

/** The reference solution of a lab, typed into a fresh session and handed in as a submission. */
public final class Solutions {
  private Solutions() {}

  /** Types every step's solution at the first node, in order, and returns the submission. */
  public static Submission submission(Lab lab, String student, SessionFactory sessions) {
    try (LabRun run =
        LabRun.start(lab, lab.seed(), sessions, new CheckEvaluator(new DockerGrammar(), null))) {
      for (String line : lab.solutionScript()) {
        run.typeScript(line);
      }
      return run.submission(student, Version.current());
    }
  }
}

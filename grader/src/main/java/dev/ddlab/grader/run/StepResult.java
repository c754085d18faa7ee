package dev.ddlab.grader.run;

import java.util.List;

/**
 * One step as graded.
 *
 * @param passedAt index (0-based) of the transcript entry after which all its checks held, or -1
 */
public record StepResult(
    int number, String id, String title, boolean passed, int passedAt, List<CheckResult> checks) {
  public StepResult {
    checks = List.copyOf(checks);
  }

  public int score() {
    return checks.stream().mapToInt(CheckResult::points).sum();
  }

  public int maxScore() {
    return checks.stream().mapToInt(CheckResult::maxPoints).sum();
  }
}

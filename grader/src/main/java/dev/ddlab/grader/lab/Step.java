package dev.ddlab.grader.lab;

import java.util.List;

/**
 * One step of a lab: a Vietnamese Markdown instruction, hints revealed one at a time, the reference
 * solution (script lines, same grammar as {@code ddlab shell --script}) and the checks that must
 * all hold at one moment for the step to pass.
 */
public record Step(
    String id,
    String title,
    String text,
    List<String> hints,
    List<String> solution,
    List<CheckSpec> checks) {

  public Step {
    hints = hints == null ? List.of() : List.copyOf(hints);
    solution = solution == null ? List.of() : List.copyOf(solution);
    checks = checks == null ? List.of() : List.copyOf(checks);
    text = text == null ? "" : text;
  }

  public int maxScore() {
    return checks.stream().mapToInt(CheckSpec::points).sum();
  }
}

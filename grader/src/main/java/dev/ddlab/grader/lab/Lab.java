package dev.ddlab.grader.lab;

import dev.ddlab.session.Template;
import java.util.List;

/**
 * One lab, as written in {@code labs/<id>.yaml}: Vietnamese text for the learner, hidden setup
 * commands, and steps with hints, a reference solution and checks. See {@code docs/labs.md}.
 *
 * @param section the course section it practises, e.g. "Phần 2 §3 Containers"
 * @param lesson the lesson id (a Markdown file in tutorial-content) that teaches it
 * @param template the session {@link Template} ("single" when absent)
 * @param seed the simulator seed a session of this lab starts with
 * @param setup script lines run before the learner starts, not part of the transcript
 */
public record Lab(
    String id,
    String title,
    String section,
    String lesson,
    String summary,
    String template,
    Long seed,
    List<String> setup,
    List<Step> steps) {

  public Lab {
    setup = setup == null ? List.of() : List.copyOf(setup);
    steps = steps == null ? List.of() : List.copyOf(steps);
    template = template == null || template.isBlank() ? Template.SINGLE.name() : template;
    summary = summary == null ? "" : summary;
    seed = seed == null ? 1L : seed;
  }

  /** The same lab with other steps (variants of a lab in tests and benchmarks). */
  public Lab withSteps(List<Step> newSteps) {
    return new Lab(id, title, section, lesson, summary, template, seed, setup, newSteps);
  }

  /** Sum of the points of every check. */
  public int maxScore() {
    return steps.stream().mapToInt(Step::maxScore).sum();
  }

  /** The reference solution: every step's solution lines in order. */
  public List<String> solutionScript() {
    return steps.stream().flatMap(s -> s.solution().stream()).toList();
  }
}

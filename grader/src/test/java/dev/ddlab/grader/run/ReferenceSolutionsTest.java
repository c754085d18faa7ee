package dev.ddlab.grader.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ddlab.grader.check.CheckEvaluator;
import dev.ddlab.grader.check.DockerGrammar;
import dev.ddlab.grader.cli.Sessions;
import dev.ddlab.grader.jshell.JShellChecks;
import dev.ddlab.grader.lab.Lab;
import dev.ddlab.grader.lab.LabCatalog;
import dev.ddlab.grader.lab.Step;
import dev.ddlab.grader.submission.Submission;
import dev.ddlab.session.TranscriptEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The course content as CI sees it: every lab's reference solution, replayed, passes. */
class ReferenceSolutionsTest {
  static final SessionFactory SESSIONS = Sessions.simulated();
  static final JShellChecks JAVA = new JShellChecks();
  static final Grader GRADER =
      new Grader(LabCatalog.builtIn(), SESSIONS, new CheckEvaluator(new DockerGrammar(), JAVA));

  @AfterAll
  static void close() {
    JAVA.close();
  }

  static Stream<Lab> labs() {
    return LabCatalog.builtIn().all().stream();
  }

  static String failures(GradeResult r) {
    return r.steps().stream()
            .flatMap(
                s ->
                    s.checks().stream()
                        .filter(c -> !c.passed())
                        .map(c -> "step " + s.number() + ": " + c.label() + " — " + c.detail()))
            .collect(Collectors.joining("\n"))
        + r.divergences().stream()
            .map(d -> "\ndiverged at " + d.entry() + " " + d.command())
            .collect(Collectors.joining());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("labs")
  void the_reference_solution_replayed_passes_every_check(Lab lab) {
    Submission s = Solutions.submission(lab, "ref", SESSIONS);
    GradeResult r = GRADER.grade("ref.json", s);
    assertTrue(r.graded(), r.error());
    assertEquals(r.maxScore(), r.score(), lab.id() + ":\n" + failures(r));
    assertEquals(lab.maxScore(), r.maxScore());
    assertFalse(r.flagged(), lab.id() + " replays to different outputs:\n" + failures(r));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("labs")
  void an_empty_submission_fails_every_step_with_its_reasons(Lab lab) {
    Submission s =
        new Submission(
            Submission.FORMAT, lab.id(), "empty", lab.seed(), lab.template(), "test", List.of());
    GradeResult r = GRADER.grade("empty.json", s);
    assertEquals(0, r.score());
    for (int k = 0; k < lab.steps().size(); k++) {
      StepResult step = r.steps().get(k);
      assertFalse(step.passed());
      List<String> reasons = step.checks().stream().map(CheckResult::reason).toList();
      assertEquals(lab.steps().get(k).checks().stream().map(c -> c.fail()).toList(), reasons);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("labs")
  void skipping_the_last_step_fails_that_step_with_its_reason(Lab lab) {
    skippingFails(lab, lab.steps().size() - 1);
  }

  /** The §6 labs' central steps: without them the swarm is not in the state they check. */
  static Stream<Arguments> swarmSteps() {
    return Stream.of(
        Arguments.of("p2-swarm-init", "workers"),
        Arguments.of("p2-swarm-autolock", "restart"),
        Arguments.of("p2-swarm-services", "scale"),
        Arguments.of("p2-swarm-rolling-update", "update"),
        Arguments.of("p2-swarm-drain", "managers"),
        Arguments.of("p2-swarm-backup", "backup"));
  }

  @ParameterizedTest(name = "{0} without {1}")
  @MethodSource("swarmSteps")
  void skipping_a_step_of_a_swarm_lab_fails_that_step_with_its_reasons(String id, String step) {
    Lab lab = LabCatalog.builtIn().find(id).orElseThrow();
    int k = 0;
    while (!step.equals(lab.steps().get(k).id())) {
      k++;
    }
    skippingFails(lab, k);
  }

  /**
   * A submission whose step {@code k} is skipped (its solution replaced by {@code true}): the steps
   * before it pass, it fails with some of its own reasons.
   */
  private static void skippingFails(Lab lab, int k) {
    List<Step> steps = new ArrayList<>(lab.steps());
    Step skipped = steps.get(k);
    steps.set(
        k,
        new Step(
            skipped.id(),
            skipped.title(),
            skipped.text(),
            skipped.hints(),
            List.of("true"),
            skipped.checks()));
    Lab wrong =
        new Lab(
            lab.id(),
            lab.title(),
            lab.section(),
            lab.lesson(),
            lab.summary(),
            lab.template(),
            lab.seed(),
            lab.setup(),
            steps);
    GradeResult r = GRADER.grade("wrong.json", Solutions.submission(wrong, "wrong", SESSIONS));
    for (int j = 0; j < k; j++) {
      assertTrue(r.steps().get(j).passed(), lab.id() + " step " + (j + 1) + ":\n" + failures(r));
    }
    StepResult failed = r.steps().get(k);
    assertFalse(failed.passed(), lab.id() + ": step " + (k + 1) + " passed without its solution");
    List<String> reasons =
        failed.checks().stream().filter(c -> !c.passed()).map(CheckResult::reason).toList();
    assertFalse(reasons.isEmpty());
    assertTrue(skipped.checks().stream().map(c -> c.fail()).toList().containsAll(reasons));
  }

  @Test
  void a_submission_with_an_edited_output_is_flagged_and_graded_on_the_replay() {
    Lab lab = LabCatalog.builtIn().find("p2-containers-stop").orElseThrow();
    Submission s = Solutions.submission(lab, "cheat", SESSIONS);
    List<TranscriptEntry> t = new ArrayList<>(s.transcript());
    TranscriptEntry e = t.get(2);
    t.set(
        2,
        new TranscriptEntry(
            e.node(),
            e.prompt(),
            e.command(),
            "gentle\n(forged)\n",
            e.exitCode(),
            e.virtualTimeNanos()));
    Submission tampered =
        new Submission(
            s.format(), s.lab(), s.student(), s.seed(), s.template(), s.ddlabVersion(), t);
    GradeResult r = GRADER.grade("cheat.json", tampered);
    assertTrue(r.flagged());
    assertEquals(1, r.divergences().size());
    assertEquals(3, r.divergences().get(0).entry());
    assertEquals(r.maxScore(), r.score());
  }

  @Test
  void a_claimed_success_that_did_not_happen_scores_nothing() {
    Lab lab = LabCatalog.builtIn().find("p2-containers-stop").orElseThrow();
    Submission s = Solutions.submission(lab, "liar", SESSIONS);
    // keep only `docker ps -a` but claim it printed what the lab wants
    List<TranscriptEntry> t =
        List.of(
            new TranscriptEntry(
                "node1",
                "$ ",
                "docker ps -a",
                "x  Exited (137) 3 seconds ago  gentle\n",
                0,
                s.transcript().get(0).virtualTimeNanos()));
    GradeResult r =
        GRADER.grade(
            "liar.json",
            new Submission(
                s.format(), s.lab(), s.student(), s.seed(), s.template(), s.ddlabVersion(), t));
    assertTrue(r.flagged());
    assertEquals(0, r.steps().get(3).score());
  }
}

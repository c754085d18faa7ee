package dev.ddlab.grader.run;

import dev.ddlab.grader.check.CheckEvaluator;
import dev.ddlab.grader.check.DockerGrammar;
import dev.ddlab.grader.jshell.JShellChecks;
import dev.ddlab.grader.lab.Lab;
import dev.ddlab.grader.lab.LabCatalog;
import dev.ddlab.grader.lab.Step;
import dev.ddlab.grader.submission.Submission;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code ddlab bench --grade}: grades N generated submissions of a ten-step lab with state and
 * transcript checks, then N of a lab with a {@code java:} check (run in the pooled check child, as
 * {@code ddlab grade} does), and prints submissions per second and peak heap for each. Submission i
 * skips step (i mod 11) of the reference solution (the eleventh variant is complete), so the grader
 * sees passing and failing steps. Generating the submissions is not timed; grading them (replay
 * plus checks) is.
 */
public final class GradeBench {
  public static final String LAB = "p1-ops-tour";

  /** A lab whose checks include a {@code java:} expression. */
  public static final String JAVA_LAB = "p2-containers-stop";

  public static final double TARGET_PER_SECOND = 50;

  /** What a run measured. */
  public record Result(
      int submissions, double seconds, long peakHeapBytes, int stepsPassed, int steps) {
    public double perSecond() {
      return submissions / seconds;
    }
  }

  private GradeBench() {}

  public static List<Submission> generate(Lab lab, int n, SessionFactory sessions) {
    List<Submission> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int skip = i % (lab.steps().size() + 1);
      List<Step> steps = new ArrayList<>(lab.steps());
      if (skip < steps.size()) {
        Step s = steps.get(skip);
        steps.set(
            skip, new Step(s.id(), s.title(), s.text(), s.hints(), List.of("true"), s.checks()));
      }
      out.add(
          Solutions.submission(
              lab.withSteps(steps), String.format(Locale.ROOT, "sv%04d", i), sessions));
    }
    return out;
  }

  /** Measures both labs; returns the figure of the lab with {@code java:} checks. */
  public static Result run(int n, SessionFactory sessions, PrintWriter log) {
    try (JShellChecks java = new JShellChecks()) {
      run(LAB, n, sessions, java, log);
      Result with = run(JAVA_LAB, n, sessions, java, log);
      // the same submissions with the java: check not run (it fails at once), to show what the
      // check JVM costs on this machine under its current load
      Result without = run(JAVA_LAB, n, sessions, null, log);
      log.printf(
          Locale.ROOT,
          "java: checks in the pooled check JVM cost %.0f%% of %s's grading time%n",
          100.0 * (with.seconds() - without.seconds()) / with.seconds(),
          JAVA_LAB);
      log.flush();
      return with;
    }
  }

  static Result run(
      String labId, int n, SessionFactory sessions, JShellChecks java, PrintWriter log) {
    Lab lab = LabCatalog.builtIn().find(labId).orElseThrow();
    long javaChecks =
        lab.steps().stream()
            .flatMap(s -> s.checks().stream())
            .filter(c -> "java".equals(c.kind()))
            .count();
    log.printf(
        "generating %d submissions of %s (%d steps, %d java: checks)…%n",
        n, labId, lab.steps().size(), javaChecks);
    log.flush();
    long g0 = System.nanoTime();
    List<Submission> subs = generate(lab, n, sessions);
    log.printf(
        Locale.ROOT,
        "generated in %.2f s (typing alone: %.1f submissions/s)%n",
        (System.nanoTime() - g0) / 1e9,
        n / ((System.nanoTime() - g0) / 1e9));
    Grader grader =
        new Grader(LabCatalog.builtIn(), sessions, new CheckEvaluator(new DockerGrammar(), java));
    // warm up the JIT on a few, untimed
    for (int i = 0; i < Math.min(5, subs.size()); i++) {
      grader.grade("warmup", subs.get(i));
    }
    System.gc();
    List<MemoryPoolMXBean> heap =
        ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP)
            .toList();
    heap.forEach(MemoryPoolMXBean::resetPeakUsage);
    int passed = 0;
    int steps = 0;
    long t0 = System.nanoTime();
    for (Submission s : subs) {
      GradeResult r = grader.grade(s.student() + ".json", s);
      passed += (int) r.steps().stream().filter(StepResult::passed).count();
      steps += r.steps().size();
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    Result result = new Result(n, seconds, peak, passed, steps);
    log.printf(
        Locale.ROOT,
        "grade %s%s: %d submissions of a %d-step lab in %.2f s: %.1f submissions/s (target >= %.0f/s on 2"
            + " cores: %s); peak heap %.1f MB; %d/%d steps passed%n",
        labId,
        java == null ? " (java: checks not run)" : "",
        n,
        lab.steps().size(),
        seconds,
        result.perSecond(),
        TARGET_PER_SECOND,
        result.perSecond() >= TARGET_PER_SECOND ? "met" : "NOT met",
        peak / 1e6,
        passed,
        steps);
    log.flush();
    return result;
  }
}

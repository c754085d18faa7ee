package dev.ddlab.grader.run;

import dev.ddlab.grader.submission.Authorship;
import dev.ddlab.grader.submission.KeyRing;
import dev.ddlab.grader.submission.Submission;
import dev.ddlab.grader.submission.SubmissionCodec;
import dev.ddlab.grader.submission.SubmissionException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Grades every {@code *.json} file of a directory, in file-name order, verifying each file's
 * signature; a reference-solution export is refused. A file that cannot be read or graded becomes a
 * result with an error and the batch goes on. A second file for a student and lab already seen in
 * the batch is reported as a duplicate and not graded.
 */
public final class BatchGrader {
  private final Grader grader;
  private final KeyRing keys;

  /**
   * @param keys who may sign for whom (see {@link KeyRing}); every file's signature is verified and
   *     judged, and a missing, broken or foreign one flags the submission
   */
  public BatchGrader(Grader grader, KeyRing keys) {
    this.grader = grader;
    this.keys = keys;
  }

  public BatchGrader(Grader grader) {
    this(grader, KeyRing.empty());
  }

  /**
   * @param onlyLab grade only submissions of this lab (others are skipped, not reported); null for
   *     all
   */
  public List<GradeResult> gradeDirectory(Path dir, String onlyLab) throws IOException {
    return gradeDirectory(dir, onlyLab, r -> {});
  }

  /**
   * Grades the folder, handing each result to {@code done} as soon as it is known (before the next
   * file is read), so a caller can record and report it while the batch goes on.
   */
  public List<GradeResult> gradeDirectory(Path dir, String onlyLab, Consumer<GradeResult> done)
      throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files =
          s.filter(p -> p.getFileName().toString().endsWith(".json") && Files.isRegularFile(p))
              .sorted()
              .toList();
    }
    List<GradeResult> results = new ArrayList<>();
    Consumer<GradeResult> emit =
        r -> {
          results.add(r);
          done.accept(r);
        };
    Map<String, String> seen = new HashMap<>();
    for (Path file : files) {
      String name = file.getFileName().toString();
      long t0 = System.nanoTime();
      Submission s;
      Authorship authorship;
      try {
        SubmissionCodec.Received received = SubmissionCodec.receive(file);
        s = received.submission();
        authorship = received.authorship();
      } catch (SubmissionException e) {
        emit.accept(GradeResult.error(name, null, null, e.getMessage()));
        continue;
      }
      if (onlyLab != null && !onlyLab.equals(s.lab())) {
        continue;
      }
      if (authorship.kind() == Authorship.Kind.SOLUTION) {
        emit.accept(
            GradeResult.error(
                name,
                s.student(),
                s.lab(),
                "a reference-solution export (ddlab labs solution), not a learner's submission"));
        continue;
      }
      String key = s.student() + "\u0000" + s.lab();
      if (seen.containsKey(key)) {
        emit.accept(
            GradeResult.error(
                name,
                s.student(),
                s.lab(),
                "duplicate submission for student "
                    + s.student()
                    + " and lab "
                    + s.lab()
                    + " (already graded from "
                    + seen.get(key)
                    + ")"));
        continue;
      }
      seen.put(key, name);
      GradeResult graded = gradeOne(name, s);
      if (graded.graded()) {
        graded = graded.withAuthorship(keys.judge(s.student(), authorship));
      }
      emit.accept(graded.withElapsedMillis((System.nanoTime() - t0) / 1_000_000));
    }
    return results;
  }

  /** Grades one parsed submission; an unexpected failure of the replay is that file's error. */
  public GradeResult gradeOne(String name, Submission s) {
    try {
      return grader.grade(name, s);
    } catch (RuntimeException | StackOverflowError e) {
      return GradeResult.error(name, s.student(), s.lab(), "the replay failed: " + e);
    }
  }
}

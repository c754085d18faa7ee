package dev.ddlab.grader.report;

import dev.ddlab.grader.run.CheckResult;
import dev.ddlab.grader.run.Divergence;
import dev.ddlab.grader.run.GradeResult;
import dev.ddlab.grader.run.StepResult;
import java.util.List;

/** Grade results as the grader produces them, for report and gradebook tests. */
public final class Samples {
  private Samples() {}

  public static GradeResult good(String student) {
    return new GradeResult(
        student + ".json",
        student,
        "p2-containers-stop",
        "Dừng nhẹ nhàng và xoá thẳng tay",
        1702,
        List.of(
            new StepResult(
                1,
                "two",
                "Hai container",
                true,
                1,
                List.of(pass("container gentle"), pass("container brutal"))),
            new StepResult(
                2, "stop", "docker stop", true, 2, List.of(pass("ran docker stop gentle")))),
        List.of(),
        null,
        12);
  }

  public static GradeResult partial(String student) {
    return new GradeResult(
        student + ".json",
        student,
        "p2-containers-stop",
        "Dừng nhẹ nhàng và xoá thẳng tay",
        1702,
        List.of(
            new StepResult(
                1,
                "two",
                "Hai container",
                false,
                -1,
                List.of(
                    pass("container gentle"),
                    fail("container brutal", "Container `brutal` chưa chạy."))),
            new StepResult(
                2,
                "stop",
                "docker stop",
                false,
                -1,
                List.of(
                    fail(
                        "ran docker stop gentle",
                        "Hãy dừng `gentle` bằng `docker stop` <ngay>.")))),
        List.of(new Divergence(1, "docker ps", "forged", "CONTAINER ID", 0, 0)),
        null,
        9);
  }

  public static GradeResult broken(String file) {
    return GradeResult.error(
        file, null, null, "truncated JSON: the file ends in the middle (line 3)");
  }

  static CheckResult pass(String label) {
    return new CheckResult(label, 1, 1, true, "", "");
  }

  static CheckResult fail(String label, String reason) {
    return new CheckResult(label, 0, 1, false, reason, "not there");
  }
}

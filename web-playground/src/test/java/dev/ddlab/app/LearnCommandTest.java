package dev.ddlab.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ddlab.grader.check.CheckEvaluator;
import dev.ddlab.grader.check.DockerGrammar;
import dev.ddlab.grader.cli.Sessions;
import dev.ddlab.grader.jshell.JShellChecks;
import dev.ddlab.grader.lab.Lab;
import dev.ddlab.grader.lab.LabCatalog;
import dev.ddlab.grader.lab.Step;
import dev.ddlab.grader.run.GradeResult;
import dev.ddlab.grader.run.Grader;
import dev.ddlab.grader.submission.Submission;
import dev.ddlab.grader.submission.SubmissionCodec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** `ddlab learn` walked to the end through its non-interactive path (piped stdin). */
class LearnCommandTest {
  @TempDir Path dir;

  private String learn(String labId, String input) {
    LearnCommand cmd = new LearnCommand();
    cmd.in = new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    cmd.out = out;
    int code =
        new CommandLine(cmd)
            .execute(
                labId, "--student", "sv42", "--progress-dir", dir.resolve("progress").toString());
    assertEquals(0, code);
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void learn_walks_a_lab_to_the_end_and_writes_a_submission_that_grades_full() throws Exception {
    Lab lab = LabCatalog.builtIn().find("p2-containers-percy").orElseThrow();
    StringBuilder input = new StringBuilder("hint\ncheck\n");
    for (Step s : lab.steps()) {
      s.solution().forEach(l -> input.append(l).append('\n'));
      input.append("check\n");
    }
    Path file = dir.resolve("percy.json");
    input.append("progress\nsubmit ").append(file).append('\n');
    String out = learn(lab.id(), input.toString());
    assertTrue(out.contains("## Bước 1/6: Sinh ra: container percy"), out);
    assertTrue(out.contains("💡 Gợi ý 1/1"), out);
    assertTrue(
        out.contains("✘ Chưa đạt:\n  - Chưa có container `percy` đang chạy từ `ubuntu:latest`."),
        out);
    assertTrue(out.contains("✔ Đạt! Bước 6 hoàn thành."), out);
    assertTrue(out.contains("Bạn đã hoàn thành bài lab"), out);
    assertTrue(out.contains("Tiến độ: 6/6 bước"), out);
    Submission s = SubmissionCodec.read(file);
    assertEquals("sv42", s.student());
    // signed by this installation's key, kept beside the progress
    assertEquals(
        dev.ddlab.grader.submission.Authorship.Kind.SIGNED,
        SubmissionCodec.receive(file).authorship().kind());
    assertTrue(Files.exists(dir.resolve("progress").resolve("installation.key")));
    try (JShellChecks java = new JShellChecks()) {
      GradeResult r =
          new Grader(
                  LabCatalog.builtIn(),
                  Sessions.simulated(),
                  new CheckEvaluator(new DockerGrammar(), java))
              .grade("percy.json", s);
      assertEquals(r.maxScore(), r.score());
      assertTrue(!r.flagged(), r.divergences().toString());
    }
  }

  @Test
  void progress_is_saved_and_a_second_run_resumes_where_the_learner_stopped() {
    Lab lab = LabCatalog.builtIn().find("p2-containers-percy").orElseThrow();
    StringBuilder first = new StringBuilder();
    lab.steps().get(0).solution().forEach(l -> first.append(l).append('\n'));
    first.append("check\n");
    String out1 = learn(lab.id(), first.toString());
    assertTrue(out1.contains("✔ Đạt! Bước 1 hoàn thành."), out1);
    String out2 = learn(lab.id(), "progress\n");
    assertTrue(out2.contains("Đã khôi phục phiên trước: 1 lệnh, 1/6 bước đã đạt."), out2);
    assertTrue(out2.contains("← đang làm"), out2);
  }

  @Test
  void the_tutorials_prose_is_wrapped_to_80_columns_and_docker_output_is_not() {
    String out =
        learn(
            "p1-ops-tour",
            "hint\ndocker ps --no-trunc --format '{{.ID}} {{.Command}} {{.Names}} {{.Image}} {{.Status}} {{.Ports}}'\n");
    boolean code = false;
    for (String line : out.split("\n")) {
      if (line.strip().startsWith("```")) {
        code = !code;
      }
      if (!code && !line.startsWith("    ") && !line.contains("$ docker ps")) {
        assertTrue(line.length() <= 80, "longer than 80 columns: " + line);
      }
    }
    assertTrue(TextWrap.prose("- " + "từ ".repeat(40), 80).contains("\n  từ"), "hanging indent");
  }

  @Test
  void a_steps_paragraph_written_over_several_source_lines_is_refilled_to_the_terminal() {
    String out = learn("p2-swarm-init", "next\nnext\n");
    assertTrue(
        out.contains("(lấy từ `mgr1` như\ntrên, nhưng vai trò khác). Sau đó, trên một manager bất"),
        out);
  }
}

package dev.ddlab.grader.gradebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ddlab.grader.report.Samples;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GradebookTest {
  @TempDir Path dir;

  @Test
  void recording_the_same_batch_twice_changes_nothing() throws Exception {
    try (Gradebook g = new Gradebook(dir.resolve("gradebook.db"))) {
      g.record(Samples.good("sv01"));
      g.record(Samples.partial("sv02"));
      int changes = g.changes();
      String before = g.exportCsv();
      assertFalse(g.record(Samples.good("sv01")));
      assertFalse(g.record(Samples.partial("sv02")));
      assertEquals(changes, g.changes());
      assertEquals(before, g.exportCsv());
    }
  }

  @Test
  void manual_scores_comments_and_extra_credit_survive_a_regrade() throws Exception {
    try (Gradebook g = new Gradebook(dir.resolve("gradebook.db"))) {
      g.record(Samples.partial("sv02"));
      g.setManualScore("sv02", "p2-containers-stop", "s1.c2", 1.0);
      g.setManualComment("sv02", "p2-containers-stop", "s1.c2", "Lỗi của mô phỏng, cho điểm.");
      g.setExtraCredit("sv02", "p2-containers-stop", 0.5);
      g.record(Samples.partial("sv02"));
      Gradebook.Row row = g.rows().get(0);
      assertEquals(1, row.autoScore());
      assertEquals(2, row.score());
      assertEquals(2.5, row.total());
      assertTrue(row.manuallyGraded());
      assertTrue(
          g.exportCsv()
              .startsWith(
                  "student,lab,auto_score,score,extra_credit,total,max_score,flagged,manually_graded\n"));
    }
  }

  @Test
  void regrading_one_student_touches_no_other_row() throws Exception {
    try (Gradebook g = new Gradebook(dir.resolve("gradebook.db"))) {
      g.record(Samples.partial("sv01"));
      g.record(Samples.partial("sv02"));
      g.setManualScore("sv01", "p2-containers-stop", "s2.c1", 1.0);
      List<Gradebook.Row> before = g.rows();
      g.record(Samples.good("sv02"));
      List<Gradebook.Row> after = g.rows();
      assertEquals(before.get(0), after.get(0));
      assertEquals(3, after.get(1).score());
    }
  }

  @Test
  void an_ungraded_result_is_refused_and_writes_nothing() throws Exception {
    try (Gradebook g = new Gradebook(dir.resolve("gradebook.db"))) {
      int changes = g.changes();
      assertThrows(IllegalArgumentException.class, () -> g.record(Samples.broken("x.json")));
      assertEquals(changes, g.changes());
      assertThrows(IllegalArgumentException.class, () -> g.setExtraCredit("nobody", "lab", 1));
    }
  }

  @Test
  void the_gradebook_persists_across_opens() throws Exception {
    Path file = dir.resolve("gradebook.db");
    try (Gradebook g = new Gradebook(file)) {
      g.record(Samples.good("sv01"));
    }
    try (Gradebook g = new Gradebook(file)) {
      assertEquals(3, g.rows().get(0).score());
    }
  }
}

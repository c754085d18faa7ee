package dev.ddlab.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The comparison of two {@code ddlab bench} runs on fixed numbers: which figures agree within 20%
 * (|A − B| / min(A, B), the medians over each run's forks), and the table's note when a run's forks
 * landed in two states.
 */
class BenchCompareTest {
  private static BenchForks.Summary pair(double... wall) {
    double[] none = new double[wall.length];
    return new BenchForks.Summary(
        "run+rm", "µs/pair", wall, 50, 0, new double[] {26, 27, 28}, none, none, new double[0]);
  }

  @Test
  void medians_within_twenty_percent_of_the_smaller_agree_and_beyond_do_not() {
    BenchCompare.Run a = BenchCompare.run(3, "load 0.5", "load 0.6", List.of(pair(27, 28, 29)));
    BenchCompare.Run close = BenchCompare.run(3, "", "", List.of(pair(30, 33.6, 40)));
    BenchCompare.Run far = BenchCompare.run(3, "", "", List.of(pair(27.4, 48.9, 49.9)));

    List<BenchCompare.Row> rows = BenchCompare.rows(a, close);
    assertEquals(2, rows.size(), "wall and thread CPU: " + rows);
    assertEquals("run+rm [wall]", rows.get(0).key());
    assertEquals(0.20, rows.get(0).difference(), 1e-9); // 33.6 / 28 − 1
    assertTrue(rows.get(0).agrees());
    assertEquals("run+rm [thread CPU]", rows.get(1).key());
    assertTrue(rows.get(1).agrees());

    BenchCompare.Row wall = BenchCompare.rows(a, far).get(0);
    assertEquals((48.9 - 28) / 28, wall.difference(), 1e-9);
    assertFalse(wall.agrees());
    // symmetric: the smaller median is the base either way
    assertEquals(wall.difference(), BenchCompare.rows(far, a).get(0).difference(), 1e-9);
  }

  @Test
  void compare_prints_every_figure_and_exits_1_when_one_disagrees_or_is_missing() {
    BenchCompare.Run a = BenchCompare.run(3, "load 0.5", "load 0.6", List.of(pair(27, 28, 29)));
    BenchCompare.Run b =
        BenchCompare.run(3, "load 0.7", "load 0.4", List.of(pair(27.4, 48.9, 49.9)));
    StringWriter out = new StringWriter();
    assertEquals(1, BenchCompare.compare(a, b, "A.json", "B.json", new PrintWriter(out)));
    String text = out.toString();
    assertTrue(text.contains("run+rm [wall]"), text);
    assertTrue(text.contains("75%  NO (forks waited for a CPU up to 0% in A, 0% in B)"), text);
    assertTrue(text.contains("1 of 2 figures agree within 20%"), text);

    out = new StringWriter();
    assertEquals(0, BenchCompare.compare(a, a, "A.json", "A.json", new PrintWriter(out)));
    assertTrue(out.toString().contains("2 of 2 figures agree"), out.toString());

    BenchCompare.Run none = BenchCompare.run(3, "", "", List.of());
    out = new StringWriter();
    assertEquals(1, BenchCompare.compare(a, none, "A.json", "none.json", new PrintWriter(out)));
    assertTrue(out.toString().contains("no (only in A)"), out.toString());

    // a thread-CPU figure that disagrees says how loaded the runs were, as a wall one does
    BenchCompare.Run cpuApart =
        BenchCompare.run(
            3,
            "",
            "",
            List.of(
                new BenchForks.Summary(
                    "run+rm",
                    "µs/pair",
                    new double[] {27, 28, 29},
                    50,
                    0,
                    new double[] {40, 41, 42},
                    new double[] {0.5, 0.6, 0.7},
                    new double[3],
                    new double[0])));
    out = new StringWriter();
    BenchCompare.compare(a, cpuApart, "A.json", "C.json", new PrintWriter(out));
    assertTrue(
        out.toString().contains("52%  NO (forks waited for a CPU up to 0% in A, 70% in B)"),
        out.toString());
  }

  @Test
  void a_run_written_as_json_reads_back_with_the_same_figures(@TempDir Path dir) throws Exception {
    BenchForks.Summary heap =
        new BenchForks.Summary(
            "heap per idle node (200 nodes)", "bytes", new double[] {12e3, 13e3}, 1 << 20);
    BenchCompare.Run run = BenchCompare.run(2, "load 0.5", "load 0.6", List.of(pair(27, 28), heap));
    Path file = dir.resolve("a.json");
    BenchCompare.write(run, file);
    BenchCompare.Run back = BenchCompare.read(file);
    assertEquals(2, back.forks());
    assertEquals(
        List.of("run+rm [wall]", "heap per idle node (200 nodes) [heap]", "run+rm [thread CPU]"),
        back.figures().stream().map(BenchCompare.Figure::key).toList());
    assertEquals(27.5, back.figures().get(0).median(), 1e-9);
    assertTrue(Files.readString(file).contains("\"values\""));
  }

  @Test
  void allocation_per_operation_is_a_figure_of_its_own_whose_forks_differ_at_one_percent() {
    double[] none = new double[3];
    BenchForks.Summary ps =
        new BenchForks.Summary(
            "ps",
            "µs/call",
            new double[] {300, 440, 305},
            Double.NaN,
            0,
            new double[] {290, 425, 295},
            none,
            none,
            new double[] {905_800, 857_800, 905_760});
    BenchForks.Summary alloc = ps.allocated().orElseThrow();
    assertEquals(BenchForks.ALLOC_UNIT, alloc.unit());
    // 5% apart is two JIT states for allocation (load does not move it), not for time
    assertEquals("  (forks disagree: modes 857800.0 ×1 | 905780.0 ×2)", alloc.modesNote());
    assertEquals(
        List.of("ps [wall]", "ps [thread CPU]", "ps [allocation]"),
        BenchCompare.run(3, "", "", List.of(ps)).figures().stream()
            .map(BenchCompare.Figure::key)
            .toList());
    StringWriter out = new StringWriter();
    BenchForks.print(new PrintWriter(out), List.of(ps), 3, 60);
    String text = out.toString();
    String block = "bytes the measuring thread allocated per operation";
    assertTrue(text.contains(block), text);
    assertTrue(text.substring(text.indexOf(block)).contains("905760.0"), text);
    // a figure whose forks gave no allocation has no such figure
    assertTrue(pair(27, 28, 29).allocated().isEmpty());
  }

  @Test
  void forks_in_two_states_are_printed_as_both_modes_not_one_median() {
    assertEquals("  (forks disagree: modes 27.4 ×1 | 49.4 ×2)", pair(27.4, 48.9, 49.9).modesNote());
    assertEquals("", pair(27, 28, 29).modesNote());
    assertEquals(1, pair(100, 119, 142).modes().size(), "neighbours within 20% chain into one");
  }

  @Test
  void compare_also_checks_the_fastest_forks_where_a_slow_state_moved_the_median() {
    // the lead's quiet pair of 7 Dec, docker images' thread CPU per fork: the medians 3.9 and 3.0
    // are 30% apart, the fastest forks 3.0 and 2.9 are not
    double[] none = new double[5];
    BenchForks.Summary a =
        new BenchForks.Summary(
            "images",
            "µs/call",
            new double[] {3.7, 3.9, 4.5, 5.3, 5.4},
            Double.NaN,
            0,
            new double[] {3.0, 3.2, 3.9, 4.2, 4.4},
            none,
            none,
            new double[0]);
    BenchForks.Summary b =
        new BenchForks.Summary(
            "images",
            "µs/call",
            new double[] {3.8, 3.7, 4.0, 4.9, 3.4},
            Double.NaN,
            0,
            new double[] {2.9, 3.0, 3.0, 4.1, 2.9},
            none,
            none,
            new double[0]);
    BenchCompare.Run runA = BenchCompare.run(5, "", "", List.of(a));
    BenchCompare.Run runB = BenchCompare.run(5, "", "", List.of(b));
    StringWriter out = new StringWriter();
    assertEquals(1, BenchCompare.compare(runA, runB, "A.json", "B.json", new PrintWriter(out)));
    String text = out.toString();
    assertTrue(text.contains("1 of 2 figures agree within 20%"), text);
    assertTrue(
        text.contains(
            "by each run's fastest fork instead of the median (slow JVM states left out;"
                + " not the verdict): 2 of 2 agree within 20%"),
        text);
    List<BenchCompare.Row> fastest = BenchCompare.fastestRows(runA, runB);
    assertEquals(3.0, fastest.get(1).a(), 1e-9);
    assertEquals(2.9, fastest.get(1).b(), 1e-9);

    BenchCompare.Run slower =
        BenchCompare.run(
            5,
            "",
            "",
            List.of(
                new BenchForks.Summary(
                    "images",
                    "µs/call",
                    new double[] {5, 5, 5, 5, 5},
                    Double.NaN,
                    0,
                    new double[] {4, 4, 4, 4, 4},
                    none,
                    none,
                    new double[0])));
    out = new StringWriter();
    BenchCompare.compare(runA, slower, "A.json", "S.json", new PrintWriter(out));
    assertTrue(
        out.toString().contains("0 of 2 agree within 20%; not: images [wall] (3.7 vs 5.0, 35%)"),
        out.toString());
  }
}

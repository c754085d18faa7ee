package dev.ddlab.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The machine's speed measured by each fork ({@link BenchCalibration}): carried from the forks to
 * the table, the JSON and {@code --compare}, which says when the machine itself moved (between the
 * runs, or a fork slower than the run's fastest) instead of blaming a figure. Fixed numbers: no
 * test asserts a time measured here.
 */
class BenchCalibrationTest {
  private static BenchCalibration.Fork fork(double arithmetic, double memory) {
    return new BenchCalibration.Fork(
        new double[] {arithmetic, arithmetic * 1.01, arithmetic * 0.99},
        new double[] {memory, memory * 1.02, memory});
  }

  private static BenchForks.Summary ps(double... cpu) {
    double[] none = new double[cpu.length];
    return new BenchForks.Summary(
        "ps", "µs/call", cpu, Double.NaN, 0, cpu, none, none, new double[0]);
  }

  private static BenchCompare.Run run(BenchCalibration.Fork... forks) {
    return BenchCompare.run(
        forks.length, "", "", List.of(ps(200, 200, 200).threadCpu().orElseThrow()), List.of(forks));
  }

  @Test
  void a_fork_s_calibration_line_is_read_back_and_other_lines_are_not_calibrations() {
    BenchCalibration.Sample s = new BenchCalibration.Sample("after docker ps", 9_800, 15_200.5);
    assertEquals(s, BenchCalibration.Sample.parse(s.line().split("\t", -1)));
    assertNull(BenchCalibration.Sample.parse("#figure\tps\tµs/call\t1".split("\t", -1)));
    assertNull(BenchCalibration.Sample.parse("Unable to find image".split("\t", -1)));
  }

  @Test
  void a_measured_calibration_is_a_positive_time_for_each_loop() {
    BenchCalibration.Sample s = BenchCalibration.measure("before");
    assertEquals("before", s.when());
    assertTrue(s.arithmetic() > 0 && s.memory() > 0, s.toString());
  }

  @Test
  void the_table_names_the_forks_whose_machine_was_slower_and_how_slow_their_figures_were() {
    List<BenchCalibration.Fork> forks =
        List.of(fork(10_000, 15_000), fork(16_000, 24_000), fork(10_200, 15_100));
    double[] slowness = BenchForks.slowness(List.of(ps(200, 320, 204)), 3);
    assertEquals(1.6, slowness[1], 1e-9);
    StringWriter out = new StringWriter();
    BenchCalibration.print(new PrintWriter(out), forks, slowness);
    String text = out.toString();
    assertTrue(text.contains("fork 2: arithmetic 16000"), text);
    assertTrue(text.contains("×1.60; its figures' thread CPU ×1.60"), text);
    assertTrue(text.contains("the machine itself was slower in fork 2 "), text);

    out = new StringWriter();
    BenchCalibration.print(
        new PrintWriter(out), List.of(fork(10_000, 15_000), fork(10_300, 15_500)), slowness);
    assertTrue(
        out.toString().contains("the machine ran at one speed in every fork"), out.toString());
  }

  @Test
  void compare_says_when_the_machine_moved_between_the_runs_or_within_one() {
    BenchCompare.Run a = run(fork(10_000, 15_000), fork(10_100, 15_100), fork(10_050, 15_000));
    BenchCompare.Run same = run(fork(10_300, 15_200), fork(10_100, 15_300), fork(10_000, 15_000));
    BenchCompare.Run slower = run(fork(16_000, 24_000), fork(16_100, 24_000), fork(15_900, 24_100));
    BenchCompare.Run oneSlowFork =
        run(fork(10_000, 15_000), fork(16_000, 24_000), fork(10_100, 15_000));

    String steady = BenchCompare.machine(a, same);
    assertTrue(steady.contains("the machine ran at one speed in both runs"), steady);
    String moved = BenchCompare.machine(a, slower);
    assertTrue(moved.contains("the machine itself moved; between the runs"), moved);
    assertTrue(moved.contains("arithmetic A 10050, B 16000 (59%)"), moved);
    String fork = BenchCompare.machine(a, oneSlowFork);
    assertTrue(fork.contains("slower forks in B: [2]"), fork);
    assertFalse(fork.contains("between the runs"), fork);

    // runs written before calibrations existed: said, and the verdict unchanged
    BenchCompare.Run old = BenchCompare.run(3, "", "", List.of(ps(200, 200, 200)));
    assertTrue(BenchCompare.machine(a, old).contains("not in B"));
    StringWriter out = new StringWriter();
    assertEquals(0, BenchCompare.compare(a, slower, "A.json", "B.json", new PrintWriter(out)));
    assertTrue(out.toString().contains("the machine itself moved"), out.toString());
  }

  /** A fork calibrated before and after the figure "ps" at the given speeds. */
  private static BenchCalibration.Fork around(double arithmetic, double memory) {
    return BenchCalibration.Fork.of(
        List.of(
            new BenchCalibration.Sample("before", 10_000, 15_000),
            new BenchCalibration.Sample("after ps", arithmetic, memory)));
  }

  /** A run of three forks measuring {@code figure}, the machine at about the given speeds. */
  private static BenchCompare.Run placedRun(
      BenchForks.Summary figure, double arithmetic, double memory) {
    return BenchCompare.run(
        3,
        "",
        "",
        List.of(figure),
        List.of(
            around(arithmetic, memory),
            around(arithmetic * 1.01, memory),
            around(arithmetic, memory * 1.005)));
  }

  @Test
  void a_figure_that_disagrees_says_whether_the_machine_moved_right_after_it() {
    BenchForks.Summary fast = ps(200, 200, 200);
    BenchForks.Summary slow = ps(320, 320, 320);
    BenchCompare.Run a = placedRun(fast, 10_000, 15_000);
    BenchCompare.Run weather = placedRun(slow, 16_000, 24_000);
    BenchCompare.Run code = placedRun(slow, 10_000, 15_000);
    StringWriter out = new StringWriter();
    BenchCompare.compare(a, weather, "A.json", "B.json", new PrintWriter(out));
    assertTrue(
        out.toString()
            .contains(
                "the machine right after it: arithmetic A 10000, B 16000; memory A 15000, B 24000 µs: moved 60%, the machine's weather"),
        out.toString());
    out = new StringWriter();
    BenchCompare.compare(a, code, "A.json", "B.json", new PrintWriter(out));
    assertTrue(out.toString().contains("the same machine, ddlab's"), out.toString());
    // a run written without the samples' places says nothing of it
    BenchCompare.Run unplaced =
        run(fork(16_000, 24_000), fork(16_000, 24_000), fork(16_000, 24_000));
    assertEquals("", BenchCompare.machineNear(a, unplaced, BenchCompare.rows(a, unplaced).get(0)));
  }

  @Test
  void calibrations_go_into_the_json_and_come_back(@TempDir Path dir) throws Exception {
    BenchCompare.Run a = run(fork(10_000, 15_000), fork(16_000, 24_000));
    Path file = dir.resolve("a.json");
    BenchCompare.write(a, file);
    BenchCompare.Run back = BenchCompare.read(file);
    assertEquals(2, back.calibration().size());
    assertEquals(16_000, back.calibration().get(1).arithmeticMedian(), 1e-9);
    assertEquals(BenchCompare.machine(a, a), BenchCompare.machine(back, back));
    BenchCompare.Run placed =
        BenchCompare.run(1, "", "", List.of(), List.of(around(16_000, 24_000)));
    BenchCompare.write(placed, file);
    assertEquals(16_000, BenchCompare.read(file).calibration().get(0).after("ps")[0], 1e-9);
  }
}

package dev.ddlab.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A fork measures its figures' rounds interleaved: every figure warmed up first, then round r of
 * every figure before round r + 1 of any, so that a slow spell of the machine takes a round of many
 * figures rather than every round of one (docs/design/containers.md).
 */
class BenchScheduleTest {
  /** A figure that records what was asked of it, in one log shared by all. */
  private record Recorder(String name, List<String> log) implements BenchSchedule.Subject {
    @Override
    public void warm() {
      log.add("warm " + name);
    }

    @Override
    public void settle() {
      log.add("settle " + name);
    }

    @Override
    public void round() {
      log.add("round " + name);
    }
  }

  @Test
  void every_figure_is_warmed_up_before_any_is_measured_and_rounds_interleave() {
    List<String> log = new ArrayList<>();
    List<Recorder> figures =
        List.of(new Recorder("a", log), new Recorder("b", log), new Recorder("c", log));
    BenchSchedule.interleave(
        figures,
        3,
        () -> {
          log.add("settle");
          BenchSchedule.settlePass(figures).run();
        },
        pass -> log.add("after pass " + pass));
    assertEquals(
        List.of(
            "warm a",
            "warm b",
            "warm c",
            "settle",
            "settle a",
            "settle b",
            "settle c",
            "round a",
            "round b",
            "round c",
            "after pass 0",
            "round a",
            "round b",
            "round c",
            "after pass 1",
            "round a",
            "round b",
            "round c",
            "after pass 2"),
        log);
  }

  /**
   * Through the bench itself: two cheap figures of a small node, each given all its rounds and
   * handed on in the suite's order, the rounds taken in passes (the pass hook sees each pass once,
   * after both figures' rounds).
   */
  @Test
  void the_suite_takes_every_figure_s_rounds_in_passes() throws InterruptedException {
    List<String> measured = new ArrayList<>();
    List<Integer> passes = new ArrayList<>();
    SimBench bench =
        new SimBench(
            new SimBench.Options(
                10,
                1,
                3,
                0,
                0,
                Pattern.compile("docker images|docker inspect lg with 3 containers")));
    bench.run(f -> measured.add(f.name()), passes::add);
    assertEquals(
        List.of("docker images with 3 containers", "docker inspect lg with 3 containers"),
        measured);
    List<Integer> expected = new ArrayList<>();
    for (int r = 0; r < SimBench.MEASURED_ROUNDS; r++) {
      expected.add(r);
    }
    assertEquals(expected, passes);
  }

  @Test
  void a_figure_s_median_needs_all_its_rounds() {
    SimBench.Rounds rounds = new SimBench.Rounds(null, 2, 0, 0, () -> {}, () -> {});
    rounds.warm();
    rounds.round();
    org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, rounds::steady);
    for (int r = 1; r < SimBench.MEASURED_ROUNDS; r++) {
      rounds.round();
    }
    rounds.steady();
  }
}

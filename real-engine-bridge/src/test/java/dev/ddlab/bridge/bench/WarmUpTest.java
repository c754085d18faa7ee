package dev.ddlab.bridge.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The warm-up's end, on a fake clock and a fake JIT counter: no wall time is measured here. */
class WarmUpTest {
  /** Each round takes 100 ms of the fake clock; the JIT compiles 50 ms per round until a round. */
  private static final class Fake {
    long nanos;
    long jitMillis;
    int rounds;
    final int compilesUntil;

    Fake(int compilesUntil) {
      this.compilesUntil = compilesUntil;
    }

    void round() {
      rounds++;
      nanos += 100_000_000L;
      if (rounds <= compilesUntil) {
        jitMillis += 50;
      }
    }

    WarmUp.Result warmUp(int minRounds, double minSeconds, double maxSeconds) {
      return WarmUp.run(
          this::round, minRounds, minSeconds, maxSeconds, () -> nanos, () -> jitMillis);
    }
  }

  @Test
  void the_warm_up_goes_on_past_its_minimum_while_the_jit_compiles_and_ends_once_it_is_quiet() {
    Fake f = new Fake(100);
    WarmUp.Result r = f.warmUp(3, 3.0, 60);
    assertTrue(r.settled());
    // the JIT compiled in rounds 1–100; the quiet windows are rounds 101–105 and 106–110
    assertEquals(110, f.rounds);
    assertEquals(11.0, r.seconds(), 1e-9);
  }

  @Test
  void a_jit_quiet_from_the_start_ends_the_warm_up_at_its_minimum_time_and_rounds() {
    Fake f = new Fake(0);
    assertTrue(f.warmUp(3, 3.0, 60).settled());
    assertEquals(30, f.rounds, "3 s of minimum, whose last half-second was quiet");
    Fake few = new Fake(0);
    few.warmUp(40, 0, 60);
    assertEquals(40, few.rounds, "at least the minimum rounds however short the time");
  }

  @Test
  void a_jit_that_never_settles_ends_the_warm_up_at_its_maximum_and_says_so() {
    Fake f = new Fake(Integer.MAX_VALUE);
    WarmUp.Result r = f.warmUp(3, 3.0, 20);
    assertFalse(r.settled());
    assertEquals(20.0, r.seconds(), 1e-9);
  }

  /**
   * Warms up with rounds of 100 ms of a fake clock, the JIT compiling {@code compileMillis} of the
   * round's number in each, from the first round on; asserts it settled and returns the rounds run.
   */
  private static int roundsUntilSettled(java.util.function.IntUnaryOperator compileMillis) {
    long[] jit = {0};
    long[] nanos = {0};
    int[] rounds = {0};
    WarmUp.Result r =
        WarmUp.run(
            () -> {
              rounds[0]++;
              nanos[0] += 100_000_000L;
              jit[0] += compileMillis.applyAsInt(rounds[0]);
            },
            1,
            0,
            60,
            () -> nanos[0],
            () -> jit[0]);
    assertTrue(r.settled());
    return rounds[0];
  }

  @Test
  void a_little_compiling_under_one_percent_of_the_window_counts_as_quiet() {
    // 4 ms of compiling in a 500 ms window is 0.8%: quiet; 6 ms would not be
    assertEquals(10, roundsUntilSettled(r -> r % 5 == 0 ? 4 : 0), "two quiet windows of 5 rounds");
  }

  @Test
  void one_quiet_window_between_bursts_of_compiling_does_not_end_the_warm_up() {
    // the JIT compiles in every other window of 5 rounds until round 45: windows 6–10, 16–20,
    // 26–30 and 36–40 were quiet alone; 46–50 and 51–55 together
    assertEquals(55, roundsUntilSettled(r -> r <= 45 && (r - 1) / 5 % 2 == 0 ? 20 : 0));
  }
}

package dev.ddlab.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The measured rounds are sized from the warm-up's last half-second of rounds, not from one round
 * of a few operations (which, without a collection in it, sized 0.4 s rounds that took 1–2 s).
 */
class SimBenchRoundClockTest {
  @Test
  void no_estimate_before_a_whole_span_of_rounds() {
    SimBench.RoundClock c = new SimBench.RoundClock();
    c.add(18, 2.0); // one round of a cheap listing figure: 36 µs
    assertTrue(Double.isNaN(c.microsPerOp()));
  }

  @Test
  void the_estimate_is_the_last_complete_span_with_its_slow_rounds() {
    SimBench.RoundClock c = new SimBench.RoundClock();
    // rounds of 18 operations at 2 µs, one in ten held up by a collection (18 × 100 µs)
    for (int r = 1; r <= 10_000; r++) {
      c.add(18, r % 10 == 0 ? 100.0 : 2.0);
    }
    assertEquals(11.8, c.microsPerOp(), 0.5);
    // later, faster spans replace it (the first of them still holds the rest of the slow rounds)
    for (int r = 0; r < 40_000; r++) {
      c.add(18, 2.0);
    }
    assertEquals(2.0, c.microsPerOp(), 1e-9);
  }
}

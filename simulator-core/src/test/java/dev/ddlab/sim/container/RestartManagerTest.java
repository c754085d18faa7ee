package dev.ddlab.sim.container;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ddlab.engine.dto.RestartPolicy;
import org.junit.jupiter.api.Test;

class RestartManagerTest {
  private static final long SHORT = 1_000_000_000L;

  @Test
  void delay_starts_at_100ms_doubles_and_caps_at_one_minute() {
    RestartManager rm = new RestartManager(new RestartPolicy("always", 0), 0);
    long[] expected = {100, 200, 400, 800, 1600, 3200, 6400, 12800, 25600, 51200, 60000, 60000};
    for (long ms : expected) {
      assertEquals(ms * 1_000_000L, rm.shouldRestart(1, false, SHORT));
    }
  }

  @Test
  void a_run_of_ten_seconds_resets_the_delay() {
    RestartManager rm = new RestartManager(new RestartPolicy("always", 0), 0);
    rm.shouldRestart(1, false, SHORT);
    rm.shouldRestart(1, false, SHORT);
    assertEquals(100_000_000L, rm.shouldRestart(1, false, 10 * SHORT));
  }

  @Test
  void on_failure_restarts_only_non_zero_exits_up_to_the_retry_count() {
    RestartManager rm = new RestartManager(new RestartPolicy("on-failure", 2), 0);
    assertEquals(-1, rm.shouldRestart(0, false, SHORT));
    RestartManager counting = new RestartManager(new RestartPolicy("on-failure", 2), 0);
    assertEquals(100_000_000L, counting.shouldRestart(1, false, SHORT));
    assertEquals(200_000_000L, counting.shouldRestart(1, false, SHORT));
    assertEquals(-1, counting.shouldRestart(1, false, SHORT));
  }

  @Test
  void unless_stopped_does_not_restart_after_a_manual_stop_but_always_does() {
    assertEquals(
        -1,
        new RestartManager(new RestartPolicy("unless-stopped", 0), 0)
            .shouldRestart(137, true, SHORT));
    assertEquals(
        100_000_000L,
        new RestartManager(new RestartPolicy("always", 0), 0).shouldRestart(137, true, SHORT));
    assertEquals(
        -1, new RestartManager(new RestartPolicy("no", 0), 0).shouldRestart(1, false, SHORT));
  }

  @Test
  void a_cancelled_manager_never_restarts() {
    RestartManager rm = new RestartManager(new RestartPolicy("always", 0), 0);
    rm.cancel();
    assertEquals(-1, rm.shouldRestart(1, false, SHORT));
  }
}

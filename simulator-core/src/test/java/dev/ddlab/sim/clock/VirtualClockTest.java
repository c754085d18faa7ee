package dev.ddlab.sim.clock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class VirtualClockTest {
  @Test
  void timersFireInDueOrderThenScheduleOrderSeeingTheirDueTime() {
    VirtualClock clock = new VirtualClock(0);
    List<String> fired = new ArrayList<>();
    clock.schedule(Duration.ofSeconds(2), () -> fired.add("b@" + clock.nowNanos()));
    clock.schedule(Duration.ofSeconds(1), () -> fired.add("a@" + clock.nowNanos()));
    clock.schedule(Duration.ofSeconds(2), () -> fired.add("c@" + clock.nowNanos()));
    clock.advance(Duration.ofSeconds(5));
    assertEquals(List.of("a@1000000000", "b@2000000000", "c@2000000000"), fired);
    assertEquals(5_000_000_000L, clock.nowNanos());
  }

  @Test
  void cancelledTimersNeverFireAndStopCountingAsPending() {
    VirtualClock clock = new VirtualClock(0);
    List<Integer> fired = new ArrayList<>();
    List<VirtualClock.Timer> timers = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      int n = i;
      timers.add(clock.schedule(Duration.ofDays(1), () -> fired.add(n)));
    }
    for (int i = 0; i < 1000; i++) {
      if (i != 500) {
        timers.get(i).cancel();
      }
    }
    timers.get(3).cancel(); // twice: no effect
    assertEquals(1, clock.pendingTimers());
    assertTrue(clock.queued() < 100, "cancelled timers are dropped from the queue, not kept");
    assertFalse(timers.get(0).isPending());
    assertTrue(timers.get(500).isPending());
    assertEquals(Duration.ofDays(1).toNanos(), clock.nextDueNanos());
    clock.advance(Duration.ofDays(2));
    assertEquals(List.of(500), fired);
    assertEquals(0, clock.pendingTimers());
  }

  @Test
  void aTimerCancelledByAnotherDueAtTheSameTimeDoesNotFire() {
    VirtualClock clock = new VirtualClock(0);
    List<String> fired = new ArrayList<>();
    VirtualClock.Timer[] second = new VirtualClock.Timer[1];
    clock.schedule(
        Duration.ofSeconds(1),
        () -> {
          fired.add("first");
          second[0].cancel();
        });
    second[0] = clock.schedule(Duration.ofSeconds(1), () -> fired.add("second"));
    clock.advance(Duration.ofSeconds(1));
    assertEquals(List.of("first"), fired);
    assertEquals(0, clock.pendingTimers());
  }
}

package dev.ddlab.sim.clock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class VirtualClockTest {
  @Test
  void everyFiredTimerIsChargedItsDeclaredCostAndAdvanceUntilStopsOnceTheBudgetIsSpent() {
    VirtualClock clock = new VirtualClock(0);
    clock.scheduleUpkeep(Duration.ofMillis(1), () -> {});
    clock.schedule(Duration.ofMillis(2), () -> {});
    clock.scheduleCpu(Duration.ofMillis(3), () -> {});
    clock.schedule(Duration.ofMillis(4), VirtualClock.Cost.PROBE, () -> {});
    clock.schedule(Duration.ofMillis(5), VirtualClock.Cost.START, () -> {});
    clock.advance(Duration.ofMillis(5));
    assertEquals(1 + 5 + 5 + 50 + 400, clock.spent());
    Runnable[] tick = new Runnable[1];
    tick[0] = () -> clock.scheduleUpkeep(Duration.ofMillis(1), tick[0]);
    clock.scheduleUpkeep(Duration.ofMillis(1), tick[0]);
    clock.budget(100);
    long t0 = clock.nowNanos();
    assertFalse(clock.advanceUntil(() -> false, Duration.ofHours(1)), "nothing is ever done");
    assertEquals(101, clock.spentInBudget(), "stopped once over its budget");
    assertTrue(clock.overBudget());
    assertEquals(101_000_000L, clock.nowNanos() - t0, "time stays where the last timer left it");
    clock.unbudgeted();
    assertFalse(clock.advanceUntil(() -> false, Duration.ofMillis(50)));
    assertEquals(t0 + 151_000_000L, clock.nowNanos(), "no budget: the whole wait");
  }

  @Test
  void cpuStepsBeyondTheSliceWaitOffTheQueueUntilResumedAndCancelledOnesNeverRun() {
    VirtualClock clock = new VirtualClock(0);
    clock.cpuSlice(2);
    List<String> fired = new ArrayList<>();
    Runnable[] spin = new Runnable[1];
    spin[0] =
        () -> {
          fired.add("spin@" + clock.nowNanos() / 1_000_000);
          clock.scheduleCpu(Duration.ofMillis(10), spin[0]);
        };
    clock.scheduleCpu(Duration.ofMillis(10), spin[0]);
    clock.advance(Duration.ofSeconds(10));
    assertEquals(List.of("spin@10", "spin@20"), fired);
    assertTrue(clock.cpuParked());
    VirtualClock.Timer other = clock.scheduleCpu(Duration.ofMillis(5), () -> fired.add("other"));
    assertTrue(other.isPending());
    assertTrue(other.isParked(), "the slice was spent when it was scheduled");
    other.cancel();
    assertFalse(other.isParked());
    clock.resumeCpu(); // at 10 s: the parked step is due 10 ms of CPU later
    clock.advance(Duration.ofSeconds(1));
    assertEquals(List.of("spin@10", "spin@20", "spin@10010", "spin@10020"), fired);
    clock.cpuSlice(-1); // off: what waits runs, and nothing waits any more
    clock.advance(Duration.ofMillis(30));
    assertEquals(7, fired.size());
    assertFalse(clock.cpuParked());
  }

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

  @Test
  void zeroDelayTimersFireAfterEarlierScheduledOnesDueNowAndInTheirOwnOrder() {
    VirtualClock clock = new VirtualClock(0);
    List<String> fired = new ArrayList<>();
    clock.schedule(
        Duration.ofSeconds(1),
        () -> {
          fired.add("a");
          clock.schedule(Duration.ZERO, () -> fired.add("c (zero delay, from a)"));
          clock.schedule(Duration.ofSeconds(-1), () -> fired.add("d (negative delay, from a)"));
        });
    clock.schedule(Duration.ofSeconds(1), () -> fired.add("b (due with a, scheduled before c)"));
    clock.schedule(Duration.ZERO, () -> fired.add("first (zero delay at 0)"));
    clock.advance(Duration.ofSeconds(1));
    assertEquals(
        List.of(
            "first (zero delay at 0)",
            "a",
            "b (due with a, scheduled before c)",
            "c (zero delay, from a)",
            "d (negative delay, from a)"),
        fired);
  }

  /**
   * Seeded schedules of timers that schedule more (a third with no delay) and cancel others fire in
   * the order of a plain sorted map by due time and scheduling order.
   */
  @Test
  void timersFireInTheOrderOfASortedMapByDueTimeThenSequence() {
    for (long seed = 0; seed < 200; seed++) {
      assertEquals(reference(seed), withClock(seed), "seed " + seed);
    }
  }

  private static final long[] DELAYS = {0, 0, 0, 1, 2, 5};

  private static List<Integer> withClock(long seed) {
    Random r = new Random(seed);
    VirtualClock clock = new VirtualClock(0);
    List<Integer> fired = new ArrayList<>();
    List<VirtualClock.Timer> timers = new ArrayList<>();
    class Step implements Runnable {
      final int id;

      Step(int id) {
        this.id = id;
      }

      @Override
      public void run() {
        fired.add(id);
        for (int k = r.nextInt(3); k > 0 && timers.size() < 400; k--) {
          long d = DELAYS[r.nextInt(DELAYS.length)];
          timers.add(clock.schedule(Duration.ofNanos(d), new Step(timers.size())));
        }
        if (r.nextInt(4) == 0) {
          timers.get(r.nextInt(timers.size())).cancel();
        }
      }
    }
    for (int i = 0; i < 3; i++) {
      timers.add(clock.schedule(Duration.ofNanos(DELAYS[i * 2]), new Step(timers.size())));
    }
    clock.advance(Duration.ofSeconds(1));
    return fired;
  }

  /** {@link #withClock} with a sorted map for the clock. */
  private static List<Integer> reference(long seed) {
    Random r = new Random(seed);
    TreeMap<long[], Integer> pending =
        new TreeMap<>((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
    List<long[]> keys = new ArrayList<>();
    List<Integer> fired = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      long[] key = {DELAYS[i * 2], keys.size()};
      pending.put(key, keys.size());
      keys.add(key);
    }
    while (!pending.isEmpty()) {
      var next = pending.pollFirstEntry();
      long now = next.getKey()[0];
      fired.add(next.getValue());
      for (int k = r.nextInt(3); k > 0 && keys.size() < 400; k--) {
        long[] key = {now + DELAYS[r.nextInt(DELAYS.length)], keys.size()};
        pending.put(key, keys.size());
        keys.add(key);
      }
      if (r.nextInt(4) == 0) {
        pending.remove(keys.get(r.nextInt(keys.size())));
      }
    }
    return fired;
  }
}

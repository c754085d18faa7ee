package dev.ddlab.sim.swarm.raft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The safety sweep: a thousand seeds, each a different schedule of crashes, restarts, partitions,
 * loss and reordering with clients submitting throughout ({@link RaftChurn}), three and five
 * members in turn. Set {@code -Dddlab.raft.sweep=N} for more or fewer.
 */
class RaftChurnSeedsTest {
  @Test
  void a_thousand_fault_schedules_keep_every_invariant_and_every_acknowledged_command() {
    int seeds = Integer.getInteger("ddlab.raft.sweep", 1000);
    long terms = 0;
    long commands = 0;
    for (long seed = 1; seed <= seeds; seed++) {
      try {
        RaftHarness h = RaftChurn.run(seed, seed % 2 == 0 ? 3 : 5, Duration.ofSeconds(120), true);
        terms += h.leaders.size();
        commands += h.committed.size();
      } catch (AssertionError e) {
        throw new AssertionError("seed " + seed + ": " + e.getMessage(), e);
      }
    }
    // The schedules must be harsh enough to matter: leaders change and commands commit in each.
    assertTrue(terms >= 2L * seeds, "too few leader changes: " + terms + " over " + seeds);
    assertTrue(commands >= 10L * seeds, "too few commits: " + commands + " over " + seeds);
  }

  @Test
  void the_same_seed_gives_the_same_run() {
    RaftHarness a = RaftChurn.run(42, 5, Duration.ofSeconds(60), true);
    RaftHarness b = RaftChurn.run(42, 5, Duration.ofSeconds(60), true);
    assertTrue(a.trace.size() > 5, "too little happened: " + a.trace);
    assertEquals(a.trace, b.trace);
    assertEquals(a.committed, b.committed);
    assertEquals(a.steps(), b.steps());
  }

  @Test
  void the_invariant_checks_catch_two_commands_applied_at_one_index() {
    RaftHarness h = new RaftHarness(3, 7);
    h.appliers[0].runOperation(1, "a");
    AssertionError e = assertThrows(AssertionError.class, () -> h.appliers[1].runOperation(1, "b"));
    assertTrue(e.getMessage().contains("index 1"));
    assertThrows(AssertionError.class, () -> h.appliers[0].runOperation(1, "a"));
  }
}

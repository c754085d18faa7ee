package dev.ddlab.sim.swarm.raft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ddlab.sim.clock.SeededRandom;
import io.microraft.Ordered;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A schedule of faults and client requests drawn from a seed (6.5840's churn tests, and the
 * property-based schedules jqwik would generate): members crash and restart from their files, are
 * cut off and come back, the network turns lossy and reorders, clients submit to whoever they think
 * leads. The harness checks the invariants after every instant; at the end everything heals and a
 * last command must be applied by all, and every command a leader acknowledged as committed must be
 * in every member's log at its index.
 */
final class RaftChurn {
  private RaftChurn() {}

  /** Runs one schedule; returns the harness for further checks. */
  static RaftHarness run(long seed, int n, Duration length, boolean unreliableAllowed) {
    RaftHarness h = new RaftHarness(n, seed, 40);
    SeededRandom r = new SeededRandom(seed).fork("churn");
    Map<String, CompletableFuture<Ordered<Object>>> submitted = new LinkedHashMap<>();
    long end = h.clock.nowNanos() + length.toNanos();
    int cmd = 0;
    while (h.clock.nowNanos() < end) {
      int action = r.nextInt(100);
      int i = r.nextInt(n);
      if (action < 45) {
        int target = h.leader() >= 0 && r.nextInt(4) > 0 ? h.leader() : i;
        if (h.alive(target)) {
          for (int k = r.nextInt(1, 4); k > 0; k--) {
            String c = "c" + cmd++;
            submitted.put(c, h.submit(target, c));
          }
        }
      } else if (action < 57) {
        if (h.alive(i)) {
          h.crash(i);
        }
      } else if (action < 72) {
        if (!h.alive(i)) {
          h.restart(i);
        }
      } else if (action < 82) {
        h.disconnect(i);
      } else if (action < 95) {
        h.connect(i);
      } else if (unreliableAllowed) {
        h.unreliable(r.nextInt(2) == 0);
      }
      h.run(Duration.ofMillis(r.nextInt(100, 4_000)));
    }
    h.unreliable(false);
    for (int i = 0; i < n; i++) {
      if (!h.alive(i)) {
        h.restart(i);
      }
      h.connect(i);
    }
    assertTrue(h.one("final", n, Duration.ofSeconds(120)) > 0, "no agreement after healing");
    for (Map.Entry<String, CompletableFuture<Ordered<Object>>> e : submitted.entrySet()) {
      CompletableFuture<Ordered<Object>> f = e.getValue();
      if (f.isDone() && !f.isCompletedExceptionally()) {
        long idx = f.join().getCommitIndex();
        assertEquals(e.getKey(), h.committed.get(idx), "acknowledged command lost");
      }
    }
    return h;
  }
}

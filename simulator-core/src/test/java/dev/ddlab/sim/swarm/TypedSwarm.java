package dev.ddlab.sim.swarm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ddlab.session.SimSession;
import dev.ddlab.session.TranscriptEntry;

/** Typing into a swarm session for the data plane's tests: commands that must succeed, a swarm. */
final class TypedSwarm {
  private TypedSwarm() {}

  /** Types {@code line} on {@code node}; it must exit 0. Its output. */
  static String ok(SimSession s, String node, String line) {
    TranscriptEntry e = s.type(node, line);
    assertEquals(0, e.exitCode(), node + "$ " + line + "\n" + e.output());
    return e.output();
  }

  /**
   * A session of {@code template} where mgr1 (10.0.0.1) made a swarm and {@code workers} joined.
   */
  static SimSession swarm(String template, long seed, String... workers) {
    return swarmAt(template, seed, "mgr1", "10.0.0.1", workers);
  }

  /**
   * A session of {@code template} where {@code manager} made a swarm advertising {@code address}
   * and {@code workers} joined it there.
   */
  static SimSession swarmAt(
      String template, long seed, String manager, String address, String... workers) {
    SimSession s = SimSession.open(template, seed);
    ok(s, manager, "docker swarm init --advertise-addr " + address);
    for (String w : workers) {
      ok(
          s,
          w,
          "docker swarm join --token $(ssh "
              + manager
              + " docker swarm join-token -q worker) "
              + address
              + ":2377");
    }
    return s;
  }
}

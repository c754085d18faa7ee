package dev.ddlab.sim.swarm;

import static dev.ddlab.sim.swarm.TypedSwarm.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ddlab.session.SimSession;
import dev.ddlab.session.TranscriptEntry;
import org.junit.jupiter.api.Test;

/**
 * A standalone container may not join a swarm network made without {@code --attachable}: dockerd
 * asks the manager to attach it and prints the refusal, on a node where the network is not made as
 * on one where a task uses it.
 */
class OverlayAttachTest {
  @Test
  void docker_run_on_an_overlay_that_is_not_attachable_is_refused_by_the_manager() {
    try (SimSession s = TypedSwarm.swarm("swarm-1m1w", 4, "wrk1")) {
      ok(s, "mgr1", "docker network create -d overlay uber-net");
      ok(
          s,
          "mgr1",
          "docker service create --name web --network uber-net --replicas 2 alpine sleep 1d");
      String refusal =
          "docker: Error response from daemon: Could not attach to network uber-net: rpc error:"
              + " code = PermissionDenied desc = network uber-net not manually attachable.";
      for (String node : new String[] {"mgr1", "wrk1"}) {
        TranscriptEntry e = s.type(node, "docker run -d --network uber-net alpine sleep 1d");
        assertEquals(125, e.exitCode(), node + "\n" + e.output());
        assertTrue(e.output().contains(refusal), node + "\n" + e.output());
      }
      ok(s, "mgr1", "docker network create -d overlay other-net");
      TranscriptEntry e = s.type("wrk1", "docker run -d --network other-net alpine sleep 1d");
      assertEquals(125, e.exitCode(), e.output());
      assertTrue(e.output().contains("network other-net not manually attachable."), e.output());
    }
  }
}

package dev.ddlab.sim.swarm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ddlab.session.SimSession;
import dev.ddlab.session.TranscriptEntry;
import org.junit.jupiter.api.Test;

class SwarmBadImageTest {
  @Test
  void a_service_whose_image_cannot_be_pulled_waits_until_ctrl_c_and_retries_five_seconds_apart() {
    try (SimSession s = SimSession.open("swarm-1m1w", 3)) {
      s.type("mgr1", "docker swarm init");
      TranscriptEntry e =
          s.type("mgr1", "docker service create --name bad --replicas 2 nosuchimage");
      assertTrue(e.output().contains("overall progress: 0 out of 2 tasks"), e.output());
      // docker/cli waits as long as it takes (ServiceProgressStreamTest): Ctrl-C, then 0
      assertTrue(s.isAttached("mgr1"));
      assertTrue(s.interrupt("mgr1").output().startsWith("Operation continuing in background."));
      assertEquals("0\n", s.type("mgr1", "echo $?").output());
      TranscriptEntry ps = s.type("mgr1", "docker service ps bad");
      // a new task per slot every 5 s at most, history trimmed to 5 per slot
      assertTrue(ps.output().split("\n").length <= 1 + 2 * 5, ps.output());
      assertTrue(ps.output().contains("Rejected"), ps.output());
    }
  }
}

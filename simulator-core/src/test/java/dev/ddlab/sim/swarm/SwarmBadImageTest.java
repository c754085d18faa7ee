package dev.ddlab.sim.swarm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ddlab.session.SimSession;
import dev.ddlab.session.TranscriptEntry;
import org.junit.jupiter.api.Test;

class SwarmBadImageTest {
  @Test
  void
      a_service_whose_image_cannot_be_pulled_gives_up_waiting_and_retries_tasks_five_seconds_apart() {
    try (SimSession s = SimSession.open("swarm-1m1w", 3)) {
      s.type("mgr1", "docker swarm init");
      TranscriptEntry e =
          s.type("mgr1", "docker service create --name bad --replicas 2 nosuchimage");
      assertEquals(1, e.exitCode(), e.output());
      assertTrue(e.output().contains("overall progress: 0 out of 2 tasks"), e.output());
      TranscriptEntry ps = s.type("mgr1", "docker service ps bad");
      // 60 s of waiting, a new task per slot every 5 s at most, history trimmed to 5 per slot
      assertTrue(ps.output().split("\n").length <= 1 + 2 * 5, ps.output());
      assertTrue(ps.output().contains("Rejected"), ps.output());
    }
  }
}

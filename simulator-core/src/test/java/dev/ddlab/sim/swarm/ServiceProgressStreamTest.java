package dev.ddlab.sim.swarm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ddlab.engine.dto.swarm.ReplicatedService;
import dev.ddlab.engine.dto.swarm.Service;
import dev.ddlab.engine.dto.swarm.ServiceMode;
import dev.ddlab.engine.dto.swarm.ServiceSpec;
import dev.ddlab.engine.dto.swarm.ServiceUpdateOptions;
import dev.ddlab.session.SimSession;
import dev.ddlab.session.TranscriptEntry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * {@code docker service create} (update, scale, rollback) waits as docker/cli's ServiceProgress
 * does, as long as it takes: a service that does not converge within the CLI's wait becomes the
 * terminal's foreground stream, which ends when it converges, or at Ctrl-C with docker/cli's words
 * and status 0, the service left as it is. Before, it gave up after a minute of engine time with
 * {@code operation not converged in time} (1).
 */
class ServiceProgressStreamTest {
  private static final String NOWHERE =
      "docker service create --name web --constraint node.hostname==nosuch alpine sleep 1d";

  @Test
  void a_service_that_cannot_converge_waits_until_ctrl_c_with_docker_clis_words() {
    try (SimSession s = TypedSwarm.swarm("swarm-1m1w", 5, "wrk1")) {
      TranscriptEntry create = s.type("mgr1", NOWHERE);
      String id = create.output().lines().findFirst().orElseThrow();
      assertEquals(id + "\noverall progress: 0 out of 1 tasks \n", create.output());
      assertTrue(s.isAttached("mgr1"));
      s.advance(Duration.ofMinutes(10));
      assertTrue(s.isAttached("mgr1"), "still waiting after ten minutes");
      TranscriptEntry c = s.interrupt("mgr1");
      assertEquals(
          "Operation continuing in background.\nUse `docker service ps "
              + id
              + "` to check progress.\n",
          c.output());
      assertFalse(s.isAttached("mgr1"));
      assertEquals("0\n", TypedSwarm.ok(s, "mgr1", "echo $?"));
      assertEquals("web\n", TypedSwarm.ok(s, "mgr1", "docker service ls --format '{{.Name}}'"));
    }
  }

  @Test
  void the_stream_ends_with_the_converged_display_when_the_service_converges() {
    try (SimSession s = TypedSwarm.swarm("swarm-1m1w", 5, "wrk1")) {
      s.type("mgr1", NOWHERE);
      assertTrue(s.isAttached("mgr1"));
      // another client scales it to nothing: the service converges (0 out of 0)
      var engine = s.host("mgr1").engine();
      Service web = engine.services().inspect("web", false);
      ServiceSpec sp = web.spec();
      engine
          .services()
          .update(
              web.id(),
              new ServiceSpec(
                  sp.name(),
                  sp.labels(),
                  sp.taskTemplate(),
                  new ServiceMode(new ReplicatedService(0L), null),
                  sp.updateConfig(),
                  sp.rollbackConfig(),
                  sp.endpointSpec()),
              new ServiceUpdateOptions(web.version().index(), null, null));
      s.advance(Duration.ofSeconds(2));
      // without a ticker the terminal takes the ended stream's last output at the next key
      String shown = s.type("mgr1", "").output();
      assertEquals("overall progress: 0 out of 0 tasks \nverify: Service converged \n", shown);
      assertFalse(s.isAttached("mgr1"));
      assertEquals("0\n", TypedSwarm.ok(s, "mgr1", "echo $?"));
    }
  }

  @Test
  void quiet_prints_nothing_at_ctrl_c() {
    try (SimSession s = TypedSwarm.swarm("swarm-1m1w", 5, "wrk1")) {
      TranscriptEntry create = s.type("mgr1", NOWHERE.replace("create", "create -q"));
      assertEquals(1, create.output().lines().count(), create.output());
      assertTrue(s.isAttached("mgr1"));
      assertEquals("", s.interrupt("mgr1").output());
    }
  }
}

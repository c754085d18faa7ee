package dev.ddlab.sim.swarm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ddlab.session.SimSession;
import org.junit.jupiter.api.Test;

/**
 * A service's UpdateStatus as swarmkit's updater keeps it (checked against the private dockerd
 * 20.10 on a one-node swarm: "updating"/"update in progress" still 18 s into a 20 s update delay
 * after the only task was replaced).
 */
class ServiceUpdateStatusTest {
  static final String STATUS =
      "docker service inspect -f '{{if .UpdateStatus}}{{.UpdateStatus.State}}|{{.UpdateStatus.Message}}|"
          + "{{if .UpdateStatus.CompletedAt}}done{{end}}{{else}}none{{end}}' web";

  @Test
  void an_update_is_updating_until_the_delay_after_its_last_batch_then_completed() {
    try (SimSession s = TypedSwarm.swarm("swarm-1m1w", 5, "wrk1")) {
      TypedSwarm.ok(
          s,
          "mgr1",
          "docker service create --name web --replicas 2 --update-delay 10s alpine sleep 1d");
      assertEquals("none\n", TypedSwarm.ok(s, "mgr1", STATUS));
      TypedSwarm.ok(s, "mgr1", "docker service update --image busybox web");
      assertEquals("updating|update in progress|\n", TypedSwarm.ok(s, "mgr1", STATUS));
      TypedSwarm.ok(s, "mgr1", "sleep 11");
      assertEquals("completed|update completed|done\n", TypedSwarm.ok(s, "mgr1", STATUS));
      // a new spec clears it; scaling replaces no task, so no update starts
      TypedSwarm.ok(s, "mgr1", "docker service scale web=3");
      TypedSwarm.ok(s, "mgr1", "sleep 11");
      assertEquals("none\n", TypedSwarm.ok(s, "mgr1", STATUS));
    }
  }

  @Test
  void a_manual_rollback_starts_as_requested_and_ends_rollback_completed() {
    try (SimSession s = TypedSwarm.swarm("swarm-1m1w", 5, "wrk1")) {
      TypedSwarm.ok(s, "mgr1", "docker service create --name web --replicas 2 alpine sleep 1d");
      TypedSwarm.ok(s, "mgr1", "docker service update --image busybox web");
      TypedSwarm.ok(s, "mgr1", "docker service rollback -d web");
      assertEquals(
          "rollback_started|manually requested rollback|\n", TypedSwarm.ok(s, "mgr1", STATUS));
      TypedSwarm.ok(s, "mgr1", "sleep 30");
      assertEquals(
          "rollback_completed|rollback completed|done\n", TypedSwarm.ok(s, "mgr1", STATUS));
    }
  }

  @Test
  void a_rollback_shows_docker_clis_rollback_progress() {
    try (SimSession s = TypedSwarm.swarm("swarm-1m1w", 5, "wrk1")) {
      TypedSwarm.ok(s, "mgr1", "docker service create --name web --replicas 2 alpine sleep 1d");
      TypedSwarm.ok(s, "mgr1", "docker service update --image busybox web");
      assertEquals(
          "web\n"
              + "rollback: manually requested rollback \n"
              + "overall progress: rolling back update: 2 out of 2 tasks \n"
              + "1/2: running   [==================================================>] \n"
              + "2/2: running   [==================================================>] \n"
              + "verify: Service converged \n",
          TypedSwarm.ok(s, "mgr1", "docker service rollback web"));
    }
  }
}

package dev.ddlab.sim.swarm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ddlab.session.SimSession;
import org.junit.jupiter.api.Test;

/**
 * {@code docker service update} waits as docker/cli's ServiceProgress does: it counts only the
 * tasks the daemon calls up to date (the {@code _up-to-date} task filter, swarmkit's {@code
 * !orchestrator.IsTaskDirty}), so an update of the environment or the mounts alone, which keeps the
 * image, waits until the replaced tasks run.
 */
class ServiceUpdateWaitTest {
  @Test
  void an_update_of_the_mounts_alone_returns_once_every_task_runs_the_new_spec() {
    try (SimSession s = TypedSwarm.swarm("swarm-1m1w", 5, "wrk1")) {
      TypedSwarm.ok(
          s,
          "mgr1",
          "docker service create --name web --replicas 3 --update-delay 10s alpine sleep 1d");
      String out =
          TypedSwarm.ok(s, "mgr1", "docker service update --mount-add type=tmpfs,target=/t web");
      assertTrue(out.contains("verify: Service converged"), out);
      assertEquals(
          "Running Running\n".repeat(3) + "Shutdown Shutdown\n".repeat(3), sortedStates(s));
      for (String id :
          TypedSwarm.ok(s, "mgr1", "docker service ps -q -f desired-state=running web")
              .strip()
              .split("\n")) {
        assertEquals(
            "tmpfs /t\n",
            TypedSwarm.ok(
                s,
                "mgr1",
                "docker inspect -f '{{range .Spec.ContainerSpec.Mounts}}{{.Type}} {{.Target}}{{end}}' "
                    + id));
      }
    }
  }

  @Test
  void the_tasks_api_keeps_only_up_to_date_tasks_when_asked() {
    try (SimSession s = TypedSwarm.swarm("swarm-1m1w", 5, "wrk1")) {
      TypedSwarm.ok(s, "mgr1", "docker service create --name web --replicas 2 alpine sleep 1d");
      TypedSwarm.ok(s, "mgr1", "docker service update -d --mount-add type=tmpfs,target=/t web");
      var engine = s.host("mgr1").engine();
      String service = engine.services().inspect("web", false).id();
      var all = engine.tasks().list(java.util.Map.of("service", java.util.List.of(service)));
      var upToDate =
          engine
              .tasks()
              .list(
                  java.util.Map.of(
                      "service",
                      java.util.List.of(service),
                      "_up-to-date",
                      java.util.List.of("true")));
      // mid-update: the new tasks (with the mount) are up to date, the old ones are not
      assertTrue(all.size() > upToDate.size(), all.toString());
      assertFalse(upToDate.isEmpty(), all.toString());
      for (var t : all) {
        assertEquals(t.spec().containerSpec().mounts() != null, upToDate.contains(t), t.toString());
      }
    }
  }

  /** Each task's desired and current state (without its age), sorted. */
  private static String sortedStates(SimSession s) {
    String ps =
        TypedSwarm.ok(
            s, "mgr1", "docker service ps --format '{{.DesiredState}} {{.CurrentState}}' web");
    StringBuilder out = new StringBuilder();
    ps.lines()
        .map(l -> l.split(" ")[0] + " " + l.split(" ")[1])
        .sorted()
        .forEach(l -> out.append(l).append('\n'));
    return out.toString();
  }
}

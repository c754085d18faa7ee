package dev.ddlab.sim.swarm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ddlab.session.SimSession;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * docker/cli's {@code service update --env-add/--env-rm/--label-add/--label-rm} (updateEnvironment,
 * updateLabels) and {@code -q, --quiet} ("Suppress progress output") of service create and update.
 */
class ServiceUpdateFlagsTest {
  @Test
  void env_add_replaces_a_key_or_adds_one_and_env_rm_removes_one_by_its_key() {
    try (SimSession s = TypedSwarm.swarm("swarm-1m1w", 5, "wrk1")) {
      TypedSwarm.ok(
          s, "mgr1", "docker service create --name web --replicas 2 -e A=1 -e B=2 alpine sleep 1d");
      String out =
          TypedSwarm.ok(
              s, "mgr1", "docker service update --env-add B=3 --env-add C=4 --env-rm A web");
      assertTrue(out.startsWith("web\noverall progress: 2 out of 2 tasks"), out);
      assertEquals(
          "[\"B=3\",\"C=4\"]\n",
          TypedSwarm.ok(
              s,
              "mgr1",
              "docker service inspect -f '{{json .Spec.TaskTemplate.ContainerSpec.Env}}' web"));
      // the tasks were replaced: the running ones have the new environment
      var engine = s.host("mgr1").engine();
      String id = engine.services().inspect("web", false).id();
      var running =
          engine.tasks().list(Map.of("service", List.of(id), "desired-state", List.of("running")));
      assertEquals(2, running.size());
      running.forEach(t -> assertEquals(List.of("B=3", "C=4"), t.spec().containerSpec().env()));
    }
  }

  @Test
  void label_add_and_label_rm_change_the_service_labels_only() {
    try (SimSession s = TypedSwarm.swarm("swarm-1m1w", 5, "wrk1")) {
      TypedSwarm.ok(
          s, "mgr1", "docker service create -d --name web -l tier=back -l x=1 alpine sleep 1d");
      TypedSwarm.ok(s, "mgr1", "docker service update -d --label-add tier=front --label-rm x web");
      assertEquals(
          "{\"tier\":\"front\"}\n",
          TypedSwarm.ok(s, "mgr1", "docker service inspect -f '{{json .Spec.Labels}}' web"));
    }
  }

  @Test
  void quiet_create_and_update_print_only_the_id_or_name_yet_wait_for_the_tasks() {
    try (SimSession s = TypedSwarm.swarm("swarm-1m1w", 5, "wrk1")) {
      String created =
          TypedSwarm.ok(
              s, "mgr1", "docker service create -q --name web --replicas 2 alpine sleep 1d");
      assertTrue(created.matches("[a-z0-9]{25}\n"), created);
      assertEquals("2/2\n", TypedSwarm.ok(s, "mgr1", "docker service ls --format '{{.Replicas}}'"));
      assertEquals(
          "web\n", TypedSwarm.ok(s, "mgr1", "docker service update --quiet --env-add A=1 web"));
      assertEquals(
          "Running Running\n".repeat(2),
          TypedSwarm.ok(
                  s,
                  "mgr1",
                  "docker service ps -f desired-state=running --format '{{.DesiredState}} {{.CurrentState}}' web")
              .replaceAll(" [0-9a-z ]+ago", ""));
    }
  }
}

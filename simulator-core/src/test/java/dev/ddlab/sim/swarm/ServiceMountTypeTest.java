package dev.ddlab.sim.swarm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ddlab.session.SimSession;
import dev.ddlab.session.TranscriptEntry;
import org.junit.jupiter.api.Test;

/**
 * A mount type swarmkit does not know: docker/cli passes any {@code type=} on, and dockerd refuses
 * the spec when it converts it for swarmkit (moby {@code daemon/cluster/convert/container.go},
 * {@code containerToGRPC}: "invalid MountType: %q", an invalid parameter, 400) on create and on
 * update, so nothing is stored and no task fails later.
 */
class ServiceMountTypeTest {
  @Test
  void a_service_with_an_unknown_mount_type_is_refused_at_create_and_at_update() {
    try (SimSession s = TypedSwarm.swarm("swarm-1m1w", 3)) {
      TranscriptEntry create =
          s.type(
              "mgr1",
              "docker service create -d --name web --mount type=nope,target=/data alpine sleep 1d");
      assertEquals("Error response from daemon: invalid MountType: \"nope\"\n", create.output());
      assertEquals(1, create.exitCode());
      assertEquals("", TypedSwarm.ok(s, "mgr1", "docker service ls -q"));

      TypedSwarm.ok(s, "mgr1", "docker service create -d --name web alpine sleep 1d");
      TranscriptEntry update =
          s.type("mgr1", "docker service update -d --mount-add type=nope,target=/data web");
      assertEquals("Error response from daemon: invalid MountType: \"nope\"\n", update.output());
      assertEquals(1, update.exitCode());
      assertEquals(
          "0\n",
          TypedSwarm.ok(
              s,
              "mgr1",
              "docker service inspect -f '{{len .Spec.TaskTemplate.ContainerSpec.Mounts}}' web"));
    }
  }
}

package dev.ddlab.bridge.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ddlab.engine.EngineException;
import dev.ddlab.engine.dto.ContainerConfig;
import dev.ddlab.engine.dto.HostConfig;
import dev.ddlab.engine.dto.NetworkCreateRequest;
import dev.ddlab.engine.dto.VolumeCreateRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The guard on a real private dockerd (DDLAB_DOCKER_HOST). */
class GuardedRealEngineTest extends TwoSessions {
  @Override
  protected String sessionPrefix() {
    return "g";
  }

  private static ContainerConfig cmd(String... cmd) {
    return GuardKit.alpine(cmd);
  }

  @Test
  void a_session_sees_and_touches_only_its_own_containers() {
    String id =
        a.containers()
            .create("g-web-" + ProcessHandle.current().pid(), cmd("sleep", "30"), null, null, null)
            .id();
    assertEquals(1, a.containers().list(true, 0, false, Map.of()).size());
    assertEquals(0, b.containers().list(true, 0, false, Map.of()).size());
    EngineException e =
        assertThrows(EngineException.class, () -> b.containers().remove(id, true, false));
    assertEquals(404, e.status());
    assertEquals("No such container: " + id, e.getMessage());
    var inspect = real.containers().inspect(id);
    assertEquals(
        a.policy().sessionId(), inspect.config().labels().get(GuardedEngine.SESSION_LABEL));
    assertEquals(GuardPolicy.DEFAULT_MEMORY, inspect.hostConfig().memory());
    assertEquals(GuardPolicy.DEFAULT_PIDS, inspect.hostConfig().pidsLimit());
  }

  @Test
  void closing_the_session_removes_everything_it_made() {
    a.containers().create(null, cmd("true"), null, null, null);
    a.networks()
        .create(
            new NetworkCreateRequest(
                "gnet" + ProcessHandle.current().pid(),
                "bridge",
                false,
                false,
                false,
                null,
                false,
                null,
                null));
    a.volumes()
        .create(
            new VolumeCreateRequest("gvol" + ProcessHandle.current().pid(), "local", null, null));
    a.images().tag("alpine:latest", "gimg" + ProcessHandle.current().pid(), "1");
    Map<String, List<String>> mine =
        Map.of("label", List.of(GuardedEngine.SESSION_LABEL + "=" + a.policy().sessionId()));
    assertEquals(1, real.containers().list(true, 0, false, mine).size());
    a.close();
    assertTrue(real.containers().list(true, 0, false, mine).isEmpty());
    assertTrue(real.networks().list(mine).isEmpty());
    assertTrue(real.volumes().list(mine).isEmpty());
    assertEquals(
        404,
        assertThrows(
                EngineException.class,
                () -> real.images().inspect("gimg" + ProcessHandle.current().pid() + ":1"))
            .status());
  }

  @Test
  void the_object_cap_refuses_the_next_container() {
    GuardedEngine small =
        new GuardedEngine(
            real,
            new GuardPolicy(
                "gc" + ProcessHandle.current().pid(),
                GuardPolicy.DEFAULT_MEMORY,
                GuardPolicy.DEFAULT_PIDS,
                GuardPolicy.DEFAULT_NANO_CPUS,
                1));
    try {
      small.containers().create(null, cmd("true"), null, null, null);
      EngineException e =
          assertThrows(
              EngineException.class,
              () -> small.containers().create(null, cmd("true"), null, null, null));
      assertEquals(403, e.status());
      assertTrue(e.getMessage().contains("giới hạn"), e.getMessage());
    } finally {
      small.close();
    }
  }

  @Test
  void shared_base_images_cannot_be_removed_by_a_session() {
    EngineException e =
        assertThrows(EngineException.class, () -> a.images().remove("alpine", true, false));
    assertEquals(403, e.status());
    real.images().inspect("alpine:latest");
  }

  @Test
  void a_refused_create_leaves_no_volume_behind() {
    String vol = "gnew" + ProcessHandle.current().pid();
    HostConfig h = GuardKit.host("binds", List.of(vol + ":/a", "/etc:/b"));
    EngineException e =
        assertThrows(
            EngineException.class, () -> a.containers().create(null, cmd("true"), h, null, null));
    assertEquals(403, e.status());
    assertEquals(
        404,
        assertThrows(EngineException.class, () -> real.volumes().inspect(onDaemon(a, vol)))
            .status());
  }
}

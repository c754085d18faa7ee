package dev.ddlab.bridge.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ddlab.bridge.real.DockerHost;
import dev.ddlab.bridge.real.RealEngine;
import dev.ddlab.engine.EngineException;
import dev.ddlab.engine.dto.ContainerConfig;
import dev.ddlab.engine.dto.HostConfig;
import dev.ddlab.engine.dto.Mount;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The guard refuses before anything reaches the daemon: these tests run against a socket where no
 * daemon listens, so a request that slipped through would fail with "Cannot connect" instead.
 */
class GuardRefusalTest {
  private final RealEngine nowhere =
      new RealEngine(DockerHost.of("unix:///tmp/ddlab-guard-test.sock"));
  private final GuardedEngine guard = new GuardedEngine(nowhere, GuardPolicy.defaults("s1"));

  @AfterEach
  void close() {
    nowhere.close();
  }

  private static HostConfig host(UnaryOperator<Map<String, Object>> edit) {
    Map<String, Object> m = new java.util.HashMap<>();
    edit.apply(m);
    return new HostConfig(
        (List<String>) m.get("binds"),
        (String) m.get("network"),
        null,
        null,
        false,
        null,
        (List<String>) m.get("capAdd"),
        null,
        null,
        null,
        null,
        null,
        (String) m.get("ipc"),
        (String) m.get("pid"),
        Boolean.TRUE.equals(m.get("privileged")),
        false,
        (List<String>) m.get("securityOpt"),
        (String) m.get("uts"),
        0,
        0,
        null,
        (List<Map<String, String>>) m.get("devices"),
        (List<Mount>) m.get("mounts"),
        null);
  }

  private String refusal(HostConfig h) {
    EngineException e =
        assertThrows(
            EngineException.class,
            () -> guard.containers().create("c", ContainerConfig.empty(), h, null, null));
    assertEquals(403, e.status(), e.getMessage());
    assertTrue(e.getMessage().startsWith("ddlab (chế độ an toàn): "), e.getMessage());
    return e.getMessage();
  }

  @Test
  void privileged_is_refused_naming_the_flag() {
    assertTrue(
        refusal(
                host(
                    m -> {
                      m.put("privileged", true);
                      return m;
                    }))
            .contains("--privileged"));
  }

  @Test
  void host_namespaces_are_refused_naming_each_flag() {
    assertTrue(
        refusal(
                host(
                    m -> {
                      m.put("pid", "host");
                      return m;
                    }))
            .contains("--pid host"));
    assertTrue(
        refusal(
                host(
                    m -> {
                      m.put("ipc", "host");
                      return m;
                    }))
            .contains("--ipc host"));
    assertTrue(
        refusal(
                host(
                    m -> {
                      m.put("uts", "host");
                      return m;
                    }))
            .contains("--uts host"));
    assertTrue(
        refusal(
                host(
                    m -> {
                      m.put("network", "host");
                      return m;
                    }))
            .contains("--network host"));
  }

  @Test
  void host_bind_mounts_and_the_docker_socket_are_refused() {
    assertTrue(
        refusal(
                host(
                    m -> {
                      m.put("binds", List.of("/etc:/host-etc"));
                      return m;
                    }))
            .contains("bind mount"));
    assertTrue(
        refusal(
                host(
                    m -> {
                      m.put("binds", List.of("/var/run/docker.sock:/var/run/docker.sock"));
                      return m;
                    }))
            .contains("Docker socket"));
    assertTrue(
        refusal(
                host(
                    m -> {
                      m.put("mounts", List.of(new Mount("bind", "/", "/host", false)));
                      return m;
                    }))
            .contains("bind mount"));
  }

  @Test
  void devices_capabilities_and_security_options_are_refused_naming_the_flag() {
    assertTrue(
        refusal(
                host(
                    m -> {
                      m.put("devices", List.of(Map.of("PathOnHost", "/dev/sda")));
                      return m;
                    }))
            .contains("--device"));
    assertTrue(
        refusal(
                host(
                    m -> {
                      m.put("capAdd", List.of("SYS_ADMIN"));
                      return m;
                    }))
            .contains("--cap-add bị chặn (SYS_ADMIN)"));
    assertTrue(
        refusal(
                host(
                    m -> {
                      m.put("securityOpt", List.of("seccomp=unconfined"));
                      return m;
                    }))
            .contains("--security-opt"));
  }

  @Test
  void limits_above_the_policy_are_refused_and_missing_ones_are_filled_in() {
    HostConfig none = host(m -> m);
    HostConfig filled = guard.checkHostConfig(none);
    assertEquals(GuardPolicy.DEFAULT_MEMORY, filled.memory());
    assertEquals(GuardPolicy.DEFAULT_NANO_CPUS, filled.nanoCpus());
    assertEquals(GuardPolicy.DEFAULT_PIDS, filled.pidsLimit());
    HostConfig huge =
        new HostConfig(
            null, null, null, null, false, null, null, null, null, null, null, null, null, null,
            false, false, null, null, 64L << 30, 0, null, null, null, null);
    assertTrue(
        assertThrows(EngineException.class, () -> guard.checkHostConfig(huge))
            .getMessage()
            .contains("--memory"));
  }

  @Test
  void policy_sizes_read_like_docker_memory_units() {
    assertEquals(512L << 20, GuardPolicy.parseBytes("512m"));
    assertEquals(1L << 30, GuardPolicy.parseBytes("1g"));
    assertEquals(1000, GuardPolicy.parseBytes("1000"));
    assertEquals(
        3, GuardPolicy.fromEnvironment("s", Map.of("DDLAB_GUARD_MAX_OBJECTS", "3")).maxObjects());
  }

  @Test
  void swarm_init_and_join_are_refused_and_other_swarm_calls_answer_as_a_daemon_in_no_swarm() {
    EngineException init =
        assertThrows(
            EngineException.class,
            () ->
                guard
                    .swarm()
                    .init(
                        new dev.ddlab.engine.dto.swarm.SwarmInitRequest(
                            "0.0.0.0:2377", "", "", 0, false, null, false, "", null, 0)));
    assertEquals(403, init.status());
    assertTrue(init.getMessage().contains("swarm init"));
    EngineException join = assertThrows(EngineException.class, () -> guard.swarm().join(null));
    assertEquals(403, join.status());
    EngineException ls =
        assertThrows(EngineException.class, () -> guard.services().list(Map.of(), false));
    assertEquals(503, ls.status());
    assertTrue(ls.getMessage().startsWith("This node is not a swarm manager."));
    assertEquals(
        "This node is not part of a swarm",
        assertThrows(EngineException.class, () -> guard.swarm().leave(true)).getMessage());
  }
}

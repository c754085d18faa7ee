package dev.ddlab.bridge.guard;

import static dev.ddlab.bridge.guard.GuardKit.host;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ddlab.bridge.real.DockerHost;
import dev.ddlab.bridge.real.RealEngine;
import dev.ddlab.engine.EngineException;
import dev.ddlab.engine.dto.ContainerConfig;
import dev.ddlab.engine.dto.EndpointSettings;
import dev.ddlab.engine.dto.ExecConfig;
import dev.ddlab.engine.dto.HealthConfig;
import dev.ddlab.engine.dto.HostConfig;
import dev.ddlab.engine.dto.Ipam;
import dev.ddlab.engine.dto.Mount;
import dev.ddlab.engine.dto.NetworkCreateRequest;
import dev.ddlab.engine.dto.PortBinding;
import dev.ddlab.engine.dto.UpdateRequest;
import dev.ddlab.engine.dto.VolumeCreateRequest;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
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
    HostConfig huge = host("memory", 64L << 30);
    assertTrue(
        assertThrows(EngineException.class, () -> guard.checkHostConfig(huge))
            .getMessage()
            .contains("--memory"));
  }

  @Test
  void ulimits_that_reach_beyond_the_container_swap_and_shm_above_the_session_are_refused() {
    assertTrue(
        refused(
                () ->
                    guard.checkHostConfig(
                        host(
                            "ulimits", List.of(new dev.ddlab.engine.dto.Ulimit("rtprio", 99, 99)))))
            .contains("--ulimit rtprio"));
    assertTrue(
        refused(
                () ->
                    guard.checkHostConfig(
                        host(
                            "ulimits",
                            List.of(
                                new dev.ddlab.engine.dto.Ulimit("nofile", 1L << 30, 1L << 30)))))
            .contains("nofile"));
    assertTrue(refused(() -> guard.checkHostConfig(host("memorySwap", -1L))).contains("swap"));
    assertTrue(
        refused(() -> guard.checkHostConfig(host("shmSize", 64L << 30))).contains("--shm-size"));
    HostConfig fine =
        host(
            m -> {
              m.put("ulimits", List.of(new dev.ddlab.engine.dto.Ulimit("nofile", 2048, 1024)));
              m.put("shmSize", 16L << 20);
              return m;
            });
    HostConfig passed = guard.checkHostConfig(fine);
    assertEquals(fine.ulimits(), passed.ulimits());
    assertEquals(16L << 20, passed.shmSize());
  }

  @Test
  void host_config_fields_the_real_cli_can_set_are_refused_unless_they_bound_the_container() {
    HostConfig none = HostConfig.none();
    java.util.Map<String, HostConfig> refusedFields = new java.util.LinkedHashMap<>();
    refusedFields.put(
        "--log-driver syslog",
        none.toBuilder().logConfig(new dev.ddlab.engine.dto.LogConfig("syslog", null)).build());
    refusedFields.put("--cgroupns host", none.toBuilder().cgroupnsMode("host").build());
    refusedFields.put("--cgroup-parent", none.toBuilder().cgroupParent("/system.slice").build());
    refusedFields.put("--userns", none.toBuilder().usernsMode("host").build());
    refusedFields.put("--runtime", none.toBuilder().runtime("runsc").build());
    refusedFields.put("--oom-score-adj", none.toBuilder().oomScoreAdj(-500).build());
    refusedFields.put("--oom-kill-disable", none.toBuilder().oomKillDisable(true).build());
    refusedFields.put("--cpu-period", none.toBuilder().cpuPeriod(100_000).build());
    refusedFields.put("--cpu-rt-runtime", none.toBuilder().cpuRealtimeRuntime(950_000).build());
    refusedFields.put("MaskedPaths", none.toBuilder().maskedPaths(List.of()).build());
    refusedFields.put(
        "--sysctl", none.toBuilder().sysctls(java.util.Map.of("net.ipv4.ip_forward", "1")).build());
    refusedFields.put(
        "--device-read-bps",
        none.toBuilder()
            .blkioDeviceReadBps(List.of(java.util.Map.of("Path", "/dev/sda", "Rate", 1)))
            .build());
    refusedFields.forEach(
        (flag, h) -> assertTrue(refused(() -> guard.checkHostConfig(h)).contains(flag), flag));
    HostConfig fine =
        none.toBuilder()
            .cpuShares(512)
            .cpusetCpus("0")
            .blkioWeight(300)
            .memoryReservation(32L << 20)
            .logConfig(new dev.ddlab.engine.dto.LogConfig("json-file", java.util.Map.of()))
            .cgroupnsMode("private")
            .runtime("runc")
            .build();
    HostConfig passed = guard.checkHostConfig(fine);
    assertEquals(512, passed.cpuShares());
    assertEquals("0", passed.cpusetCpus());
    assertEquals(32L << 20, passed.memoryReservation());
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
    // secrets and configs would be the whole daemon's, visible to every session: never passed
    for (Runnable call :
        List.<Runnable>of(
            () ->
                guard
                    .secrets()
                    .create(
                        new dev.ddlab.engine.dto.swarm.SecretSpec(
                            "pw", Map.of(), "aHVzaA==", null, null)),
            () -> guard.secrets().list(Map.of()),
            () ->
                guard
                    .configs()
                    .create(new dev.ddlab.engine.dto.swarm.ConfigSpec("c", Map.of(), "eA==", null)),
            () -> guard.configs().remove("c"))) {
      EngineException e = assertThrows(EngineException.class, call::run);
      assertEquals(503, e.status());
      assertTrue(e.getMessage().startsWith("This node is not a swarm manager."), e.getMessage());
    }
  }

  private static String refused(Runnable call) {
    EngineException e = assertThrows(EngineException.class, call::run);
    assertEquals(403, e.status(), e.getMessage());
    assertTrue(e.getMessage().startsWith("ddlab (chế độ an toàn): "), e.getMessage());
    return e.getMessage();
  }

  @Test
  void volume_driver_options_are_refused_before_the_daemon_sees_them() {
    // docker volume create -o type=none -o o=bind -o device=/ hostroot: the server's root as a
    // volume
    String m =
        refused(
            () ->
                guard
                    .volumes()
                    .create(
                        new VolumeCreateRequest(
                            "hostroot",
                            "local",
                            Map.of("type", "none", "o", "bind", "device", "/"),
                            null)));
    assertTrue(m.contains("-o/--opt (device, o, type)"), m);
    assertTrue(
        refused(
                () ->
                    guard
                        .volumes()
                        .create(new VolumeCreateRequest("v", "vieux.sshfs", Map.of(), null)))
            .contains("volume driver vieux.sshfs"));
  }

  private static NetworkCreateRequest network(
      String driver, Map<String, String> options, Ipam ipam) {
    return new NetworkCreateRequest("n", driver, false, false, false, ipam, false, options, null);
  }

  @Test
  void network_drivers_other_than_bridge_and_driver_options_outside_the_allow_list_are_refused() {
    // the course's macvlan example, on the server's own NIC
    assertTrue(
        refused(
                () ->
                    guard.networks().create(network("macvlan", Map.of("parent", "eth0.100"), null)))
            .contains("network driver macvlan"));
    assertTrue(
        refused(() -> guard.networks().create(network("ipvlan", null, null)))
            .contains("network driver ipvlan"));
    // a bridge network that would take over an existing bridge of the server (another daemon's)
    assertTrue(
        refused(
                () ->
                    guard
                        .networks()
                        .create(
                            network(
                                "bridge",
                                Map.of("com.docker.network.bridge.name", "docker0"),
                                null)))
            .contains("-o com.docker.network.bridge.name"));
  }

  @Test
  void network_subnets_outside_the_sessions_pools_are_refused() {
    Ipam wide = new Ipam(null, null, List.of(Ipam.Config.subnet("10.0.0.0/8")));
    assertTrue(
        refused(() -> guard.networks().create(network("bridge", null, wide)))
            .contains("10.0.0.0/8 nằm ngoài dải địa chỉ"));
    Ipam gateway =
        new Ipam(null, null, List.of(new Ipam.Config("10.215.9.0/24", null, "192.168.1.1", null)));
    assertTrue(
        refused(() -> guard.networks().create(network("bridge", null, gateway)))
            .contains("192.168.1.1 nằm ngoài"));
  }

  @Test
  void mounts_outside_the_allow_list_are_refused() {
    assertTrue(
        refusal(
                host(
                    m -> {
                      m.put("mounts", List.of(new Mount("npipe", "x", "/x", false)));
                      return m;
                    }))
            .contains("--mount type=npipe"));
    assertTrue(
        refusal(
                host(
                    m -> {
                      m.put("binds", List.of("data:/data:rshared"));
                      return m;
                    }))
            .contains("tuỳ chọn mount rshared"));
  }

  @Test
  void namespace_modes_outside_the_allow_list_are_refused() {
    assertTrue(
        refusal(
                host(
                    m -> {
                      m.put("uts", "container:other");
                      return m;
                    }))
            .contains("--uts container:other"));
    assertTrue(
        refusal(
                host(
                    m -> {
                      m.put("ipc", "sideways");
                      return m;
                    }))
            .contains("--ipc sideways"));
  }

  @Test
  void published_ports_listen_on_the_policys_address_only() {
    HostConfig everywhere =
        host("ports", Map.of("80/tcp", List.of(new PortBinding("0.0.0.0", "8080"))));
    assertTrue(refusal(everywhere).contains("-p 0.0.0.0:"));
    HostConfig plain = host("ports", Map.of("80/tcp", List.of(new PortBinding("", "8080"))));
    assertEquals(
        List.of(new PortBinding("127.0.0.1", "8080")),
        guard.checkHostConfig(plain).portBindings().get("80/tcp"));
  }

  @Test
  void health_checks_more_often_than_once_a_second_are_refused() {
    ContainerConfig fast =
        ContainerConfig.empty()
            .withHealthcheck(new HealthConfig(List.of("CMD", "true"), 1_000_000L, 0, 0, 0));
    EngineException e =
        assertThrows(
            EngineException.class, () -> guard.containers().create("c", fast, null, null, null));
    assertEquals(403, e.status(), e.getMessage());
    assertTrue(e.getMessage().contains("--health-interval"), e.getMessage());
  }

  private static Set<String> fields(Class<?> record) {
    return Arrays.stream(record.getRecordComponents())
        .map(RecordComponent::getName)
        .collect(Collectors.toSet());
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> u = new TreeSet<>(a);
    u.addAll(b);
    return u;
  }

  /**
   * Allow-lists on the requests' shape: a field added to a request record reaches the daemon only
   * once the guard has decided about it (checked, or passed as harmless), so this fails until then.
   */
  @Test
  void the_guard_has_decided_about_every_field_of_the_requests_it_passes() {
    assertEquals(
        new TreeSet<>(fields(HostConfig.class)),
        union(CreateCheck.HOST_CONFIG_CHECKED, CreateCheck.HOST_CONFIG_AS_GIVEN));
    assertEquals(
        Set.of(
            "hostname",
            "domainname",
            "user",
            "attachStdin",
            "attachStdout",
            "attachStderr",
            "exposedPorts",
            "tty",
            "openStdin",
            "stdinOnce",
            "env",
            "cmd",
            "healthcheck",
            "image",
            "volumes",
            "workingDir",
            "entrypoint",
            "onBuild",
            "labels",
            "stopSignal",
            "stopTimeout"),
        fields(ContainerConfig.class),
        "ContainerConfig: checked "
            + CreateCheck.CONTAINER_CONFIG_CHECKED
            + ", the rest is the process");
    assertEquals(
        Set.of(
            "ipamConfig",
            "links",
            "aliases",
            "networkId",
            "endpointId",
            "gateway",
            "ipAddress",
            "ipPrefixLen",
            "ipv6Gateway",
            "globalIpv6Address",
            "globalIpv6PrefixLen",
            "macAddress",
            "driverOpts"),
        fields(EndpointSettings.class),
        "EndpointSettings: checked " + CreateCheck.ENDPOINT_CHECKED);
    // VolumeOptions (NoCopy, Labels) never reach the daemon: CreateCheck rebuilds every mount; a
    // tmpfs keeps TmpfsOptions (size, mode): its pages are charged to the container's memory limit
    assertEquals(
        Set.of("type", "source", "target", "readOnly", "volumeOptions", "tmpfsOptions"),
        fields(Mount.class));
    assertEquals(GuardedContainers.UPDATE_FIELDS, fields(UpdateRequest.class));
    assertEquals(
        union(GuardedVolumes.CREATE_CHECKED, Set.of("name", "labels")),
        new TreeSet<>(fields(VolumeCreateRequest.class)));
    assertEquals(
        union(GuardedNetworks.CREATE_CHECKED, Set.of("name", "labels")),
        new TreeSet<>(fields(NetworkCreateRequest.class)));
    assertEquals(Set.of("driver", "options", "config"), fields(Ipam.class));
    assertEquals(
        Set.of(
            "attachStdin",
            "attachStdout",
            "attachStderr",
            "detachKeys",
            "tty",
            "env",
            "cmd",
            "privileged",
            "user",
            "workingDir",
            // the exec's TTY size as the CLI sends it ([height, width]): the process's terminal
            "consoleSize"),
        fields(ExecConfig.class),
        "ExecConfig: checked " + GuardedContainers.EXEC_CHECKED);
  }
}

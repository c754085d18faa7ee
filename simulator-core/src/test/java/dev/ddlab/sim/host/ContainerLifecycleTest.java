package dev.ddlab.sim.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ddlab.engine.Attachment;
import dev.ddlab.engine.ContainersApi;
import dev.ddlab.engine.EngineException;
import dev.ddlab.engine.dto.ContainerConfig;
import dev.ddlab.engine.dto.ContainerInspect;
import dev.ddlab.engine.dto.ContainerSummary;
import dev.ddlab.engine.dto.ExecConfig;
import dev.ddlab.engine.dto.HostConfig;
import dev.ddlab.engine.dto.LogsOptions;
import dev.ddlab.engine.dto.PortBinding;
import dev.ddlab.engine.dto.RestartPolicy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContainerLifecycleTest {
  private final Cluster cluster = TestImages.cluster(42);
  private final DockerHost node = cluster.node("node1");
  private final ContainersApi api = node.engine().containers();

  static ContainerConfig cmd(String image, String... cmd) {
    ContainerConfig e = ContainerConfig.empty();
    return new ContainerConfig(
        "",
        "",
        "",
        false,
        false,
        false,
        null,
        false,
        false,
        false,
        null,
        List.of(cmd),
        null,
        image,
        null,
        "",
        null,
        null,
        null,
        null,
        null);
  }

  static HostConfig hostConfig(RestartPolicy policy, Map<String, List<PortBinding>> ports) {
    return HostConfig.none().toBuilder()
        .networkMode("default")
        .portBindings(ports)
        .restartPolicy(policy)
        .ipcMode("")
        .pidMode("")
        .utsMode("")
        .build();
  }

  private String run(String name, String image, String... cmd) {
    return run(name, null, image, cmd);
  }

  private String run(String name, HostConfig hc, String image, String... cmd) {
    String id = api.create(name, cmd(image, cmd), hc, null, null).id();
    api.start(id);
    return id;
  }

  @Test
  void the_cli_default_network_endpoint_is_the_bridge() {
    // docker run without --network sends NetworkMode "default" and EndpointsConfig {"default":{}}
    var net =
        new dev.ddlab.engine.dto.NetworkingConfig(
            Map.of(
                "default",
                new dev.ddlab.engine.dto.EndpointSettings(
                    null, null, null, null, null, null, null, 0, null, null, 0, null, null)));
    String id =
        api.create("d1", cmd("alpine", "sleep", "1d"), hostConfig(null, null), net, null).id();
    api.start(id);
    assertEquals(
        List.of("bridge"), List.copyOf(api.inspect("d1").networkSettings().networks().keySet()));
  }

  @Test
  void run_sleep_is_up_with_pid_1_and_a_different_host_pid() {
    String id = run("percy", "alpine", "sleep", "1d");
    ContainerInspect i = api.inspect("percy");
    assertEquals("running", i.state().status());
    assertTrue(i.state().running());
    assertEquals("/percy", i.name());
    assertEquals("sleep", i.path());
    assertEquals(List.of("1d"), i.args());
    assertEquals("172.17.0.2", i.networkSettings().ipAddress());
    assertEquals("02:42:ac:11:00:02", i.networkSettings().macAddress());
    List<List<String>> top = api.top(id, null).processes();
    assertEquals(1, top.size());
    assertNotEquals("1", top.get(0).get(1));
    assertEquals(i.state().pid(), Integer.parseInt(top.get(0).get(1)));
    assertEquals(1, node.containers().get(id).mainProcess().pid());
    assertEquals("Up Less than a second", api.list(false, 0, false, Map.of()).get(0).status());
    cluster.clock().advance(Duration.ofMinutes(5));
    assertEquals("Up 5 minutes", api.list(false, 0, false, Map.of()).get(0).status());
  }

  @Test
  void stop_sends_sigterm_then_sigkill_after_ten_seconds() {
    run("percy", "alpine", "sleep", "1d");
    long t0 = cluster.clock().nowNanos();
    api.stop("percy", null);
    assertEquals(10_000_000_000L, cluster.clock().nowNanos() - t0);
    ContainerInspect i = api.inspect("percy");
    assertEquals("exited", i.state().status());
    assertEquals(137, i.state().exitCode());
    cluster.clock().advance(Duration.ofSeconds(3));
    assertEquals("Exited (137) 3 seconds ago", api.list(true, 0, false, Map.of()).get(0).status());
  }

  @Test
  void stop_with_timeout_one_kills_after_one_second() {
    run("percy", "alpine", "sleep", "1d");
    long t0 = cluster.clock().nowNanos();
    api.stop("percy", 1);
    assertEquals(1_000_000_000L, cluster.clock().nowNanos() - t0);
  }

  @Test
  void a_program_handling_sigterm_stops_at_once_with_its_own_code() {
    api.create("web", cmd("nginx"), hostConfig(null, null), null, null);
    api.start("web");
    long t0 = cluster.clock().nowNanos();
    api.stop("web", null);
    assertEquals(t0, cluster.clock().nowNanos());
    assertEquals(0, api.inspect("web").state().exitCode());
  }

  @Test
  void exit_code_of_pid_1_becomes_the_container_exit_code() {
    run("ff", "alpine", "false");
    ContainerInspect i = api.inspect("ff");
    assertEquals("exited", i.state().status());
    assertEquals(1, i.state().exitCode());
  }

  @Test
  void missing_executable_fails_start_with_runc_text_and_stays_created_with_127() {
    String id = api.create("bad", cmd("alpine", "nosuchcmd"), null, null, null).id();
    EngineException e = assertThrows(EngineException.class, () -> api.start(id));
    assertTrue(
        e.getMessage().endsWith("exec: \"nosuchcmd\": executable file not found in $PATH: unknown"),
        e.getMessage());
    assertTrue(e.getMessage().contains("OCI runtime create failed"));
    ContainerInspect i = api.inspect(id);
    assertEquals("created", i.state().status());
    assertEquals(127, i.state().exitCode());
    assertEquals("Created", api.list(true, 0, false, Map.of()).get(0).status());
  }

  @Test
  void non_executable_file_fails_with_permission_denied_and_126() {
    String id = api.create("bad", cmd("alpine", "/etc/passwd"), null, null, null).id();
    EngineException e = assertThrows(EngineException.class, () -> api.start(id));
    assertTrue(e.getMessage().contains("exec: \"/etc/passwd\": permission denied: unknown"));
    assertEquals(126, api.inspect(id).state().exitCode());
  }

  @Test
  void missing_image_is_404_with_the_normalised_reference() {
    EngineException e =
        assertThrows(
            EngineException.class, () -> api.create(null, cmd("ubuntu"), null, null, null));
    assertEquals(404, e.status());
    assertEquals("No such image: ubuntu:latest", e.getMessage());
  }

  @Test
  void name_conflict_names_the_other_container() {
    String id = run("percy", "alpine", "sleep", "1d");
    EngineException e =
        assertThrows(
            EngineException.class,
            () -> api.create("percy", cmd("alpine", "true"), null, null, null));
    assertEquals(409, e.status());
    assertEquals(
        "Conflict. The container name \"/percy\" is already in use by container \""
            + id
            + "\". You have to remove (or rename) that container to be able to reuse that name.",
        e.getMessage());
  }

  @Test
  void unique_prefix_finds_a_container_and_unknown_is_no_such_container() {
    String id = run("percy", "alpine", "sleep", "1d");
    assertEquals(id, api.inspect(id.substring(0, 4)).id());
    EngineException e = assertThrows(EngineException.class, () -> api.inspect("nosuch"));
    assertEquals("No such container: nosuch", e.getMessage());
  }

  @Test
  void remove_running_container_needs_force() {
    String id = run("percy", "alpine", "sleep", "1d");
    EngineException e =
        assertThrows(EngineException.class, () -> api.remove("percy", false, false));
    assertEquals(
        "You cannot remove a running container "
            + id
            + ". Stop the container before attempting removal or force remove",
        e.getMessage());
    api.remove("percy", true, false);
    assertTrue(api.list(true, 0, false, Map.of()).isEmpty());
  }

  @Test
  void writable_layer_survives_stop_and_start_and_goes_with_rm() {
    String id = run("percy", "alpine", "sleep", "1d");
    node.containers()
        .get(id)
        .fs()
        .write("/tmp/newfile", "Sunderland\n".getBytes(StandardCharsets.UTF_8), false);
    api.stop(id, null);
    api.start(id);
    assertEquals(
        "Sunderland\n",
        new String(node.containers().get(id).fs().read("/tmp/newfile"), StandardCharsets.UTF_8));
    api.stop(id, 0);
    api.remove(id, false, false);
    String again = run("percy", "alpine", "sleep", "1d");
    assertFalse(node.containers().get(again).fs().exists("/tmp/newfile"));
  }

  /** An exec of {@code cmd} in {@code container}, attached to stdout and stderr. */
  private String execCreate(String container, String... cmd) {
    return api.execCreate(
        container,
        new ExecConfig(false, true, true, null, false, null, List.of(cmd), false, null, null));
  }

  @Test
  void exec_runs_in_the_container_and_reports_its_exit_code() {
    run("percy", "alpine", "sleep", "1d");
    String exec = execCreate("percy", "echo", "hi");
    Attachment a = api.execStart(exec, false, false);
    assertEquals("hi\n", a.read());
    assertEquals(0, a.exitCode());
    assertEquals(0, api.execInspect(exec).exitCode());
  }

  @Test
  void exec_of_a_missing_command_prints_the_runtime_error_and_exits_126() {
    run("percy", "alpine", "sleep", "1d");
    String exec = execCreate("percy", "nosuch");
    Attachment a = api.execStart(exec, false, false);
    assertEquals(
        "OCI runtime exec failed: exec failed: unable to start container process: exec:"
            + " \"nosuch\": executable file not found in $PATH: unknown\r\n",
        a.read());
    assertEquals(126, api.execInspect(exec).exitCode());
  }

  @Test
  void exec_instances_go_with_their_container_when_it_is_removed() {
    run("percy", "alpine", "sleep", "1d");
    String exec = execCreate("percy", "true");
    api.execStart(exec, false, false);
    assertEquals(0, api.execInspect(exec).exitCode(), "kept while the container is there");
    api.remove("percy", true, false);
    EngineException gone = assertThrows(EngineException.class, () -> api.execInspect(exec));
    assertEquals(404, gone.status());
    assertEquals("No such exec instance: " + exec, gone.getMessage());
  }

  @Test
  void an_ended_exec_is_forgotten_by_the_second_garbage_collection_pass_as_mobys_execCommandGC() {
    run("percy", "alpine", "sleep", "1d");
    String exec = execCreate("percy", "true");
    api.execStart(exec, false, false);
    String unstarted = execCreate("percy", "true");
    cluster.clock().advance(Duration.ofMinutes(5));
    assertEquals(0, api.execInspect(exec).exitCode(), "the first pass only marks it");
    cluster.clock().advance(Duration.ofMinutes(5));
    EngineException gone = assertThrows(EngineException.class, () -> api.execInspect(exec));
    assertEquals("No such exec instance: " + exec, gone.getMessage());
    assertNull(api.execInspect(unstarted).exitCode(), "an exec never started stays");
  }

  @Test
  void logs_keep_stdout_with_virtual_timestamps_and_tail() {
    api.create("web", cmd("nginx"), null, null, null);
    api.start("web");
    List<dev.ddlab.engine.dto.LogFrame> all =
        api.logs("web", new LogsOptions(true, true, null, null, true, "all"));
    assertTrue(all.size() >= 6);
    assertEquals("stderr", all.get(0).stream());
    assertEquals("2024-01-01T00:00:00.000000000Z", all.get(0).time());
    assertEquals(2, api.logs("web", new LogsOptions(true, true, null, null, false, "2")).size());
  }

  @Test
  void pause_shows_paused_status_and_freezes_timers() {
    run("sl", "alpine", "sleep", "5");
    api.pause("sl");
    cluster.clock().advance(Duration.ofSeconds(10));
    ContainerSummary row = api.list(false, 0, false, Map.of()).get(0);
    assertEquals("Up 10 seconds (Paused)", row.status());
    assertEquals("paused", row.state());
    api.unpause("sl");
    assertEquals("exited", api.inspect("sl").state().status());
  }

  @Test
  void same_seed_gives_same_ids_and_names() {
    Cluster other = TestImages.cluster(42);
    String a = api.create(null, cmd("alpine", "true"), null, null, null).id();
    String b =
        other
            .node("node1")
            .engine()
            .containers()
            .create(null, cmd("alpine", "true"), null, null, null)
            .id();
    assertEquals(a, b);
    assertEquals(
        api.inspect(a).name(), other.node("node1").engine().containers().inspect(b).name());
    assertTrue(api.inspect(a).name().matches("/[a-z]+_[a-z]+"));
  }

  @Test
  void daemon_shutdown_stops_every_container_at_once_as_moby_with_stop_events() {
    String a = run("sd1", "alpine", "sleep", "1d");
    String b = run("sd2", "alpine", "sleep", "1d");
    long t0 = cluster.clock().nowNanos();
    node.stopDaemon();
    assertEquals(10_000_000_000L, cluster.clock().nowNanos() - t0);
    node.startDaemon();
    assertEquals(137, api.inspect(a).state().exitCode());
    assertEquals(api.inspect(a).state().finishedAt(), api.inspect(b).state().finishedAt());
    var actions =
        node
            .engine()
            .system()
            .events(
                Long.toString(t0 / 1_000_000_000L),
                null,
                Map.of("container", List.of("sd1"), "type", List.of("container")))
            .stream()
            .map(e -> e.action())
            .toList();
    assertEquals(
        List.of("kill", "kill", "die", "stop"),
        actions.subList(actions.indexOf("kill"), actions.size()));
  }

  @Test
  void daemon_down_fails_every_call_with_cannot_connect() {
    node.stopDaemon();
    EngineException e =
        assertThrows(EngineException.class, () -> api.list(true, 0, false, Map.of()));
    assertTrue(e.isNotConnected());
    assertEquals(
        "Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?",
        e.getMessage());
    node.startDaemon();
    assertTrue(api.list(true, 0, false, Map.of()).isEmpty());
  }

  @Test
  void removingSleepingContainersLeavesNoTimerBehindOnTheClock() {
    int before = cluster.clock().pendingTimers();
    for (int i = 0; i < 100; i++) {
      String id =
          api.create(null, cmd("alpine", "sleep", "1d"), hostConfig(null, null), null, null).id();
      api.start(id);
      api.remove(id, true, false);
    }
    assertEquals(before, cluster.clock().pendingTimers());
  }
}

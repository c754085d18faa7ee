package dev.ddlab.sim.host;

import static dev.ddlab.sim.host.ContainerLifecycleTest.cmd;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ddlab.engine.ContainersApi;
import dev.ddlab.engine.EngineException;
import dev.ddlab.engine.Pending;
import dev.ddlab.engine.dto.ContainerSummary;
import dev.ddlab.engine.dto.EventMessage;
import dev.ddlab.engine.dto.HostConfig;
import dev.ddlab.engine.dto.LogsOptions;
import dev.ddlab.engine.dto.RestartPolicy;
import dev.ddlab.engine.dto.UpdateRequest;
import dev.ddlab.engine.dto.VolumeCreateRequest;
import dev.ddlab.engine.dto.WaitResponse;
import dev.ddlab.go.GoUnits;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContainerApiDetailsTest {
  private final Cluster cluster = TestImages.cluster(3);
  private final DockerHost node = cluster.node("node1");
  private final ContainersApi api = node.engine().containers();

  private String run(String name, String... command) {
    String id = api.create(name, cmd("alpine", command), null, null, null).id();
    api.start(id);
    return id;
  }

  private List<String> names(List<ContainerSummary> rows) {
    return rows.stream().map(r -> r.names().get(0).substring(1)).toList();
  }

  @Test
  void human_duration_follows_go_units() {
    assertEquals("Less than a second", GoUnits.humanDuration(999_999_999L));
    assertEquals("1 second", GoUnits.humanDuration(1_000_000_000L));
    assertEquals("59 seconds", GoUnits.humanDuration(59_900_000_000L));
    assertEquals("About a minute", GoUnits.humanDuration(Duration.ofSeconds(119).toNanos()));
    assertEquals("2 minutes", GoUnits.humanDuration(Duration.ofSeconds(120).toNanos()));
    assertEquals("About an hour", GoUnits.humanDuration(Duration.ofMinutes(89).toNanos()));
    assertEquals("2 hours", GoUnits.humanDuration(Duration.ofMinutes(90).toNanos()));
    assertEquals("3 days", GoUnits.humanDuration(Duration.ofDays(3).toNanos()));
    assertEquals("2 weeks", GoUnits.humanDuration(Duration.ofDays(14).toNanos()));
    assertEquals("3 months", GoUnits.humanDuration(Duration.ofDays(95).toNanos()));
    assertEquals("2 years", GoUnits.humanDuration(Duration.ofDays(800).toNanos()));
  }

  @Test
  void ps_without_all_lists_running_but_status_filter_and_limit_include_stopped() {
    run("up1", "sleep", "1d");
    run("done", "true");
    api.create("fresh", cmd("alpine", "true"), null, null, null);
    assertEquals(List.of("up1"), names(api.list(false, 0, false, Map.of())));
    assertEquals(
        List.of("done"), names(api.list(false, 0, false, Map.of("status", List.of("exited")))));
    assertEquals(List.of("fresh"), names(api.list(false, 1, false, Map.of())));
    assertEquals(List.of("fresh", "done", "up1"), names(api.list(true, 0, false, Map.of())));
    assertEquals(List.of("done"), names(api.list(true, 0, false, Map.of("exited", List.of("0")))));
    assertEquals(List.of("up1"), names(api.list(true, 0, false, Map.of("name", List.of("^up")))));
    assertEquals(
        List.of("fresh", "done", "up1"),
        names(api.list(true, 0, false, Map.of("ancestor", List.of("alpine")))));
    assertEquals(
        List.of("up1"), names(api.list(true, 0, false, Map.of("before", List.of("done")))));
    EngineException bad =
        assertThrows(
            EngineException.class,
            () -> api.list(false, 0, false, Map.of("status", List.of("bogus"))));
    assertEquals("invalid filter 'status=bogus'", bad.getMessage());
  }

  @Test
  void logs_since_and_until_select_by_virtual_time() {
    String id = run("lg", "sleep", "1d");
    var c = node.containers().get(id);
    c.mainProcess().out("first\n");
    cluster.clock().advance(Duration.ofSeconds(30));
    c.mainProcess().out("second\n");
    long mid = (cluster.clock().nowNanos() - 10_000_000_000L) / 1_000_000_000L;
    var after = api.logs(id, new LogsOptions(true, true, Long.toString(mid), null, false, "all"));
    assertEquals(List.of("second\n"), after.stream().map(f -> f.text()).toList());
    var before = api.logs(id, new LogsOptions(true, true, null, Long.toString(mid), false, "all"));
    assertEquals(List.of("first\n"), before.stream().map(f -> f.text()).toList());
  }

  @Test
  void kill_and_stop_errors_use_dockers_words() {
    String id = run("gone", "true");
    EngineException e = assertThrows(EngineException.class, () -> api.kill("gone", null));
    assertEquals(
        "Cannot kill container: gone: Container " + id + " is not running", e.getMessage());
    EngineException sig = assertThrows(EngineException.class, () -> api.kill("gone", "NOSIG"));
    assertEquals("Cannot kill container: gone: invalid signal: NOSIG", sig.getMessage());
    assertEquals(400, sig.status());
    EngineException number = assertThrows(EngineException.class, () -> api.kill("gone", "99"));
    assertEquals(
        "Cannot kill container: gone: the linux daemon does not support signal 99",
        number.getMessage());
    EngineException missing = assertThrows(EngineException.class, () -> api.kill("nosuch", null));
    assertEquals("Cannot kill container: nosuch: No such container: nosuch", missing.getMessage());
    assertEquals(404, missing.status());
    api.stop("gone", null); // not running: 304, no error
    EngineException pause = assertThrows(EngineException.class, () -> api.pause("gone"));
    assertEquals("Container " + id + " is not running", pause.getMessage());
  }

  @Test
  void rename_changes_the_name_and_refuses_a_taken_one() {
    run("exited1", "true");
    String percy = run("percy", "sleep", "1d");
    api.rename("exited1", "exited2");
    assertEquals("/exited2", api.inspect("exited2").name());
    EngineException e = assertThrows(EngineException.class, () -> api.rename("exited2", "percy"));
    assertTrue(
        e.getMessage()
            .startsWith(
                "Error when allocating new name: Conflict. The container name \"/percy\" is already in use by container \""
                    + percy));
    EngineException same =
        assertThrows(EngineException.class, () -> api.rename("exited2", "exited2"));
    assertEquals("Renaming a container with the same name as its current name", same.getMessage());
  }

  @Test
  void update_restart_policy_takes_effect_on_the_next_exit() {
    run("later", "sleep", "5");
    api.update("later", new UpdateRequest(new RestartPolicy("always", 0), null, null, null));
    assertEquals("always", api.inspect("later").hostConfig().restartPolicy().name());
    cluster.clock().advance(Duration.ofSeconds(5));
    assertEquals("restarting", api.inspect("later").state().status());
    cluster.clock().advance(Duration.ofMillis(100));
    assertEquals("running", api.inspect("later").state().status());
    assertEquals(1, api.inspect("later").restartCount());
    EngineException bad =
        assertThrows(
            EngineException.class,
            () ->
                api.update(
                    "later", new UpdateRequest(new RestartPolicy("bogus", 0), null, null, null)));
    assertEquals("invalid restart policy 'bogus'", bad.getMessage());
  }

  @Test
  void auto_remove_removes_the_container_when_it_exits() {
    HostConfig rm =
        HostConfig.none().toBuilder()
            .networkMode("default")
            .restartPolicy(new RestartPolicy("no", 0))
            .autoRemove(true)
            .build();
    String id = api.create("once", cmd("alpine", "sleep", "2"), rm, null, null).id();
    api.start(id);
    assertEquals(0, api.await(id, "removed").statusCode());
    assertThrows(EngineException.class, () -> api.inspect(id));
  }

  @Test
  void wait_lets_virtual_time_pass_until_the_container_exits() {
    run("w7", "sleep", "2");
    long t0 = cluster.clock().nowNanos();
    assertEquals(0, api.await("w7", null).statusCode());
    assertEquals(2_000_000_000L, cluster.clock().nowNanos() - t0);
  }

  @Test
  void wait_request_answers_at_the_next_exit_with_that_exit_code_even_when_a_policy_restarts() {
    String id =
        api.create(
                "flaky",
                cmd("alpine", "sh", "-c", "sleep 3; exit 9"),
                ContainerLifecycleTest.hostConfig(new RestartPolicy("on-failure", 1), Map.of()),
                null,
                null)
            .id();
    api.start(id);
    Pending<WaitResponse> w = api.waitAsync("flaky", "not-running");
    assertFalse(w.isDone());
    cluster.clock().advance(Duration.ofSeconds(3));
    assertTrue(w.isDone());
    assertEquals(9, w.get().statusCode());
    assertTrue(api.inspect(id).state().restarting());
    // restarting counts as running: not-running waits for the exit after the restart
    Pending<WaitResponse> again = api.waitAsync("flaky", null);
    assertTrue(again.await(Duration.ofMinutes(1)));
    assertEquals(9, again.get().statusCode());
  }

  @Test
  void wait_not_running_answers_at_once_for_a_stopped_container_but_next_exit_waits() {
    run("quick", "sh", "-c", "exit 4");
    assertEquals(4, api.waitAsync("quick", "not-running").get().statusCode());
    Pending<WaitResponse> next = api.waitAsync("quick", "next-exit");
    assertFalse(next.await(Duration.ofHours(1)));
    api.start("quick");
    assertTrue(next.isDone());
    assertEquals(4, next.get().statusCode());
  }

  @Test
  void wait_removed_answers_when_the_container_is_removed() {
    run("gone", "sh", "-c", "exit 2");
    Pending<WaitResponse> w = api.waitAsync("gone", "removed");
    assertFalse(w.await(Duration.ofHours(1)));
    api.remove("gone", false, false);
    assertEquals(2, w.get().statusCode());
  }

  @Test
  void wait_request_errors_come_at_once_and_a_cancelled_wait_never_answers() {
    assertEquals(
        404, assertThrows(EngineException.class, () -> api.waitAsync("nosuch", null)).status());
    run("forever", "sleep", "infinity");
    assertEquals(
        400, assertThrows(EngineException.class, () -> api.waitAsync("forever", "bogus")).status());
    Pending<WaitResponse> w = api.waitAsync("forever", null);
    long t0 = cluster.clock().nowNanos();
    assertFalse(w.await(Duration.ofDays(1)));
    assertEquals(t0, cluster.clock().nowNanos(), "nothing scheduled: no time passes");
    w.cancel();
    api.kill("forever", null);
    assertFalse(w.isDone());
    assertTrue(api.waitAsync("forever", null).isDone());
  }

  @Test
  void stop_with_a_signal_sends_it_instead_of_sigterm_then_sigkill_after_the_timeout() {
    run("sig", "sleep", "1d");
    long t0 = cluster.clock().nowNanos();
    api.stop("sig", "SIGUSR1", 3);
    assertEquals(3_000_000_000L, cluster.clock().nowNanos() - t0);
    assertEquals(137, api.inspect("sig").state().exitCode());
    List<EventMessage> ev =
        node.engine()
            .system()
            .events(Long.toString(t0 / 1_000_000_000L), null, Map.of("event", List.of("kill")));
    assertEquals(
        List.of("10", "9"), ev.stream().map(e -> e.actor().attributes().get("signal")).toList());
  }

  @Test
  void a_bad_stop_signal_is_400_for_a_running_container_and_ignored_for_a_stopped_one() {
    run("bad", "sleep", "1d");
    EngineException e = assertThrows(EngineException.class, () -> api.stop("bad", "FOO", null));
    assertEquals(400, e.status());
    assertEquals("invalid signal: FOO", e.getMessage());
    assertEquals(
        "Cannot restart container bad: invalid signal: FOO",
        assertThrows(EngineException.class, () -> api.restart("bad", "FOO", null)).getMessage());
    assertTrue(api.inspect("bad").state().running());
    api.kill("bad", null);
    api.stop("bad", "FOO", null);
  }

  @Test
  void stop_requests_sent_together_run_in_parallel_on_the_virtual_clock() {
    run("p1", "sleep", "1d");
    run("p2", "sleep", "1d");
    long t0 = cluster.clock().nowNanos();
    Pending<Void> a = api.stopAsync("p1", null, null);
    Pending<Void> b = api.stopAsync("p2", null, null);
    assertFalse(a.isDone());
    assertFalse(b.isDone());
    assertTrue(a.await(Duration.ofMinutes(1)));
    assertTrue(b.isDone(), "both SIGKILLs are due at the same moment");
    assertEquals(10_000_000_000L, cluster.clock().nowNanos() - t0);
    assertEquals(137, api.inspect("p1").state().exitCode());
    assertEquals(api.inspect("p1").state().finishedAt(), api.inspect("p2").state().finishedAt());
  }

  @Test
  void restart_emits_stop_then_start_and_restart_events() {
    run("rs", "sleep", "1d");
    cluster.clock().advance(Duration.ofSeconds(1));
    long t0 = cluster.clock().nowNanos();
    api.restart("rs", 1);
    List<EventMessage> ev =
        node.engine()
            .system()
            .events(Long.toString(t0 / 1_000_000_000L), null, Map.of("container", List.of("rs")));
    assertEquals(
        List.of("kill", "kill", "die", "stop", "start", "restart"),
        ev.stream().map(EventMessage::action).toList());
  }

  @Test
  void events_since_reads_only_the_daemons_last_256_events_as_moby_keeps_them() {
    // another node's events fill the shared history but not this daemon's buffer
    DockerHost node2 = cluster.addNode();
    ContainersApi other = node2.engine().containers();
    for (int i = 0; i < 300; i++) {
      other.create("o" + i, cmd("alpine", "true"), null, null, null);
    }
    for (int i = 0; i < 300; i++) {
      api.create("c" + i, cmd("alpine", "true"), null, null, null);
    }
    List<EventMessage> ev = node.engine().system().events("0", null, Map.of());
    assertEquals(256, ev.size());
    // the newest 256, oldest first: c44 … c299
    assertEquals("c44", ev.get(0).actor().attributes().get("name"));
    assertEquals("c299", ev.get(255).actor().attributes().get("name"));
    assertEquals(256, cluster.node("node2").engine().system().events("0", null, Map.of()).size());
  }

  @Test
  void anonymous_volumes_go_with_rm_v_and_prune_keeps_named_ones() {
    var vols = node.engine().volumes();
    vols.create(new VolumeCreateRequest("named", null, null, null));
    HostConfig anon =
        HostConfig.none().toBuilder()
            .binds(List.of("/data"))
            .networkMode("default")
            .restartPolicy(new RestartPolicy("no", 0))
            .build();
    String id = api.create("va", cmd("alpine", "true"), anon, null, null).id();
    String anonName = api.inspect(id).mounts().get(0).name();
    assertEquals(64, anonName.length());
    api.remove(id, false, true);
    assertThrows(EngineException.class, () -> vols.inspect(anonName));
    api.create("vb", cmd("alpine", "true"), anon, null, null);
    api.remove("vb", false, false);
    assertEquals(1, vols.prune(Map.of()).volumesDeleted().size());
    assertEquals("named", vols.list(Map.of()).get(0).name());
    EngineException missing = assertThrows(EngineException.class, () -> vols.inspect("nosuch"));
    assertEquals("get nosuch: no such volume", missing.getMessage());
  }

  @Test
  void addresses_are_released_when_a_container_stops() {
    String a = run("aa", "sleep", "1d");
    run("bb", "sleep", "1d");
    assertEquals("172.17.0.3", api.inspect("bb").networkSettings().ipAddress());
    api.stop(a, 0);
    assertEquals("", api.inspect(a).networkSettings().ipAddress());
    run("cc", "sleep", "1d");
    assertEquals("172.17.0.2", api.inspect("cc").networkSettings().ipAddress());
  }

  @Test
  void network_remove_refuses_predefined_and_in_use_networks() {
    var nets = node.engine().networks();
    EngineException pre = assertThrows(EngineException.class, () -> nets.remove("bridge"));
    assertEquals("bridge is a pre-defined network and cannot be removed", pre.getMessage());
    nets.create(
        new dev.ddlab.engine.dto.NetworkCreateRequest(
            "dup", "bridge", false, false, false, null, false, null, null));
    EngineException dup =
        assertThrows(
            EngineException.class,
            () ->
                nets.create(
                    new dev.ddlab.engine.dto.NetworkCreateRequest(
                        "dup", "bridge", false, false, false, null, false, null, null)));
    assertEquals("network with name dup already exists", dup.getMessage());
    EngineException missing = assertThrows(EngineException.class, () -> nets.inspect("nosuch"));
    assertEquals("network nosuch not found", missing.getMessage());
  }

  @Test
  void top_shows_host_pids_and_the_shim_as_parent() {
    String id = run("tp", "sleep", "1d");
    var row = api.top(id, null).processes().get(0);
    var main = node.containers().get(id).mainProcess();
    assertEquals(Integer.toString(main.hostPid()), row.get(1));
    assertEquals(Integer.toString(main.hostPpid()), row.get(2));
    assertEquals("sleep 1d", row.get(7));
    assertNull(api.inspect(id).execIds());
  }

  @Test
  void
      a_listing_repeats_the_unchanged_parts_of_a_row_as_the_same_objects_and_a_rename_changes_them() {
    run("same", "sleep", "1d");
    ContainerSummary first = api.list(true, -1, false, null).get(0);
    ContainerSummary again = api.list(true, -1, false, null).get(0);
    assertEquals(first, again);
    // the kept table of docker ps compares these by identity (OutputCache)
    assertSame(first.names(), again.names(), "names");
    assertSame(first.hostConfig(), again.hostConfig(), "HostConfig");
    assertSame(first.labels(), again.labels(), "labels");
    assertSame(first.ports(), again.ports(), "ports");
    api.rename("same", "other");
    ContainerSummary renamed = api.list(true, -1, false, null).get(0);
    assertEquals(List.of("/other"), renamed.names());
    assertEquals(Map.of("NetworkMode", "default"), renamed.hostConfig());
  }
}

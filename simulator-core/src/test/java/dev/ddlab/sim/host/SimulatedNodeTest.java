package dev.ddlab.sim.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ddlab.engine.ContainersApi;
import dev.ddlab.engine.Engine;
import dev.ddlab.engine.EngineException;
import dev.ddlab.engine.dto.ContainerConfig;
import dev.ddlab.engine.dto.EndpointSettings;
import dev.ddlab.engine.dto.EventMessage;
import dev.ddlab.engine.dto.HostConfig;
import dev.ddlab.engine.dto.NetworkCreateRequest;
import dev.ddlab.engine.dto.PortBinding;
import dev.ddlab.engine.dto.RestartPolicy;
import dev.ddlab.sim.runtime.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The node with the real image store: the course's images, ports, restart policies, networks. */
class SimulatedNodeTest {
  private final Cluster cluster = Cluster.single(7);
  private final DockerHost node = cluster.node("node1");
  private final Engine engine = node.engine();
  private final ContainersApi api = engine.containers();

  private void pull(String ref) {
    engine.images().pull(ref, null, false, m -> {});
  }

  private static HostConfig hc(
      String restart,
      int max,
      Map<String, List<PortBinding>> ports,
      String network,
      List<String> binds) {
    return HostConfig.none().toBuilder()
        .binds(binds)
        .networkMode(network)
        .portBindings(ports)
        .restartPolicy(new RestartPolicy(restart, max))
        .ipcMode("")
        .pidMode("")
        .utsMode("")
        .build();
  }

  private static ContainerConfig cfg(String image, String... cmd) {
    return cfg(false, image, cmd);
  }

  /** {@code interactive}: as {@code docker run -i} creates it (stdin attached and kept open). */
  private static ContainerConfig cfg(boolean interactive, String image, String... cmd) {
    return new ContainerConfig(
        "",
        "",
        "",
        interactive,
        false,
        false,
        null,
        false,
        interactive,
        interactive,
        null,
        cmd.length == 0 ? null : List.of(cmd),
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

  private String run(String name, HostConfig hc, String image, String... cmd) {
    String id = api.create(name, cfg(image, cmd), hc, null, null).id();
    api.start(id);
    return id;
  }

  @Test
  void stdin_sent_and_closed_through_an_attach_before_start_reaches_the_process_once_it_runs() {
    pull("alpine");
    ContainerConfig interactive = cfg(true, "alpine", "sh", "-c", "cat; exit 4");
    String id =
        api.create("early", interactive, hc("no", 0, null, "default", null), null, null).id();
    dev.ddlab.engine.Attachment a = api.attach(id, true);
    a.write("hi\n"); // a client's piped stdin and its end, both before POST /start
    a.closeInput();
    api.start(id);
    assertTrue(a.awaitExit(java.time.Duration.ofSeconds(5)), "cat ends at the end of its input");
    assertEquals(4, a.exitCode());
    assertEquals("hi\n", a.read());
  }

  @Test
  void webserver_with_publish_80_to_8080_serves_the_apps_page() {
    pull("nigelpoulton/ddd-book:web0.1");
    run(
        "webserver",
        hc("no", 0, Map.of("8080/tcp", List.of(new PortBinding("", "80"))), "default", null),
        "nigelpoulton/ddd-book:web0.1");
    assertEquals("running", api.inspect("webserver").state().status());
    assertEquals("node", api.inspect("webserver").path());
    String body = node.http(80, "/").body();
    assertTrue(body.contains("<h1>Docker FTW!</h1>"), body);
    assertEquals(
        List.of(new PortBinding("0.0.0.0", "80"), new PortBinding("::", "80")),
        api.inspect("webserver").networkSettings().ports().get("8080/tcp"));
  }

  @Test
  void second_container_on_the_same_host_port_stays_created_with_dockers_error() {
    pull("nginx");
    Map<String, List<PortBinding>> p = Map.of("80/tcp", List.of(new PortBinding("", "8080")));
    run("web1", hc("no", 0, p, "default", null), "nginx");
    String id2 = api.create("web2", cfg("nginx"), hc("no", 0, p, "default", null), null, null).id();
    EngineException e = assertThrows(EngineException.class, () -> api.start(id2));
    assertTrue(
        e.getMessage()
            .startsWith("driver failed programming external connectivity on endpoint web2 ("));
    assertTrue(
        e.getMessage().endsWith("): Bind for 0.0.0.0:8080 failed: port is already allocated"));
    assertEquals("created", api.inspect("web2").state().status());
    assertTrue(node.http(8080, "/").body().contains("Welcome to nginx!"));
  }

  @Test
  void always_restarts_after_a_daemon_restart_even_when_stopped_but_unless_stopped_does_not() {
    pull("alpine");
    run("always", hc("always", 0, null, "default", null), "alpine", "sleep", "1d");
    run("unless-stopped", hc("unless-stopped", 0, null, "default", null), "alpine", "sleep", "1d");
    run("nopolicy", hc("no", 0, null, "default", null), "alpine", "sleep", "1d");
    api.stop("always", null);
    api.stop("unless-stopped", null);
    node.restartDaemon();
    assertEquals("running", api.inspect("always").state().status());
    assertEquals("exited", api.inspect("unless-stopped").state().status());
    assertEquals("exited", api.inspect("nopolicy").state().status());
    assertEquals(137, api.inspect("nopolicy").state().exitCode());
    assertEquals(0, api.inspect("always").restartCount());
  }

  @Test
  void on_failure_retries_with_doubling_back_off_then_gives_up() {
    pull("alpine");
    run("onfail", hc("on-failure", 2, null, "default", null), "alpine", "false");
    var i = api.inspect("onfail");
    assertEquals("restarting", i.state().status());
    assertEquals(1, i.restartCount());
    assertTrue(api.list(true, 0, false, Map.of()).get(0).status().startsWith("Restarting (1) "));
    cluster.clock().advance(Duration.ofMillis(100));
    assertEquals(2, api.inspect("onfail").restartCount());
    cluster.clock().advance(Duration.ofMillis(199));
    assertEquals("restarting", api.inspect("onfail").state().status());
    cluster.clock().advance(Duration.ofMillis(1));
    assertEquals("exited", api.inspect("onfail").state().status());
    assertEquals(2, api.inspect("onfail").restartCount());
  }

  @Test
  void user_networks_resolve_container_names_and_the_default_bridge_does_not() {
    pull("nginx");
    engine
        .networks()
        .create(
            new NetworkCreateRequest(
                "mynet", "bridge", false, false, false, null, false, null, null));
    assertEquals(
        "172.18.0.0/16", engine.networks().inspect("mynet").ipam().config().get(0).subnet());
    run("web", hc("no", 0, null, "mynet", null), "nginx");
    run("client", hc("no", 0, null, "mynet", null), "nginx");
    run("other", hc("no", 0, null, "default", null), "nginx");
    assertEquals(
        "172.18.0.2", api.inspect("web").networkSettings().networks().get("mynet").ipAddress());
    var client = node.containers().get("client").mainProcess();
    assertEquals("172.18.0.2", client.resolve("web").orElseThrow());
    assertTrue(client.http("web", 80, HttpRequest.get("/")).body().contains("nginx"));
    var other = node.containers().get("other").mainProcess();
    assertTrue(other.resolve("web").isEmpty());
  }

  @Test
  void named_volume_keeps_data_across_containers() {
    pull("alpine");
    String a =
        run("writer", hc("no", 0, null, "default", List.of("data:/data")), "alpine", "sleep", "1d");
    node.containers()
        .get(a)
        .fs()
        .write("/data/f.txt", "kept\n".getBytes(StandardCharsets.UTF_8), false);
    EngineException inUse =
        assertThrows(EngineException.class, () -> engine.volumes().remove("data", false));
    assertEquals("remove data: volume is in use - [" + a + "]", inUse.getMessage());
    api.remove(a, true, true);
    String b =
        run("reader", hc("no", 0, null, "default", List.of("data:/data")), "alpine", "sleep", "1d");
    assertEquals(
        "kept\n",
        new String(node.containers().get(b).fs().read("/data/f.txt"), StandardCharsets.UTF_8));
    assertTrue(api.changes(b).stream().noneMatch(c -> c.path().startsWith("/data/")));
  }

  @Test
  void events_record_the_lifecycle_in_virtual_time() {
    pull("alpine");
    long t0 = engine.system().nowNanos();
    run("ev", hc("no", 0, null, "default", null), "alpine", "sleep", "1d");
    api.stop("ev", null);
    api.remove("ev", false, false);
    List<EventMessage> ev =
        engine
            .system()
            .events(Long.toString(t0 / 1_000_000_000L), null, Map.of("type", List.of("container")));
    assertEquals(
        List.of("create", "start", "kill", "kill", "die", "stop", "destroy"),
        ev.stream().map(EventMessage::action).toList());
    assertEquals("15", ev.get(2).actor().attributes().get("signal"));
    assertEquals("137", ev.get(4).actor().attributes().get("exitCode"));
    assertEquals(10L, ev.get(4).time() - ev.get(1).time());
  }

  @Test
  void container_network_mode_shares_the_net_namespace() {
    pull("alpine");
    run("first", hc("no", 0, null, "default", null), "alpine", "sleep", "1d");
    String second =
        api.create(
                "second",
                cfg("alpine", "sleep", "1d"),
                hc("no", 0, null, "container:first", null),
                null,
                null)
            .id();
    api.start(second);
    var views = node.inspectContainers();
    assertEquals(views.get(0).namespaces().get("net"), views.get(1).namespaces().get("net"));
    assertTrue(!views.get(0).namespaces().get("pid").equals(views.get(1).namespaces().get("pid")));
    assertEquals(1, views.get(1).processes().get(0).pid());
  }

  @Test
  void version_and_info_look_like_docker_24() {
    assertEquals("1.43", engine.system().version().apiVersion());
    var info = engine.system().info();
    assertEquals("runc", info.defaultRuntime());
    assertEquals("overlay2", info.driver());
    assertEquals("https://index.docker.io/v1/", info.indexServerAddress());
    assertEquals("Ubuntu 22.04.3 LTS", info.operatingSystem());
  }

  @Test
  void connect_to_a_second_network_gives_a_second_address() {
    pull("alpine");
    engine
        .networks()
        .create(
            new NetworkCreateRequest(
                "back", "bridge", false, false, false, null, false, null, null));
    run("multi", hc("no", 0, null, "default", null), "alpine", "sleep", "1d");
    engine
        .networks()
        .connect(
            "back",
            "multi",
            new EndpointSettings(
                null, null, null, null, null, null, null, 0, null, null, 0, null, null));
    var nets = api.inspect("multi").networkSettings().networks();
    assertEquals("172.17.0.2", nets.get("bridge").ipAddress());
    assertEquals("172.18.0.2", nets.get("back").ipAddress());
  }

  @Test
  void shell_as_pid_1_runs_its_command_and_the_container_exits_with_its_code() {
    pull("alpine");
    run("exited1", hc("no", 0, null, "default", null), "alpine", "sh", "-c", "echo hello; exit 3");
    assertEquals(3, api.inspect("exited1").state().exitCode());
    assertEquals(
        "hello\n",
        api.logs(
                "exited1",
                new dev.ddlab.engine.dto.LogsOptions(true, true, null, null, false, "all"))
            .get(0)
            .text());
  }
}

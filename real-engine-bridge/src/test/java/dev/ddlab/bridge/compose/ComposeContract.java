package dev.ddlab.bridge.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ddlab.cli.CliContext;
import dev.ddlab.cli.DockerCli;
import dev.ddlab.client.CliResult;
import dev.ddlab.client.CommandIo;
import dev.ddlab.engine.Attachment;
import dev.ddlab.engine.Engine;
import dev.ddlab.engine.EngineException;
import dev.ddlab.engine.dto.ContainerSummary;
import dev.ddlab.engine.dto.Network;
import dev.ddlab.fs.MemoryFs;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What {@code docker compose} must leave on an engine, the same on the simulated node and on a real
 * dockerd (the compose plugin drives both through {@link Engine} only): names, labels, networks and
 * volumes after {@code up}, {@code stop}, {@code start}, {@code down} and {@code down -v}, and the
 * aliases that let services reach each other by name. Commands are busybox ones, so the offline
 * real engine (a busybox rootfs tagged alpine) runs them too.
 */
public abstract class ComposeContract {
  protected Engine engine;
  private DockerCli cli;
  private final MemoryFs fs = new MemoryFs(() -> 0L);
  private final String project = "cc" + Long.toHexString(System.nanoTime() & 0xffffff);

  protected abstract Engine open();

  protected void close() {}

  /** Lets engine time pass: the simulator's virtual clock, or a real sleep. */
  protected abstract void letTimePass(Duration d);

  static final String FILE =
      """
      services:
        web:
          image: alpine
          command: sleep 600
          networks: [front]
          volumes:
            - data:/data
          depends_on: [cache]
        cache:
          image: alpine
          command: ["sleep", "600"]
          networks:
            front:
              aliases: [kv]
      networks:
        front:
      volumes:
        data:
      """;

  @BeforeEach
  void setUp() {
    cli = null;
    engine = open();
    fs.mkdir("/work/" + project, true);
    fs.write("/work/" + project + "/compose.yaml", FILE.getBytes(StandardCharsets.UTF_8), false);
    cli = new DockerCli(engine, CliContext.of(fs, () -> "/work/" + project));
  }

  @AfterEach
  void tearDown() {
    try {
      if (cli != null) {
        compose("down", "-v", "-t", "1");
      }
    } finally {
      close();
    }
  }

  record Run(int code, String out, String err) {}

  /**
   * A compose command that may go on as a foreground stream (up waiting for a condition): follows
   * it, letting engine time pass, until it ends (at most {@code max}).
   */
  Run composeToTheEnd(Duration max, String... args) {
    StringBuilder out = new StringBuilder();
    StringBuilder err = new StringBuilder();
    CliResult r = cli.run(argv(args), io(out, err));
    if (!r.isAttached()) {
      return new Run(r.exitCode(), out.toString(), err.toString());
    }
    Attachment a = r.attachment();
    for (long waited = 0; !a.isClosed() && waited < max.toMillis(); waited += 200) {
      out.append(a.read());
      letTimePass(Duration.ofMillis(200));
    }
    out.append(a.read());
    assertTrue(a.isClosed(), "still waiting after " + max + ": " + out + err);
    Integer code = a.exitCode();
    return new Run(code == null ? 0 : code, out.toString(), err.toString());
  }

  private static List<String> argv(String... args) {
    List<String> argv = new java.util.ArrayList<>(List.of("compose"));
    argv.addAll(List.of(args));
    return argv;
  }

  private static CommandIo io(StringBuilder out, StringBuilder err) {
    return new CommandIo() {
      @Override
      public void out(String text) {
        out.append(text);
      }

      @Override
      public void err(String text) {
        err.append(text);
      }

      @Override
      public boolean isTty() {
        return false;
      }
    };
  }

  Run compose(String... args) {
    StringBuilder out = new StringBuilder();
    StringBuilder err = new StringBuilder();
    CliResult r = cli.run(argv(args), io(out, err));
    return new Run(r.exitCode(), out.toString(), err.toString());
  }

  private List<ContainerSummary> containers(boolean all) {
    return engine
        .containers()
        .list(all, 0, false, Map.of("label", List.of("com.docker.compose.project=" + project)));
  }

  private static String name(ContainerSummary c) {
    return c.names().get(0).substring(1);
  }

  private Network network(String name) {
    for (Network n : engine.networks().list(Map.of("name", List.of(name)))) {
      if (n.name().equals(name)) {
        return n;
      }
    }
    return null;
  }

  private boolean volumeExists(String name) {
    try {
      engine.volumes().inspect(name);
      return true;
    } catch (EngineException e) {
      return false;
    }
  }

  @Test
  void up_creates_the_network_volume_and_numbered_containers_with_compose_labels() {
    Run up = compose("up", "-d");
    assertEquals(0, up.code(), up.err());
    assertTrue(up.err().contains(" Network " + project + "_front  Created"), up.err());
    assertTrue(up.err().contains(" Volume \"" + project + "_data\"  Created"), up.err());
    assertTrue(up.err().contains(" Container " + project + "-web-1  Started"), up.err());
    List<ContainerSummary> cs = containers(false);
    assertEquals(2, cs.size());
    for (ContainerSummary c : cs) {
      String service = c.labels().get("com.docker.compose.service");
      assertEquals(project + "-" + service + "-1", name(c));
      assertEquals("1", c.labels().get("com.docker.compose.container-number"));
      assertEquals("False", c.labels().get("com.docker.compose.oneoff"));
      assertEquals("/work/" + project, c.labels().get("com.docker.compose.project.working_dir"));
    }
    Network n = network(project + "_front");
    assertEquals("front", n.labels().get("com.docker.compose.network"));
    assertEquals(project, n.labels().get("com.docker.compose.project"));
    assertEquals(
        project,
        engine.volumes().inspect(project + "_data").labels().get("com.docker.compose.project"));
  }

  @Test
  void services_reach_each_other_by_service_name_and_alias() {
    assertEquals(0, compose("up", "-d").code());
    List<String> aliases =
        engine
            .containers()
            .inspect(project + "-cache-1")
            .networkSettings()
            .networks()
            .get(project + "_front")
            .aliases();
    assertTrue(aliases.contains("cache"), String.valueOf(aliases));
    assertTrue(aliases.contains("kv"), String.valueOf(aliases));
  }

  @Test
  void stop_then_start_keeps_the_containers_and_down_keeps_the_volume_unless_v() {
    assertEquals(0, compose("up", "-d").code());
    assertEquals(0, compose("stop", "-t", "1").code());
    assertEquals(0, containers(false).size());
    assertEquals(2, containers(true).size());
    assertEquals(0, compose("start").code());
    assertEquals(2, containers(false).size());
    Run down = compose("down", "-t", "1");
    assertEquals(0, down.code(), down.err());
    assertEquals(0, containers(true).size());
    assertEquals(null, network(project + "_front"));
    assertTrue(volumeExists(project + "_data"));
    assertEquals(0, compose("down", "-v").code());
    assertFalse(volumeExists(project + "_data"));
  }

  @Test
  void up_again_leaves_unchanged_containers_running() {
    assertEquals(0, compose("up", "-d").code());
    String id = engine.containers().inspect(project + "-web-1").id();
    Run again = compose("up", "-d");
    assertEquals(0, again.code(), again.err());
    assertTrue(again.err().contains(" Container " + project + "-web-1  Running"), again.err());
    assertEquals(id, engine.containers().inspect(project + "-web-1").id());
  }

  @Test
  void scale_makes_numbered_replicas() {
    assertEquals(0, compose("up", "-d", "--scale", "cache=2").code());
    assertTrue(engine.containers().inspect(project + "-cache-2").state().running());
  }

  static final String HEALTH_FILE =
      """
      services:
        db:
          image: alpine
          command: sh -c "sleep 2; touch /tmp/ready; sleep 600"
          healthcheck:
            test: ["CMD", "test", "-f", "/tmp/ready"]
            interval: 1s
            retries: 5
        web:
          image: alpine
          command: sleep 600
          depends_on:
            db:
              condition: service_healthy
      """;

  static final String BROKEN_FILE =
      """
      services:
        broken:
          image: alpine
          command: sleep 600
          healthcheck:
            test: ["CMD", "false"]
            interval: 1s
            retries: 1
        needs-broken:
          image: alpine
          command: sleep 600
          depends_on:
            broken:
              condition: service_healthy
      """;

  @Test
  void up_starts_a_service_only_once_its_dependency_is_healthy() {
    fs.write(
        "/work/" + project + "/compose.yaml", HEALTH_FILE.getBytes(StandardCharsets.UTF_8), false);
    Run up = composeToTheEnd(Duration.ofSeconds(60), "--progress", "plain", "up", "-d");
    assertEquals(0, up.code(), up.out() + up.err());
    String all = up.err() + up.out();
    int healthy = all.indexOf("Container " + project + "-db-1  Healthy");
    int started = all.indexOf("Container " + project + "-web-1  Started");
    assertTrue(healthy > 0 && started > healthy, all);
    assertEquals(
        "healthy", engine.containers().inspect(project + "-db-1").state().health().status());
    assertTrue(engine.containers().inspect(project + "-web-1").state().running());
  }

  @Test
  void up_without_a_terminal_waits_on_the_engines_clock_until_the_dependency_is_healthy() {
    fs.write(
        "/work/" + project + "/compose.yaml", HEALTH_FILE.getBytes(StandardCharsets.UTF_8), false);
    StringBuilder out = new StringBuilder();
    StringBuilder err = new StringBuilder();
    CliResult r = cli.run(argv("--progress", "plain", "up", "-d"), io(out, err));
    assertTrue(r.isAttached(), out + "" + err);
    Attachment a = r.attachment();
    // what ssh does with a stream it has no terminal for: wait for its end, then read it
    boolean ended = a.awaitExit(Duration.ofSeconds(60));
    String streamed = a.read();
    assertTrue(ended, out + "" + err + streamed);
    assertEquals(0, a.exitCode());
    assertTrue(streamed.contains("Container " + project + "-web-1  Started"), streamed);
    assertTrue(engine.containers().inspect(project + "-web-1").state().running());
  }

  @Test
  void up_fails_when_a_dependency_turns_unhealthy_and_leaves_the_dependant_created() {
    fs.write(
        "/work/" + project + "/compose.yaml", BROKEN_FILE.getBytes(StandardCharsets.UTF_8), false);
    Run up = composeToTheEnd(Duration.ofSeconds(60), "up", "-d");
    assertEquals(1, up.code(), up.out() + up.err());
    assertTrue(
        (up.out() + up.err())
            .contains(
                "dependency failed to start: container " + project + "-broken-1 is unhealthy"),
        up.out() + up.err());
    assertEquals(
        "created", engine.containers().inspect(project + "-needs-broken-1").state().status());
  }

  private void write(String path, String text) {
    String full = "/work/" + project + "/" + path;
    fs.mkdir(dev.ddlab.fs.Paths.parent(full), true);
    fs.write(full, text.getBytes(StandardCharsets.UTF_8), false);
  }

  /** The content of one file in a container, as GET /archive hands it (a tar of that file). */
  private String fileIn(String container, String path) {
    byte[] tar = engine.containers().getArchive(engine.containers().inspect(container).id(), path);
    return new String(tar, StandardCharsets.UTF_8);
  }

  @Test
  void services_of_an_inactive_profile_start_only_when_the_profile_is_enabled() {
    write(
        "compose.yaml",
        """
        services:
          web:
            image: alpine
            command: sleep 600
          debug:
            image: alpine
            command: sleep 600
            profiles: [debug]
        """);
    assertEquals(0, compose("up", "-d").code());
    assertEquals(
        List.of(project + "-web-1"), containers(false).stream().map(c -> name(c)).toList());
    Run up = compose("--profile", "debug", "up", "-d");
    assertEquals(0, up.code(), up.err());
    assertTrue(engine.containers().inspect(project + "-debug-1").state().running());
    assertEquals(0, compose("--profile", "debug", "down", "-t", "1").code());
  }

  @Test
  void extends_and_include_build_the_services_the_engine_runs() {
    write(
        "db/compose.yaml",
        """
        services:
          cache:
            image: alpine
            command: sleep 600
            labels: [tier=data]
        """);
    write(
        "compose.yaml",
        """
        include:
          - db/compose.yaml
        services:
          base:
            image: alpine
            command: sleep 600
            labels: {team: core}
          web:
            extends: base
            labels: {role: front}
            depends_on: [cache]
        """);
    Run up = compose("up", "-d");
    assertEquals(0, up.code(), up.err());
    Map<String, String> labels = engine.containers().inspect(project + "-web-1").config().labels();
    assertEquals("core", labels.get("team"));
    assertEquals("front", labels.get("role"));
    assertEquals(
        "data", engine.containers().inspect(project + "-cache-1").config().labels().get("tier"));
  }

  @Test
  void secrets_from_the_environment_and_configs_from_content_are_copied_in_before_start() {
    write(".env", "TOKEN=s3cret\n");
    write(
        "compose.yaml",
        """
        services:
          web:
            image: alpine
            command: sleep 600
            secrets: [token]
            configs:
              - source: motd
                target: /etc/motd
        secrets:
          token:
            environment: TOKEN
        configs:
          motd:
            content: hello
        """);
    Run up = compose("up", "-d");
    assertEquals(0, up.code(), up.err());
    assertTrue(fileIn(project + "-web-1", "/run/secrets/token").contains("s3cret"));
    assertTrue(fileIn(project + "-web-1", "/etc/motd").contains("hello"));
  }

  @Test
  void aux_addresses_of_a_compose_network_are_never_given_to_a_container() {
    // in the classroom guard's pool (10.215.0.0/16), above the /24s the daemon hands out itself
    int third = (int) (Math.abs(project.hashCode()) % 50) + 200;
    String prefix = "10.215." + third + ".";
    write(
        "compose.yaml",
        """
        services:
          web:
            image: alpine
            command: sleep 600
            networks: [back]
        networks:
          back:
            ipam:
              config:
                - subnet: %s0/29
                  gateway: %s1
                  aux_addresses:
                    router: %s2
        """
            .formatted(prefix, prefix, prefix));
    Run up = compose("up", "-d");
    assertEquals(0, up.code(), up.err());
    Network n = engine.networks().inspect(project + "_back");
    assertEquals(Map.of("router", prefix + "2"), n.ipam().config().get(0).auxiliaryAddresses());
    assertEquals(
        prefix + "3",
        engine
            .containers()
            .inspect(project + "-web-1")
            .networkSettings()
            .networks()
            .get(project + "_back")
            .ipAddress());
  }

  @Test
  void kill_with_remove_orphans_also_kills_what_the_file_no_longer_defines() {
    assertEquals(0, compose("up", "-d").code());
    write(
        "compose.yaml",
        """
        services:
          web:
            image: alpine
            command: sleep 600
        """);
    assertEquals(0, compose("kill").code());
    assertTrue(engine.containers().inspect(project + "-cache-1").state().running());
    Run kill = compose("kill", "--remove-orphans");
    assertEquals(0, kill.code(), kill.err());
    assertFalse(engine.containers().inspect(project + "-cache-1").state().running());
    assertEquals(0, compose("down", "--remove-orphans", "-v").code());
  }

  @Test
  void events_streams_the_projects_container_events_while_up_runs() {
    StringBuilder out = new StringBuilder();
    StringBuilder err = new StringBuilder();
    CliResult events = cli.run(argv("events", "--json", "web"), io(out, err));
    assertTrue(events.isAttached(), err.toString());
    Attachment a = events.attachment();
    try {
      assertEquals(0, compose("up", "-d").code());
      String seen = "";
      for (int i = 0; i < 50 && !seen.contains("\"action\":\"start\""); i++) {
        letTimePass(Duration.ofMillis(200));
        seen += a.read();
      }
      assertTrue(seen.contains("\"action\":\"start\""), seen);
      assertTrue(seen.contains("\"service\":\"web\""), seen);
      assertFalse(seen.contains("\"service\":\"cache\""), seen);
      assertFalse(seen.contains("com.docker.compose"), seen);
    } finally {
      a.close();
    }
  }
}

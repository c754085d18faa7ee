package dev.ddlab.bridge.guard;

import static dev.ddlab.bridge.guard.GuardKit.alpine;
import static dev.ddlab.bridge.guard.GuardKit.host;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ddlab.cli.CliContext;
import dev.ddlab.cli.DockerCli;
import dev.ddlab.client.CliResult;
import dev.ddlab.client.CommandIo;
import dev.ddlab.engine.EngineException;
import dev.ddlab.engine.dto.ContainerInspect;
import dev.ddlab.engine.dto.ContainerSummary;
import dev.ddlab.engine.dto.EndpointSettings;
import dev.ddlab.engine.dto.EventMessage;
import dev.ddlab.engine.dto.LogFrame;
import dev.ddlab.engine.dto.LogsOptions;
import dev.ddlab.engine.dto.Network;
import dev.ddlab.engine.dto.NetworkCreateRequest;
import dev.ddlab.engine.dto.NetworkingConfig;
import dev.ddlab.engine.dto.Volume;
import dev.ddlab.engine.dto.VolumeCreateRequest;
import dev.ddlab.fs.MemoryFs;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A class on one shared daemon follows one course: two guarded sessions (DDLAB_DOCKER_HOST) both
 * type {@code docker run --name web}, {@code network create net1}, {@code volume create data} and
 * {@code compose up} of the same project, and each gets and sees its own, under the names it typed,
 * while the daemon holds them as {@code <name>.<session suffix>} ({@link SessionNames}). The
 * embedded DNS answers the name the session gave.
 */
class GuardNamesTest extends TwoSessions {
  @Override
  protected String sessionPrefix() {
    return "nm";
  }

  private String suffix(GuardedEngine s) {
    return new SessionNames(s.policy().sessionId()).suffix();
  }

  private static NetworkCreateRequest bridge(String name) {
    return new NetworkCreateRequest(name, "bridge", false, false, false, null, false, null, null);
  }

  private static String exited(GuardedEngine s, String id) {
    s.containers().start(id);
    s.containers().await(id, "not-running");
    return s.containers().logs(id, new LogsOptions(true, true, null, null, false, "all")).stream()
        .map(LogFrame::text)
        .collect(Collectors.joining());
  }

  @Test
  void two_sessions_each_run_a_container_named_web_and_see_only_their_own_under_that_name() {
    String mine = started(a, "web", "sleep", "60");
    String theirs = started(b, "web", "sleep", "60");
    assertNotEquals(mine, theirs);
    for (GuardedEngine s : List.of(a, b)) {
      List<ContainerSummary> listed = s.containers().list(true, 0, false, Map.of());
      assertEquals(1, listed.size(), listed.toString());
      assertEquals(List.of("/web"), listed.get(0).names());
      assertEquals("/web", s.containers().inspect("web").name());
    }
    assertEquals(mine, a.containers().inspect("web").id());
    assertEquals(
        List.of("/web"),
        a.system().df().containers().stream().flatMap(c -> c.names().stream()).toList());
    var stats = a.containers().stats("web");
    assertTrue(stats.await(java.time.Duration.ofSeconds(10)));
    assertEquals("/web", stats.get().name());
    assertEquals(theirs, b.containers().inspect("web").id());
    assertEquals("/web" + suffix(a), real.containers().inspect(mine).name());
    assertEquals(
        List.of(mine),
        a.containers().list(true, 0, false, Map.of("name", List.of("^web$"))).stream()
            .map(ContainerSummary::id)
            .toList());
    // the name is taken in the session itself: Docker's conflict, in the session's names
    EngineException again =
        assertThrows(
            EngineException.class,
            () -> a.containers().create("web", alpine("true"), null, null, null));
    assertEquals(409, again.status());
    assertTrue(
        again.getMessage().contains("\"/web\" is already in use by container \"" + mine),
        again.getMessage());
    assertFalse(again.getMessage().contains(".ddlab-"), again.getMessage());
    // renaming to a name another session holds is a rename in the session's own names
    a.containers().rename("web", "api");
    b.containers().create("api", alpine("true"), null, null, null);
    assertEquals("/api", a.containers().inspect(mine).name());
    a.containers().stop("api", null, 1);
    b.containers().stop("web", null, 1);
    assertEquals("/web" + suffix(b), real.containers().inspect(theirs).name());
  }

  @Test
  void two_sessions_each_create_net1_and_data_and_a_container_reads_its_own_sessions_volume() {
    String netA = a.networks().create(bridge("net1")).id();
    String netB = b.networks().create(bridge("net1")).id();
    assertNotEquals(netA, netB);
    a.volumes().create(new VolumeCreateRequest("data", "local", null, null));
    b.volumes().create(new VolumeCreateRequest("data", "local", null, null));
    for (GuardedEngine s : List.of(a, b)) {
      List<String> nets = s.networks().list(Map.of()).stream().map(Network::name).toList();
      assertEquals(1, nets.stream().filter("net1"::equals).count(), nets.toString());
      assertEquals("net1", s.networks().inspect("net1").name());
      List<Volume> vols = s.volumes().list(Map.of());
      assertEquals(List.of("data"), vols.stream().map(Volume::name).toList());
      Volume data = s.volumes().inspect("data");
      assertFalse(data.mountpoint().contains(".ddlab-"), data.mountpoint());
      assertTrue(data.mountpoint().contains("/data/"), data.mountpoint());
    }
    assertEquals(netA, a.networks().inspect("net1").id());
    assertEquals("net1" + suffix(b), real.networks().inspect(netB).name());
    String writer =
        a.containers()
            .create(
                "writer",
                alpine("sh", "-c", "echo from-a > /d/f"),
                host(
                    m -> {
                      m.put("binds", List.of("data:/d"));
                      m.put("network", "net1");
                      return m;
                    }),
                null,
                null)
            .id();
    exited(a, writer);
    ContainerInspect w = a.containers().inspect(writer);
    assertEquals(List.of("data:/d"), w.hostConfig().binds());
    assertEquals("net1", w.hostConfig().networkMode());
    assertEquals("data", w.mounts().get(0).name());
    assertEquals(List.of("net1"), List.copyOf(w.networkSettings().networks().keySet()));
    String reader =
        b.containers()
            .create(
                "reader",
                alpine("sh", "-c", "cat /d/f 2>&1 || echo none"),
                host("binds", List.of("data:/d")),
                null,
                null)
            .id();
    assertEquals("none\n", exited(b, reader).replaceAll(".*No such file.*\n", ""));
    String readerA =
        a.containers()
            .create("reader", alpine("cat", "/d/f"), host("binds", List.of("data:/d")), null, null)
            .id();
    assertEquals("from-a\n", exited(a, readerA));
  }

  @Test
  void the_embedded_dns_answers_the_name_each_session_gave_with_its_own_container() {
    for (GuardedEngine s : List.of(a, b)) {
      s.networks().create(bridge("net1"));
    }
    // a names the network by NetworkMode only, b with an endpoint as docker/cli sends it
    String webA = started(a, "web", "net1", null);
    String webB =
        started(
            b,
            "web",
            "net1",
            new NetworkingConfig(Map.of("net1", EndpointSettings.request(null, null))));
    for (GuardedEngine s : List.of(a, b)) {
      String web = s == a ? webA : webB;
      String ip = s.containers().inspect(web).networkSettings().networks().get("net1").ipAddress();
      String probe =
          s.containers()
              .create(
                  "probe",
                  alpine("ping", "-c", "1", "-W", "3", "web"),
                  host("network", "net1"),
                  null,
                  null)
              .id();
      String out = exited(s, probe);
      assertEquals(0, s.containers().inspect(probe).state().exitCode(), out);
      assertTrue(out.contains("(" + ip + ")"), "web is " + ip + ": " + out);
    }
  }

  private static String started(GuardedEngine s, String name, String network, NetworkingConfig n) {
    String id =
        s.containers().create(name, alpine("sleep", "60"), host("network", network), n, null).id();
    s.containers().start(id);
    return id;
  }

  @Test
  void events_show_the_sessions_names() {
    long since = real.system().nowNanos() / 1_000_000_000L - 1;
    String id = a.containers().create("evweb", alpine("true"), null, null, null).id();
    exited(a, id);
    String until = Long.toString(real.system().nowNanos() / 1_000_000_000L + 1);
    List<EventMessage> seen =
        a.system().events(Long.toString(since), until, Map.of("container", List.of("evweb")));
    assertFalse(seen.isEmpty());
    for (EventMessage e : seen) {
      assertEquals(id, e.actor().id());
      assertEquals("evweb", e.actor().attributes().get("name"), e.toString());
    }
  }

  @Test
  void
      compose_up_of_the_same_project_in_two_sessions_gives_each_its_own_containers_network_and_volume() {
    String file =
        """
        services:
          web:
            image: alpine
            command: sleep 600
            volumes:
              - counter:/data
        volumes:
          counter:
        """;
    for (GuardedEngine s : List.of(a, b)) {
      MemoryFs fs = new MemoryFs(() -> 0L);
      fs.mkdir("/work/counter", true);
      fs.write("/work/counter/compose.yaml", file.getBytes(StandardCharsets.UTF_8), false);
      DockerCli cli = new DockerCli(s, CliContext.of(fs, () -> "/work/counter"));
      StringBuilder err = new StringBuilder();
      CliResult up = cli.run(List.of("compose", "up", "-d"), io(err));
      assertEquals(0, up.exitCode(), err.toString());
      assertTrue(err.toString().contains(" Container counter-web-1  Started"), err.toString());
    }
    for (GuardedEngine s : List.of(a, b)) {
      assertEquals(
          List.of("/counter-web-1"),
          s.containers().list(true, 0, false, Map.of()).stream()
              .flatMap(c -> c.names().stream())
              .toList());
      assertTrue(
          s.networks().list(Map.of()).stream().anyMatch(n -> n.name().equals("counter_default")));
      assertEquals(
          List.of("counter_counter"),
          s.volumes().list(Map.of()).stream().map(Volume::name).toList());
    }
  }

  private static CommandIo io(StringBuilder err) {
    return new CommandIo() {
      @Override
      public void out(String text) {}

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
}

package dev.ddlab.bridge.guard;

import static dev.ddlab.bridge.guard.GuardKit.alpine;
import static dev.ddlab.bridge.guard.GuardKit.withVolume;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ddlab.engine.EngineException;
import dev.ddlab.engine.dto.CommitRequest;
import dev.ddlab.engine.dto.ContainerSummary;
import dev.ddlab.engine.dto.ImageSummary;
import dev.ddlab.engine.dto.Info;
import dev.ddlab.engine.dto.NetworkCreateRequest;
import dev.ddlab.engine.dto.SystemDf;
import dev.ddlab.engine.dto.Volume;
import dev.ddlab.engine.dto.VolumeCreateRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What a session reads of a shared daemon (DDLAB_DOCKER_HOST) is its own: names the daemon would
 * pick (a container without {@code --name}, an anonymous volume), {@code ps}, {@code network ls}
 * and {@code volume ls --filter name=} in their substring and regular-expression forms, {@code
 * docker info}'s counts and {@code docker system df}. Each test failed before the guard counted and
 * named these per session.
 */
class GuardSessionViewTest extends TwoSessions {
  @Override
  protected String sessionPrefix() {
    return "sv";
  }

  private static List<String> names(GuardedEngine s, String... filter) {
    return s.containers().list(true, 0, false, Map.of("name", List.of(filter))).stream()
        .map(c -> c.names().get(0))
        .sorted()
        .toList();
  }

  @Test
  void a_container_without_a_name_gets_a_docker_like_name_that_only_its_session_can_use() {
    String id = a.containers().create(null, alpine("sleep", "60"), null, null, null).id();
    String shown = a.containers().inspect(id).name();
    assertTrue(shown.matches("/[a-z]+_[a-z]+[0-9]?"), shown);
    assertTrue(
        real.containers().inspect(id).name().endsWith(new SessionNames("sva" + run).suffix()),
        "the daemon holds it under the session's suffix: " + real.containers().inspect(id).name());
    assertEquals(List.of(shown), names(a, "^" + shown + "$"));
    assertEquals(List.of(shown), names(a, "^" + shown.substring(1) + "$"));
    assertThrows(EngineException.class, () -> b.containers().inspect(shown.substring(1)));
    assertEquals(List.of(), names(b, shown.substring(1)));
  }

  @Test
  void ps_name_filters_match_the_names_the_session_reads_as_substrings_and_expressions() {
    for (String n : List.of("web", "webapp", "db")) {
      a.containers().create(n, alpine("true"), null, null, null);
    }
    b.containers().create("web", alpine("true"), null, null, null);
    assertEquals(List.of("/web", "/webapp"), names(a, "web"));
    assertEquals(List.of("/web", "/webapp"), names(a, "eb"));
    assertEquals(List.of("/web"), names(a, "^web$"));
    assertEquals(List.of("/web"), names(a, "/web$"));
    assertEquals(List.of("/db", "/web"), names(a, "web$|^db"));
    assertEquals(List.of("/db", "/web"), names(a, "^/db$", "^web$"));
    assertEquals(List.of(), names(a, "ddlab"), "the suffix is not part of any name it reads");
    assertEquals(List.of(), names(a, "[.]"));
    assertEquals(List.of(), names(a, "(unclosed"), "a bad expression matches nothing, as in moby");
    assertEquals(List.of("/web"), names(b, "web"));
    assertEquals(
        1, a.containers().list(false, 1, false, Map.of("name", List.of("web"))).size(), "limit");
  }

  @Test
  void an_anonymous_volume_the_guard_labels_reads_in_inspect_as_the_daemons_own() {
    String id =
        a.containers().create("iv", withVolume(alpine("true"), "/data"), null, null, null).id();
    var onDaemon = real.containers().inspect(id);
    assertEquals(1, onDaemon.hostConfig().mounts().size(), "the guard asked for it labelled");
    var shown = a.containers().inspect(id);
    assertTrue(
        shown.hostConfig().mounts() == null || shown.hostConfig().mounts().isEmpty(),
        "docker run -v /data has no HostConfig.Mounts: " + shown.hostConfig().mounts());
    assertEquals(1, shown.mounts().size());
    assertEquals("/data", shown.mounts().get(0).destination());
    assertEquals("", shown.mounts().get(0).mode(), "an anonymous volume's mode, not --mount's z");
    assertEquals(onDaemon.mounts().get(0).name(), shown.mounts().get(0).name());
  }

  @Test
  void anonymous_volumes_are_the_sessions_own_to_list_remove_and_leave_nothing_behind() {
    String id =
        a.containers().create("v", withVolume(alpine("true"), "/data"), null, null, null).id();
    String anon = real.containers().inspect(id).mounts().get(0).name();
    assertTrue(anon.matches("[0-9a-f]{64}"), anon);
    assertEquals(List.of(anon), a.volumes().list(Map.of()).stream().map(Volume::name).toList());
    assertEquals(anon, a.volumes().inspect(anon).name());
    assertEquals(List.of(), b.volumes().list(Map.of()).stream().map(Volume::name).toList());
    assertThrows(EngineException.class, () -> b.volumes().inspect(anon));
    assertThrows(EngineException.class, () -> b.volumes().remove(anon, true));
    assertEquals(
        List.of(anon),
        a.system().df().volumes().stream().map(Volume::name).toList(),
        "system df shows it");
    a.containers().remove(id, false, false);
    assertEquals(
        List.of(anon),
        a.volumes().list(Map.of()).stream().map(Volume::name).toList(),
        "rm without -v leaves it, the session's");
    String id2 =
        a.containers().create("w", withVolume(alpine("true"), "/cache"), null, null, null).id();
    String anon2 = real.containers().inspect(id2).mounts().get(0).name();
    a.containers().remove(id2, false, false);
    a.volumes().remove(anon, false);
    assertThrows(EngineException.class, () -> real.volumes().inspect(anon));
    a.close();
    assertThrows(
        EngineException.class,
        () -> real.volumes().inspect(anon2),
        "closing the session removes its anonymous volumes");
  }

  @Test
  void docker_info_counts_only_the_sessions_containers_and_images() {
    started(a, "up", "sleep", "60");
    a.containers().create("made", alpine("true"), null, null, null);
    for (String n : List.of("b1", "b2", "b3")) {
      started(b, n, "sleep", "60");
    }
    String c = started(b, "src", "sleep", "60");
    b.images().commit(new CommitRequest(c, "svb" + run, "1", null, null, false, null));
    Info info = a.system().info();
    assertEquals(2, info.containers());
    assertEquals(1, info.containersRunning());
    assertEquals(0, info.containersPaused());
    assertEquals(1, info.containersStopped());
    assertEquals(a.images().list(true, null).size(), info.images());
    assertEquals(4, b.system().info().containersRunning());
  }

  @Test
  void system_df_counts_only_the_sessions_containers_images_and_layers() {
    started(a, "mine", "sleep", "60");
    long before = a.system().df().layersSize();
    String c = started(b, "src", "sh", "-c", "head -c 3000000 /dev/urandom > /blob; sleep 60");
    started(b, "other", "sleep", "60");
    b.images().commit(new CommitRequest(c, "svb" + run, "1", null, null, false, null));
    SystemDf df = a.system().df();
    assertEquals(
        List.of("/mine"),
        df.containers().stream().map(ContainerSummary::names).map(n -> n.get(0)).toList());
    String alpine = real.images().inspect("alpine:latest").id();
    ImageSummary base =
        df.images().stream().filter(i -> i.id().equals(alpine)).findFirst().orElseThrow();
    assertEquals(1, base.containers(), "only the session's container uses alpine");
    assertEquals(before, df.layersSize(), "another session's commit takes none of its space");
    assertTrue(df.buildCache().isEmpty());
    assertFalse(
        df.images().stream()
            .anyMatch(i -> i.repoTags() != null && i.repoTags().contains("svb" + run + ":1")));
  }

  @Test
  void network_and_volume_name_filters_match_the_names_the_session_reads() {
    for (String n : List.of("net1", "net10")) {
      a.networks()
          .create(
              new NetworkCreateRequest(n, "bridge", false, false, false, null, false, null, null));
      a.volumes().create(new VolumeCreateRequest("v" + n, "local", Map.of(), Map.of()));
    }
    b.networks()
        .create(
            new NetworkCreateRequest(
                "net1", "bridge", false, false, false, null, false, null, null));
    assertEquals(List.of("net1"), networks(a, "^net1$"));
    assertEquals(List.of("net1", "net10"), networks(a, "net1"));
    assertEquals(List.of(), networks(a, "ddlab"));
    assertEquals(List.of("bridge"), networks(a, "^bridge$"));
    assertEquals(List.of("net1"), networks(b, "net1"));
    assertEquals(List.of("vnet1"), volumes(a, "^vnet1$"));
    assertEquals(List.of("vnet1", "vnet10"), volumes(a, "vnet"));
    assertEquals(List.of(), volumes(a, "ddlab"));
    assertEquals(List.of(), volumes(b, "vnet"));
  }

  private static List<String> networks(GuardedEngine s, String filter) {
    return s.networks().list(Map.of("name", List.of(filter))).stream()
        .map(dev.ddlab.engine.dto.Network::name)
        .sorted()
        .toList();
  }

  private static List<String> volumes(GuardedEngine s, String filter) {
    return s.volumes().list(Map.of("name", List.of(filter))).stream()
        .map(Volume::name)
        .sorted()
        .toList();
  }
}

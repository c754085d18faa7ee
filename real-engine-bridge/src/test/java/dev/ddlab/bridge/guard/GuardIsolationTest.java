package dev.ddlab.bridge.guard;

import static dev.ddlab.bridge.guard.GuardKit.alpine;
import static dev.ddlab.bridge.guard.GuardKit.host;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ddlab.engine.EngineException;
import dev.ddlab.engine.dto.CommitRequest;
import dev.ddlab.engine.dto.ContainerConfig;
import dev.ddlab.engine.dto.EventMessage;
import dev.ddlab.engine.dto.ExecConfig;
import dev.ddlab.engine.dto.ImageSummary;
import dev.ddlab.engine.dto.LogsOptions;
import dev.ddlab.engine.dto.NetworkCreateRequest;
import dev.ddlab.engine.dto.VolumeCreateRequest;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Two guarded sessions on one real daemon (DDLAB_DOCKER_HOST): session b can never see, name, stop
 * or read what session a made — containers, the tags and images a wrote, networks, volumes, events.
 * Another session's object answers exactly as an object that does not exist.
 */
class GuardIsolationTest extends TwoSessions {
  @Override
  protected String sessionPrefix() {
    return "iso";
  }

  private static void notFound(String message, Executable call) {
    EngineException e = assertThrows(EngineException.class, call);
    assertEquals(404, e.status(), e.getMessage());
    assertEquals(message, e.getMessage());
  }

  @Test
  void another_sessions_containers_cannot_be_seen_named_stopped_or_read() {
    String name = "isoweb" + run;
    String id = started(a, name, "sh", "-c", "echo secret; sleep 60");
    assertTrue(
        b.containers().list(true, 0, false, Map.of()).stream().noneMatch(c -> c.id().equals(id)));
    for (String ref : List.of(name, id, id.substring(0, 12))) {
      String missing = "No such container: " + ref;
      notFound(missing, () -> b.containers().inspect(ref));
      notFound(missing, () -> b.containers().stop(ref, null, 1));
      notFound(missing, () -> b.containers().kill(ref, null));
      notFound(missing, () -> b.containers().remove(ref, true, false));
      notFound(
          missing,
          () -> b.containers().logs(ref, new LogsOptions(true, true, null, null, false, "all")));
      notFound(missing, () -> b.containers().top(ref, null));
      notFound(missing, () -> b.containers().getArchive(ref, "/etc/hostname"));
      notFound(missing, () -> b.containers().attach(ref, false));
      notFound(missing, () -> b.containers().rename(ref, "stolen" + run));
      notFound(
          missing,
          () -> b.images().commit(new CommitRequest(ref, null, null, null, null, false, null)));
      notFound(
          missing,
          () ->
              b.containers()
                  .execCreate(
                      ref,
                      new ExecConfig(
                          false,
                          true,
                          true,
                          null,
                          false,
                          null,
                          List.of("true"),
                          false,
                          null,
                          null)));
    }
    // an exec of a's container is not b's to look at, and its answer names no container
    String exec =
        a.containers()
            .execCreate(
                id,
                new ExecConfig(
                    false, true, true, null, false, null, List.of("true"), false, null, null));
    notFound("No such exec instance: " + exec, () -> b.containers().execInspect(exec));
    // the same name in b is b's own container (SessionNames), and a's is left alone
    String bs = b.containers().create(name, alpine("true"), null, null, null).id();
    assertEquals(bs, b.containers().inspect(name).id());
    assertEquals(id, a.containers().inspect(name).id());
    assertTrue(real.containers().inspect(id).state().running(), "a's container still runs");
  }

  @Test
  void an_id_prefix_shared_with_another_sessions_container_resolves_among_the_sessions_own() {
    String mine = started(b, "isoown" + run, "sleep", "60");
    String theirs = started(a, "isotheirs" + run, "sleep", "60");
    int common = 0;
    while (common < 12 && mine.charAt(common) == theirs.charAt(common)) {
      common++;
    }
    // the shortest prefix of b's container that the daemon could also read as a's
    String prefix = mine.substring(0, Math.max(1, common));
    if (common > 0) {
      assertEquals(mine, b.containers().inspect(prefix).id());
    }
    notFound(
        "No such container: " + theirs.substring(0, 12),
        () -> b.containers().inspect(theirs.substring(0, 12)));
  }

  @Test
  void another_sessions_tags_and_committed_images_cannot_be_seen_used_or_removed() {
    String tag = "isoimg" + run + ":1";
    a.images().tag("alpine:latest", "isoimg" + run, "1");
    String c = started(a, "isosrc" + run, "true");
    a.containers().await(c, "not-running");
    String committed =
        a.images().commit(new CommitRequest(c, null, null, null, null, false, null)).id();
    for (ImageSummary img : b.images().list(true, Map.of())) {
      assertFalse(img.repoTags() != null && img.repoTags().contains(tag), img.toString());
      assertFalse(img.id().equals(committed), img.toString());
    }
    assertFalse(b.images().inspect("alpine:latest").repoTags().contains(tag));
    assertTrue(a.images().inspect("alpine:latest").repoTags().contains(tag));
    for (String ref : List.of(tag, committed)) {
      String missing = "No such image: " + (ref.equals(tag) ? tag : ref);
      notFound(missing, () -> b.images().inspect(ref));
      notFound(missing, () -> b.images().history(ref));
      notFound(missing, () -> b.images().save(List.of(ref), new ByteArrayOutputStream()));
      notFound(missing, () -> b.images().tag(ref, "isocopy" + run, "1"));
      notFound(missing, () -> b.images().remove(ref, true, false));
      notFound(
          missing,
          () ->
              b.containers()
                  .create(null, ContainerConfig.command(ref, List.of("true")), null, null, null));
    }
    // b cannot take the name over either
    assertEquals(
        403,
        assertThrows(
                EngineException.class, () -> b.images().tag("alpine:latest", "isoimg" + run, "1"))
            .status());
    b.close();
    assertTrue(real.images().inspect(tag).repoTags().contains(tag), "b's clean-up left a's tag");
  }

  @Test
  void another_sessions_networks_cannot_be_seen_or_joined_and_bridge_shows_only_own_members() {
    String net = "isonet" + run;
    String netId =
        a.networks()
            .create(
                new NetworkCreateRequest(
                    net, "bridge", false, false, false, null, false, null, null))
            .id();
    String theirs = started(a, "isobr" + run, "sleep", "60");
    String mine = started(b, "isobrb" + run, "sleep", "60");
    assertTrue(b.networks().list(Map.of()).stream().noneMatch(n -> n.id().equals(netId)));
    for (String ref : List.of(net, netId, netId.substring(0, 12))) {
      String missing = "network " + ref + " not found";
      notFound(missing, () -> b.networks().inspect(ref));
      notFound(missing, () -> b.networks().remove(ref));
      notFound(missing, () -> b.networks().connect(ref, mine, null));
      notFound(
          missing,
          () -> b.containers().create(null, alpine("true"), host("network", ref), null, null));
    }
    var bridge = b.networks().inspect("bridge").containers();
    assertTrue(bridge.containsKey(mine), bridge.toString());
    assertFalse(bridge.containsKey(theirs), bridge.toString());
  }

  @Test
  void another_sessions_volumes_cannot_be_seen_mounted_or_removed() {
    String vol = "isovol" + run;
    a.volumes().create(new VolumeCreateRequest(vol, "local", null, null));
    assertTrue(b.volumes().list(Map.of()).stream().noneMatch(v -> v.name().equals(vol)));
    String missing = "get " + vol + ": no such volume";
    notFound(missing, () -> b.volumes().inspect(vol));
    notFound(missing, () -> b.volumes().remove(vol, true));
    // mounting or creating the same name gives b a volume of its own, never a's
    String mount =
        b.containers()
            .create(null, alpine("true"), host("binds", List.of(vol + ":/data")), null, null)
            .id();
    assertEquals(
        onDaemon(b, vol),
        real.containers().inspect(mount).hostConfig().binds().get(0).split(":")[0]);
    assertEquals(onDaemon(b, vol), real.volumes().inspect(onDaemon(b, vol)).name());
    b.volumes().create(new VolumeCreateRequest(vol, "local", null, null));
    assertEquals(1, b.volumes().list(Map.of()).size());
    real.volumes().inspect(onDaemon(a, vol));
  }

  @Test
  void events_show_only_the_sessions_own_objects() {
    long since = real.system().nowNanos() / 1_000_000_000L - 1;
    String theirs = started(a, "isoev" + run, "true");
    a.networks()
        .create(
            new NetworkCreateRequest(
                "isoevnet" + run, "bridge", false, false, false, null, false, null, null));
    a.volumes().create(new VolumeCreateRequest("isoevvol" + run, "local", null, null));
    a.images().tag("alpine:latest", "isoevimg" + run, "1");
    String mine = started(b, "isoevb" + run, "true");
    a.containers().await(theirs, "not-running");
    b.containers().await(mine, "not-running");
    String until = Long.toString(real.system().nowNanos() / 1_000_000_000L + 1);
    List<EventMessage> seen = b.system().events(Long.toString(since), until, Map.of());
    assertTrue(seen.stream().anyMatch(e -> mine.equals(e.actor().id())), "b sees its own: " + seen);
    for (EventMessage e : seen) {
      String text = e.toString();
      assertFalse(text.contains(theirs), text);
      assertFalse(text.contains("isoevnet" + run), text);
      assertFalse(text.contains("isoevvol" + run), text);
      assertFalse(text.contains("isoevimg" + run), text);
    }
  }
}

package dev.ddlab.bridge.guard;

import static dev.ddlab.bridge.guard.GuardKit.alpine;
import static dev.ddlab.bridge.guard.GuardKit.host;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ddlab.engine.EngineException;
import dev.ddlab.engine.dto.CommitRequest;
import dev.ddlab.engine.dto.EndpointSettings;
import dev.ddlab.engine.dto.Mount;
import dev.ddlab.engine.dto.NetworkCreateRequest;
import dev.ddlab.engine.dto.NetworkingConfig;
import dev.ddlab.engine.dto.UpdateRequest;
import dev.ddlab.engine.dto.VolumeCreateRequest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Each way around the guard that issue 14 found, tried on the private dockerd (DDLAB_DOCKER_HOST):
 * every test here failed before the guard's allow-lists. A "shared" tag is one the test writes
 * without the guard, standing for the base images, so that a failure cannot harm the real ones.
 */
class GuardBypassTest extends TwoSessions {
  @Override
  protected String sessionPrefix() {
    return "bp";
  }

  @Override
  protected void cleanUp() {
    quietly(() -> real.images().remove("bpshared" + run + ":1", true, false));
    quietly(() -> real.volumes().remove(onDaemon(a, "bphostroot" + run), true));
  }

  private static EngineException refused(int status, Executable call) {
    EngineException e = assertThrows(EngineException.class, call);
    assertEquals(status, e.status(), e.getMessage());
    return e;
  }

  @Test
  void a_volume_with_mount_options_cannot_bring_the_servers_root_into_a_container() {
    String vol = "bphostroot" + run;
    Map<String, String> rootAsVolume = Map.of("type", "none", "o", "bind", "device", "/");
    EngineException e =
        refused(
            403,
            () -> a.volumes().create(new VolumeCreateRequest(vol, "local", rootAsVolume, null)));
    assertTrue(e.getMessage().contains("-o/--opt"), e.getMessage());
    // -v hostroot:/host now makes a plain, empty volume of the session
    String id =
        a.containers()
            .create(
                "bproot" + run,
                alpine("test", "-e", "/host/etc/hostname"),
                host("binds", List.of(vol + ":/host")),
                null,
                null)
            .id();
    a.containers().start(id);
    assertEquals(1, a.containers().await(id, "not-running").statusCode());
    var created = real.volumes().inspect(onDaemon(a, vol));
    assertTrue(created.options() == null || created.options().isEmpty(), created.toString());
  }

  @Test
  void labels_a_learner_gives_a_mounted_volume_never_reach_the_daemon() {
    // --mount type=volume,source=…,volume-label=ddlab.session=<b's id>: the label would make the
    // volume session b's (b could mount and remove it; b's clean-up and the reaper would take it)
    Map<String, String> claim =
        Map.of(GuardedEngine.SESSION_LABEL, b.policy().sessionId(), "learner", "yes");
    Mount named =
        new Mount("volume", "bplabelled" + run, "/d", false, new Mount.VolumeOptions(false, claim));
    Mount anonymous = new Mount("volume", null, "/a", false, new Mount.VolumeOptions(false, claim));
    String id =
        a.containers()
            .create(null, alpine("true"), host("mounts", List.of(named, anonymous)), null, null)
            .id();
    var mounts = real.containers().inspect(id).mounts();
    assertEquals(2, mounts.size(), mounts.toString());
    for (var m : mounts) {
      Map<String, String> labels =
          java.util.Objects.requireNonNullElse(real.volumes().inspect(m.name()).labels(), Map.of());
      assertEquals(a.policy().sessionId(), labels.get(GuardedEngine.SESSION_LABEL), m.toString());
      assertTrue(!labels.containsKey("learner"), labels.toString());
    }
    assertTrue(
        b.volumes().list(Map.of()).stream()
            .noneMatch(v -> mounts.stream().anyMatch(m -> m.name().equals(v.name()))),
        "session b does not see them");
  }

  @Test
  void pid_and_ipc_namespaces_join_only_the_sessions_own_containers() {
    String victim = "bpvictim" + run;
    String theirs = started(b, victim, "sleep", "60");
    EngineException pid =
        refused(
            404,
            () ->
                a.containers()
                    .create(null, alpine("true"), host("pid", "container:" + victim), null, null));
    assertEquals("No such container: " + victim, pid.getMessage());
    refused(
        404,
        () ->
            a.containers()
                .create(null, alpine("true"), host("ipc", "container:" + theirs), null, null));
    String mineName = "bpmine" + run;
    String mine =
        a.containers()
            .create(mineName, alpine("sleep", "60"), host("ipc", "shareable"), null, null)
            .id();
    a.containers().start(mine);
    String joined =
        a.containers()
            .create(
                null,
                alpine("true"),
                host(
                    m -> {
                      m.put("pid", "container:" + mineName);
                      m.put("ipc", "container:" + mineName);
                      return m;
                    }),
                null,
                null)
            .id();
    var hc = real.containers().inspect(joined).hostConfig();
    assertEquals("container:" + mine, hc.pidMode());
    assertEquals("container:" + mine, hc.ipcMode());
  }

  @Test
  void docker_update_never_raises_a_limit_above_the_sessions() {
    String id = started(a, "bpupd" + run, "sleep", "60");
    // docker update --pids-limit -1: "unlimited" becomes the session's maximum
    a.containers().update(id, new UpdateRequest(null, null, null, -1L));
    assertEquals(GuardPolicy.DEFAULT_PIDS, real.containers().inspect(id).hostConfig().pidsLimit());
    refused(403, () -> a.containers().update(id, new UpdateRequest(null, 64L << 30, null, null)));
    refused(403, () -> a.containers().update(id, new UpdateRequest(null, null, null, 100_000L)));
    a.containers().update(id, new UpdateRequest(null, null, null, 100L));
    assertEquals(100L, real.containers().inspect(id).hostConfig().pidsLimit());
    // docker update --memory-swap -1 / --cpu-period: refused as at create
    refused(403, () -> a.containers().update(id, resources(null, null, null, -1L)));
    refused(403, () -> a.containers().update(id, resources(null, null, 100_000L, null)));
    // docker update -c 512 --cpuset-cpus 0: they bound the container only, and reach the daemon
    a.containers().update(id, resources(512L, "0", null, null));
    assertEquals(512L, real.containers().inspect(id).hostConfig().cpuShares());
    assertEquals("0", real.containers().inspect(id).hostConfig().cpusetCpus());
  }

  /** An update of CPU shares, cpuset, CFS period and swap only. */
  private static UpdateRequest resources(Long shares, String cpuset, Long period, Long swap) {
    return new UpdateRequest(
        null, null, null, null, shares, null, period, null, null, null, cpuset, null, null, swap);
  }

  @Test
  void tag_writes_never_overwrite_a_shared_tag_and_the_clean_up_leaves_it() {
    String repo = "bpshared" + run;
    String shared = repo + ":1";
    real.images().tag("alpine:latest", repo, "1");
    String sharedId = real.images().inspect(shared).id();
    String c = started(a, "bpcommit" + run, "sh", "-c", "echo changed > /f");
    a.containers().await(c, "not-running");
    refused(403, () -> a.images().commit(new CommitRequest(c, repo, "1", null, null, false, null)));
    refused(403, () -> a.images().tag("alpine:latest", repo, "1"));
    refused(403, () -> a.images().pull(shared, null, false, m -> {}));
    refused(403, () -> a.images().pull(repo, null, true, m -> {}));
    ByteArrayOutputStream tar = new ByteArrayOutputStream();
    real.images().save(List.of(shared), tar);
    refused(403, () -> a.images().load(new ByteArrayInputStream(tar.toByteArray()), m -> {}));
    // a name of its own is the session's to write, and to lose at the end
    a.images().commit(new CommitRequest(c, "bpown" + run, "1", null, null, false, null));
    a.close();
    assertEquals(sharedId, real.images().inspect(shared).id(), "the shared tag is untouched");
    refused(404, () -> real.images().inspect("bpown" + run + ":1"));
  }

  @Test
  void the_host_network_is_refused_by_id_and_by_id_prefix_as_well_as_by_name() {
    String hostId = real.networks().inspect("host").id();
    for (String ref : List.of("host", hostId, hostId.substring(0, 12))) {
      refused(
          403, () -> a.containers().create(null, alpine("true"), host("network", ref), null, null));
      NetworkingConfig endpoint =
          new NetworkingConfig(Map.of(ref, EndpointSettings.request(null, null)));
      refused(403, () -> a.containers().create(null, alpine("true"), null, endpoint, null));
    }
    String own = started(a, "bpnet" + run, "sleep", "60");
    refused(403, () -> a.networks().connect(hostId, own, null));
  }

  @Test
  void network_create_takes_the_bridge_driver_only() {
    String name = "bpmacvlan" + run;
    NetworkCreateRequest macvlan =
        new NetworkCreateRequest(
            name, "macvlan", false, false, false, null, false, Map.of("parent", "eth0"), null);
    EngineException e = refused(403, () -> a.networks().create(macvlan));
    assertTrue(e.getMessage().contains("macvlan"), e.getMessage());
    assertTrue(real.networks().list(Map.of()).stream().noneMatch(n -> n.name().equals(name)));
  }
}

package dev.ddlab.bridge.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ddlab.bridge.real.DockerHost;
import dev.ddlab.bridge.real.RealEngine;
import dev.ddlab.engine.EngineException;
import dev.ddlab.engine.dto.BuildRequest;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The guard's build part refuses before the daemon sees anything (no daemon listens on the socket,
 * so a request that slipped through would fail with "Cannot connect" instead).
 */
class GuardBuildTest {
  private final RealEngine nowhere =
      new RealEngine(DockerHost.of("unix:///tmp/ddlab-guard-build-test.sock"));
  private final GuardedEngine guard = new GuardedEngine(nowhere, GuardPolicy.defaults("s1"));

  @AfterEach
  void close() {
    nowhere.close();
  }

  private static BuildRequest request(
      String network, List<String> secrets, List<String> entitlements) {
    return BuildRequest.builder()
        .tags(List.of("x:1"))
        .networkMode(network)
        .secrets(secrets)
        .entitlements(entitlements)
        .build();
  }

  private String refusal(BuildRequest req) {
    EngineException e =
        assertThrows(
            EngineException.class,
            () -> guard.builds().build(req, new ByteArrayInputStream(new byte[1024]), m -> {}));
    assertEquals(403, e.status(), e.getMessage());
    assertTrue(e.getMessage().startsWith("ddlab (chế độ an toàn): "), e.getMessage());
    return e.getMessage();
  }

  @Test
  void run_steps_on_the_host_network_are_refused() {
    assertTrue(refusal(request("host", List.of(), List.of())).contains("--network host"));
    assertTrue(
        refusal(request("default", List.of(), List.of("network.host"))).contains("--network host"));
  }

  @Test
  void the_insecure_entitlement_is_refused() {
    assertTrue(
        refusal(request("default", List.of(), List.of("security.insecure")))
            .contains("security.insecure"));
  }

  @Test
  void secrets_from_the_daemon_hosts_files_or_environment_are_refused() {
    assertTrue(
        refusal(request("default", List.of("id=npmrc,src=/root/.npmrc"), List.of()))
            .contains("--secret id=npmrc,src=/root/.npmrc"));
    assertTrue(
        refusal(request("default", List.of("id=tok,env=TOKEN"), List.of())).contains("--secret"));
  }

  @Test
  void builder_prune_is_refused_on_a_shared_daemon() {
    EngineException e =
        assertThrows(EngineException.class, () -> guard.builds().prune(true, 0, Map.of()));
    assertEquals(403, e.status());
    assertTrue(e.getMessage().contains("builder prune"), e.getMessage());
  }

  @Test
  void an_allowed_build_reaches_the_daemon() {
    EngineException e =
        assertThrows(
            EngineException.class,
            () ->
                guard
                    .builds()
                    .build(
                        request("default", List.of(), List.of()),
                        new ByteArrayInputStream(new byte[1024]),
                        m -> {}));
    assertTrue(e.isNotConnected(), e.getMessage());
  }
}

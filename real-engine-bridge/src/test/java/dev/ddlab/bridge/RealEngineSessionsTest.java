package dev.ddlab.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ddlab.bridge.guard.GuardedEngine;
import dev.ddlab.bridge.real.RealEngine;
import dev.ddlab.engine.EngineException;
import dev.ddlab.session.SimSession;
import dev.ddlab.session.TranscriptEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RealEngineSessionsTest {
  @Test
  void a_real_session_runs_the_course_cli_on_real_containers_and_cleans_up_on_close() {
    try (RealEngine real = RealDocker.engineOrSkip()) {
      String host = System.getenv("DDLAB_DOCKER_HOST");
      String session;
      try (SimSession s = RealEngineSessions.open(host, true, 1, Map.of(), m -> {})) {
        TranscriptEntry run = s.type("node1", "docker run --name rs-hi alpine echo xin chao");
        assertEquals(0, run.exitCode(), run.output());
        assertEquals("xin chao\n", run.output());
        TranscriptEntry priv = s.type("node1", "docker run --privileged alpine true");
        assertEquals(125, priv.exitCode());
        assertTrue(priv.output().contains("--privileged"), priv.output());
        session =
            real.containers().inspect("rs-hi").config().labels().get(GuardedEngine.SESSION_LABEL);
      }
      assertTrue(
          real.containers()
              .list(
                  true,
                  0,
                  false,
                  Map.of("label", List.of(GuardedEngine.SESSION_LABEL + "=" + session)))
              .isEmpty());
    }
  }

  @Test
  void no_daemon_is_the_clis_cannot_connect_error() {
    List<String> said = new ArrayList<>();
    EngineException e =
        assertThrows(
            EngineException.class,
            () ->
                RealEngineSessions.open(
                    "unix:///tmp/ddlab-none.sock", true, 1, Map.of(), said::add));
    assertEquals(
        "Cannot connect to the Docker daemon at unix:///tmp/ddlab-none.sock. Is the docker daemon"
            + " running?",
        e.getMessage());
  }
}

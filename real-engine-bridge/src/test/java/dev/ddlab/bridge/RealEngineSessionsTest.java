package dev.ddlab.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ddlab.bridge.guard.GuardedEngine;
import dev.ddlab.bridge.real.RealEngine;
import dev.ddlab.engine.EngineException;
import dev.ddlab.session.PortUnreachable;
import dev.ddlab.session.Session;
import dev.ddlab.session.TranscriptEntry;
import java.nio.charset.StandardCharsets;
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
      try (Session s = RealEngineSessions.open(host, true, 1, Map.of(), m -> {})) {
        TranscriptEntry run = s.type("node1", "docker run --name rs-hi alpine echo xin chao");
        assertEquals(0, run.exitCode(), run.output());
        assertEquals("xin chao\n", run.output());
        TranscriptEntry priv = s.type("node1", "docker run --privileged alpine true");
        assertEquals(125, priv.exitCode());
        assertTrue(priv.output().contains("--privileged"), priv.output());
        // the daemon knows it as rs-hi.<session suffix>; this process's is the one it owns
        String owner = ":" + ProcessHandle.current().pid();
        session =
            real.containers().list(true, 0, false, Map.of("name", List.of("rs-hi"))).stream()
                .filter(c -> c.labels().getOrDefault(GuardedEngine.OWNER_LABEL, "").endsWith(owner))
                .findFirst()
                .orElseThrow()
                .labels()
                .get(GuardedEngine.SESSION_LABEL);
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
  void a_piped_or_redirected_stdin_is_the_containers_input_and_its_end_closes_it() {
    try (RealEngine real = RealDocker.engineOrSkip()) {
      String host = System.getenv("DDLAB_DOCKER_HOST");
      try (Session s = RealEngineSessions.open(host, true, 1, Map.of(), m -> {})) {
        TranscriptEntry cat = s.type("node1", "echo hi | docker run -i --rm alpine cat");
        assertEquals("hi\n", cat.output());
        assertEquals(0, cat.exitCode());
        assertFalse(s.isAttached("node1"), "cat ended with its input");
        s.type("node1", "printf 'echo in-container\\nexit 3\\n' > script.sh");
        TranscriptEntry sh = s.type("node1", "docker run -i --rm alpine sh < script.sh");
        assertEquals("in-container\n", sh.output());
        assertEquals(3, sh.exitCode());
        assertEquals(0, s.type("node1", "docker run -d --name rs-in busybox sleep 60").exitCode());
        TranscriptEntry exec =
            s.type(
                "node1",
                "printf 'a\\nb\\n' | docker exec -i rs-in sh -c 'while read l; do echo \"<$l>\"; done'");
        assertEquals("<a>\n<b>\n", exec.output());
        assertEquals(0, exec.exitCode());
      }
    }
  }

  @Test
  void the_node_is_the_learners_client_with_its_own_files_and_no_daemon_to_restart() {
    try (RealEngine real = RealDocker.engineOrSkip()) {
      String host = System.getenv("DDLAB_DOCKER_HOST");
      try (Session s = RealEngineSessions.open(host, true, 1, Map.of(), m -> {})) {
        TranscriptEntry restart = s.type("node1", "sudo systemctl restart docker");
        assertEquals(1, restart.exitCode());
        assertTrue(restart.output().contains("Engine thật ở " + host), restart.output());
        TranscriptEntry data = s.type("node1", "sudo ls /var/lib/docker");
        assertTrue(data.output().contains("/var/lib/docker nằm trên máy chạy"), data.output());
        s.type("node1", "echo 'tệp của máy khách' > note.txt");
        assertEquals(0, s.type("node1", "docker run -d --name rs-box busybox sleep 60").exitCode());
        TranscriptEntry cp = s.type("node1", "docker cp note.txt rs-box:/note.txt");
        assertEquals(0, cp.exitCode(), cp.output());
        assertEquals(
            "tệp của máy khách\n", s.type("node1", "docker exec rs-box cat /note.txt").output());
        assertFalse(s.introspection().simulated());
        assertThrows(IllegalStateException.class, s::addNode);
      }
    }
  }

  @Test
  void curl_and_the_port_chip_reach_the_sessions_own_published_port_only() throws Exception {
    try (RealEngine real = RealDocker.engineOrSkip()) {
      String host = System.getenv("DDLAB_DOCKER_HOST");
      try (Session s = RealEngineSessions.open(host, true, 1, Map.of(), m -> {})) {
        TranscriptEntry run =
            s.type(
                "node1",
                "docker run -d --name rs-web -p 80 busybox sh -c 'mkdir -p /www && echo xin chao"
                    + " > /www/index.html && httpd -f -p 80 -h /www'");
        assertEquals(0, run.exitCode(), run.output());
        String mapped =
            s.type("node1", "docker port rs-web 80/tcp").output().lines().findFirst().orElseThrow();
        int port = Integer.parseInt(mapped.substring(mapped.lastIndexOf(':') + 1));
        String body = "";
        for (int i = 0; i < 50 && !body.equals("xin chao\n"); i++) {
          try {
            body =
                new String(s.node("node1").publishedPort(port, "/").body(), StandardCharsets.UTF_8);
          } catch (PortUnreachable e) {
            Thread.sleep(100); // httpd not listening yet
          }
        }
        assertEquals("xin chao\n", body);
        assertEquals("xin chao\n", s.type("node1", "curl -s localhost:" + port).output());
        // another session's port (or nobody's) is not this session's to reach
        try (Session other = RealEngineSessions.open(host, true, 2, Map.of(), m -> {})) {
          PortUnreachable e =
              assertThrows(
                  PortUnreachable.class, () -> other.node("node1").publishedPort(port, "/"));
          assertEquals(PortUnreachable.Kind.REFUSED, e.kind());
        }
      }
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

package dev.ddlab.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ddlab.engine.Engine;
import dev.ddlab.events.EventBus;
import dev.ddlab.fs.FileSystem;
import dev.ddlab.introspect.Introspection;
import dev.ddlab.sim.clock.VirtualClock;
import dev.ddlab.sim.host.Cluster;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A session whose node is a client machine in front of an engine that runs elsewhere (as the
 * bridge's real sessions are): the terminal is the same, but the machine has its own files and no
 * Docker service, and says so when asked to manage the daemon. A simulated node stands in for the
 * remote engine here, on the session's clock.
 */
class ClientSessionTest {
  private final VirtualClock clock = new VirtualClock();
  private final Cluster remote = Cluster.builder(7).clock(clock).build();
  private final Engine engine = remote.addNode().engine();
  private final FileSystem files = ClientMachine.files("node1", "192.168.0.11", clock::nowNanos);
  private final Session session = new TerminalSession("client-1", "single", 7, clock, new Client());

  private final class Client implements SessionBackend {
    final NodeBackend node =
        new NodeBackend() {
          @Override
          public String name() {
            return "node1";
          }

          @Override
          public String address() {
            return "192.168.0.11";
          }

          @Override
          public Engine engine() {
            return engine;
          }

          @Override
          public FileSystem hostFs() {
            return files;
          }

          @Override
          public Optional<DaemonService> daemon() {
            return Optional.empty();
          }

          @Override
          public HttpAnswer get(String host, int port, String target) {
            if (host.equals("localhost") && port == 8080) {
              return new HttpAnswer(
                  200,
                  "OK",
                  Map.of(),
                  ("xin chào " + target + "\n").getBytes(StandardCharsets.UTF_8));
            }
            throw new PortUnreachable(PortUnreachable.Kind.REFUSED, host, "Connection refused");
          }

          @Override
          public int allocatePid() {
            return 4242;
          }
        };

    @Override
    public List<NodeBackend> nodes() {
      return List.of(node);
    }

    @Override
    public NodeBackend addNode() {
      throw new IllegalStateException("một node thôi");
    }

    @Override
    public void removeNode(String name) {
      throw new IllegalStateException("một node thôi");
    }

    @Override
    public EventBus events() {
      return remote.bus();
    }
  }

  private TranscriptEntry type(String line) {
    return session.type("node1", line);
  }

  @Test
  void managing_the_daemon_is_refused_in_vietnamese_and_the_engine_keeps_running() {
    for (String line :
        List.of(
            "systemctl restart docker",
            "sudo systemctl stop docker.service",
            "sudo service docker stop",
            "systemctl status docker")) {
      TranscriptEntry e = type(line);
      assertEquals(1, e.exitCode(), line);
      assertTrue(e.output().contains("Engine thật ở unix:///var/run/docker.sock"), e.output());
      assertTrue(e.output().contains("không dừng hay khởi động lại được"), e.output());
    }
    assertTrue(remote.nodes().get(0).isDaemonActive());
    assertEquals(0, type("docker ps").exitCode());
  }

  @Test
  void the_daemons_data_root_is_not_on_the_client() {
    TranscriptEntry e = type("sudo ls -la /var/lib/docker/overlay2");
    assertEquals(1, e.exitCode());
    assertTrue(
        e.output().contains("/var/lib/docker nằm trên máy chạy Docker Engine thật"), e.output());
    assertEquals("", type("ls /var/lib").output());
    assertFalse(files.exists("/var/lib/docker"));
  }

  @Test
  void docker_cp_reads_the_clients_own_files() {
    type("echo 'từ máy khách' > note.txt");
    assertEquals(0, type("docker run -d --name box alpine sleep 1d").exitCode());
    TranscriptEntry cp = type("docker cp note.txt box:/note.txt");
    assertEquals(0, cp.exitCode(), cp.output());
    assertEquals("từ máy khách\n", type("docker exec box cat /note.txt").output());
  }

  @Test
  void curl_on_the_client_goes_through_the_node_backend() {
    TranscriptEntry ok = type("curl -s localhost:8080/a");
    assertEquals("xin chào /a\n", ok.output());
    TranscriptEntry refused = type("curl -s localhost:9090");
    assertEquals(7, refused.exitCode(), refused.output());
  }

  @Test
  void the_session_cannot_grow_and_shows_no_simulation() {
    IllegalStateException e = assertThrows(IllegalStateException.class, session::addNode);
    assertEquals("một node thôi", e.getMessage());
    assertEquals(List.of("node1"), session.nodes());
    assertEquals(Introspection.NONE, session.introspection());
    assertEquals("192.168.0.11", session.nodeAddress("node1"));
  }
}

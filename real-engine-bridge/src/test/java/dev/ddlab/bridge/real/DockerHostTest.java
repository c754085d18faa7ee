package dev.ddlab.bridge.real;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DockerHostTest {
  @Test
  void without_docker_host_the_default_unix_socket_is_used() {
    DockerHost h = DockerHost.fromEnvironment(Map.of(), null);
    assertEquals("unix:///var/run/docker.sock", h.toString());
    assertFalse(h.tls());
  }

  @Test
  void a_flag_wins_over_docker_host() {
    DockerHost h =
        DockerHost.fromEnvironment(Map.of("DOCKER_HOST", "tcp://10.0.0.1:2375"), "unix:///x.sock");
    assertEquals("unix:///x.sock", h.toString());
  }

  @Test
  void tls_verify_takes_certificates_from_docker_cert_path() {
    DockerHost h =
        DockerHost.fromEnvironment(
            Map.of(
                "DOCKER_HOST", "tcp://10.0.0.1:2376",
                "DOCKER_TLS_VERIFY", "1",
                "DOCKER_CERT_PATH", "/certs"),
            null);
    assertTrue(h.tls());
    assertEquals(Path.of("/certs"), h.certPath());
  }

  @Test
  void unsupported_schemes_and_tcp_without_port_are_rejected() {
    assertThrows(IllegalArgumentException.class, () -> DockerHost.of("http://localhost:2375"));
    assertThrows(IllegalArgumentException.class, () -> DockerHost.of("tcp://localhost"));
  }
}

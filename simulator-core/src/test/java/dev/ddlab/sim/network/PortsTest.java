package dev.ddlab.sim.network;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ddlab.session.ScriptRunner;
import dev.ddlab.session.SimSession;
import dev.ddlab.session.TranscriptEntry;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code -p}, {@code --expose}, {@code -P} and {@code docker port} as Docker 24 answers them: the
 * errors in go-connections' order (address, ports, ranges, protocol), ephemeral ports from 32768
 * counted per protocol (checked on dockerd 20.10: 90/tcp and 7000/udp both get 32768).
 */
class PortsTest {
  private static List<TranscriptEntry> run(String script) {
    try (SimSession s = SimSession.open("single", 3)) {
      return new ScriptRunner(s).run("docker pull -q alpine\n" + script);
    }
  }

  @Test
  void bad_publish_specs_fail_with_dockers_words_before_anything_is_created() {
    List<TranscriptEntry> t =
        run(
            """
            docker run -d -p 8080:80:90 alpine sleep 1d
            docker run -d -p 1.2.3:80:80 alpine sleep 1d
            docker run -d -p 99999:80 alpine sleep 1d
            docker run -d -p abc:80/xyz alpine sleep 1d
            docker run -d -p 80/xyz alpine sleep 1d
            docker run -d -p 8000-8001:80-82 alpine sleep 1d
            docker run -d -p 8080: alpine sleep 1d
            docker run -d --expose 1:2 alpine sleep 1d
            docker ps -aq
            """);
    List<String> errors =
        List.of(
            "invalid IP address: 8080",
            "invalid IP address: 1.2.3",
            "invalid hostPort: 99999",
            "invalid hostPort: abc",
            "invalid proto: xyz",
            "invalid ranges specified for container and host Ports: 80-82 and 8000-8001",
            "no port specified: 8080:<empty>",
            "invalid port format for --expose: 1:2");
    for (int i = 0; i < errors.size(); i++) {
      assertEquals(
          "docker: " + errors.get(i) + ".\nSee 'docker run --help'.\n", t.get(i + 1).output());
      assertEquals(125, t.get(i + 1).exitCode());
    }
    assertEquals("", t.get(errors.size() + 1).output(), "nothing was created");
  }

  @Test
  void publish_all_maps_exposed_ports_to_ephemeral_ports_per_protocol() {
    List<TranscriptEntry> t =
        run(
            """
            docker run -d -P --expose 90 --expose 7000-7001/udp --name b3 alpine sleep 1d
            docker port b3
            docker port b3 7001/udp
            docker port b3 443
            docker run -d -p 127.0.0.1::80 --name b4 alpine sleep 1d
            docker port b4
            """);
    assertEquals(
        """
        90/tcp -> 0.0.0.0:32768
        90/tcp -> [::]:32768
        7000/udp -> 0.0.0.0:32768
        7000/udp -> [::]:32768
        7001/udp -> 0.0.0.0:32769
        7001/udp -> [::]:32769
        """,
        t.get(2).output());
    assertEquals("0.0.0.0:32769\n[::]:32769\n", t.get(3).output());
    assertEquals("Error: No public port '443' published for b3\n", t.get(4).output());
    assertEquals(1, t.get(4).exitCode());
    // 0.0.0.0:32768/tcp is taken on every address, so the loopback binding moves on
    assertEquals("80/tcp -> 127.0.0.1:32769\n", t.get(6).output());
  }

  @Test
  void publishing_with_host_networking_warns_that_the_ports_are_discarded() {
    List<TranscriptEntry> t = run("docker run --rm --network host -p 80:80 alpine true");
    assertEquals(
        "WARNING: Published ports are discarded when using host network mode\n", t.get(1).output());
    assertEquals(0, t.get(1).exitCode());
  }
}

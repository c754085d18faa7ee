package dev.ddlab.sim.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ddlab.engine.EngineException;
import dev.ddlab.engine.dto.TopResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/** moby's parsePSOutput and validatePSArgs (daemon/top_unix.go), which {@link Top} follows. */
class TopTest {
  @Test
  void ps_output_keeps_the_containers_rows_and_the_thread_rows_after_them() {
    String ps =
        """
        UID   PID  PPID  CMD
        root  1201  1   /sbin/init splash
        root  1500 1499 nginx: master process nginx -g daemon off;
        root  -    -    nginx: thread
        root  1600 1    sshd
        root  -    -    sshd: thread
        """;
    TopResponse top = Top.parsePsOutput(ps, List.of(1500));
    assertEquals(List.of("UID", "PID", "PPID", "CMD"), top.titles());
    assertEquals(
        List.of(
            List.of("root", "1500", "1499", "nginx: master process nginx -g daemon off;"),
            List.of("root", "-", "-", "nginx: thread")),
        top.processes());
  }

  @Test
  void ps_output_without_a_pid_column_or_with_a_bad_pid_is_a_server_error() {
    EngineException noPid =
        assertThrows(
            EngineException.class, () -> Top.parsePsOutput("USER CMD\nroot sh\n", List.of(1)));
    assertEquals(500, noPid.status());
    assertEquals("Couldn't find PID field in ps output", noPid.getMessage());
    EngineException bad =
        assertThrows(
            EngineException.class, () -> Top.parsePsOutput("PID CMD\nx1 sh\n", List.of(1)));
    assertEquals(
        "Unexpected pid 'x1': strconv.Atoi: parsing \"x1\": invalid syntax", bad.getMessage());
  }

  @Test
  void only_pid_may_rename_the_pid_column() {
    Top.validatePsArgs("-o pid=PID,comm");
    EngineException e =
        assertThrows(EngineException.class, () -> Top.validatePsArgs("-o user=PID,comm"));
    assertEquals("specifying \"user=PID,comm\" is not allowed", e.getMessage());
  }
}

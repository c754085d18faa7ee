package dev.ddlab.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ServeCommandTest {
  @Test
  void durations_read_hours_minutes_and_seconds() {
    assertEquals(Duration.ofHours(4), ServeCommand.duration("4h"));
    assertEquals(Duration.ofMinutes(90), ServeCommand.duration("1h30m"));
    assertEquals(Duration.ofSeconds(45), ServeCommand.duration("45s"));
    assertThrows(IllegalArgumentException.class, () -> ServeCommand.duration("4 hours"));
    assertThrows(IllegalArgumentException.class, () -> ServeCommand.duration("0m"));
  }

  @Test
  void a_bad_ttl_is_refused_with_a_short_error() {
    CommandLine cl = Main.commandLine();
    StringWriter err = new StringWriter();
    cl.setErr(new PrintWriter(err));
    int code = cl.execute("serve", "--session-ttl", "soon", "--port", "0");
    assertEquals(2, code);
    assertTrue(err.toString().contains("invalid duration \"soon\""), err.toString());
  }
}

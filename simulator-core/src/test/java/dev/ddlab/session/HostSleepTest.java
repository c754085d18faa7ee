package dev.ddlab.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A host {@code sleep} in a script or a test ends within its typed line, moving virtual time at
 * once, up to {@link TerminalSession#SLEEP_LIMIT}; {@code sleep infinity} keeps the terminal until
 * Ctrl-C (130).
 */
class HostSleepTest {
  @Test
  void a_five_day_sleep_ends_within_its_line() {
    try (SimSession s = SimSession.open("single", 2)) {
      long before = s.nowNanos();
      TranscriptEntry e = s.type("node1", "sleep 432000; echo woke");
      assertEquals("woke\n", e.output());
      assertEquals(0, e.exitCode());
      assertEquals(Duration.ofSeconds(432000).toNanos(), s.nowNanos() - before);
      assertEquals("ubuntu@node1:~$ ", s.prompt("node1"));
    }
  }

  @Test
  void sleep_infinity_keeps_the_terminal_until_ctrl_c_gives_130() {
    try (SimSession s = SimSession.open("single", 2)) {
      s.type("node1", "sleep infinity");
      assertEquals("", s.prompt("node1"));
      assertEquals(130, s.interrupt("node1").exitCode());
      assertEquals("130\n", s.type("node1", "echo $?").output());
    }
  }
}

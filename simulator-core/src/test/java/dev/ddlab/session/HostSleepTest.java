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

  @Test
  void ctrl_c_ends_a_nested_sh_that_sleeps_with_130() {
    try (SimSession s = SimSession.open("single", 2)) {
      s.type("node1", "sh -c 'sleep 5; touch /tmp/ready; sleep infinity'");
      assertEquals("", s.prompt("node1"));
      assertEquals(130, s.interrupt("node1").exitCode()); // the child shell reads no terminal
      assertEquals("130\n/tmp/ready\n", s.type("node1", "echo $?; ls /tmp/ready").output());
    }
  }

  @Test
  void with_an_int_trap_ctrl_c_ends_the_sleep_with_130_and_the_line_goes_on_without_the_trap() {
    // bash 5.2 under a pty: with job control the foreground sleep alone gets SIGINT; bash goes on
    // with the line and does not run its INT trap (trap 'echo CAUGHT' INT; sleep 5; echo after $?)
    try (SimSession s = SimSession.open("single", 2)) {
      s.type("node1", "trap 'echo CAUGHT' INT; sleep infinity; echo \"after $?\"");
      TranscriptEntry c = s.interrupt("node1");
      assertEquals("after 130\n", c.output());
      assertEquals("ubuntu@node1:~$ ", s.prompt("node1"));
      assertEquals("0\n", s.type("node1", "echo $?").output(), "the line's last command's");
    }
  }

  @Test
  void with_an_int_trap_ctrl_c_at_a_sleep_in_a_loop_ends_the_whole_line() {
    // bash 5.2 under a pty: in a loop the shell acts as if it got SIGINT too; the line ends, 130
    try (SimSession s = SimSession.open("single", 2)) {
      s.type(
          "node1",
          "trap 'echo CAUGHT' INT; for i in 1 2; do sleep infinity; echo in; done; echo after");
      TranscriptEntry c = s.interrupt("node1");
      assertEquals("", c.output());
      assertEquals("ubuntu@node1:~$ ", s.prompt("node1"));
      assertEquals("130\n", s.type("node1", "echo $?").output());
    }
  }
}

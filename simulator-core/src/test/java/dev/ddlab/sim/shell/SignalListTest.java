package dev.ddlab.sim.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ddlab.session.SimSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code kill -l} and {@code trap -l} as bash 5.2 prints them on this machine (every named signal,
 * real-time ones too, five to a line) and busybox's {@code kill -l} under the private dockerd
 * ({@code " 1) HUP"}, the 31 standard ones; its trap has no {@code -l}).
 */
class SignalListTest {
  private final SimSession s =
      TypedContainers.session(1, "docker pull -q alpine\ndocker pull -q ubuntu\n");

  @AfterEach
  void close() {
    s.close();
  }

  @Test
  void bash_lists_every_named_signal_five_to_a_line_for_kill_l_and_trap_l() {
    String first = " 1) SIGHUP\t 2) SIGINT\t 3) SIGQUIT\t 4) SIGILL\t 5) SIGTRAP\n";
    String seventh = "31) SIGSYS\t34) SIGRTMIN\t35) SIGRTMIN+1\t36) SIGRTMIN+2\t37) SIGRTMIN+3\n";
    String last = "63) SIGRTMAX-1\t64) SIGRTMAX\t\n";
    for (String line : new String[] {"kill -l", "trap -l", "trap -l 9"}) {
      String out = TypedContainers.run(s, line).output();
      assertEquals(13, out.lines().count(), line);
      assertEquals(first, out.substring(0, first.length()), line);
      assertEquals(seventh, out.lines().skip(6).findFirst().get() + "\n", line);
      assertEquals(last, out.substring(out.length() - last.length()), line);
    }
  }

  @Test
  void busybox_lists_the_standard_signals_one_to_a_line() {
    String out = TypedContainers.run(s, "docker run --rm alpine sh -c 'kill -l'").output();
    assertEquals(31, out.lines().count());
    assertEquals(" 1) HUP\n 2) INT\n", out.substring(0, 16));
    assertEquals("30) PWR\n31) SYS\n", out.substring(out.length() - 16));
  }

  @Test
  void kill_l_turns_numbers_and_exit_statuses_into_names_and_names_into_numbers() {
    var e = TypedContainers.run(s, "kill -l 9 SIGKILL kill 137 35 RTMIN+1");
    assertEquals("KILL\n9\n9\nKILL\nRTMIN+1\n35\n", e.output());
    e = TypedContainers.run(s, "kill -l 99");
    assertEquals("bash: kill: 99: invalid signal specification\n", e.output());
    assertEquals(1, e.exitCode());
    e = TypedContainers.run(s, "docker run --rm ubuntu bash -c 'kill -l 99'");
    assertEquals("bash: line 1: kill: 99: invalid signal specification\n", e.output());
    e = TypedContainers.run(s, "docker run --rm alpine sh -c 'kill -l 9 KILL SIGKILL 137 99'");
    assertEquals("KILL\n9\n9\nKILL\n99\n", e.output());
    assertEquals(0, e.exitCode());
  }
}

package dev.ddlab.sim.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ddlab.session.SimSession;
import org.junit.jupiter.api.Test;

/**
 * The host's history keeps the last 1,000 lines as bash does with Debian's {@code .bashrc} ({@code
 * HISTSIZE=1000}; checked on this machine's bash 5 with {@code HISTSIZE=3}): the numbers go on from
 * the first line ever kept, and start at 1 again after {@code history -c}.
 */
class HostHistorySizeTest {
  @Test
  void the_history_keeps_the_last_1000_lines_numbered_on() {
    try (SimSession session = SimSession.open("single", 5)) {
      for (int i = 1; i <= 1005; i++) {
        session.type("node1", ": " + i);
      }
      assertEquals(
          " 1004  : 1004\n 1005  : 1005\n 1006  history 3\n",
          session.type("node1", "history 3").output());
      String all = session.type("node1", "history").output();
      assertEquals(1000, all.lines().count());
      assertEquals("    8  : 8", all.lines().findFirst().orElseThrow());
      session.type("node1", "history -c");
      session.type("node1", "echo x");
      assertEquals("    1  echo x\n    2  history\n", session.type("node1", "history").output());
    }
  }
}

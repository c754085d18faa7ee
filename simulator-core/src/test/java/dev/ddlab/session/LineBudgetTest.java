package dev.ddlab.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * One budget of timer costs per typed line ({@link TerminalSession#SETTLE_BUDGET}), which the
 * command's own waits honour as the settle does: a foreground {@code docker run} without a terminal
 * waits up to a minute for its container, but not at any cost.
 */
class LineBudgetTest {
  private static final String NODE = "node1";

  @Test
  void a_foreground_run_behind_a_busy_container_hands_the_terminal_over_once_the_budget_is_spent() {
    try (SimSession s = SimSession.open("single", 1)) {
      s.type(NODE, "docker run -d --name half alpine sh -c 'while true; do :; done'");
      long t0 = s.clock().nowNanos();
      long spent = s.clock().spent();
      s.type(NODE, "docker run --name web2 nginx");
      long ran = s.clock().spent() - spent;
      assertTrue(ran <= TerminalSession.SETTLE_BUDGET + 500, "bounded: " + ran);
      assertTrue(
          s.clock().nowNanos() - t0 < 60_000_000_000L,
          "stopped before the CLI's minute: " + (s.clock().nowNanos() - t0));
      assertTrue(s.isAttached(NODE), "the terminal follows the still running nginx");
      assertEquals("", s.prompt(NODE));
    }
  }

  @Test
  void restarts_and_probes_are_charged_by_their_timers() {
    try (SimSession s = SimSession.open("single", 1)) {
      s.type(NODE, "docker run -d --restart always alpine false");
      s.type(NODE, "docker run -d --health-cmd true --health-interval 1s alpine sleep 1d");
      long spent = s.clock().spent();
      s.type(NODE, "sleep 1d");
      long ran = s.clock().spent() - spent;
      assertTrue(
          ran > TerminalSession.SETTLE_BUDGET && ran <= TerminalSession.SETTLE_BUDGET + 400,
          "the line spent its budget on restarts and probes: " + ran);
      assertEquals("", s.prompt(NODE), "and is left busy");
    }
  }
}

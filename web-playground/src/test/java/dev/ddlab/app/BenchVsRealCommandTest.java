package dev.ddlab.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ddlab.bridge.api.EngineApiServer;
import dev.ddlab.sim.host.Cluster;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code ddlab bench --vs-real} measures in a child JVM with a fixed, pre-touched heap and relays
 * its table, and against a daemon it cannot use says what to do, in one line. (Which operations the
 * table has is {@code VsRealBenchTest}'s.)
 */
class BenchVsRealCommandTest {
  private record Run(int exit, String out, String err) {}

  /**
   * {@code ddlab bench --vs-real} against a simulated node served as the Engine API, its virtual
   * clock following wall time as {@code ddlab engine-api}'s does (a foreground {@code docker run}
   * waits for its container to exit).
   */
  private static Run vsReal(Cluster daemonSide, String... more) {
    try (EngineApiServer daemon =
        new EngineApiServer(
                daemonSide.node("node1").engine(),
                new Object(),
                daemonSide.clock()::advance,
                0,
                null)
            .start()) {
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      CommandLine cmd = Main.commandLine();
      cmd.setOut(new PrintWriter(out));
      cmd.setErr(new PrintWriter(err));
      String[] args = new String[4 + more.length];
      args[0] = "bench";
      args[1] = "--vs-real";
      args[2] = "--docker-host";
      args[3] = "tcp://127.0.0.1:" + daemon.port();
      System.arraycopy(more, 0, args, 4, more.length);
      int exit = cmd.execute(args);
      return new Run(exit, out.toString(), err.toString());
    }
  }

  private static boolean empty(Cluster c) {
    return c.node("node1").engine().containers().list(true, 0, false, Map.of()).isEmpty();
  }

  @Test
  void the_comparison_runs_in_a_child_jvm_with_a_fixed_pretouched_heap_and_relays_its_table() {
    Cluster other = Cluster.single(7);
    other.node("node1").engine().images().pull("alpine", null, false, m -> {});
    Run r = vsReal(other, "--real-pairs", "1", "--vs-real-sizes", "3", "--warmup-max", "0");
    assertEquals(0, r.exit(), r.out() + "\n" + r.err());
    assertTrue(
        r.out()
            .lines()
            .findFirst()
            .orElseThrow()
            .matches(".*, heap fixed at \\d+ MiB, pre-touched\\)$"),
        r.out());
    // run+rm and eight operations on the node of 3 containers, each with its ratio: six, and the
    // real-work twins of the kept answers (ps after one rename, events after one new event)
    assertEquals(9, r.out().lines().filter(l -> l.matches(".* \\d+×.*")).count(), r.out());
    assertTrue(empty(other), "the bench leaves nothing on the daemon");
  }

  @Test
  void a_daemon_without_alpine_is_told_what_to_do_without_a_stack_trace() {
    Cluster empty = Cluster.single(5);
    Run r = vsReal(empty);
    assertEquals(1, r.exit(), r.out() + "\n" + r.err());
    assertTrue(
        r.err()
            .matches(
                "ddlab bench --vs-real: the daemon at tcp://127\\.0\\.0\\.1:\\d+ has no image"
                    + " alpine:latest, which the benchmark runs: import it with `\\./ddlab"
                    + " real-engine up` \\(ddlab's private daemon, offline\\) or `docker pull"
                    + " alpine`, then try again\\n"),
        r.err());
    assertFalse(r.err().contains("Exception"), r.err());
    assertTrue(empty(empty));
  }
}

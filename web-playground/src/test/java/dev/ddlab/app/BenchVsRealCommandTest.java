package dev.ddlab.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ddlab.bridge.api.EngineApiServer;
import dev.ddlab.sim.host.Cluster;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code ddlab bench --vs-real} measures in a child JVM with a fixed, pre-touched heap, prints a
 * row per operation, and against a daemon it cannot use says what to do, in one line.
 */
class BenchVsRealCommandTest {
  @Test
  void
      the_comparison_runs_in_a_child_jvm_with_a_fixed_pretouched_heap_and_prints_every_operation() {
    // the "real" daemon: a simulated node with alpine served as the Engine API
    Cluster other = Cluster.single(7);
    other.node("node1").engine().images().pull("alpine", null, false, m -> {});
    try (EngineApiServer daemon = EngineApiServer.tcp(other.node("node1").engine(), 0).start()) {
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      CommandLine cmd = Main.commandLine();
      cmd.setOut(new PrintWriter(out));
      cmd.setErr(new PrintWriter(err));
      int exit =
          cmd.execute(
              "bench",
              "--vs-real",
              "--docker-host",
              "tcp://127.0.0.1:" + daemon.port(),
              "--real-pairs",
              "1",
              "--vs-real-sizes",
              "3");
      String text = out.toString();
      assertEquals(0, exit, text + "\n" + err);
      assertTrue(
          text.lines()
              .findFirst()
              .orElseThrow()
              .matches(".*, heap fixed at \\d+ MiB, pre-touched\\)$"),
          text);
      for (String op :
          new String[] {
            "run -d + rm -f",
            "ps -a (3 containers)",
            "ps (3 containers)",
            "images (3 containers)",
            "inspect CONTAINER (3 containers)",
            "logs CONTAINER (100 lines) (3 containers)",
            "events --since T0 --until NOW (3 containers)"
          }) {
        assertTrue(text.lines().anyMatch(l -> l.startsWith(op + " ")), op + "\n" + text);
      }
      assertTrue(
          other
              .node("node1")
              .engine()
              .containers()
              .list(true, 0, false, java.util.Map.of())
              .isEmpty(),
          "the bench leaves nothing on the daemon");
    }
  }

  @Test
  void a_daemon_without_alpine_is_told_what_to_do_without_a_stack_trace() {
    // a daemon without alpine: a fresh simulated node served as the Engine API
    Cluster empty = Cluster.single(5);
    try (EngineApiServer daemon = EngineApiServer.tcp(empty.node("node1").engine(), 0).start()) {
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      CommandLine cmd = Main.commandLine();
      cmd.setOut(new PrintWriter(out));
      cmd.setErr(new PrintWriter(err));
      int exit =
          cmd.execute("bench", "--vs-real", "--docker-host", "tcp://127.0.0.1:" + daemon.port());
      assertEquals(1, exit, out + "\n" + err);
      assertEquals(
          "ddlab bench --vs-real: the daemon at tcp://127.0.0.1:"
              + daemon.port()
              + " has no image alpine:latest, which the benchmark runs: import it with"
              + " `./ddlab real-engine up` (ddlab's private daemon, offline) or `docker pull"
              + " alpine`, then try again\n",
          err.toString());
      assertFalse(err.toString().contains("Exception"), err.toString());
      assertTrue(
          empty
              .node("node1")
              .engine()
              .containers()
              .list(true, 0, false, java.util.Map.of())
              .isEmpty());
    }
  }
}

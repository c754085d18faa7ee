package dev.ddlab.bridge.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ddlab.bridge.RealDocker;
import dev.ddlab.bridge.real.RealEngine;
import dev.ddlab.engine.Engine;
import dev.ddlab.sim.host.Cluster;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The benchmark runs end to end and cleans up; its figures are printed, never asserted. */
class VsRealBenchTest {
  private static Engine simulatedNode(boolean withAlpine) {
    Engine sim = Cluster.single(1).node("node1").engine();
    if (withAlpine) {
      sim.images().pull("alpine", null, false, m -> {});
    }
    return sim;
  }

  @Test
  void both_loops_run_on_both_engines_and_leave_no_container_behind() {
    try (RealEngine real = RealDocker.engineOrSkip()) {
      StringWriter text = new StringWriter();
      List<VsRealBench.Figure> figures =
          VsRealBench.run(() -> simulatedNode(true), real, 2, List.of(3), 0, new PrintWriter(text));
      // run+rm, then ps -a (also after a rename before each), ps, images, inspect, logs and
      // events (also after a new event before each) on the node of 3 containers
      assertEquals(9, figures.size(), text.toString());
      for (String op :
          List.of(
              "run -d + rm -f",
              "ps -a (3 containers)",
              "ps -a, one renamed before each (3 containers)",
              "events --since T0 --until NOW, one new event before each (3 containers)",
              "ps (3 containers)",
              "images (3 containers)",
              "inspect CONTAINER (3 containers)",
              "logs CONTAINER (100 lines) (3 containers)",
              "events --since T0 --until NOW (3 containers)")) {
        assertTrue(text.toString().contains(op), op + " in\n" + text);
      }
      // the daemon is shared: look for the bench's own names only
      String prefix = "/bench" + ProcessHandle.current().pid() + "-";
      assertTrue(
          real.containers().list(true, 0, false, Map.of()).stream()
              .noneMatch(c -> c.names().stream().anyMatch(n -> n.startsWith(prefix))));
    }
  }

  @Test
  void a_daemon_without_alpine_is_told_how_to_get_it_before_anything_runs() {
    Engine noAlpine = simulatedNode(false);
    VsRealBench.Unusable e =
        assertThrows(
            VsRealBench.Unusable.class,
            () ->
                VsRealBench.run(
                    () -> simulatedNode(true), noAlpine, 2, new PrintWriter(new StringWriter())));
    assertTrue(e.getMessage().contains("has no image alpine:latest"), e.getMessage());
    assertTrue(e.getMessage().contains("./ddlab real-engine up"), e.getMessage());
    assertTrue(e.getMessage().contains("docker pull alpine"), e.getMessage());
    assertEquals(List.of(), noAlpine.containers().list(true, 0, false, Map.of()));
  }
}

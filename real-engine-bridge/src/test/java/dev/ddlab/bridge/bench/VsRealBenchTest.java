package dev.ddlab.bridge.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ddlab.bridge.RealDocker;
import dev.ddlab.bridge.real.RealEngine;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The benchmark runs end to end and cleans up; its figures are printed, never asserted. */
class VsRealBenchTest {
  @Test
  void both_loops_run_on_both_engines_and_leave_no_container_behind() {
    try (RealEngine real = RealDocker.engineOrSkip()) {
      int before = real.containers().list(true, 0, false, Map.of()).size();
      StringWriter text = new StringWriter();
      List<VsRealBench.Figure> figures = VsRealBench.run(real, 2, new PrintWriter(text));
      assertEquals(2, figures.size());
      assertTrue(text.toString().contains("run -d + rm -f"), text.toString());
      assertTrue(text.toString().contains("ps -a (100 containers)"), text.toString());
      assertEquals(before, real.containers().list(true, 0, false, Map.of()).size());
    }
  }
}

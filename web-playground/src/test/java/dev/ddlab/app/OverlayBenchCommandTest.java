package dev.ddlab.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code ddlab bench --overlay} prints its two figures (echoes between tasks on two nodes, requests
 * through the routing mesh) in frames per second with the goal and the ratio; the figures
 * themselves are measured by the bench, never asserted.
 */
class OverlayBenchCommandTest {
  @Test
  void bench_overlay_prints_frames_per_second_against_the_goal_for_both_paths() {
    CommandLine cl = Main.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int code = cl.execute("bench", "--overlay", "--pairs", "1");
    assertEquals(0, code, err.toString());
    String text = out.toString();
    assertTrue(text.startsWith("ddlab bench --overlay — VXLAN data plane, two nodes"), text);
    for (String what :
        new String[] {
          "ping between tasks on two nodes (one echo)", "HTTP GET through the routing mesh"
        }) {
      String line =
          text.lines()
              .filter(l -> l.contains(what))
              .findFirst()
              .orElseThrow(() -> new AssertionError(what + "\n" + text));
      assertTrue(
          line.matches(
              ".* µs +\\d+ /s +\\d+\\.\\d frames each +\\d+ frames/s  \\(goal ≥ 100000, ratio"
                  + " \\d+\\.\\d\\d\\)"),
          line);
    }
  }
}

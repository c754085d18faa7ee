package dev.ddlab.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code ddlab bench} as a learner's instructor runs it: forked JVMs at the default sizes (1,000
 * containers, the listings at 100 and 1,000), every figure printed with its spread. Short warm-up
 * and few pairs so it takes seconds, not minutes; no figure is asserted, only that each is there. A
 * change that breaks the forks (a heap flag, a child that dies) fails here, not in a user's hands.
 */
class BenchCommandTest {
  @Test
  void bench_at_its_default_sizes_runs_in_a_forked_jvm_and_prints_every_figure() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cmd = Main.commandLine();
    cmd.setOut(new PrintWriter(out));
    cmd.setErr(new PrintWriter(err));
    int exit =
        cmd.execute("bench", "--forks", "1", "--warmup", "0", "--warmup-max", "0", "--pairs", "10");
    String text = out.toString();
    assertEquals(0, exit, text + "\n" + err);
    assertTrue(text.contains("1 forked JVMs"), text);
    for (String figure :
        new String[] {
          "docker run -d alpine sleep 1d + docker rm -f (shell+CLI)",
          "the same pair through Engine directly",
          "docker ps -a with 100 containers",
          "docker ps -a with 1000 containers",
          "docker ps with 1000 containers, unchanged",
          "docker ps with 1000 containers, one renamed before each",
          "docker images with 1000 containers",
          "docker inspect lg with 1000 containers",
          "docker logs lg (100 lines) with 1000 containers",
          "docker events --since 0 --until <now> with 1000 containers, unchanged",
          "docker events --since 0 --until <now> with 1000 containers, one new event before each",
          "heap per idle node (200 nodes)",
          "heap per container (1000 running sleep)"
        }) {
      assertTrue(text.contains(figure), "missing figure " + figure + " in\n" + text);
    }
    // each time figure again as the measuring thread's CPU, after the wall-time table
    String cpu = "the measuring thread's CPU per operation";
    assertTrue(text.contains(cpu), text);
    String after = text.substring(text.indexOf(cpu));
    assertTrue(after.contains("docker ps -a with 1000 containers"), after);
    assertFalse(after.contains("heap per idle node"), "heap is not a time: " + after);
    assertFalse(err.toString().contains("Exception"), err.toString());
    // the machine's own speed, measured by the fork before, between and after its figures
    assertTrue(text.contains("the machine's speed per fork"), text);
    assertTrue(text.contains("    fork 1: arithmetic "), text);
  }
}

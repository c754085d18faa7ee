package dev.ddlab.sim.shell;

import static dev.ddlab.sim.shell.ContainerScripts.ash;
import static dev.ddlab.sim.shell.ContainerScripts.bash;
import static dev.ddlab.sim.shell.ContainerScripts.dash;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ddlab.sim.shell.ContainerScripts.Ran;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each stage of a pipeline runs in a subshell of its own: an assignment, a {@code cd}, {@code set}
 * or {@code exit} in one stage is seen neither by the other stages nor after the pipeline (bash's
 * {@code lastpipe} off). Checked with dash 0.5.12, bash 5.2.15 and busybox 1.35's ash.
 */
class PipelineSubshellTest {
  private final TestHost host = new TestHost();

  private static final String SCRIPT =
      "x=1 | echo \"[$x]\"; x=2 | true; echo \"[$x]\"; cd / ; cd /tmp | true; pwd;"
          + " exit 3 | echo hi; echo $?; echo a | { read v; echo \"[$v]\"; }; echo \"[$v]\";"
          + " y=5; y=6 | echo \"[$y]\"; echo \"[$y]\"";

  private static final String EXPECTED = "[]\n[]\n/\nhi\n0\n[a]\n[]\n[5]\n[5]\n";

  @Test
  void an_assignment_or_cd_or_exit_in_one_stage_is_not_seen_by_the_others_nor_after() {
    for (Ran r : List.of(ash(SCRIPT), dash(SCRIPT), bash(SCRIPT))) {
      assertEquals(new Ran(EXPECTED, 0), r);
    }
    assertEquals(EXPECTED, host.run(SCRIPT));
    assertEquals("/\n", host.run("pwd"));
  }

  @Test
  void set_in_a_stage_stays_in_that_stage() {
    assertEquals(new Ran("<c>\n", 0), ash("set -e | true; echo \"<$->\""));
    assertEquals(new Ran("<>\n", 0), dash("set -x | echo \"<$->\""));
    String before = host.run("echo \"<$->\"");
    assertEquals(before, host.run("set -u | echo \"<$->\""));
    assertEquals(before, host.run("echo \"<$->\""));
  }
}

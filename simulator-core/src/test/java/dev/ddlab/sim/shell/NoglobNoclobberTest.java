package dev.ddlab.sim.shell;

import static dev.ddlab.sim.shell.ContainerScripts.ash;
import static dev.ddlab.sim.shell.ContainerScripts.bash;
import static dev.ddlab.sim.shell.ContainerScripts.dash;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ddlab.sim.shell.ContainerScripts.Ran;
import org.junit.jupiter.api.Test;

/**
 * {@code set -f} leaves words unglobbed and {@code set -C} keeps {@code >} from overwriting a
 * regular file ({@code >|}, {@code >>} and {@code /dev/null} still work), each shell refusing in
 * its own words and status. Checked with bash 5.2.15 and dash 0.5.12 here and busybox 1.36 on the
 * private dockerd; before session 12 both options were accepted and shown in {@code $-} but did
 * nothing.
 */
class NoglobNoclobberTest {
  private static final String SCRIPT =
      "cd /tmp; echo a > nc; set -C; echo b > nc; echo \"rc=$?\"; echo c >| nc; cat nc;"
          + " echo d >> nc; cat nc; set -f; echo /et*; set +f; echo /et*; rm nc; echo new > nc;"
          + " cat nc; echo x > /dev/null; echo \"dn=$?\"";

  private static final String AFTER = "c\nc\nd\n/et*\n/etc\nnew\ndn=0\n";

  @Test
  void set_f_and_set_c_act_in_each_shell_s_words() {
    assertEquals(
        new Ran("bash: line 1: nc: cannot overwrite existing file\nrc=1\n" + AFTER, 0),
        bash(SCRIPT));
    assertEquals(new Ran("sh: 1: cannot create nc: File exists\nrc=2\n" + AFTER, 0), dash(SCRIPT));
    assertEquals(new Ran("sh: can't create nc: File exists\nrc=1\n" + AFTER, 0), ash(SCRIPT));
  }

  @Test
  void at_the_host_s_prompt_bash_names_no_line() {
    TestHost host = new TestHost();
    assertEquals(
        "bash: nc: cannot overwrite existing file\nrc=1\n" + AFTER,
        host.run(SCRIPT + "; rm nc; set +C"));
  }
}

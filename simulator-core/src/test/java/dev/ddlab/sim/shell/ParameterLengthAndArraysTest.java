package dev.ddlab.sim.shell;

import static dev.ddlab.sim.shell.ContainerScripts.ash;
import static dev.ddlab.sim.shell.ContainerScripts.bash;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ddlab.sim.shell.ContainerScripts.Ran;
import org.junit.jupiter.api.Test;

/**
 * {@code ${#NAME}}, bash's {@code set} listing of its arrays, and the host's {@code help}: each
 * text as bash 5.2 (C.UTF-8) and the private dockerd's busybox ash print it.
 */
class ParameterLengthAndArraysTest {
  private final TestHost host = new TestHost();

  @Test
  void a_parameters_length_counts_characters_in_bash_and_bytes_in_busybox_ash() {
    String script = "x=héllo; echo ${#x}; echo ${#}; set -- a b c; echo ${#@} ${#*}; echo ${#nope}";
    assertEquals(new Ran("5\n0\n3 3\n0\n", 0), bash(script));
    assertEquals(new Ran("6\n0\n5 5\n0\n", 0), ash(script));
    assertEquals("5\n", host.run("x=héllo; echo ${#x}"));
    assertEquals("2\n", host.run("true | false; echo ${#PIPESTATUS[@]}"));
  }

  @Test
  void the_length_of_an_unset_parameter_under_nounset_is_an_error_in_each_shells_words() {
    assertEquals(
        new Ran("bash: nope: unbound variable\n", 127), bash("set -u; echo ${#nope}; echo after"));
    assertEquals(
        new Ran("sh: nope: parameter not set\n", 2), ash("set -u; echo ${#nope}; echo after"));
  }

  @Test
  void set_lists_bashs_arrays_with_their_indexes() {
    String listed = host.run("true | false; set");
    assertTrue(listed.contains("PIPESTATUS=([0]=\"0\" [1]=\"1\")\n"), listed);
    assertTrue(!listed.contains("PIPESTATUS[") && !listed.contains("PIPESTATUS=0"), listed);
    String matched = host.run("[[ ab =~ (a)(b) ]]; set");
    assertTrue(matched.contains("BASH_REMATCH=([0]=\"ab\" [1]=\"a\" [2]=\"b\")\n"), matched);
  }

  @Test
  void the_hosts_help_names_seq_yes_and_timeout() {
    String help = host.run("help");
    assertTrue(help.contains("timeout 5 LỆNH") && help.contains("seq 1 10, yes"), help);
  }
}

package dev.ddlab.sim.shell;

import static dev.ddlab.sim.shell.ContainerScripts.ash;
import static dev.ddlab.sim.shell.ContainerScripts.bash;
import static dev.ddlab.sim.shell.ContainerScripts.dash;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ddlab.sim.shell.ContainerScripts.Ran;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code set -e/-u/-x/-o pipefail/--}, {@code $-} and {@code set}'s errors in bash, busybox ash and
 * dash run as {@code -c} strings in containers (and on the host's interactive bash); each expected
 * text and exit code is what bash 5.2, busybox 1.36 ash (the private dockerd's alpine) and dash
 * 0.5.12 print.
 */
class SetBuiltinTest {
  private final TestHost host = new TestHost();

  @Test
  void errexit_ends_the_shell_with_the_status_of_the_command_that_failed() {
    for (Ran r :
        List.of(
            bash("set -e; false; echo no"),
            ash("set -e; false; echo no"),
            dash("set -e; false; echo no"))) {
      assertEquals(new Ran("", 1), r);
    }
    assertEquals(new Ran("", 3), ash("set -e; f() { return 3; }; f; echo no"));
    assertEquals(new Ran("", 1), bash("set -e; (false); echo no"));
    assertEquals(new Ran("", 1), bash("set -e; true && false; echo no"));
    assertEquals(new Ran("", 1), ash("set -e; x=$(false); echo no"));
  }

  @Test
  void errexit_ignores_conditions_and_lists_and_negations_and_functions_called_there() {
    String script =
        "set -e; false || true; echo yes; if false; then :; fi; ! true; echo after;"
            + " while false; do :; done; f() { false; echo inf; }; f || echo caught; f; echo no";
    for (Ran r : List.of(bash(script), ash(script), dash(script))) {
      assertEquals(new Ran("yes\nafter\ninf\n", 1), r);
    }
    assertEquals(new Ran("off\n", 0), bash("set -e; set +e; false; echo off"));
  }

  @Test
  void nounset_reports_an_unset_parameter_in_each_shells_words_and_ends_the_shell() {
    assertEquals(
        new Ran("bash: x: unbound variable\n", 127), bash("set -u; echo \"[$x]\"; echo after"));
    assertEquals(
        new Ran("sh: x: parameter not set\n", 2), ash("set -u; echo \"[$x]\"; echo after"));
    assertEquals(new Ran("sh: 1: x: parameter not set\n", 2), dash("set -u; echo $x; echo after"));
    assertEquals(
        new Ran("d\n0\nbash: $1: unbound variable\n", 127),
        bash("set -u; echo ${x:-d}; echo $#; echo $1"));
  }

  @Test
  void nounset_on_the_host_ends_only_the_typed_line() {
    assertEquals("bash: x: unbound variable\n", host.run("set -u; echo $x; echo after"));
    assertEquals("1\n", host.run("echo $?"));
  }

  @Test
  void xtrace_prints_each_command_as_the_shell_quotes_it_on_stderr() {
    String script =
        "set -x; echo \"a b\" \"\" \"it's\" 2>/dev/null; x=\"1 2\" echo z; set +x; echo done";
    assertEquals(
        new Ran(
            "+ echo 'a b' '' 'it'\\''s'\na b  it's\n+ x='1 2'\n+ echo z\nz\n+ set +x\ndone\n", 0),
        bash(script));
    assertEquals(
        new Ran("+ echo 'a b'  'it'\"'\"'s'\na b  it's\n+ x='1 2' echo z\nz\n+ set +x\ndone\n", 0),
        ash(script));
    assertEquals(
        new Ran("+ echo a b  it's\na b  it's\n+ x=1 2 echo z\nz\n+ set +x\ndone\n", 0),
        dash(script));
  }

  @Test
  void pipefail_gives_the_last_failing_stage_and_dash_has_no_such_option() {
    String script =
        "set -o pipefail; false | sh -c 'exit 3' | true; echo $?; set +o pipefail; false | true; echo $?";
    assertEquals(new Ran("3\n0\n", 0), bash(script));
    assertEquals(new Ran("3\n0\n", 0), ash(script));
    assertEquals(new Ran("sh: 1: set: Illegal option -o pipefail\n", 2), dash(script));
  }

  @Test
  void set_dash_dash_replaces_the_positional_parameters() {
    assertEquals("2 b c\n1 x\n", host.run("set -- a \"b c\"; echo $# $2; set x; echo $# $1"));
  }

  @Test
  void dollar_minus_lists_the_options_in_each_shells_order() {
    assertEquals(new Ran("hBc\nehuBc\n", 0), bash("echo $-; set -eu; echo $-"));
    assertEquals(
        new Ran("c\n+ echo uxce\nuxce\n", 0), ash("echo $-; set -eux; echo $- 2>/dev/null"));
    assertEquals(new Ran("\nue\n", 0), dash("echo $-; set -eu; echo $-"));
    assertEquals("himBHs\n", host.run("echo $-"));
  }

  @Test
  void unknown_options_are_worded_as_each_shell_words_them() {
    String usage = "set: usage: set [-abefhkmnptuvxBCEHPT] [-o option-name] [--] [-] [arg ...]\n";
    assertEquals(
        new Ran("bash: line 1: set: -q: invalid option\n" + usage + "st=2\n", 0),
        bash("set -q; echo st=$?"));
    assertEquals(
        new Ran("bash: line 1: set: +q: invalid option\n" + usage + "st=2\n", 0),
        bash("set +q; echo st=$?"));
    assertEquals(
        new Ran("bash: line 1: set: nosuch: invalid option name\nst=2\n", 0),
        bash("set -o nosuch; echo st=$?"));
    assertEquals(new Ran("sh: set: line 0: illegal option -q\n", 2), ash("set -q; echo st=$?"));
    assertEquals(
        new Ran("sh: set: line 0: illegal option -o nosuch\nst=1\n", 0),
        ash("set -o nosuch; echo st=$?"));
    assertEquals(new Ran("sh: 1: set: Illegal option -q\n", 2), dash("set +q; echo st=$?"));
  }

  @Test
  void options_set_in_a_subshell_stay_there_and_its_unset_parameter_ends_only_it() {
    assertEquals("himBHs\n", host.run("( set -eux ); echo $-"));
    assertEquals(
        "bash: KHONG_CO: unbound variable\nst=1\n",
        host.run("( set -u; echo \"$KHONG_CO\" ); echo \"st=$?\""));
  }
}

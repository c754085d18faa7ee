package dev.ddlab.sim.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ddlab.sim.shell.ContainerScripts.Ran;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Options on a shell's command line ({@code sh -e -c …}, {@code bash -eu script.sh}, {@code -o
 * NAME}) act as {@code set} would, and a bad one is refused in each shell's words: in containers
 * (busybox ash in alpine, ubuntu's dash and bash) and on the host ({@code bash}, {@code sh} =
 * dash). Texts and statuses as bash 5.2.15 and dash 0.5.12 print them on this machine, and busybox
 * 1.35's ash on the private dockerd.
 */
class ShellInvocationTest {
  private final TestHost host = new TestHost();

  private static Ran ash(String... argv) {
    return ContainerScripts.argv(ContainerShellTest.alpine(), List.of(argv));
  }

  private static Ran dash(String... argv) {
    return ContainerScripts.argv(ContainerShellTest.ubuntu(), List.of(argv));
  }

  private static Ran bash(String... argv) {
    return ContainerScripts.argv(ContainerShellTest.ubuntu(), List.of(argv));
  }

  @Test
  void errexit_given_on_the_command_line_ends_the_shell_at_the_first_failure() {
    assertEquals(new Ran("", 1), ash("sh", "-e", "-c", "false; echo no"));
    assertEquals(new Ran("", 1), dash("sh", "-e", "-c", "false; echo no"));
    assertEquals(new Ran("", 1), bash("bash", "-e", "-c", "false; echo no"));
    assertEquals(new Ran("", 1), ash("sh", "-o", "errexit", "-c", "false; echo no"));
    assertEquals(new Ran("", 1), bash("bash", "-c", "-e", "false; echo no"), "-c is a flag");
    assertEquals("1\n", host.run("sh -e -c 'false; echo no'; echo $?"));
    assertEquals("1\n", host.run("bash -o errexit -c 'false; echo no'; echo $?"));
  }

  @Test
  void xtrace_and_nounset_given_on_the_command_line_trace_and_refuse_as_set_does() {
    assertEquals(new Ran("+ echo hi\nhi\n", 0), ash("sh", "-x", "-c", "echo hi"));
    assertEquals(new Ran("+ echo hi\nhi\n", 0), dash("sh", "-x", "-c", "echo hi"));
    assertEquals(new Ran("+ echo hi\nhi\n", 0), bash("bash", "-x", "-c", "echo hi"));
    assertEquals(
        new Ran("sh: x: parameter not set\n", 2), ash("sh", "-u", "-c", "echo \"[$x]\"; echo no"));
    assertEquals(
        new Ran("sh: 1: x: parameter not set\n", 2),
        dash("sh", "-u", "-c", "echo \"[$x]\"; echo no"));
    assertEquals(
        new Ran("bash: x: unbound variable\n", 127),
        bash("bash", "-u", "-c", "echo \"[$x]\"; echo no"));
    assertEquals("+ echo hi\nhi\n", host.run("bash -x -c 'echo hi'"));
    assertEquals("sh: 1: x: parameter not set\n2\n", host.run("sh -u -c 'echo $x'; echo $?"));
  }

  @Test
  void dollar_dash_shows_the_options_given_on_the_command_line_in_each_shells_order() {
    assertEquals(new Ran("ucfe\n", 0), ash("sh", "-e", "-u", "-f", "-c", "echo $-"));
    assertEquals(new Ran("Ec\n", 0), ash("sh", "-E", "-c", "echo $-"));
    assertEquals(new Ran("ce\n", 0), ash("sh", "-ec", "echo $-"));
    assertEquals(new Ran("cf\n", 0), ash("sh", "-f", "-c", "echo $-"));
    assertEquals(new Ran("+ echo uxe\nuxe\n", 0), dash("sh", "-uxe", "-c", "echo $-"));
    assertEquals(new Ran("ehuBc\n", 0), bash("bash", "-eu", "-c", "echo $-"));
    assertEquals(new Ran("fhBc\n", 0), bash("bash", "-f", "-c", "echo $-"));
    assertEquals("hBc\n", host.run("bash -c 'echo $-'"));
    assertEquals("e\n", host.run("sh -c 'set -o errexit; echo $-'"));
    assertEquals("e\n", host.run("sh -o errexit -c 'echo $-'"));
    assertEquals("ehBc\n", host.run("bash -o errexit -c 'echo $-'"));
    assertEquals("\n", host.run("sh -l -c 'echo $-'"), "-l: a login shell, not in $-");
  }

  @Test
  void options_before_a_script_apply_to_it() {
    host.run("printf 'echo $-\\nfalse\\necho no\\n' > s.sh");
    assertEquals("e\n1\n", host.run("sh -e s.sh; echo $?"));
    assertEquals("ehuB\n1\n", host.run("bash -eu s.sh; echo $?"));
    assertEquals("+ echo xe\nxe\n+ false\n1\n", host.run("sh -ex s.sh; echo $?"));
  }

  @Test
  void a_bad_option_is_refused_in_each_shells_words() {
    assertEquals(new Ran("sh: illegal option -Q\n", 2), ash("sh", "-Q", "-c", "echo ran"));
    assertEquals(new Ran("sh: 0: Illegal option -Q\n", 2), dash("sh", "-Q", "-c", "echo ran"));
    assertEquals(
        new Ran("sh: illegal option -o bogus\n", 0),
        ash("sh", "-o", "bogus", "-c", "echo ran"),
        "busybox runs nothing and exits 0");
    assertEquals(new Ran("ran\n", 0), ash("sh", "--bogus", "-c", "echo ran"));
    assertEquals(
        new Ran("sh: 0: Illegal option -o bogus\n", 2), dash("sh", "-o", "bogus", "-c", "true"));
    assertEquals(
        new Ran("bash: line 0: bash: bogus: invalid option name\n", 2),
        bash("bash", "-o", "bogus", "-c", "true"));
    assertEquals(
        new Ran("sh: 0: Illegal option -o pipefail\n", 2),
        dash("sh", "-o", "pipefail", "-c", "true"),
        "dash has no pipefail");
    Ran q = bash("bash", "-Q", "-c", "echo ran");
    assertEquals(2, q.status());
    assertEquals(
        "bash: -Q: invalid option\nUsage:\tbash [GNU long option] [option] ...\n",
        q.output().substring(0, q.output().indexOf("\n", 26) + 1));
    assertEquals("sh: 0: Illegal option -Q\n2\n", host.run("sh -Q -c true; echo $?"));
    String out = host.run("bash -Q -c true; echo $?");
    assertEquals(true, out.startsWith("bash: -Q: invalid option\nUsage:\tbash [GNU long option]"));
    assertEquals(true, out.endsWith("\t-abefhkmnptuvxBCEHPT or -o option\n2\n"), out);
    assertEquals("sh: 0: Illegal option --\n2\n", host.run("sh --bogus -c true; echo $?"));
    assertEquals("dash: 0: Illegal option -Q\n2\n", host.run("dash -Q; echo $?"));
    assertEquals(
        "dash\ndash: 0: cannot open nofile: No such file\n2\n",
        host.run("dash -c 'echo $0'; dash nofile; echo $?"),
        "dash called by its name says so, as sh says sh");
    assertEquals(
        true, host.run("bash --bogus -c true").startsWith("bash: --bogus: invalid option\n"));
    assertEquals("ran\n", host.run("bash --login --norc -c 'echo ran'"));
  }

  @Test
  void the_command_string_takes_its_name_and_parameters_from_the_words_after_it() {
    assertEquals(new Ran("a b 2\n", 0), ash("sh", "-c", "echo $0 $1 $#", "a", "b", "c"));
    assertEquals(new Ran("a b 2\n", 0), dash("sh", "-c", "echo $0 $1 $#", "a", "b", "c"));
    assertEquals(new Ran("sh: -c requires an argument\n", 2), ash("sh", "-c"));
    assertEquals(new Ran("sh: 0: -c requires an argument\n", 2), dash("sh", "-c"));
    assertEquals(new Ran("bash: -c: option requires an argument\n", 2), bash("bash", "-c"));
  }
}

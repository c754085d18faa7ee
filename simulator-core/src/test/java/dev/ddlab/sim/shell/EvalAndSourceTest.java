package dev.ddlab.sim.shell;

import static dev.ddlab.sim.shell.ContainerScripts.run;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ddlab.sim.shell.ContainerScripts.Ran;
import org.junit.jupiter.api.Test;

/**
 * {@code eval} and {@code .}/{@code source} in bash, busybox ash and dash; texts and exit codes as
 * bash 5.2, busybox 1.36 ash and dash 0.5.12 print them.
 */
class EvalAndSourceTest {
  private final TestHost host = new TestHost();

  private static final String INC = "printf 'echo in-file $1 $#\\nx=set\\n' > /tmp/inc.sh; ";

  @Test
  void eval_runs_its_words_as_a_command_line_of_the_shell_itself() {
    assertEquals(
        "1\na b\nst=0\n", host.run("eval \"x=1; echo \\$x\"; eval echo a  b; eval; echo st=$?"));
    assertEquals(new Ran("", 3), run(ContainerShellTest.alpine(), "sh", "eval 'exit 3'; echo no"));
  }

  @Test
  void dot_and_source_run_a_file_in_the_shell_with_its_arguments_as_parameters() {
    Ran expected = new Ran("in-file a 2\nset\nin-file 0\n", 0);
    assertEquals(
        expected,
        run(
            ContainerShellTest.alpine(),
            "sh",
            INC + ". /tmp/inc.sh a b; echo $x; source /tmp/inc.sh"));
    assertEquals(
        expected,
        run(
            ContainerShellTest.ubuntu(),
            "bash",
            INC + ". /tmp/inc.sh a b; echo $x; source /tmp/inc.sh"));
    assertEquals(
        new Ran("sh: 1: source: not found\n127\n", 0),
        run(ContainerShellTest.ubuntu(), "sh", INC + "source /tmp/inc.sh; echo $?"));
  }

  @Test
  void errors_are_worded_as_each_shell_words_them() {
    assertEquals(
        "bash: /nofile: No such file or directory\nst=1\n", host.run(". /nofile; echo st=$?"));
    assertEquals(
        "bash: .: filename argument required\n.: usage: . filename [arguments]\nst=2\n",
        host.run(".; echo st=$?"));
    assertEquals(
        new Ran("sh: .: line 0: can't open '/nofile': No such file or directory\n", 2),
        run(ContainerShellTest.alpine(), "sh", ". /nofile; echo st=$?"));
    assertEquals(
        new Ran("sh: 1: .: cannot open /nofile: No such file\n", 2),
        run(ContainerShellTest.ubuntu(), "sh", ". /nofile; echo st=$?"));
    assertEquals(
        new Ran("sh: 1: eval: Syntax error: end of file unexpected (expecting \"then\")\n", 2),
        run(ContainerShellTest.ubuntu(), "sh", "eval if; echo st=$?"));
    assertEquals(
        new Ran("sh: eval: line 0: syntax error: unexpected end of file (expecting \"then\")\n", 2),
        run(ContainerShellTest.alpine(), "sh", "eval if; echo st=$?"));
  }

  @Test
  void a_file_that_sources_itself_ends_the_shell_as_a_crash_instead_of_hanging() {
    assertEquals(
        new Ran("", 139),
        run(ContainerShellTest.alpine(), "sh", "echo '. /tmp/x' > /tmp/x; . /tmp/x; echo no"));
    assertEquals("", host.run("x='eval \"$x\"'; eval \"$x\"; echo no"));
    assertEquals("139\n", host.run("echo $?"));
  }
}

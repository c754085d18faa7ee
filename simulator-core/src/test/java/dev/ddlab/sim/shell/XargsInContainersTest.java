package dev.ddlab.sim.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ddlab.fs.MemoryFs;
import dev.ddlab.sim.shell.ContainerScripts.Ran;
import org.junit.jupiter.api.Test;

/**
 * busybox's xargs in an alpine container, each command line a child process: its options and its
 * errors in busybox's words (checked against busybox 1.35's xargs here and on the private dockerd;
 * the option errors in the musl wording of the simulated alpine's busybox 1.36, as its other
 * applets), the statuses GNU's xargs also gives (123, 124, 127).
 */
class XargsInContainersTest {
  private static Ran ash(String script) {
    MemoryFs fs = ContainerShellTest.alpine();
    fs.symlink("/bin/busybox", "/bin/xargs");
    return ContainerScripts.run(fs, "sh", script);
  }

  @Test
  void xargs_builds_command_lines_from_its_input_and_runs_them_as_children() {
    assertEquals(new Ran("X a\nX b\nX c\n", 0), ash("echo a b c | xargs -n 1 echo X"));
    assertEquals(new Ran("echo hi a b\nhi a b\n", 0), ash("echo a b | xargs -t echo hi"));
    assertEquals(new Ran("a b\n", 0), ash("echo a b STOP c | xargs -E STOP echo"));
    assertEquals(new Ran("[x  ]\n", 0), ash("echo '  x  ' | xargs -I{} echo '[{}]'"));
    assertEquals(new Ran("a b\nc\n", 0), ash("echo a b c | xargs -s 9 echo"));
    assertEquals(new Ran("one two\n", 0), ash("printf 'one\\ntwo\\n' | xargs"));
  }

  @Test
  void xargs_runs_once_without_items_unless_r_and_reports_statuses_as_busybox_does() {
    assertEquals(new Ran("E\n0\n", 0), ash("printf '' | xargs echo E; echo $?"));
    assertEquals(new Ran("0\n", 0), ash("printf '' | xargs -r echo E; echo $?"));
    assertEquals(new Ran("123\n", 0), ash("echo a | xargs sh -c 'exit 3'; echo $?"));
    assertEquals(
        new Ran("xargs: sh: exited with status 255; aborting\n124\n", 0),
        ash("echo a | xargs sh -c 'exit 255'; echo $?"));
    assertEquals(
        new Ran("xargs: nosuch: No such file or directory\n127\n", 0),
        ash("echo a | xargs nosuch; echo $?"));
  }

  @Test
  void bad_options_and_input_are_refused_in_busyboxs_words() {
    Ran l = ash("echo a | xargs -L 1 echo; echo $?");
    assertEquals(
        "xargs: unrecognized option: L\n"
            + ToolErrors.BUSYBOX_BANNER
            + Xargs.BUSYBOX_USAGE
            + "\n1\n",
        l.output());
    assertEquals(
        new Ran("xargs: invalid number 'x'\n1\n", 0), ash("echo a | xargs -n x echo; echo $?"));
    assertEquals(
        new Ran("xargs: number 0 is not in 1..2147483647 range\n1\n", 0),
        ash("echo a | xargs -n 0 echo; echo $?"));
    assertEquals(
        new Ran("xargs: unmatched single quote\n1\n", 0), ash("echo \"'a\" | xargs echo; echo $?"));
    assertEquals(
        new Ran("xargs: can't fit single argument within argument list size limit\n1\n", 0),
        ash("printf '' | xargs -s 5 echo; echo $?"));
    assertEquals(
        new Ran("a\nxargs: argument line too long\n1\n", 0),
        ash("echo a bbbbbb | xargs -s 7 echo; echo $?"));
  }
}

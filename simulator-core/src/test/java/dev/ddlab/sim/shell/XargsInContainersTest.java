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
  void a_commands_own_status_is_123_and_only_a_signal_is_125_as_busybox_says() {
    for (String code : new String[] {"126", "127", "130", "137", "200"}) {
      assertEquals(
          new Ran("run a\nrun b\n123\n", 0),
          ash("printf 'a\\nb\\n' | xargs -n1 sh -c 'echo run $0; exit " + code + "'; echo $?"),
          code);
    }
    assertEquals(
        new Ran("run a\nxargs: 'sh' terminated by signal 9\n125\n", 0),
        ash("printf 'a\\nb\\n' | xargs -n1 sh -c 'echo run $0; kill -9 $$'; echo $?"));
    assertEquals(
        new Ran("run a\nxargs: 'sh' terminated by signal 15\n125\n", 0),
        ash("printf 'a\\nb\\n' | xargs -n1 sh -c 'echo run $0; kill -15 $$'; echo $?"));
    assertEquals(
        new Ran("xargs: /tmp/ne: Permission denied\n126\n", 0),
        ash(": > /tmp/ne; echo a | xargs /tmp/ne; echo $?"));
    assertEquals(
        new Ran("xargs: /tmp: Permission denied\n126\n", 0), ash("echo a | xargs /tmp; echo $?"));
    assertEquals(
        new Ran("xargs: /no/such: No such file or directory\n127\n", 0),
        ash("echo a | xargs /no/such; echo $?"));
  }

  @Test
  void in_a_simulated_alpine_a_killed_command_is_125_and_one_exiting_137_itself_123() {
    try (dev.ddlab.session.SimSession s = dev.ddlab.session.SimSession.open("single", 1)) {
      java.util.List<dev.ddlab.session.TranscriptEntry> t =
          new dev.ddlab.session.ScriptRunner(s)
              .run(
                  """
                  docker pull -q alpine
                  docker run --rm alpine sh -c 'printf "a\\nb\\n" | xargs -n1 sh -c "echo run \\$0; kill -9 \\$\\$"; echo $?'
                  docker run --rm alpine sh -c 'printf "a\\nb\\n" | xargs -n1 sh -c "echo run \\$0; exit 137"; echo $?'
                  """);
      assertEquals("run a\nxargs: 'sh' terminated by signal 9\n125\n", t.get(1).output());
      assertEquals("run a\nrun b\n123\n", t.get(2).output());
    }
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

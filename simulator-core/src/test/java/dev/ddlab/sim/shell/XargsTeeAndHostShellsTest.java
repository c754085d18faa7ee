package dev.ddlab.sim.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * xargs, tee and {@code bash -c}/{@code sh -c} at the host, as GNU findutils 4.9, coreutils 9.1,
 * bash 5.2 and dash 0.5.12 print them (checked on this machine).
 */
class XargsTeeAndHostShellsTest {
  private final TestHost host = new TestHost();

  @Test
  void xargs_builds_command_lines_from_its_input() {
    assertEquals("X a\nX b\nX c\n", host.run("echo a b c | xargs -n 1 echo X"));
    assertEquals("[a b]\n", host.run("echo a b | xargs -I{} echo [{}]"));
    assertEquals("L x y\nL z\n", host.run("printf 'x y\\nz\\n' | xargs -L 1 echo L"));
    assertEquals("a b\nc\n", host.run("echo \"'a b' c\" | xargs -n1 echo"));
    assertEquals("one two\n", host.run("printf 'one\\ntwo\\n' | xargs"));
  }

  @Test
  void xargs_runs_once_without_items_unless_r_and_reports_failures_as_gnu_does() {
    assertEquals("E\n0\n", host.run("printf '' | xargs echo E; echo $?"));
    assertEquals("0\n", host.run("printf '' | xargs -r echo E; echo $?"));
    assertEquals("123\n", host.run("echo a | xargs false; echo $?"));
    assertEquals(
        "xargs: nosuchcmd: No such file or directory\n127\n",
        host.run("echo a | xargs nosuchcmd; echo $?"));
    assertEquals("echo hi a\nhi a\n", host.run("echo a | xargs -t echo hi"));
  }

  @Test
  void a_commands_own_status_is_123_and_a_command_that_cannot_run_126_or_127_as_gnu_says() {
    for (String code : new String[] {"1", "126", "127", "130", "200"}) {
      assertEquals(
          "run a\nrun b\n123\n",
          host.run("printf 'a\\nb\\n' | xargs -n1 sh -c 'echo run $0; exit " + code + "'; echo $?"),
          code);
    }
    assertEquals(
        "run a\nxargs: sh: exited with status 255; aborting\n124\n",
        host.run("printf 'a\\nb\\n' | xargs -n1 sh -c 'echo run $0; exit 255'; echo $?"));
    assertEquals(
        "xargs: ./ne: Permission denied\n126\n",
        host.run("touch ne; echo a | xargs ./ne; echo $?"));
    assertEquals("xargs: /tmp: Permission denied\n126\n", host.run("echo a | xargs /tmp; echo $?"));
  }

  @Test
  void gnu_bounds_a_line_with_s_and_x_and_ends_the_input_at_e() {
    assertEquals("a b\nc\n0\n", host.run("echo a b c | xargs -xs 9 echo; echo $?"));
    assertEquals("a b\n", host.run("echo a b STOP c | xargs -E STOP echo"));
    assertEquals(
        "xargs: argument line too long\n1\n", host.run("echo a | xargs -s 5 echo; echo $?"));
    assertEquals(
        "xargs: argument line too long\n1\n",
        host.run("echo abcdefgh | xargs -x -s 12 echo; echo $?"));
    assertEquals(
        "xargs: value 0 for -s option should be >= 1\n"
            + "xargs: cannot fit single argument within argument list size limit\n1\n",
        host.run("echo a | xargs -s 0 echo; echo $?"));
  }

  @Test
  void tee_copies_to_its_files_and_standard_output() {
    assertEquals("hi\n", host.run("echo hi | tee f1 f2"));
    assertEquals("hi\n", new String(host.fs.read("/home/ubuntu/f2"), StandardCharsets.UTF_8));
    assertEquals("", host.run("echo more | tee -a f1 > /dev/null"));
    assertEquals("hi\nmore\n", host.run("cat f1"));
    assertEquals(
        "tee: /nonexist/f: No such file or directory\nx\n1\n", // tee opens its files first
        host.run("echo x | tee /nonexist/f; echo $?"));
  }

  @Test
  void bash_and_sh_run_a_command_string_or_a_script_as_a_new_shell() {
    assertEquals("zero one 2\n", host.run("bash -c 'echo $0 $1 $#' zero one two"));
    assertEquals("sh\n3\n", host.run("sh -c 'echo $0; echo $((1+2))'"));
    assertEquals("3\n", host.run("bash -c 'exit 3'; echo $?"));
    assertEquals("[]\n[5]\n", host.run("x=5; bash -c 'echo [$x]'; export x; bash -c 'echo [$x]'"));
    assertEquals("[]\n", host.run("bash -c 'y=1; cd /tmp'; echo [$y]"));
    assertEquals("/home/ubuntu\n", host.run("pwd"), "a cd in the child stays there");
    host.run("printf 'echo script $1\\n' > s.sh");
    assertEquals("script arg\n", host.run("bash s.sh arg"));
    assertEquals(
        "bash: nofile: No such file or directory\n127\n", host.run("bash nofile; echo $?"));
    assertEquals("sh: 0: cannot open nofile: No such file\n2\n", host.run("sh nofile; echo $?"));
    assertEquals("bash: -c: option requires an argument\n2\n", host.run("bash -c; echo $?"));
  }
}

package dev.ddlab.sim.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code read} on the host's bash and in container shells, reading pipes and redirected files one
 * line per call; expected texts and statuses are what bash 5.2, busybox 1.36 ash and dash 0.5.12
 * print (checked on this machine and the private dockerd's alpine).
 */
class ReadBuiltinTest {
  private final TestHost host = new TestHost();

  private static String alpine(String script) {
    return ContainerScripts.ash(script).output();
  }

  private static String dash(String script) {
    return ContainerScripts.dash(script).output();
  }

  @Test
  void read_splits_on_ifs_the_last_name_taking_the_rest_and_a_last_line_without_newline_is_1() {
    String script =
        "printf 'a b c\\nd' | { read x y; echo \"[$x][$y]\"; read z; echo $? \"[$z]\"; }";
    assertEquals("[a][b c]\n1 [d]\n", host.run(script));
    assertEquals("[a][b c]\n1 [d]\n", alpine(script));
    assertEquals("[a][b c]\n1 [d]\n", dash(script));
  }

  @Test
  void while_read_from_a_redirected_file_reads_one_line_per_round() {
    host.run("printf 'one\\ntwo\\nthree\\n' > f.txt");
    assertEquals(
        "got one\ngot two\ngot three\n",
        host.run("while read line; do echo \"got $line\"; done < f.txt"));
    assertEquals(
        "[one]\ntwo\nthree\n", host.run("while read l; do echo \"[$l]\"; cat; done < f.txt"));
  }

  @Test
  void a_pipeline_into_while_read_runs_in_a_subshell_whose_variables_are_gone_after_it() {
    assertEquals(
        "1 a\n2 b\nn=0\n",
        host.run(
            "n=0; printf 'a\\nb\\n' | while read l; do n=$((n+1)); echo $n $l; done; echo n=$n"));
    assertEquals("[]\n", host.run("echo hi | read v; echo \"[$v]\""));
    assertEquals(
        "1 a\n2 b\nn=0\n",
        alpine(
            "n=0; printf 'a\\nb\\n' | while read l; do n=$((n+1)); echo $n $l; done; echo n=$n"));
  }

  @Test
  void programs_that_do_not_read_their_input_leave_it_to_the_next_read() {
    assertEquals(
        "a\nb\n",
        alpine(
            "printf 'a\\nb\\n' > /tmp/l; while read x; do ls /tmp > /dev/null; echo $x; done <"
                + " /tmp/l"));
    assertEquals(
        "[a]\nb\n", alpine("printf 'a\\nb\\n' | while read x; do echo \"[$x]\"; cat; done"));
  }

  @Test
  void without_r_a_backslash_quotes_the_next_character_and_joins_lines() {
    String in = "printf 'a\\\\ b\\\\\\nc d\\n' | ";
    assertEquals("[a bc][d]\n", host.run(in + "{ read x y; echo \"[$x][$y]\"; }"));
    assertEquals("[a\\][b\\]\n", host.run(in + "{ read -r x y; echo \"[$x][$y]\"; }"));
  }

  @Test
  void ifs_white_space_is_trimmed_and_other_ifs_characters_end_fields_as_posix_says() {
    assertEquals(
        "[lead  trail]\n", host.run("printf '  lead  trail  \\n' | { read x; echo \"[$x]\"; }"));
    assertEquals(
        "[  lead  trail  ]\n",
        host.run("printf '  lead  trail  \\n' | { read; echo \"[$REPLY]\"; }"));
    assertEquals(
        "[a][b][:c:]\n",
        host.run("printf 'a:b::c:\\n' | { IFS=: read x y z; echo \"[$x][$y][$z]\"; }"));
    assertEquals(
        "[a][b][c]\n",
        host.run("printf 'a:b:c:\\n' | { IFS=: read x y z; echo \"[$x][$y][$z]\"; }"));
    assertEquals(
        "[a][b][]\n", host.run("printf 'a:b:\\n' | { IFS=: read x y z; echo \"[$x][$y][$z]\"; }"));
    assertEquals(
        "[a][b][c]\n",
        alpine("printf ' a , b , c , \\n' | { IFS=' ,' read x y z; echo \"[$x][$y][$z]\"; }"));
  }

  @Test
  void the_prompt_of_p_is_not_printed_when_the_input_is_not_a_terminal() {
    assertEquals("hi\n", host.run("read -p 'Name: ' x <<EOF\nhi\nEOF\necho $x"));
  }

  @Test
  void end_of_input_is_status_1_and_sets_the_names_empty() {
    assertEquals("1 []\n", host.run("x=old; read x < /dev/null; echo $? \"[$x]\""));
  }

  @Test
  void bad_options_and_names_are_worded_as_each_shell_words_them() {
    String usage =
        "read: usage: read [-ers] [-a array] [-d delim] [-i text] [-n nchars] [-N nchars] [-p"
            + " prompt] [-t timeout] [-u fd] [name ...]\n";
    assertEquals(
        "bash: read: -z: invalid option\n" + usage + "2\n", host.run("read -z x; echo $?"));
    assertEquals(
        "bash: read: -p: option requires an argument\n" + usage + "2\n",
        host.run("read -p; echo $?"));
    assertEquals(
        "bash: read: `1x': not a valid identifier\n1\n", host.run("read 1x < /dev/null; echo $?"));
    assertEquals(
        "sh: read: line 0: illegal option -z\n2\nsh: read: line 0: no arg for -p option\n2\n"
            + "sh: read: '1x': bad variable name\n1\n",
        alpine("read -z x; echo $?; read -p; echo $?; read 1x </dev/null; echo $?"));
    assertEquals(
        "sh: 1: read: Illegal option -z\n2\nsh: 1: read: No arg for -p option\n2\n"
            + "sh: 1: read: 1x: bad variable name\n2\nsh: 1: read: arg count\n2\n",
        dash("read -z x; echo $?; read -p; echo $?; read 1x </dev/null; echo $?; read; echo $?"));
  }

  @Test
  void read_without_a_pipe_reads_the_shells_own_input_a_line_at_a_time_in_a_container() {
    FakeProc.World w = new FakeProc.World(ContainerShellTest.alpine());
    FakeProc sh =
        w.init(List.of("sh", "-c", "read a b; echo \"[$b][$a]\"; read c; echo \"$? [$c]\""), false);
    assertEquals("", w.read());
    assertEquals("[y z][x]\n", sh.type("x y z"));
    sh.closeInput();
    assertEquals("1 []\n", w.read());
    assertEquals(0, sh.status);
  }

  @Test
  void read_typed_into_an_interactive_container_shell_waits_for_the_next_line() {
    FakeProc.World w = new FakeProc.World(ContainerShellTest.alpine());
    FakeProc sh = w.init(List.of("sh"), true);
    assertEquals("Tên: ", sh.type("read -p 'Tên: ' name"));
    assertEquals("", sh.prompt());
    assertEquals("", sh.type("An"));
    assertEquals("/ # ", sh.prompt());
    assertEquals("Chào An\n", sh.type("echo \"Chào $name\""));
    sh.type("read x &");
    assertEquals("typed\n", sh.type("echo typed"));
  }

  @Test
  void n_reads_at_most_that_many_characters_and_d_reads_to_another_delimiter() {
    assertEquals("0 [abc]\n", host.run("printf abcdef | { read -n 3 v; echo \"$? [$v]\"; }"));
    assertEquals("0 [a]\n", alpine("printf 'a;b\\n' | { read -d ';' v; echo \"$? [$v]\"; }"));
    assertEquals("bash: read: x: invalid number\nst=1\n", host.run("read -n x v; echo st=$?"));
    assertEquals(
        "sh: read: line 0: invalid count\nst=2\n", alpine("read -n x v </dev/null; echo st=$?"));
  }
}

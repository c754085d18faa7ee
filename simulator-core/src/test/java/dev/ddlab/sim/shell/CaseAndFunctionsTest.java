package dev.ddlab.sim.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code case}, functions, {@code local}, {@code return}, {@code shift} and positional parameters,
 * on the host's bash and in container shells; expected texts are what bash 5.2, busybox 1.35 ash
 * and dash 0.5.12 print.
 */
class CaseAndFunctionsTest {
  private final TestHost host = new TestHost();

  @Test
  void case_runs_the_first_arm_whose_pattern_matches_with_globs_and_alternatives() {
    assertEquals("xy\n", host.run("case x in a) echo a;; x|y) echo xy;; esac"));
    assertEquals(
        "txt\n",
        host.run("case foo.txt in *.md) echo md;; *.txt) echo txt;; *) echo other;; esac"));
    assertEquals(
        "q br\n", host.run("case ab in a?) echo -n 'q ';; esac; case a in [abc]) echo br;; esac"));
    assertEquals("other\n", host.run("case zzz in *.md) echo md;; *) echo other;; esac"));
  }

  @Test
  void case_patterns_match_quoted_characters_literally_and_expand_variables() {
    assertEquals("literal\n", host.run("case '*' in \"*\") echo literal;; esac"));
    assertEquals("", host.run("case abc in \"a*\") echo glob;; esac"));
    assertEquals("var\n", host.run("p='a*'; case abc in $p) echo var;; esac"));
    assertEquals("paren\n", host.run("case a in (a) echo paren;; esac"));
  }

  @Test
  void case_with_no_match_or_an_empty_arm_is_status_0() {
    assertEquals("0\n", host.run("false; case a in b) echo b;; esac; echo $?"));
    assertEquals("0\n", host.run("false; case a in a) ;; esac; echo $?"));
    assertEquals("3\n", host.run("case a in a) (exit 3);; esac; echo $?"));
  }

  @Test
  void bash_case_falls_through_with_semicolon_ampersand_and_keeps_testing_with_double() {
    assertEquals("a\nb\n", host.run("case a in a) echo a;& b) echo b;; c) echo c;; esac"));
    assertEquals("a\nstar\n", host.run("case a in a) echo a;;& b) echo b;; *) echo star;; esac"));
  }

  @Test
  void case_typed_over_several_lines_asks_for_more_until_esac() {
    assertEquals("", host.run("case $HOME in"));
    assertEquals("> ", host.shell.prompt());
    host.run("/home/*) echo home");
    host.run(";;");
    assertEquals("home\n", host.run("esac"));
  }

  @Test
  void functions_take_positional_parameters_and_return_a_status() {
    assertEquals(
        "f:2:a:b c:a b c\nst=3\n",
        host.run("f() { echo \"f:$#:$1:$2:$@\"; return 3; echo no; }; f a \"b c\"; echo st=$?"));
    assertEquals(
        "[1]\n[2 3]\n[]\n[4]\n",
        host.run("args() { for a in \"$@\"; do echo \"[$a]\"; done; }; args 1 \"2 3\" '' 4"));
    assertEquals("2\n0\n1\n", host.run("count() { echo $#; }; count 'a b' c; count; count ''"));
  }

  @Test
  void a_function_without_return_ends_with_its_last_status_and_keeps_the_callers_parameters() {
    assertEquals("1\n", host.run("f() { false; }; f; echo $?"));
    assertEquals("x\n", host.run("outer() { inner y; echo $1; }; inner() { :; }; outer x"));
  }

  @Test
  void local_variables_vanish_when_the_function_returns_and_globals_stay() {
    assertEquals(
        "in\nout global\n",
        host.run("g() { local x=in; echo $x; y=global; }; x=out; g; echo $x $y"));
    assertEquals("[]\n", host.run("x=1; h() { local x; echo \"[$x]\"; }; h"));
  }

  @Test
  void ash_keeps_the_outer_value_of_a_name_made_local_without_one() {
    FakeProc.World w = new FakeProc.World(ContainerShellTest.alpine());
    FakeProc sh = w.init(List.of("sh"), true);
    assertEquals("[1]\n1\n", sh.type("x=1; h() { local x; echo \"[$x]\"; x=2; }; h; echo $x"));
  }

  @Test
  void function_keyword_and_recursion_work_and_endless_recursion_stops_with_a_message() {
    assertEquals("h\n", host.run("function h { echo h; }; h"));
    assertEquals(
        "120\n",
        host.run(
            "fact() { if [ $1 -le 1 ]; then echo 1; else local p=$(fact $(( $1 - 1 ))); echo"
                + " $(( $1 * p )); fi; }; fact 5"));
    assertEquals(
        "bash: rec: maximum function nesting level exceeded (1000)\n",
        host.run("rec() { rec; }; rec; echo not-reached"));
    assertEquals("after 1\n", host.run("echo after $?"));
  }

  @Test
  void return_and_local_outside_a_function_are_refused_by_bash() {
    assertEquals(
        "bash: return: can only `return' from a function or sourced script\nst=1\n",
        host.run("return 2; echo st=$?"));
    assertEquals(
        "bash: local: can only be used in a function\nst=1\n", host.run("local x; echo st=$?"));
  }

  @Test
  void local_outside_a_function_is_worded_by_ash_and_dash() {
    FakeProc.World w = new FakeProc.World(ContainerShellTest.alpine());
    assertEquals("sh: local: not in a function\n", w.init(List.of("sh"), true).type("local x"));
  }

  @Test
  void exit_and_return_with_a_word_that_is_no_number_are_worded_by_each_shell() {
    assertEquals("bash: exit: x: numeric argument required\n", host.run("(exit x); echo -n"));
    FakeProc.World ash = new FakeProc.World(ContainerShellTest.alpine());
    assertEquals(
        "sh: exit: Illegal number: x\n2\n",
        ash.init(List.of("sh"), true).type("(exit x); echo $?"));
    // ubuntu's sh is dash, which names the line
    try (dev.ddlab.session.SimSession s = dev.ddlab.session.SimSession.open("single", 1)) {
      s.type("node1", "docker pull -q ubuntu");
      assertEquals(
          "sh: 1: exit: Illegal number: x\n",
          s.type("node1", "docker run --rm ubuntu sh -c 'exit x'").output());
      assertEquals(
          "sh: 1: return: Illegal number: y\n2\n",
          s.type("node1", "docker run --rm ubuntu sh -c 'f() { return y; }; f; echo $?'").output());
    }
  }

  @Test
  void shift_drops_parameters_and_fails_when_too_many() {
    assertEquals("b\n1\n", host.run("s() { shift; echo \"$1\"; shift 5; echo $?; }; s a b"));
  }

  @Test
  void unset_f_removes_a_function_and_type_prints_its_body() {
    assertEquals(
        "h is a function\nh () \n{ \n    echo a;\n    echo b\n}\n",
        host.run("h() { echo a; echo b; }; type h"));
    assertEquals("bash: h: command not found\n", host.run("unset -f h; h"));
  }

  @Test
  void functions_run_before_builtins_and_commands_of_the_same_name() {
    assertEquals(
        "my cd /tmp\n/home/ubuntu\n", host.run("cd() { echo \"my cd $1\"; }; cd /tmp; pwd"));
    assertEquals("mine\n", host.run("ls() { echo mine; }; ls"));
  }

  @Test
  void bash_accepts_any_word_as_a_function_name_ash_only_a_name() {
    assertEquals("colon\n", host.run(":() { echo colon; }; :"));
    FakeProc.World w = new FakeProc.World(ContainerShellTest.alpine());
    assertEquals(
        "sh: syntax error: bad function name\n", w.init(List.of("sh"), true).type(":(){ :|:& };:"));
  }

  @Test
  void export_and_local_keep_blanks_of_an_assigned_expansion() {
    assertEquals(
        "[a b]\n[a b]\n",
        host.run("y='a b'; export z=$y; echo \"[$z]\"; f() { local v=$y; echo \"[$v]\"; }; f"));
  }

  @Test
  void unquoted_expansions_split_on_ifs() {
    assertEquals(
        "[a] [b] [] [c] \n",
        host.run("IFS=:; v='a:b::c'; for x in $v; do echo -n \"[$x] \"; done; echo"));
    assertEquals(
        "[a]\n[b]\n", host.run("IFS=' :'; v=' a : b '; for x in $v; do echo \"[$x]\"; done"));
    assertEquals(
        "[a]\n[]\n[b]\n", host.run("IFS=' :'; v='a:: b'; for x in $v; do echo \"[$x]\"; done"));
  }
}

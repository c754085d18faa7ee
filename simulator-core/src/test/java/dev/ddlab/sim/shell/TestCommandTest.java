package dev.ddlab.sim.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TestCommandTest {
  @Test
  void test_follows_posix_rules_by_argument_count_and_prints_each_shells_errors() {
    String script =
        "[ ]; echo $?; [ x ]; echo $?; [ '' ]; echo $?; [ ! '' ]; echo $?; [ = ]; echo $?;"
            + " [ -n = -n ]; echo $?; [ a = a -a b != c ]; echo $?; [ ! a = a -o 1 -lt 2 ]; echo $?;"
            + " [ \\( 3 -ge 3 \\) ]; echo $?; test 1 -eq 01; echo $?; [ 1 -lt x ]; echo $?;"
            + " [ a b c ]; echo $?; [ a";
    assertEquals(
        "1\n0\n1\n0\n0\n0\n0\n0\n0\n0\nbash: [: x: integer expression expected\n2\n"
            + "bash: [: b: binary operator expected\n2\nbash: [: missing `]'\n",
        new TestHost().run(script));
  }
}

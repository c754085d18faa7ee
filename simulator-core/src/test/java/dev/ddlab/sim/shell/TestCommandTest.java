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

  @Test
  void debian_family_images_carry_the_bracket_program_in_usr_bin_as_coreutils_does() {
    try (dev.ddlab.session.SimSession s = dev.ddlab.session.SimSession.open("single", 1)) {
      s.type("node1", "docker pull -q ubuntu");
      assertEquals(
          "/usr/bin/[\nyes\n1\n",
          s.type(
                  "node1",
                  "docker run --rm ubuntu bash -c 'ls /usr/bin/[; /usr/bin/[ 2 -gt 1 ] && echo yes;"
                      + " /usr/bin/[ a = b ]; echo $?'")
              .output());
    }
  }
}

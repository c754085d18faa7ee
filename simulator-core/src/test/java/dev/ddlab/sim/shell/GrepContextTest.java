package dev.ddlab.sim.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * grep's context lines ({@code -A}, {@code -B}, {@code -C}, GNU's {@code -NUM}) with GNU's {@code
 * --} separators and {@code N-}/{@code name-} prefixes, on the host (GNU grep 3.8) and in alpine
 * (busybox, checked on the private dockerd), over a file, a finished pipe and an open one.
 */
class GrepContextTest {
  private final TestHost host = new TestHost();

  private static final String NUMBERS = "printf '1\\n2\\nm\\n3\\n4\\n5\\nm\\n6\\n'";

  @Test
  void context_lines_around_each_match_with_separators_between_groups() {
    assertEquals("2\nm\n3\n--\n5\nm\n6\n", host.run(NUMBERS + " | grep -C1 m"));
    assertEquals("m\n3\n--\nm\n6\n", host.run(NUMBERS + " | grep -A1 m"));
    assertEquals("2\nm\n--\n5\nm\n", host.run(NUMBERS + " | grep -B 1 m"));
    assertEquals("2\nm\n3\n--\n5\nm\n6\n", host.run(NUMBERS + " | grep -1 m"));
    assertEquals(
        "1-1\n2-2\n3:m\n4-3\n5-4\n6-5\n7:m\n8-6\n", host.run(NUMBERS + " | grep -n -C9 m"));
  }

  @Test
  void adjacent_groups_join_and_line_numbers_mark_context_with_a_dash() {
    assertEquals("1-a\n2:m\n3:m\n4-b\n", host.run("printf 'a\\nm\\nm\\nb\\nc\\n' | grep -nC1 m"));
  }

  @Test
  void files_are_named_with_a_dash_on_context_lines_and_set_apart() {
    host.run("printf '1\\nm\\n2\\n' > g1; printf 'm\\nx\\n' > g2");
    assertEquals("g1:2:m\ng1-3-2\n--\ng2:1:m\ng2-2-x\n", host.run("grep -n -A1 m g1 g2"));
  }

  @Test
  void after_max_count_gnu_prints_the_trailing_context_busybox_stops_at_a_match() {
    String in = "printf 'a\\nb\\nc\\nm\\nd\\nm\\ne\\n'";
    assertEquals("m\nd\nm\n", host.run(in + " | grep -m1 -A2 m"));
    assertEquals(
        "m\nd\n",
        ContainerScripts.ash("printf 'a\\nb\\nc\\nm\\nd\\nm\\ne\\n' | grep -m1 -A2 m").output());
  }

  @Test
  void a_context_length_that_is_not_a_number_is_an_error_in_each_greps_words() {
    assertEquals("grep: x: invalid context length argument\n", host.run("echo a | grep -A x a"));
    assertEquals("2\n", host.run("echo $?"));
    ContainerScripts.Ran bb = ContainerScripts.ash("echo a | grep -A x a");
    assertEquals("grep: invalid number 'x'\n", bb.output());
    assertEquals(2, bb.status());
  }

  @Test
  void context_in_a_busybox_container_as_the_private_dockerd_prints_it() {
    assertEquals(
        "1-1\n2:m\n--\n5-4\n6:m\n",
        ContainerScripts.ash("printf '1\\nm\\n2\\n3\\n4\\nm\\n' | grep -B1 -n m").output());
  }
}

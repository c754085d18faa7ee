package dev.ddlab.sim.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The columns part of awk, as mawk (the host's) and busybox awk (alpine's) print it; any other
 * program is refused in ddlab's words rather than answered wrongly.
 */
class AwkTest {
  private final TestHost host = new TestHost();

  @Test
  void print_takes_fields_counts_and_strings_with_the_field_separator() {
    assertEquals(
        "b 3 1\nc d\n", host.run("echo 'a:b:c d' | awk -F: '{print $2, NF, NR; print $NF}'"));
    assertEquals("xy\nx y\n", host.run("echo 'x y' | awk '{print $1 $2; print $0}'"));
    assertEquals("\n", host.run("echo a | awk '{print $3}'"));
    assertEquals("web-1 nginx\n", host.run("printf '  web-1   nginx  \\n' | awk '{print $1, $2}'"));
    assertEquals("id=a\n", host.run("echo a | awk '{print \"id=\" $1}'"));
  }

  @Test
  void patterns_select_lines() {
    assertEquals("2\n", host.run("printf 'a 1\\nb 2\\n' | awk '/b/ {print $2}'"));
    assertEquals("b 2\n", host.run("printf 'a 1\\nb 2\\n' | awk 'NR==2'"));
    assertEquals("a 1\n", host.run("printf 'a 1\\nb 2\\n' | awk '!/b/'"));
    assertEquals("b\n", host.run("printf 'a 1\\nb 2\\n' | awk 'NR>1 {print $1}'"));
  }

  @Test
  void in_alpine_busybox_awk_prints_columns_too() {
    try (dev.ddlab.session.SimSession s = dev.ddlab.session.SimSession.open("single", 1)) {
      s.type("node1", "docker pull -q alpine");
      assertEquals(
          "b\n",
          s.type("node1", "docker run --rm alpine sh -c \"echo a b | awk '{print \\$2}'\"")
              .output());
    }
  }

  @Test
  void a_program_beyond_this_subset_is_refused_not_answered_wrongly() {
    String out = host.run("echo a | awk 'BEGIN{x=1} {print x}'; echo $?");
    assertTrue(out.startsWith(Awk.UNSUPPORTED), out);
    assertTrue(out.endsWith("\n2\n"), out);
  }
}

package dev.ddlab.sim.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * bash's here-string {@code cmd <<< WORD}: the word expanded (parameters, substitutions,
 * arithmetic, quotes removed) without splitting or globbing, and a newline, on standard input.
 * busybox ash and dash have none. Expected texts are bash 5.2's and the private dockerd's busybox.
 */
class HereStringTest {
  private final TestHost host = new TestHost();

  @Test
  void a_here_string_feeds_the_expanded_word_and_a_newline() {
    assertEquals("a  b\na  b\n", host.run("x='a  b'; cat <<< $x; cat <<< \"$x\""));
    assertEquals("HI 3 SUB\n", host.run("tr a-z A-Z <<< \"hi $((1+2)) $(echo sub)\""));
    assertEquals("$x\n", host.run("cat <<< '$x'"));
    assertEquals("1\n", host.run("wc -l <<< ''"));
  }

  @Test
  void read_takes_its_fields_from_a_here_string() {
    assertEquals("two one\n", host.run("read -r a b <<< 'one two'; echo \"$b $a\""));
  }

  @Test
  void busybox_ash_and_dash_have_no_here_string() {
    ContainerScripts.Ran ash = ContainerScripts.ash("cat <<< x; echo after");
    assertEquals("sh: syntax error: unexpected redirection\n", ash.output());
    assertEquals(2, ash.status());
    ContainerScripts.Ran dash = ContainerScripts.dash("cat <<< x");
    assertEquals("sh: 1: Syntax error: redirection unexpected\n", dash.output());
    assertEquals(2, dash.status());
    ContainerScripts.Ran bash = ContainerScripts.bash("cat <<< x");
    assertEquals("x\n", bash.output());
  }
}

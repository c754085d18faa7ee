package dev.ddlab.sim.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.ddlab.session.SimSession;
import org.junit.jupiter.api.Test;

/**
 * The host's idle prompt is built once per working directory and host name, not once per line:
 * asked again it is the same string, and a {@code cd} shows at once.
 */
class HostPromptKeptTest {
  @Test
  void the_prompt_is_the_same_string_until_the_directory_moves() {
    try (SimSession session = SimSession.open("single", 3)) {
      String home = session.prompt("node1");
      assertEquals("ubuntu@node1:~$ ", home);
      session.type("node1", "true");
      assertSame(home, session.prompt("node1"), "nothing moved: the prompt built before");
      session.type("node1", "cd /tmp");
      assertEquals("ubuntu@node1:/tmp$ ", session.prompt("node1"));
      session.type("node1", "mkdir -p d && cd d");
      assertEquals("ubuntu@node1:/tmp/d$ ", session.prompt("node1"));
      session.type("node1", "cd");
      assertEquals("ubuntu@node1:~$ ", session.prompt("node1"));
      session.type("node1", "cd ~/");
      assertEquals("ubuntu@node1:~$ ", session.prompt("node1"));
    }
  }
}

package dev.ddlab.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * A shell in a container attached to the terminal ({@code docker run -it alpine sh}, {@code docker
 * exec -it}) that runs {@code read} waits for the next typed line as the host's does: no virtual
 * time passes meanwhile (a {@code sleep 1d} elsewhere is not run to its end), and busybox's {@code
 * read -s} turns the terminal's echo off (the typed line is not in the transcript).
 */
class ContainerTerminalReadTest {
  @Test
  void read_in_an_attached_container_shell_waits_for_the_typed_line_without_moving_time() {
    try (SimSession s = SimSession.open("single", 3)) {
      s.type("node1", "docker pull -q alpine");
      s.type("node1", "docker run -d --name box alpine sleep 1d");
      s.type("node1", "docker run -it --rm alpine sh");
      long before = s.nowNanos();
      s.type("node1", "read y; echo \"<$y>\"");
      assertTrue(s.nowNanos() - before < 1_000_000_000L, "no day passed waiting for the line");
      assertEquals("<typed>\n", s.type("node1", "typed").output());
      assertEquals("/ # ", s.prompt("node1"));
      s.type("node1", "exit");
      assertTrue(
          s.type("node1", "docker ps --format '{{.Names}} {{.Status}}'")
              .output()
              .startsWith("box Up"),
          "box still sleeps");
    }
  }

  @Test
  void read_s_in_a_container_shell_and_an_exec_shell_does_not_echo() {
    try (SimSession s = SimSession.open("single", 3)) {
      s.type("node1", "docker pull -q alpine");
      s.type("node1", "docker run -d --name box alpine sleep 1d");
      s.type("node1", "docker exec -it box sh");
      s.type("node1", "read -s pw; echo \"<$pw>\"");
      assertFalse(s.echoes("node1"), "read -s: echo off");
      TranscriptEntry typed = s.type("node1", "bi-mat");
      assertEquals("", typed.command(), "not shown in the transcript");
      assertEquals("xxxxxx", typed.input(), "a grader's replay types a stand-in as long");
      assertEquals("xxxxxx", typed.typed(), "the transcript keeps nothing of the secret");
      assertEquals("<bi-mat>\n", typed.output());
      assertTrue(s.echoes("node1"), "echo back on at the prompt");
      s.type("node1", "exit");
      s.type("node1", "docker run -it --rm alpine sh");
      s.type("node1", "read -s -p 'Mật khẩu: ' pw; echo; echo \"<$pw>\"");
      assertFalse(s.echoes("node1"));
      assertEquals("\n<x>\n", s.type("node1", "x").output());
    }
  }

  @Test
  void read_in_a_container_attached_with_i_alone_waits_for_the_typed_line_without_moving_time() {
    try (SimSession s = SimSession.open("single", 3)) {
      s.type("node1", "docker pull -q alpine");
      s.type("node1", "docker run -d --name box alpine sleep 1d");
      long before = s.nowNanos();
      s.type("node1", "docker run -i --rm alpine sh -c 'read first last; echo \"<$last>\"'");
      assertTrue(s.nowNanos() - before < 1_000_000_000L, "returned at once, no day passed");
      assertTrue(s.isAttached("node1"));
      assertEquals("<Anh>\n", s.type("node1", "Lan Anh").output());
      assertFalse(s.isAttached("node1"));
    }
  }
}

package dev.ddlab.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The memory controller in the simulator: what a shell's variables hold counts against the
 * container's {@code -m} (under the node's limit) or the login's on the host; over it the OOM
 * killer ends the shell as the kernel would: {@code Exited (137)}, {@code OOMKilled: true}, the
 * {@code oom} event, and never an OutOfMemoryError in the server.
 */
class MemoryLimitTest {
  /** A hang guard only (a doubling loop used to end the JVM); no speed is asserted. */
  static <T> T ends(Supplier<T> s) {
    return assertTimeoutPreemptively(Duration.ofMinutes(2), s::get);
  }

  /**
   * Container {@code name} on node1 ended as the OOM killer ends one: exited with 137, OOMKilled,
   * and its {@code oom} event right before its {@code die}.
   */
  static void assertOomKilled(SimSession s, String name) {
    assertEquals(
        "exited 137 true\n",
        s.type(
                "node1",
                "docker inspect -f '{{.State.Status}} {{.State.ExitCode}} {{.State.OOMKilled}}' "
                    + name)
            .output());
    String events =
        s.type(
                "node1",
                "docker events --since 0 --until 0s --format '{{.Action}}' --filter container="
                    + name)
            .output();
    assertTrue(events.contains("oom\ndie\n"), "[" + events + "]");
  }

  private static final String DOUBLING = "sh -c 'x=aaaaaaaaaaaaaaaa; while true; do x=$x$x; done'";

  @Test
  void a_doubling_variable_in_a_container_with_a_memory_limit_is_oom_killed_with_137() {
    try (SimSession s = SimSession.open("single", 1)) {
      s.type("node1", "docker pull -q alpine");
      TranscriptEntry run =
          ends(() -> s.type("node1", "docker run --name oom -m 8m alpine " + DOUBLING));
      assertEquals("", run.output());
      assertEquals(137, run.exitCode());
      assertOomKilled(s, "oom");
      assertTrue(
          s.type("node1", "docker ps -a --format '{{.Names}} {{.Status}}'")
              .output()
              .startsWith("oom Exited (137) "));
    }
  }

  @Test
  void a_doubling_variable_in_a_container_without_a_limit_is_oom_killed_at_the_nodes_limit() {
    try (SimSession s = SimSession.open("single", 1)) {
      s.type("node1", "docker pull -q alpine");
      TranscriptEntry run = ends(() -> s.type("node1", "docker run --name big alpine " + DOUBLING));
      assertEquals(137, run.exitCode());
      assertEquals(
          "true\n", s.type("node1", "docker inspect -f '{{.State.OOMKilled}}' big").output());
      assertEquals("hi\n", s.type("node1", "docker run --rm alpine echo hi").output());
    }
  }

  @Test
  void a_container_that_restarts_after_an_oom_kill_is_no_longer_marked_oom_killed() {
    try (SimSession s = SimSession.open("single", 1)) {
      s.type("node1", "docker pull -q alpine");
      ends(() -> s.type("node1", "docker run --name oom -m 8m alpine " + DOUBLING));
      s.type("node1", "docker start oom");
      s.type("node1", "docker update -m 16m oom");
      assertEquals(
          "false\n", s.type("node1", "docker inspect -f '{{.State.OOMKilled}}' oom").output());
    }
  }

  @Test
  void a_doubling_variable_on_the_host_ends_the_login_and_the_terminal_answers_again() {
    try (SimSession s = SimSession.open("single", 1)) {
      ends(() -> s.type("node1", "x=aaaaaaaaaaaaaaaa; while true; do x=$x$x; done"));
      assertEquals("ubuntu@node1:~$ ", s.prompt("node1"));
      assertEquals("[]\n", s.type("node1", "echo \"[$x]\"").output());
    }
  }

  /** A 4 MiB variable: sixteen characters doubled eighteen times. */
  private static final String FOUR_MIB =
      "x=aaaaaaaaaaaaaaaa; i=0; while [ $i -lt 18 ]; do x=$x$x; i=$((i+1)); done; ";

  @Test
  void a_pipes_buffer_is_charged_to_the_writers_container_and_oom_killed_over_its_limit() {
    try (SimSession s = SimSession.open("single", 1)) {
      s.type("node1", "docker pull -q alpine");
      // 4 MiB of variables fit in 10 MiB; 8 MiB more in the pipe to wc do not
      TranscriptEntry run =
          ends(
              () ->
                  s.type(
                      "node1",
                      "docker run --name piped -m 10m alpine sh -c '"
                          + FOUR_MIB
                          + "echo $x$x | wc -c'"));
      assertEquals("", run.output());
      assertEquals(137, run.exitCode());
      assertOomKilled(s, "piped");
    }
  }

  @Test
  void a_pipes_buffer_is_given_back_once_its_reader_has_finished() {
    try (SimSession s = SimSession.open("single", 1)) {
      s.type("node1", "docker pull -q alpine");
      // each pipe holds 4 MiB beside the 4 MiB variable: three in a row fit in 10 MiB only when
      // each is freed after wc read it
      TranscriptEntry run =
          ends(
              () ->
                  s.type(
                      "node1",
                      "docker run --rm -m 10m alpine sh -c '"
                          + FOUR_MIB
                          + "echo $x | wc -c; echo $x | wc -c; echo $x | wc -c'"));
      assertEquals("4194305\n4194305\n4194305\n", run.output());
      assertEquals(0, run.exitCode());
    }
  }

  @Test
  void a_command_substitution_of_yes_in_a_container_is_oom_killed_with_137() {
    try (SimSession s = SimSession.open("single", 1)) {
      s.type("node1", "docker pull -q alpine");
      TranscriptEntry run =
          ends(
              () ->
                  s.type(
                      "node1", "docker run --name sub -m 8m alpine sh -c 'x=$(yes); echo never'"));
      assertEquals("", run.output());
      assertEquals(137, run.exitCode());
      assertOomKilled(s, "sub");
    }
  }

  @Test
  void a_command_substitution_of_yes_on_the_host_ends_the_login_and_the_terminal_answers_again() {
    try (SimSession s = SimSession.open("single", 1)) {
      ends(() -> s.type("node1", "x=$(yes); echo never"));
      assertEquals("ubuntu@node1:~$ ", s.prompt("node1"));
      assertEquals("[]\n", s.type("node1", "echo \"[$x]\"").output());
    }
  }
}

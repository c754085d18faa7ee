package dev.ddlab.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The pids controller in the simulator: forks a shell makes (background jobs, pipelines, programs)
 * count against the container's {@code --pids-limit} (under the node's limit) or, on the host, the
 * login's; a fork over it fails with the shell's own words and ends the command line, so a fork
 * bomb ends instead of running for ever. Texts are bash 5's and busybox 1.36 ash's (checked on
 * Docker with {@code --pids-limit 3}).
 */
class PidsLimitTest {
  /** A hang guard only (a bomb used to run for ever); no speed is asserted. */
  private static <T> T ends(Supplier<T> s) {
    return assertTimeoutPreemptively(Duration.ofMinutes(2), s::get);
  }

  private static final String BASH_FORK_FAILED =
      "bash: fork: retry: Resource temporarily unavailable\n".repeat(4)
          + "bash: fork: Resource temporarily unavailable\n";

  @Test
  void a_fork_bomb_on_the_host_ends_with_bashs_fork_error_and_the_shell_answers_again() {
    try (SimSession s = SimSession.open("single", 1)) {
      TranscriptEntry bomb = ends(() -> s.type("node1", ":(){ :|:& };:"));
      assertTrue(bomb.output().matches("(?s)\\[1\\] \\d+\n.*"), bomb.output());
      assertTrue(bomb.output().contains(BASH_FORK_FAILED), bomb.output());
      assertEquals("ubuntu@node1:~$ ", s.prompt("node1"));
      assertEquals("hi\n", s.type("node1", "echo hi").output());
    }
  }

  @Test
  void a_fork_bomb_whose_pipelines_run_a_program_still_counts_its_jobs_and_ends() {
    // The job's shell waits for its pipeline, so the program of one stage does not replace it.
    try (SimSession s = SimSession.open("single", 1)) {
      TranscriptEntry bomb = ends(() -> s.type("node1", ":(){ touch :|:& };:"));
      assertTrue(bomb.output().contains(BASH_FORK_FAILED), bomb.output());
      TranscriptEntry chain = ends(() -> s.type("node1", "f() { touch x; f & }; f"));
      assertTrue(chain.output().endsWith(BASH_FORK_FAILED), chain.output());
      assertEquals("hi\n", s.type("node1", "echo hi").output());
    }
  }

  @Test
  void a_chain_of_background_jobs_on_the_host_ends_at_the_login_limit() {
    try (SimSession s = SimSession.open("single", 1)) {
      TranscriptEntry chain = ends(() -> s.type("node1", "f() { f & }; f"));
      assertTrue(chain.output().endsWith(BASH_FORK_FAILED), chain.output());
      assertEquals("hi\n", s.type("node1", "echo hi").output());
    }
  }

  @Test
  void a_fork_bomb_in_a_container_with_pids_limit_exits_2_with_ashs_cant_fork() {
    try (SimSession s = SimSession.open("single", 1)) {
      s.type("node1", "docker pull -q alpine");
      TranscriptEntry bomb =
          ends(
              () ->
                  s.type(
                      "node1",
                      "docker run --name bomb --pids-limit 20 alpine sh -c 'b() { b | b & }; b; sleep 1'"));
      assertEquals("sh: can't fork: Resource temporarily unavailable\n", bomb.output());
      assertEquals(2, bomb.exitCode());
      assertEquals(
          "exited 2\n",
          s.type("node1", "docker inspect -f '{{.State.Status}} {{.State.ExitCode}}' bomb")
              .output());
    }
  }

  @Test
  void a_fork_bomb_in_bash_in_a_container_without_a_limit_ends_at_the_nodes_limit() {
    try (SimSession s = SimSession.open("single", 1)) {
      s.type("node1", "docker pull -q ubuntu");
      TranscriptEntry bomb =
          ends(() -> s.type("node1", "docker run --rm ubuntu bash -c ':(){ :|:& };:; sleep 1'"));
      assertEquals(BASH_FORK_FAILED, bomb.output());
      assertEquals(126, bomb.exitCode());
    }
  }

  @Test
  void the_third_background_sleep_of_a_shell_limited_to_three_pids_cannot_fork() {
    try (SimSession s = SimSession.open("single", 1)) {
      s.type("node1", "docker pull -q alpine");
      TranscriptEntry t =
          s.type(
              "node1",
              "docker run --rm --pids-limit 3 alpine sh -c"
                  + " 'sleep 2 & echo one; sleep 2 & echo two; sleep 2 & echo three'");
      assertEquals("one\ntwo\nsh: can't fork: Resource temporarily unavailable\n", t.output());
      assertEquals(2, t.exitCode());
      TranscriptEntry four =
          s.type(
              "node1",
              "docker run --rm --pids-limit 4 alpine sh -c"
                  + " 'sleep 2 & echo one; sleep 2 & echo two; sleep 2 & echo three'");
      assertEquals("one\ntwo\nthree\n", four.output());
    }
  }

  @Test
  void docker_update_pids_limit_applies_to_the_running_containers_next_forks() {
    try (SimSession s = SimSession.open("single", 1)) {
      s.type("node1", "docker pull -q alpine");
      assertEquals(
          "",
          s.type("node1", "docker run -dit --name cc alpine sh")
              .output()
              .replaceAll("[0-9a-f]{64}\n", ""));
      assertEquals("cc\n", s.type("node1", "docker update --pids-limit 2 cc").output());
      TranscriptEntry t = s.type("node1", "docker exec cc sh -c 'sleep 5 & sleep 5 & echo no'");
      assertEquals("sh: can't fork: Resource temporarily unavailable\n", t.output());
      assertEquals(2, t.exitCode());
    }
  }
}

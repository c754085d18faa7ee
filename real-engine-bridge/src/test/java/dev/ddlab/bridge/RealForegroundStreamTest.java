package dev.ddlab.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.ddlab.bridge.real.RealEngine;
import dev.ddlab.session.Session;
import dev.ddlab.session.TranscriptEntry;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A foreground docker command without a terminal, through the bridge on the private dockerd
 * (DDLAB_DOCKER_HOST), ends as the docker CLI 28 ends against it: its stream goes into a pipe as
 * the pipe's reader takes it, a reader that has had enough ends the CLI ({@code run}: {@code write
 * /dev/stdout: broken pipe} and 1; {@code exec}: SIGPIPE, 141), and the container's stdout and
 * stderr reach the CLI's stdout and stderr apart, every byte of both.
 */
class RealForegroundStreamTest {
  private static TranscriptEntry type(Session s, String line) {
    return assertTimeoutPreemptively(Duration.ofSeconds(90), () -> s.type("node1", line));
  }

  @Test
  void a_reader_that_had_enough_ends_run_with_its_write_error_and_exec_with_sigpipe() {
    try (RealEngine real = RealDocker.engineOrSkip()) {
      String host = System.getenv("DDLAB_DOCKER_HOST");
      try (Session s = RealEngineSessions.open(host, true, 1, Map.of(), m -> {})) {
        // the docker CLI 28.2.2 on the private dockerd: y y y, the write error, "1 0"
        TranscriptEntry run =
            type(s, "docker run --rm busybox yes | head -3; echo ${PIPESTATUS[@]}");
        assertEquals("y\ny\ny\nwrite /dev/stdout: broken pipe\n1 0\n", run.output());
        assertFalse(s.prompt("node1").isEmpty(), "the line ended: the prompt is back");
        assertEquals(0, type(s, "docker run -d --name rf-y busybox sleep 600").exitCode());
        TranscriptEntry exec = type(s, "docker exec rf-y yes | head -2; echo ${PIPESTATUS[@]}");
        assertEquals("y\ny\n141 0\n", exec.output());
        TranscriptEntry noProxy =
            type(
                s,
                "docker run --rm --sig-proxy=false busybox yes | head -1; echo ${PIPESTATUS[@]}");
        assertEquals("y\n141 0\n", noProxy.output());
      }
    }
  }

  @Test
  void every_line_reaches_a_pipe_at_its_readers_pace() {
    try (RealEngine real = RealDocker.engineOrSkip()) {
      String host = System.getenv("DDLAB_DOCKER_HOST");
      try (Session s = RealEngineSessions.open(host, true, 1, Map.of(), m -> {})) {
        TranscriptEntry wc =
            type(s, "docker run --rm busybox sh -c 'seq 1 200000' | wc -l; echo ${PIPESTATUS[@]}");
        assertEquals("200000\n0 0\n", wc.output());
        TranscriptEntry status = type(s, "docker run --rm busybox sh -c 'exit 3' | cat; echo $?");
        assertEquals("0\n", status.output());
        TranscriptEntry failed =
            type(s, "docker run --rm busybox sh -c 'echo a; exit 3' | cat; echo ${PIPESTATUS[@]}");
        assertEquals("a\n3 0\n", failed.output());
      }
    }
  }

  @Test
  void a_stream_without_end_leaves_the_line_busy_at_its_bounds_and_ctrl_c_ends_it() {
    try (RealEngine real = RealDocker.engineOrSkip()) {
      String host = System.getenv("DDLAB_DOCKER_HOST");
      try (Session s = RealEngineSessions.open(host, true, 1, Map.of(), m -> {})) {
        // bash keeps it until Ctrl-C; the session's line stops at its budget or the CLI's minute
        type(s, "docker run --rm busybox yes | cat > /dev/null");
        assertEquals("", s.prompt("node1"), "busy");
        TranscriptEntry stop =
            assertTimeoutPreemptively(Duration.ofSeconds(90), () -> s.interrupt("node1"));
        assertEquals(130, stop.exitCode());
        assertFalse(s.prompt("node1").isEmpty(), "the prompt is back");
        assertEquals("done\n", type(s, "echo done").output());
      }
    }
  }

  @Test
  void stdout_and_stderr_reach_the_clis_own_stdout_and_stderr_every_byte_of_both() {
    try (RealEngine real = RealDocker.engineOrSkip()) {
      String host = System.getenv("DDLAB_DOCKER_HOST");
      try (Session s = RealEngineSessions.open(host, true, 1, Map.of(), m -> {})) {
        String both = "busybox sh -c 'seq 1 20000; seq 1 20000 >&2'";
        // the private dockerd: 108894 bytes on each stream (seq 1 20000 | wc -c)
        type(s, "docker run --rm " + both + " > out.txt 2> err.txt");
        assertEquals("108894\n108894\n", type(s, "wc -c < out.txt; wc -c < err.txt").output());
        assertEquals("20000\n20000\n", type(s, "tail -n 1 out.txt; tail -n 1 err.txt").output());
        assertEquals(
            "108894\n108894\n",
            type(s, "docker run --rm " + both + " 2> err2.txt | wc -c; wc -c < err2.txt").output());
        assertEquals("217788\n", type(s, "docker run --rm " + both + " 2>&1 | wc -c").output());
        assertEquals(
            "out\n",
            type(s, "docker run --rm busybox sh -c 'echo out; echo err >&2' 2>/dev/null").output());
        assertEquals(
            "err\n",
            type(s, "docker run --rm busybox sh -c 'echo out; echo err >&2' >/dev/null").output());
      }
    }
  }
}

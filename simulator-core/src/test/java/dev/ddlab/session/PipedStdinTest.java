package dev.ddlab.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code docker run -i}, {@code exec -i} and {@code start -ai} whose stdin is a pipe or a file: the
 * container reads that, and its end closes the container's stdin (docker/cli's CloseWrite), so the
 * terminal's later lines are never the container's input. Outputs and statuses as CLI 28 with the
 * private dockerd gives them.
 */
class PipedStdinTest {
  private static List<TranscriptEntry> run(SimSession s, String script) {
    return new ScriptRunner(s).run(script);
  }

  private static SimSession withAlpine() {
    SimSession s = SimSession.open("single", 7);
    s.type("node1", "docker pull -q alpine");
    return s;
  }

  @Test
  void a_pipe_into_run_i_is_the_containers_stdin_and_its_end_ends_cat() {
    try (SimSession s = withAlpine()) {
      List<TranscriptEntry> t =
          run(
              s,
              """
              echo hi | docker run -i --rm alpine cat
              echo after
              """);
      assertEquals("hi\n", t.get(0).output());
      assertEquals(0, t.get(0).exitCode());
      assertEquals("ubuntu@node1:~$ ", t.get(1).prompt(), "the terminal is back at the host");
      assertEquals("after\n", t.get(1).output(), "the next line is the host's, not cat's input");
      assertFalse(s.isAttached("node1"));
      assertEquals("", s.type("node1", "docker ps -aq").output(), "--rm removed it");
    }
  }

  @Test
  void a_pipe_that_delivers_later_feeds_the_container_as_it_comes_and_its_end_closes_stdin() {
    try (SimSession s = withAlpine()) {
      long start = s.nowNanos();
      List<TranscriptEntry> t =
          run(
              s,
              """
              (echo a; sleep 1; echo b) | docker run -i --rm alpine cat
              echo after $?
              (echo x; sleep 2; echo y) | docker run -i --rm alpine sh -c 'while read l; do echo "<$l> $(date +%s)"; done; echo end'
              """);
      assertEquals("a\nb\n", t.get(0).output());
      assertEquals(0, t.get(0).exitCode());
      assertEquals("after 0\n", t.get(1).output());
      long at = s.nowNanos() / 1_000_000_000L;
      assertEquals("<x> " + (at - 2) + "\n<y> " + at + "\nend\n", t.get(2).output());
      assertTrue(s.nowNanos() - start < 10_000_000_000L, "no foreground wait of a minute");
    }
  }

  @Test
  void a_redirected_script_runs_in_the_container_and_its_status_is_the_runs() {
    try (SimSession s = withAlpine()) {
      List<TranscriptEntry> t =
          run(
              s,
              """
              printf 'echo in-container\\nexit 3\\n' > script.sh
              docker run -i --rm alpine sh < script.sh
              echo after $?
              """);
      assertEquals("in-container\n", t.get(1).output());
      assertEquals(3, t.get(1).exitCode());
      assertEquals("after 3\n", t.get(2).output());
    }
  }

  @Test
  void without_i_the_container_gets_no_stdin_and_the_pipe_is_not_read() {
    try (SimSession s = withAlpine()) {
      TranscriptEntry e = s.type("node1", "echo hi | docker run --rm alpine cat");
      assertEquals("", e.output());
      assertEquals(0, e.exitCode());
      assertFalse(s.isAttached("node1"));
    }
  }

  @Test
  void exec_i_reads_the_pipe_line_by_line_until_its_end() {
    try (SimSession s = withAlpine()) {
      s.type("node1", "docker run -d --name c1 alpine sleep 1000");
      TranscriptEntry e =
          s.type(
              "node1",
              "printf 'a\\nb\\n' | docker exec -i c1 sh -c 'while read l; do echo \"<$l>\"; done'");
      assertEquals("<a>\n<b>\n", e.output());
      assertEquals(0, e.exitCode());
      assertFalse(s.isAttached("node1"));
    }
  }

  @Test
  void start_ai_feeds_the_pipe_to_a_container_created_with_i() {
    try (SimSession s = withAlpine()) {
      s.type("node1", "docker create -i --name c2 alpine cat");
      TranscriptEntry e = s.type("node1", "echo viaStart | docker start -ai c2");
      assertEquals("viaStart\n", e.output());
      assertEquals(0, e.exitCode());
      assertFalse(s.isAttached("node1"));
    }
  }

  @Test
  void read_in_the_container_sees_the_end_of_the_pipe_with_status_1() {
    try (SimSession s = withAlpine()) {
      TranscriptEntry e =
          s.type(
              "node1",
              "echo x | docker run -i --rm alpine sh -c 'read a; echo got $a; read b; echo st=$?'");
      assertEquals("got x\nst=1\n", e.output());
    }
  }

  @Test
  void a_piped_last_line_without_its_newline_ends_read_with_1_as_in_docker() {
    // the private dockerd: printf 'a\nb' | docker run -i --rm alpine sh -c 'while read l; …'
    // prints <a> only; read sets l=b and returns 1 on the partial line
    try (SimSession s = withAlpine()) {
      List<TranscriptEntry> t =
          run(
              s,
              """
              printf 'a\\nb' | docker run -i --rm alpine sh -c 'while read l; do echo "<$l>"; done; echo "last<$l>"'
              printf 'x' | docker run -i --rm alpine cat
              """);
      assertEquals("<a>\nlast<b>\n", t.get(0).output());
      assertEquals("x", t.get(1).output(), "cat passes it on without a newline");
    }
  }
}

package dev.ddlab.session;

import static dev.ddlab.session.MemoryLimitTest.ends;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Without a terminal ({@code -t}) the daemon's stream carries stdout and stderr apart, and the
 * docker CLI writes the container's stderr to its own stderr: a redirection or a pipe of the CLI's
 * stdout takes only the container's stdout, as on the private dockerd (20.10, CLI 28; the table in
 * docs/reference/course-fidelity.md). With {@code -t} there is one stream: the TTY merges them.
 */
class ForegroundStderrTest {
  private static final String OUT_ERR = " alpine sh -c 'echo out; echo err >&2'";

  private static SimSession session() {
    SimSession s = SimSession.open("single", 1);
    s.type("node1", "docker pull -q alpine");
    return s;
  }

  private static String type(SimSession s, String line) {
    return ends(() -> s.type("node1", line)).output();
  }

  @Test
  void run_writes_the_containers_stderr_to_its_own_stderr() {
    try (SimSession s = session()) {
      assertEquals("out\n", type(s, "docker run --rm" + OUT_ERR + " 2>/dev/null"));
      assertEquals("err\n", type(s, "docker run --rm" + OUT_ERR + " >/dev/null"));
      assertEquals("err\n1\n", type(s, "docker run --rm" + OUT_ERR + " | wc -l"));
      assertEquals("2\n", type(s, "docker run --rm" + OUT_ERR + " 2>&1 | wc -l"));
      assertEquals("out\n", type(s, "docker run --rm" + OUT_ERR + " 2>err.txt"));
      assertEquals("err\n", type(s, "cat err.txt"));
      assertEquals("out\nerr\n", type(s, "docker run --rm" + OUT_ERR));
    }
  }

  @Test
  void with_a_tty_there_is_one_stream() {
    try (SimSession s = session()) {
      assertEquals("out\nerr\n", type(s, "docker run --rm -t" + OUT_ERR + " 2>/dev/null"));
      s.type("node1", "docker run -d --name tt alpine sleep 300");
      assertEquals(
          "out\nerr\n", type(s, "docker exec -t tt" + OUT_ERR.substring(7) + " 2>/dev/null"));
    }
  }

  @Test
  void exec_start_and_attach_split_them_too() {
    try (SimSession s = session()) {
      s.type("node1", "docker run -d --name tt alpine sleep 300");
      String exec = "docker exec tt sh -c 'echo out; echo err >&2'";
      assertEquals("out\n", type(s, exec + " 2>/dev/null"));
      assertEquals("err\n1\n", type(s, exec + " | wc -l"));
      assertEquals("2\n", type(s, exec + " 2>&1 | wc -l"));
      s.type("node1", "docker create --name sa" + OUT_ERR);
      assertEquals("out\n", type(s, "docker start -a sa 2>/dev/null"));
      assertEquals("out\n", type(s, "docker logs sa 2>/dev/null"));
      assertEquals("err\n", type(s, "docker logs sa >/dev/null"));
      s.type("node1", "docker run -d --name at alpine sh -c 'sleep 2; echo out; echo err >&2'");
      assertEquals("out\n", type(s, "docker attach at 2>/dev/null"));
      s.type("node1", "docker run -d --name at2 alpine sh -c 'sleep 2; echo out; echo err >&2'");
      assertEquals("err\n1\n", type(s, "docker attach at2 | wc -l"));
    }
  }

  @Test
  void attach_flags_choose_the_streams() {
    try (SimSession s = session()) {
      assertEquals("out\n", type(s, "docker run --rm -a stdout" + OUT_ERR + " 2>/dev/null"));
      assertEquals("", type(s, "docker run --rm -a stderr" + OUT_ERR + " 2>/dev/null"));
      assertEquals("err\n", type(s, "docker run --rm -a stderr" + OUT_ERR));
    }
  }
}

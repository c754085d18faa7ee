package dev.ddlab.session;

import static dev.ddlab.session.MemoryLimitTest.ends;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * A pipeline's stages run together over bounded pipes: a loop may write more than a pipe holds, a
 * reader sees each line when it is written, a writer whose reader exited dies of SIGPIPE (141), on
 * the host's bash and in alpine's busybox ash (statuses and texts checked against bash 5.2 and the
 * private dockerd's busybox).
 */
class PipelineStagesTest {
  /** A loop writing 15,000 numbers, about 84 KB: more than a pipe's 64 KiB. */
  private static final String LOOP = "i=0; while [ $i -lt 15000 ]; do echo $i; i=$((i+1)); done";

  private static SimSession session() {
    SimSession s = SimSession.open("single", 1);
    s.type("node1", "docker pull -q alpine");
    s.type("node1", "docker pull -q ubuntu");
    return s;
  }

  private static String run(SimSession s, String line) {
    return ends(() -> s.type("node1", line)).output();
  }

  private static String inAlpine(SimSession s, String script) {
    return run(s, "docker run --rm alpine sh -c '" + script + "'");
  }

  @Test
  void a_loop_writes_more_than_a_pipe_holds_and_the_reader_counts_every_line() {
    try (SimSession s = session()) {
      assertEquals("15000\n", run(s, LOOP + " | wc -l"));
      assertEquals("14999\n", run(s, LOOP + " | tail -n 1"));
      assertEquals("15000\n", inAlpine(s, LOOP + " | wc -l"));
    }
  }

  @Test
  void a_reader_gets_each_line_when_its_writer_writes_it() {
    try (SimSession s = session()) {
      long start = s.nowNanos() / 1_000_000_000L;
      assertEquals(
          "a " + start + "\nb " + (start + 2) + "\n",
          run(s, "(echo a; sleep 2; echo b) | while read l; do echo \"$l $(date +%s)\"; done"));
      assertEquals("late\n", run(s, "(sleep 1; echo late) | cat"));
      assertEquals("a\nb\n", inAlpine(s, "(echo a; sleep 1; echo b; sleep 1) | cat"));
      assertEquals("b\nafter\n", inAlpine(s, "(sleep 1; echo b) | grep b; echo after"));
      // ping writes a line a second; its write after head exited kills it (SIGPIPE)
      long before = s.nowNanos();
      assertEquals(
          2, inAlpine(s, "ping -c 100 127.0.0.1 | head -2").split("\n").length, "two lines");
      assertEquals(1_000_000_000L, s.nowNanos() - before, "ping died at its next reply");
    }
  }

  @Test
  void a_writer_whose_reader_exited_dies_of_sigpipe_and_pipestatus_shows_it() {
    try (SimSession s = session()) {
      assertEquals("y\ny\n141 0\n", run(s, "yes | head -2; echo \"${PIPESTATUS[@]}\""));
      assertEquals(
          "x\n141 0\n", run(s, "while true; do echo x; done | head -1; echo ${PIPESTATUS[@]}"));
      assertEquals(
          "1 0 1 0\n", run(s, "true | false | true; echo ${PIPESTATUS[1]} ${PIPESTATUS[@]}"));
      assertEquals("y\n141\n", run(s, "set -o pipefail; yes | head -1; echo $?; set +o pipefail"));
      // what a pipe holds when its reader exits kills the writer blocked on it, not one that is
      // done
      assertEquals("0 0\n", run(s, "echo hi | head -c 1 >/dev/null; echo ${PIPESTATUS[@]}"));
      assertEquals("y\ny\n0\n", inAlpine(s, "yes | head -2; echo $?"));
      assertEquals("y\n141\n", inAlpine(s, "set -o pipefail; yes | head -n 1; echo $?"));
    }
  }

  @Test
  void grep_m_with_a_bad_pattern_on_an_open_pipe_says_so_once_and_ends_with_2() {
    try (SimSession s = session()) {
      // GNU grep checks its pattern before it reads (bash 5.2 here: one line, status 2)
      assertEquals(
          "grep: Unmatched ( or \\(\n2\n",
          run(s, "(echo a; echo b; sleep 1) | grep -m 1 '\\('; echo $?"));
    }
  }

  @Test
  void grep_over_long_inputs_finds_lines_with_anchors_and_words_as_line_by_line() {
    try (SimSession s = session()) {
      // GNU grep 3.8's answers
      assertEquals("4999\n", run(s, "seq 5000 | grep '^4999$'"));
      assertEquals("111\n", run(s, "seq 3000 | grep -c '^1.*0$'"));
      assertEquals("111\n", run(s, "seq 5000 | grep -c '\\b12'"));
      assertEquals("1\n", run(s, "seq 5000 | grep x; echo $?"));
      assertEquals("y\ny\n141 0\n", run(s, "yes | grep -m 2 y; echo \"${PIPESTATUS[@]}\""));
      assertEquals(
          "ya\nyb\n0\n", run(s, "(echo a; echo ya; echo yb; sleep 1) | grep -m 3 y; echo $?"));
    }
  }

  @Test
  void grep_m_ends_after_its_lines_on_a_pipe_that_stays_open_and_its_writer_dies_of_sigpipe() {
    try (SimSession s = session()) {
      // bash 5.2 with GNU grep, and the private dockerd's busybox
      assertEquals("y\ny\n141 0\n", run(s, "yes | grep -m 2 y; echo \"${PIPESTATUS[@]}\""));
      assertEquals("141 1\n", run(s, "yes | grep -m 0 y; echo \"${PIPESTATUS[@]}\""));
      assertEquals("y\ny\n0\n", inAlpine(s, "yes | grep -o -m 2 y; echo $?"));
      assertEquals("0\n", inAlpine(s, "yes | grep -m 0 y; echo $?"));
      assertEquals("grep: invalid max count\n2\n", run(s, "echo a | grep -m x a; echo $?"));
      long before = s.nowNanos();
      assertEquals(
          "a\nab\n0\n",
          inAlpine(
              s, "(echo a; sleep 1; echo ab; sleep 1; echo b; sleep 30) | grep -m 2 a; echo $?"));
      assertEquals(2_000_000_000L, s.nowNanos() - before, "the writer died at its next line");
    }
  }

  @Test
  void with_sigpipe_ignored_a_write_to_a_closed_pipe_fails_in_each_programs_words() {
    try (SimSession s = session()) {
      // bash 5.2 (whose -c adds "line 1:") and the private dockerd's busybox with trap '' PIPE
      assertEquals(
          "y\nyes: standard output: Broken pipe\n1 0\n",
          run(s, "trap '' PIPE; yes | head -1; echo ${PIPESTATUS[@]}; trap - PIPE"));
      assertEquals(
          "1\nbash: echo: write error: Broken pipe\n0 0\n",
          run(
              s,
              "trap '' PIPE; (echo 1; sleep 1; echo 2; true) | head -1; echo ${PIPESTATUS[@]};"
                  + " trap - PIPE"));
      assertEquals(
          "y\nyes: (null): Broken pipe\n1\nsh: write error: Broken pipe\n0\n",
          inAlpine(
              s,
              "trap \"\" PIPE; yes | head -1; (for i in 1 2; do echo $i; sleep 1; done) | head -1;"
                  + " echo $?"));
    }
  }

  @Test
  void a_pipe_holds_64_kib_so_twenty_megabytes_stream_through_a_container_of_6_mib() {
    try (SimSession s = session()) {
      assertEquals(
          "20000000\n",
          run(s, "docker run --rm -m 6m alpine sh -c 'yes | head -c 20000000 | wc -c'"));
      assertEquals("20000000\n", run(s, "yes | head -c 20000000 | wc -c"));
    }
  }

  @Test
  void a_streaming_docker_command_writes_into_the_pipe_and_dies_of_sigpipe_after_its_reader() {
    try (SimSession s = session()) {
      s.type(
          "node1",
          "docker run -d --name pinger alpine sh -c"
              + " 'i=0; while true; do echo line$i; i=$((i+1)); sleep 1; done'");
      // the private dockerd: line0, then 141 0 a second later (the CLI's next write is EPIPE)
      long start = s.nowNanos();
      assertEquals(
          "line0\n141 0\n", run(s, "docker logs -f pinger | head -1; echo ${PIPESTATUS[@]}"));
      assertEquals(1_000_000_000L, s.nowNanos() - start);
      assertEquals(
          "4\n124 0\n",
          run(s, "timeout 3 docker logs -f pinger | grep -c line; echo ${PIPESTATUS[@]}"));
      assertEquals(
          "0\n124 1\n", run(s, "timeout 3 docker events | grep -c start; echo ${PIPESTATUS[@]}"));
      s.type("node1", "docker logs -f pinger | grep -v line"); // waits for a line it never gets
      assertEquals(130, s.interrupt("node1").exitCode(), "Ctrl-C ends the whole pipeline");
      assertEquals("back\n", run(s, "echo back"));
    }
  }

  @Test
  void timeout_kills_its_command_after_the_duration_as_coreutils_does() {
    try (SimSession s = session()) {
      assertEquals("124\n", run(s, "timeout 1 sleep 5; echo $?"));
      assertEquals("0\n", run(s, "timeout 5 sleep 1; echo $?"));
      assertEquals("Try 'timeout --help' for more information.\n125\n", run(s, "timeout; echo $?"));
      assertEquals(
          "timeout: invalid time interval 'x'\nTry 'timeout --help' for more information.\n125\n",
          run(s, "timeout x sleep 1; echo $?"));
      assertEquals(
          "timeout: failed to run command 'nosuch': No such file or directory\n127\n",
          run(s, "timeout 1 nosuch; echo $?"));
    }
  }

  @Test
  void stages_are_one_subshell_whose_variables_do_not_reach_the_shell() {
    try (SimSession s = session()) {
      assertEquals("v=\n", run(s, "echo hi | read v; echo \"v=$v\""));
      assertEquals("/home/ubuntu\n", run(s, "cd /tmp | true; pwd"));
    }
  }

  /** A loop that writes 30,000 numbers (about 170 KB: its pipe fills and it waits on it). */
  private static final String WRITER = "i=0; while [ $i -lt 30000 ]; do i=$((i+1)); echo $i; done";

  /**
   * Stages that run at the same time are subshells of their own: a loop that waits on its full pipe
   * and the stage reading it meanwhile see neither the other's variables, functions, working
   * directory nor options, and the shell after the pipeline sees none of them. Checked with dash
   * 0.5.12 and bash 5.2.15 here and the private dockerd's busybox sh. Before session 12 the stages
   * that ran at once shared the interpreter's state (the reader's {@code i=X} reached the writer's
   * loop: {@code sh: X: bad number}).
   */
  @Test
  void a_loop_in_the_last_stage_that_reads_a_long_pipe_leaves_the_shell_s_variables() {
    String last = " | while read l; do x=$l; done; echo \"[$x]\"";
    try (SimSession s = session()) {
      assertEquals("[]\n", run(s, "seq 1 100000" + last));
      assertEquals("[]\n", run(s, WRITER + last));
      assertEquals("[]\n", inAlpine(s, WRITER + last));
      assertEquals("[]\n", inUbuntu(s, "sh", WRITER + last));
      assertEquals("[]\n", inUbuntu(s, "bash", WRITER + last));
    }
  }

  @Test
  void a_writer_waiting_on_its_full_pipe_and_its_reader_do_not_share_variables() {
    String both = WRITER + " | { read a; i=X; cat >/dev/null; echo \"$a $i\"; }; echo $i";
    try (SimSession s = session()) {
      assertEquals("1 X\n0\n", run(s, both));
      assertEquals("1 X\n0\n", inAlpine(s, both));
      assertEquals("1 X\n0\n", inUbuntu(s, "sh", both));
      assertEquals("1 X\n0\n", inUbuntu(s, "bash", both));
    }
  }

  @Test
  void functions_cwd_and_options_a_reader_sets_are_not_the_waiting_writer_s_nor_the_shell_s() {
    String script =
        "cd /; f() { echo F; }; { "
            + WRITER
            + "; f >&2; pwd >&2; echo \"[$x]<$->\" >&2; }"
            + " | { f() { echo G; }; cd /tmp; x=Y; set -u; read a; cat >/dev/null; echo \"$a\"; };"
            + " f; pwd; echo \"[$x]\"";
    try (SimSession s = session()) {
      assertEquals("F\n/\n[]<c>\n1\nF\n/\n[]\n", inAlpine(s, script));
      assertEquals("F\n/\n[]<>\n1\nF\n/\n[]\n", inUbuntu(s, "sh", script));
      assertEquals("F\n/\n[]<hBc>\n1\nF\n/\n[]\n", inUbuntu(s, "bash", script));
      String options = run(s, "echo \"<$->\"").trim();
      assertEquals("F\n/\n[]" + options + "\n1\nF\n/\n[]\n", run(s, script));
      assertEquals("/\n", run(s, "pwd"));
    }
  }

  private static String inUbuntu(SimSession s, String shell, String script) {
    return run(s, "docker run --rm ubuntu " + shell + " -c '" + script + "'");
  }
}

package dev.ddlab.session;

import static dev.ddlab.session.MemoryLimitTest.assertOomKilled;
import static dev.ddlab.session.MemoryLimitTest.ends;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ddlab.fs.Disk;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Programs that print without end, as a learner tries them: {@code yes} into a file, into a pipe,
 * into a tmpfs, onto the terminal. Each ends as on Linux (a full disk, SIGPIPE, the OOM killer,
 * Ctrl-C) and none grows the server's heap without bound.
 */
class OutputBombTest {
  private static SimSession session() {
    SimSession s = SimSession.open("single", 1);
    s.host("node1").hostFs().disk(new Disk(1_000_000));
    s.type("node1", "docker pull -q alpine");
    return s;
  }

  @Test
  void yes_into_a_file_on_the_host_ends_at_the_full_disk_with_coreutils_words() {
    try (SimSession s = session()) {
      TranscriptEntry e = ends(() -> s.type("node1", "yes > big"));
      assertEquals("yes: standard output: No space left on device\n", e.output());
      assertEquals(1, e.exitCode());
      long size = s.host("node1").hostFs().stat("/home/ubuntu/big").orElseThrow().size();
      assertTrue(size > 900_000 && size <= 1_000_000, "size " + size);
    }
  }

  @Test
  void yes_into_a_file_in_alpine_ends_with_busyboxs_words() {
    try (SimSession s = session()) {
      TranscriptEntry e =
          ends(() -> s.type("node1", "docker run --rm alpine sh -c 'yes > /big; echo $?'"));
      // what alpine's busybox prints (checked on Docker with --tmpfs /t:size=1m)
      assertEquals("yes: (null): No space left on device\n1\n", e.output());
    }
  }

  @Test
  void yes_into_a_pipe_stops_when_its_reader_has_what_it_wants() {
    try (SimSession s = session()) {
      assertEquals("y\ny\n", ends(() -> s.type("node1", "yes | head -n 2")).output());
      assertEquals("abc\nabc\n", ends(() -> s.type("node1", "yes abc | head -2")).output());
      assertEquals("yy", ends(() -> s.type("node1", "yes yy | head -c 2")).output());
      TranscriptEntry huge = ends(() -> s.type("node1", "yes | head -c 100000000 > /dev/null"));
      assertEquals(0, huge.exitCode());
      TranscriptEntry inAlpine =
          ends(
              () ->
                  s.type(
                      "node1",
                      "docker run --rm alpine sh -c 'yes | head -c 100000000 | wc -c; echo st=$?'"));
      assertTrue(inAlpine.output().endsWith("st=0\n"), inAlpine.output());
    }
  }

  @Test
  void head_with_an_option_it_does_not_have_says_so_before_it_reads_its_endless_input() {
    try (SimSession s = session()) {
      TranscriptEntry e = ends(() -> s.type("node1", "yes | head -f"));
      assertEquals(
          "head: invalid option -- 'f'\nTry 'head --help' for more information.\n", e.output());
      assertEquals(1, e.exitCode());
      assertEquals("y\ny\n", ends(() -> s.type("node1", "yes | head -q -n 2")).output());
      assertEquals(
          "head: invalid number of lines: 'foo'\n",
          ends(() -> s.type("node1", "yes | head -n foo")).output());
    }
  }

  @Test
  void a_tool_reading_an_endless_pipe_to_its_end_is_charged_per_line_and_ends_in_bounded_heap() {
    // two characters a line of yes, fifty bytes of heap once split: charged by characters alone,
    // tail held 64 MiB of text and split it into 32 million strings (the fuzz's OutOfMemoryError)
    try (SimSession s = session()) {
      for (String line :
          new String[] {
            "yes | tail -n +1",
            "yes | grep -c y",
            "yes | sort | head -1",
            "docker run --rm alpine sh -c 'yes | grep -c y'"
          }) {
        ends(() -> s.type("node1", line)); // the login's memory budget ends it
        assertEquals("hi\n", s.type("node1", "echo hi").output(), line);
      }
    }
  }

  @Test
  void tail_keeps_only_its_last_lines_of_an_endless_pipe_which_runs_until_the_line_is_ended() {
    try (SimSession s = session()) {
      assertEquals("99999\n100000\n", s.type("node1", "seq 1 100000 | tail -n 2").output());
      assertEquals("3\n4\n5\n", s.type("node1", "seq 1 5 | tail -3").output());
      assertEquals("", s.type("node1", "seq 1 5 | tail -n 0").output());
      // as yes | wc -l: bash runs it until Ctrl-C, a script's line is ended by its budget
      TranscriptEntry e = ends(() -> s.type("node1", "yes | tail -n 1"));
      assertEquals(124, e.exitCode(), e.output());
      assertEquals("hi\n", s.type("node1", "echo hi").output());
    }
  }

  @Test
  void head_and_tail_take_bytes_with_c() {
    try (SimSession s = session()) {
      s.type("node1", "echo hello > f; echo world >> f");
      assertEquals("hel", s.type("node1", "head -c 3 f").output());
      assertEquals("ld\n", s.type("node1", "tail -c 3 f").output());
      assertEquals("orld\n", s.type("node1", "tail -c +8 f").output());
      assertEquals("hello\nworld\n", s.type("node1", "head -c 1k f").output());
      assertEquals("head: invalid number of bytes: 'x'\n", s.type("node1", "head -c x f").output());
      assertEquals(
          "hel", s.type("node1", "docker run --rm alpine sh -c 'echo hello | head -c 3'").output());
    }
  }

  @Test
  void yes_into_a_tmpfs_is_charged_to_the_containers_memory_and_oom_killed() {
    try (SimSession s = session()) {
      TranscriptEntry run =
          ends(
              () ->
                  s.type(
                      "node1",
                      "docker run --name tm -m 8m --mount type=tmpfs,target=/t alpine"
                          + " sh -c 'yes > /t/f'"));
      assertEquals("", run.output());
      assertEquals(137, run.exitCode());
      assertOomKilled(s, "tm");
    }
  }

  @Test
  void a_tmpfs_without_a_limit_fills_the_nodes_memory_which_a_restart_gives_back() {
    try (SimSession s = session()) {
      TranscriptEntry run =
          ends(
              () ->
                  s.type(
                      "node1",
                      "docker run --name tm --mount type=tmpfs,target=/t alpine"
                          + " sh -c 'ls /t; yes > /t/f'"));
      assertEquals(137, run.exitCode(), run.output());
      assertEquals(
          "true\n", s.type("node1", "docker inspect -f '{{.State.OOMKilled}}' tm").output());
      // the tmpfs went with the stop: its pages are no longer charged, and it starts empty
      assertEquals("hi\n", s.type("node1", "docker run --rm alpine echo hi").output());
      assertEquals(
          "",
          s.type("node1", "docker start -a tm; docker inspect -f '{{.State.OOMKilled}}' tm")
              .output()
              .replace("true\n", ""));
    }
  }

  @Test
  void a_loop_left_printing_on_the_terminal_holds_a_bounded_tail_until_ctrl_c() {
    try (SimSession s = session()) {
      s.type("node1", "while true; do echo y; done");
      s.advance(Duration.ofMinutes(1)); // about 600,000 lines while nobody types
      TranscriptEntry stop = s.interrupt("node1");
      assertTrue(
          stop.output().length() <= 2 * TerminalOutput.KEEP, "kept " + stop.output().length());
      assertTrue(stop.output().startsWith("y\n") && stop.output().endsWith("y\n"));
      assertEquals("hi\n", s.type("node1", "echo hi").output());
    }
  }

  @Test
  void yes_on_the_terminal_inside_a_container_streams_a_bounded_tail_and_stops_with_ctrl_c() {
    try (SimSession s = session()) {
      s.type("node1", "docker run -it --name box alpine sh");
      s.type("node1", "yes");
      s.advance(Duration.ofMinutes(1)); // 8 KiB every 10 ms: about 48 MB printed
      TranscriptEntry stop = s.interrupt("node1");
      assertTrue(
          stop.output().length() <= 2 * TerminalOutput.KEEP, "kept " + stop.output().length());
      assertEquals("/ # ", s.prompt("node1"));
      assertEquals("hi\n", s.type("node1", "echo hi").output());
    }
  }

  @Test
  void yes_on_the_hosts_terminal_stops_with_ctrl_c() {
    try (SimSession s = session()) {
      TranscriptEntry started = ends(() -> s.type("node1", "yes"));
      assertTrue(started.output().startsWith("y\ny\n"));
      s.advance(Duration.ofSeconds(10));
      TranscriptEntry stop = s.interrupt("node1");
      assertTrue(stop.output().length() <= 2 * TerminalOutput.KEEP);
      assertEquals("130\n", s.type("node1", "echo $?").output());
    }
  }

  @Test
  void a_log_line_without_a_newline_is_logged_in_parts_of_16_kib() {
    try (SimSession s = session()) {
      s.type("node1", "docker run -d --name nl alpine sh -c 'while true; do echo -n y; done'");
      s.advance(Duration.ofSeconds(10)); // about 100,000 characters, no newline
      long logged = Long.parseLong(s.type("node1", "docker logs nl | wc -c").output().strip());
      assertTrue(logged >= 16 * 1024, "logged " + logged);
      assertEquals("yyyyy", s.type("node1", "docker logs nl | head -c 5").output());
    }
  }

  @Test
  void committed_layers_take_the_nodes_disk_until_their_image_is_removed() {
    try (SimSession s = session()) {
      Disk disk = s.host("node1").hostFs().disk();
      long base = disk.used();
      // a quarter of the disk in the writable layer, committed, the container removed
      String quarter =
          "x=yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy; i=0;"
              + " while [ $i -lt 12 ]; do x=$x$x; i=$((i+1)); done; echo $x > /f";
      s.type("node1", "docker run --name cc alpine sh -c '" + quarter + "'");
      long written = disk.used() - base;
      assertEquals(262_145, written);
      s.type("node1", "docker commit cc filled; docker rm cc");
      assertEquals(written, disk.used() - base, "the image holds the layer");
      // so the next container finds that much less room, as on Docker, and the heap cannot grow
      // by a disk's worth per run-commit-rm round
      TranscriptEntry next =
          ends(() -> s.type("node1", "docker run --rm alpine sh -c 'yes > /g; wc -c < /g'"));
      long room = Long.parseLong(next.output().lines().reduce((x, y) -> y).orElseThrow().strip());
      assertTrue(room <= disk.capacity() - base - written, "wrote " + room);
      assertTrue(room > disk.capacity() - base - written - 16 * 1024, "wrote " + room);
      // removing the image gives the space back
      s.type("node1", "docker rmi filled");
      assertEquals(0, disk.used() - base);
    }
  }

  @Test
  void
      a_commit_that_does_not_fit_on_the_disk_fails_with_the_layer_stores_words_and_makes_nothing() {
    try (SimSession s = session()) {
      s.type("node1", "docker run --name cc alpine sh -c 'yes > /f'");
      TranscriptEntry commit = s.type("node1", "docker commit cc filled");
      assertEquals(
          "Error response from daemon: failed to register layer: Error processing tar file(exit"
              + " status 1): write /f: no space left on device\n",
          commit.output());
      assertEquals(1, commit.exitCode());
      assertEquals("", s.type("node1", "docker images -q filled").output());
    }
  }

  @Test
  void a_containers_log_takes_the_nodes_disk_and_stops_growing_when_it_is_full() {
    try (SimSession s = session()) {
      Disk disk = s.host("node1").hostFs().disk();
      // 16 KiB lines as fast as the shell prints them: 10,000 log entries would be 160 MB
      s.type(
          "node1",
          "docker run -d --name chatty alpine sh -c 'x=yyyyyyyyyyyyyyyy; i=0;"
              + " while [ $i -lt 10 ]; do x=$x$x; i=$((i+1)); done; while true; do echo $x; done'");
      s.advance(Duration.ofMillis(200));
      long logged = Long.parseLong(s.type("node1", "docker logs chatty | wc -c").output().strip());
      assertTrue(logged <= disk.capacity(), "logged " + logged);
      assertTrue(disk.available() < 16 * 1024 + 1, "left " + disk.available());
      assertEquals(
          "yes: standard output: No space left on device\n", s.type("node1", "yes > big").output());
      s.type("node1", "rm big; docker rm -f chatty");
      assertTrue(disk.available() > 990_000, "left " + disk.available());
    }
  }

  @Test
  void a_commit_push_rmi_loop_fills_the_registrys_storage_and_the_push_fails_with_a_500() {
    try (SimSession s = SimSession.open("single", 1)) {
      s.type("node1", "docker pull -q alpine");
      s.type("node1", "echo s3cret-pass | docker login -u student --password-stdin");
      // 16 MiB a round: the node's disk gets it back at rmi, the registry (64 MiB) keeps it
      String sixteen =
          "x=aaaaaaaaaaaaaaaa; i=0; while [ $i -lt 20 ]; do x=$x$x; i=$((i+1)); done; echo $x > /f";
      TranscriptEntry failed = null;
      for (int round = 1; round <= 5 && failed == null; round++) {
        int r = round;
        TranscriptEntry push =
            ends(
                () ->
                    s.type(
                        "node1",
                        "docker run --name cc alpine sh -c '"
                            + sixteen
                            + r
                            + "'; docker commit cc student/fill:"
                            + r
                            + " > /dev/null; docker rm cc > /dev/null; docker push student/fill:"
                            + r
                            + " > /dev/null; st=$?; docker rmi -f student/fill:"
                            + r
                            + " > /dev/null; exit $st"));
        if (push.exitCode() != 0) {
          failed = push;
        }
      }
      assertTrue(failed != null, "five rounds of 16 MiB fitted in the registry");
      assertTrue(
          failed.output().contains("received unexpected HTTP status: 500 Internal Server Error"),
          failed.output());
    }
  }
}

package dev.ddlab.session;

import static dev.ddlab.session.MemoryLimitTest.ends;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Reading {@code /dev/zero} and {@code /dev/urandom} to their end, as a learner tries it in a
 * container (checked on the private dockerd, busybox 1.35): the reader gets as much as it asks for,
 * not one 64 KiB slab; a read without end runs until it is stopped, in bounded heap.
 */
class EndlessDeviceReadsTest {
  private static final String NODE = "node1";

  /** A session on the single template with alpine pulled. */
  static SimSession session() {
    SimSession s = SimSession.open("single", 1);
    s.type(NODE, "docker pull -q alpine");
    return s;
  }

  @Test
  void cat_of_an_endless_device_gives_its_pipe_as_much_as_the_reader_takes() {
    try (SimSession s = session()) {
      TranscriptEntry e =
          ends(
              () ->
                  s.type(
                      NODE,
                      "docker run --rm alpine sh -c 'cat /dev/zero | head -c 100000 | wc -c;"
                          + " cat /dev/urandom | head -c 150000 | wc -c;"
                          + " cat /etc/hostname /dev/zero | head -c 70000 | wc -c'"));
      assertEquals("100000\n150000\n70000\n", e.output());
      assertEquals(0, e.exitCode());
    }
  }

  @Test
  void head_of_an_endless_device_reads_the_count_it_was_given() {
    try (SimSession s = session()) {
      TranscriptEntry e =
          ends(
              () ->
                  s.type(
                      NODE,
                      "docker run --rm alpine sh -c 'head -c 200000 /dev/urandom | wc -c;"
                          + " head -c 1m /dev/zero | wc -c; head -n 3 /dev/urandom | wc -l;"
                          + " head -c 0 /dev/zero | wc -c'"));
      assertEquals("200000\n1048576\n3\n0\n", e.output());
    }
  }

  @Test
  void an_endless_copy_into_a_full_device_ends_with_each_tools_words() {
    try (SimSession s = session()) {
      TranscriptEntry e =
          ends(
              () ->
                  s.type(
                      NODE,
                      "docker run --rm alpine sh -c 'cat /dev/zero > /dev/full; echo st=$?;"
                          + " head -c 10 /dev/zero > /dev/full; echo st=$?'"));
      // busybox's head reports its stdout at exit and exits 0 all the same
      assertEquals(
          "cat: write error: No space left on device\nst=1\n"
              + "head: standard output: No space left on device\nst=0\n",
          e.output());
    }
  }

  @Test
  void cat_of_dev_zero_into_dev_null_runs_until_it_is_killed() {
    try (SimSession s = session()) {
      s.type(NODE, "docker run -d --name zz alpine sh -c 'cat /dev/zero > /dev/null'");
      ends(
          () -> {
            s.clock().advance(Duration.ofMinutes(2));
            return null;
          });
      assertEquals(
          "running\n", s.type(NODE, "docker inspect -f '{{.State.Status}}' zz").output(), "still");
      s.type(NODE, "docker kill zz");
      assertEquals(
          "exited 137\n",
          s.type(NODE, "docker inspect -f '{{.State.Status}} {{.State.ExitCode}}' zz").output());
    }
  }
}

package dev.ddlab.session;

import static dev.ddlab.session.MemoryLimitTest.ends;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * {@code dd} as learners use it to make or fill files (the private dockerd's busybox 1.35 for the
 * words it shares with alpine's 1.36, which also prints the bytes, time and rate; coreutils 9.1 on
 * the host): blocks counted as {@code N+P records}, its summary on stderr, errors in each one's
 * words.
 */
class DdTest {
  private static final String NODE = "node1";

  private static SimSession session() {
    return EndlessDeviceReadsTest.session();
  }

  @Test
  void dd_copies_count_blocks_of_an_endless_device_and_sums_up_on_stderr() {
    try (SimSession s = session()) {
      TranscriptEntry e =
          ends(
              () ->
                  s.type(
                      NODE,
                      "docker run --rm alpine sh -c 'dd if=/dev/zero bs=1024 count=200 2>/err | wc"
                          + " -c; cat /err; dd if=/dev/zero of=/f bs=1k count=3 2>/dev/null; wc -c < /f'"));
      assertEquals(
          "204800\n200+0 records in\n200+0 records out\n"
              + "204800 bytes (200.0KB) copied, 0.040000 seconds, 4.9MB/s\n"
              + "3072\n",
          e.output());
    }
  }

  @Test
  void dd_of_stdin_counts_a_partial_block_and_status_none_says_nothing() {
    try (SimSession s = session()) {
      TranscriptEntry e =
          ends(
              () ->
                  s.type(
                      NODE,
                      "docker run --rm alpine sh -c 'echo hello | dd bs=2 count=1 status=none; echo;"
                          + " echo abc | dd status=noxfer'"));
      assertEquals("he\nabc\n0+1 records in\n0+1 records out\n", e.output());
    }
  }

  @Test
  void dd_seek_places_the_data_and_conv_changes_it_as_each_dd_does() {
    try (SimSession s = session()) {
      assertEquals(
          "abXYef\naXY\n5\nxy\ndd: invalid argument 'bogus' to 'conv'\n1\n8\n",
          ends(() ->
                  s.type(
                      NODE,
                      "docker run --rm alpine sh -c 'printf abcdef > /f; printf XY | dd of=/f bs=1"
                          + " seek=2 conv=notrunc 2>/dev/null; cat /f; echo; printf XY | dd of=/f"
                          + " bs=1 seek=1 2>/dev/null; cat /f; echo; printf xy | dd of=/g seek=3 bs=1"
                          + " 2>/dev/null; wc -c < /g; tail -c 2 /g; echo; printf abc | dd conv=bogus; echo $?; printf abc"
                          + " | dd conv=sync bs=8 2>/dev/null | wc -c'"))
              .output());
      assertEquals(
          "ABC\nba\ndd: invalid conversion: 'bogus'\nTry 'dd --help' for more information.\n"
              + "dd: cannot combine lcase and ucase\n3072\n3072\n",
          s.type(
                  NODE,
                  "printf abc | dd conv=ucase status=none; echo; printf ab | dd conv=swab"
                      + " status=none; echo; printf abc | dd conv=bogus; printf abc | dd"
                      + " conv=lcase,ucase; printf '' | dd of=h bs=1k seek=3 status=none; wc -c < h;"
                      + " docker run --rm alpine sh -c 'dd if=/dev/zero of=/h bs=1k seek=2 count=1"
                      + " 2>/dev/null; wc -c < /h'")
              .output());
    }
  }

  @Test
  void dd_errors_are_worded_as_each_dd_words_them() {
    try (SimSession s = session()) {
      assertEquals(
          "dd: can't open '/nosuch': No such file or directory\nst=1\n"
              + "dd: invalid number 'x'\nst=1\n",
          ends(() ->
                  s.type(
                      NODE,
                      "docker run --rm alpine sh -c 'dd if=/nosuch; echo st=$?; dd bs=x;"
                          + " echo st=$?'"))
              .output());
      assertEquals(
          "dd: failed to open 'nosuch': No such file or directory\n"
              + "dd: unrecognized operand 'bogus=1'\nTry 'dd --help' for more information.\n",
          s.type(NODE, "dd if=nosuch; dd bogus=1").output());
      assertEquals(
          "0+1 records in\n0+1 records out\n4 bytes copied, 0.01 s, 400 B/s\nabc\n",
          s.type(NODE, "echo abc > f; dd if=f of=g; cat g").output());
    }
  }

  @Test
  void dd_into_a_full_tmpfs_stops_with_its_error_and_summary() {
    try (SimSession s = session()) {
      TranscriptEntry e =
          ends(
              () ->
                  s.type(
                      NODE,
                      "docker run --rm --tmpfs /small:size=64k alpine sh -c 'dd if=/dev/zero"
                          + " of=/small/f bs=1k 2>&1 | head -1; echo done'"));
      assertEquals("dd: error writing '/small/f': No space left on device\ndone\n", e.output());
    }
  }
}

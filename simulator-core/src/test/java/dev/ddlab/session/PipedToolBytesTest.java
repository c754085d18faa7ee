package dev.ddlab.session;

import static dev.ddlab.session.MemoryLimitTest.ends;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The text tools pass on the bytes at their input's end as coreutils (the host, ubuntu) and busybox
 * (alpine) do: a last line without its newline stays so through {@code head}, {@code tail}, {@code
 * cat}, {@code tr} and {@code sed}, and gets one from {@code sort}, {@code uniq}, {@code cut} and
 * {@code grep}; {@code wc -l} counts newlines. {@code head -c} takes each one's size suffixes and
 * stops reading at its count. Checked with Debian's coreutils 9 here and the private dockerd's
 * busybox 1.36.
 */
class PipedToolBytesTest {
  private static SimSession session() {
    SimSession s = SimSession.open("single", 1);
    s.type("node1", "docker pull -q alpine");
    s.type("node1", "docker pull -q ubuntu");
    return s;
  }

  private static String run(SimSession s, String line) {
    return ends(() -> s.type("node1", line)).output();
  }

  /** Each tool over {@code printf 'a\nb\nc'}, its output with "|" after it. */
  private static final String TOOLS =
      "for t in \"tail -n 1\" \"tail -n 2\" \"head -n 1\" \"head -n 5\" sort cat \"grep c\""
          + " \"cut -c1\" \"tr a-z A-Z\" \"sed s/c/C/\" uniq \"wc -l\"; do"
          + " printf \"a\\nb\\nc\" | $t; echo \"|\"; done; printf a | wc -l";

  private static final String EXPECTED =
      "c|\nb\nc|\na\n|\na\nb\nc|\na\nb\nc\n|\na\nb\nc|\nc\n|\na\nb\nc\n|\nA\nB\nC|\na\nb\nC|\n"
          + "a\nb\nc\n|\n2\n|\n0\n";

  @Test
  void a_last_line_without_its_newline_stays_so_through_head_tail_cat_tr_and_sed() {
    try (SimSession s = session()) {
      assertEquals(EXPECTED, run(s, TOOLS));
      assertEquals(EXPECTED, run(s, "docker run --rm alpine sh -c '" + TOOLS + "'"));
      assertEquals(EXPECTED, run(s, "docker run --rm ubuntu sh -c '" + TOOLS + "'"));
    }
  }

  @Test
  void sed_keeps_the_missing_newline_only_after_the_last_line_s_own_output() {
    try (SimSession s = session()) {
      assertEquals("C", run(s, "printf c | sed -n s/c/C/p"));
      assertEquals("C\nC", run(s, "printf c | sed s/c/C/p"));
      assertEquals("A\n", run(s, "printf \"a\\nb\" | sed -n s/a/A/p"));
    }
  }

  /** What {@code yes | head -c N | wc -c} prints for each N, one typed line each. */
  private static String sizes(SimSession s, String shell) {
    StringBuilder out = new StringBuilder();
    for (String n : new String[] {"5", "1k", "1K", "1KB", "1kB", "1KiB", "1b", "2x"}) {
      String line = "yes | head -c " + n + " | wc -c";
      out.append(run(s, shell == null ? line : "docker run --rm alpine sh -c '" + line + "'"));
    }
    return out.toString();
  }

  @Test
  void head_c_takes_coreutils_suffixes_on_the_host_and_busybox_s_in_alpine() {
    try (SimSession s = session()) {
      assertEquals(
          "5\n1024\n1024\n1000\n1000\n1024\n512\nhead: invalid number of bytes: '2x'\n0\n",
          sizes(s, null));
      assertEquals(
          "5\n1024\nhead: invalid number '1K'\n0\nhead: invalid number '1KB'\n0\n"
              + "head: invalid number '1kB'\n0\nhead: invalid number '1KiB'\n0\n512\n"
              + "head: invalid number '2x'\n0\n",
          sizes(s, "sh"));
    }
  }

  @Test
  void head_stops_reading_at_its_count_when_standard_input_is_named_or_sized() {
    try (SimSession s = session()) {
      assertEquals("y\ny\ny 141 0\n", run(s, "yes | head -c 5 -; echo \" ${PIPESTATUS[@]}\""));
      assertEquals("y\ny\n141 0\n", run(s, "yes | head -n 2 -; echo ${PIPESTATUS[@]}"));
      assertEquals("1000\n", run(s, "yes | head -c 1kB | wc -c"));
    }
  }
}

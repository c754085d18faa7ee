package dev.ddlab.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ddlab.sim.runtime.Cgroup;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A session's transcript keeps every command but only its last outputs: a learner looping {@code
 * cat} of a big file (or {@code ddlab bench}, typing for hours) used to grow the server's heap by
 * every output, outside every budget. The kept output is charged to the session's memory group.
 */
class TranscriptBoundTest {
  /** Sixteen characters doubled 13 times: 128 Ki characters in {@code $x}. */
  private static final String BIG =
      "x=aaaaaaaaaaaaaaaa; i=0; while [ $i -lt 13 ]; do x=$x$x; i=$((i+1)); done";

  /** Characters of output held by the entries, less the notes that say what was cut. */
  private static long outputChars(List<TranscriptEntry> entries) {
    return entries.stream()
        .mapToLong(e -> e.output().length() - (e.output().startsWith("[ddlab: ") ? 80 : 0))
        .sum();
  }

  @Test
  void a_loop_of_big_outputs_keeps_every_command_and_holds_at_most_the_cap_of_output() {
    try (SimSession s = SimSession.open("single", 1)) {
      s.type("node1", BIG + "; echo $x > big");
      long before = s.cluster().memoryBudget().memory();
      int loops = 40; // 5 MB of output: five times the cap
      TranscriptEntry last = null;
      for (int i = 0; i < loops; i++) {
        last = s.type("node1", "cat big");
        assertEquals(131_073, last.output().length(), "the terminal gets the whole output");
      }
      List<TranscriptEntry> t = s.transcript();
      assertEquals(loops + 1, t.size(), "every command is kept");
      assertTrue(t.stream().skip(1).allMatch(e -> e.command().equals("cat big")));
      assertTrue(t.stream().allMatch(e -> e.exitCode() == 0 && e.node().equals("node1")));
      long held = t.stream().mapToLong(e -> e.output().length()).sum();
      assertTrue(
          held <= Transcript.OUTPUT_CHARS + 80L * t.size(),
          "the transcript holds " + held + " characters of output");
      assertTrue(outputChars(t) <= Transcript.OUTPUT_CHARS, "held " + outputChars(t));
      assertEquals(last, t.get(t.size() - 1), "the newest output is kept whole");
      assertEquals(
          "[ddlab: bản ghi phiên đã bỏ 131073 ký tự đầu ra của lệnh này]\n",
          t.get(1).output(),
          "an older output says it was cut");
      long kept =
          t.stream()
              .filter(e -> !e.output().startsWith("[ddlab: "))
              .mapToLong(e -> e.output().length())
              .sum();
      assertEquals(
          before + kept,
          s.cluster().memoryBudget().memory(),
          "the kept output is charged to the session's memory");
    }
  }

  /**
   * A listing typed again and again (ddlab bench types millions: 100 KB tables, the transcript's
   * cap holds ten) drops an output per line: the notes that replace them are one string while the
   * dropped outputs have the same length, not ~200 bytes of note per line.
   */
  @Test
  void dropped_outputs_of_the_same_length_share_one_note() {
    Transcript t = new Transcript(null, 1_000);
    for (int i = 0; i < 5; i++) {
      t.add(entry("a".repeat(600)));
    }
    t.add(entry("b".repeat(700)));
    t.add(entry("c".repeat(800)));
    List<TranscriptEntry> e = t.entries();
    assertEquals(Transcript.cut("", 600), e.get(0).output());
    for (int i = 1; i < 5; i++) {
      org.junit.jupiter.api.Assertions.assertSame(e.get(0).output(), e.get(i).output());
    }
    assertEquals(Transcript.cut("", 700), e.get(5).output(), "another length, its own note");
    assertEquals("c".repeat(800), e.get(6).output());
  }

  /**
   * A typed line without a control key is kept as the very string typed (a transcript keeps every
   * line; a copy of each was ~70 bytes a line).
   */
  @Test
  void a_plain_typed_line_is_kept_without_a_copy() {
    try (SimSession s = SimSession.open("single", 1)) {
      String line = new String("echo hi\tthere");
      org.junit.jupiter.api.Assertions.assertSame(line, s.type("node1", line).command());
    }
  }

  @Test
  void kept_output_gives_way_when_the_sessions_memory_is_full_and_is_never_an_oom_kill() {
    Cgroup session = new Cgroup(null, Cgroup.UNLIMITED).memoryMax(1000);
    Transcript t = new Transcript(session, 10_000);
    t.add(entry("a".repeat(600)));
    t.add(entry("b".repeat(600)));
    List<TranscriptEntry> e = t.entries();
    assertEquals(2, e.size());
    assertTrue(e.get(0).output().contains("đã bỏ 600 ký tự"), e.get(0).output());
    assertEquals("b".repeat(600), e.get(1).output());
    assertEquals(600, session.memory());
    // a program takes the rest of the session's memory: the next output keeps what fits
    assertTrue(session.chargeMemory(300));
    t.add(entry("c".repeat(900)));
    String kept = t.entries().get(2).output();
    assertTrue(kept.startsWith("[ddlab: bản ghi phiên đã bỏ "), kept);
    assertTrue(kept.endsWith("ccc"), kept);
    assertTrue(kept.length() < 900, kept);
    session.unchargeMemory(300);
    t.add(entry("d".repeat(100)));
    t.add(entry("e".repeat(950)));
    assertEquals(
        Transcript.cut("", 900),
        t.entries().get(2).output(),
        "a tail later dropped counts the whole output it was cut from");
    assertTrue(session.memory() <= 1000, "session memory " + session.memory());
    assertEquals(0, session.oomKills(), "the transcript gives way, nobody is killed");
    t.release();
    assertEquals(0, session.memory(), "a closed session gives its transcript's memory back");
  }

  @Test
  void an_attaching_commands_exit_code_is_updated_after_its_output_was_cut() {
    try (SimSession s = SimSession.open("single", 1)) {
      s.type("node1", "docker run -it alpine sh");
      s.type("node1", BIG);
      for (int i = 0; i < 10; i++) {
        s.type("node1", "echo $x");
      }
      s.type("node1", "exit 3");
      TranscriptEntry run = s.transcript().get(0);
      assertEquals(3, run.exitCode());
      assertTrue(s.transcript().get(2).output().startsWith("[ddlab: "), "cut");
    }
  }

  /**
   * ddlab bench's sessions type millions of lines; bounded, one keeps its last entries only (and
   * gives their output's charge back), while a session nobody bounded keeps every command.
   */
  @Test
  void a_bounded_session_keeps_its_last_entries_and_a_learners_keeps_every_command() {
    try (SimSession bench = SimSession.open("single", 1);
        SimSession learner = SimSession.open("single", 1)) {
      bench.keepLastEntries(10);
      for (int i = 0; i < 1_000; i++) {
        bench.type("node1", "echo " + i);
        learner.type("node1", "echo " + i);
      }
      List<TranscriptEntry> kept = bench.transcript();
      assertTrue(kept.size() >= 10 && kept.size() < 20, "kept " + kept.size());
      assertEquals("echo 999", kept.get(kept.size() - 1).command());
      assertEquals("999\n", kept.get(kept.size() - 1).output());
      assertEquals("echo " + (1_000 - kept.size()), kept.get(0).command());
      List<TranscriptEntry> all = learner.transcript();
      assertEquals(1_000, all.size(), "a learner's session keeps every command");
      assertEquals("echo 0", all.get(0).command());
      // the same memory but for the outputs let go, whose charge was given back
      long held = kept.stream().mapToLong(e -> e.output().length()).sum();
      long learnerHeld = all.stream().mapToLong(e -> e.output().length()).sum();
      assertEquals(
          learner.cluster().memoryBudget().memory() - learnerHeld,
          bench.cluster().memoryBudget().memory() - held,
          "charge given back");
    }
  }

  @Test
  void a_bounded_transcript_still_cuts_the_oldest_outputs_and_updates_a_kept_exit_code() {
    Transcript t = new Transcript(null, 1_000);
    t.keepLast(3);
    int[] index = new int[8];
    for (int i = 0; i < 8; i++) {
      index[i] = t.add(entry(String.valueOf((char) ('a' + i)).repeat(400)));
    }
    assertEquals(7, index[7], "indices stay those of the whole session");
    List<TranscriptEntry> e = t.entries();
    assertEquals(5, e.size(), "8 added, the first 3 let go at 6");
    assertEquals(Transcript.cut("", 400), e.get(2).output(), "the oldest kept output cut");
    assertEquals("h".repeat(400), e.get(4).output());
    t.exitCode(index[1], 9); // let go: nothing
    t.exitCode(index[6], 7);
    assertEquals(7, t.entries().get(3).exitCode());
  }

  private static TranscriptEntry entry(String output) {
    return new TranscriptEntry("node1", "$ ", "cat x", output, 0, 0);
  }
}

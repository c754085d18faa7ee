package dev.ddlab.session;

import dev.ddlab.sim.runtime.Cgroup;
import java.util.ArrayList;
import java.util.List;

/**
 * A session's transcript, bounded: every command is kept with its node, prompt, exit code and time,
 * but only the last {@link #OUTPUT_CHARS} characters of output of the whole session, as a
 * terminal's scrollback keeps the last screens. When a new entry's output does not fit, the oldest
 * outputs give way first (each says it was cut, {@link #cut}); an output larger than the whole
 * budget keeps its tail. The kept characters are charged to the session's memory group ({@code
 * Cluster.memoryBudget}, a byte a character as for shell variables) and give way too when that
 * group is full: a loop of {@code cat big} in a container or {@code docker logs} holds no more of
 * the server's heap in the transcript than this, and the learner's programs see it as used memory.
 *
 * <p>Whoever needs the whole output takes it from the entry {@link Session#type} returns (the
 * terminal, {@code ddlab shell --script} printing as it types); grading replays a submission in a
 * fresh session, whose transcript is cut exactly as the learner's was (the same lines, the same
 * outputs, the same budget).
 */
final class Transcript {
  /**
   * The characters of output a session's transcript keeps ({@code
   * -Dddlab.session.transcript.chars}): a lab's session prints a few kilobytes.
   */
  static final long OUTPUT_CHARS = Long.getLong("ddlab.session.transcript.chars", 1024L * 1024);

  private final List<TranscriptEntry> entries = new ArrayList<>();
  private final Cgroup budget;
  private final long limit;
  private long kept;

  /** The index of the oldest entry whose output may still be cut. */
  private int oldest;

  /**
   * The index of {@code entries}' first element: the entries before it were let go ({@link
   * #keepLast}); indices stay those of the whole session.
   */
  private int first;

  /** Entries kept at least when bounded ({@link #keepLast}); 0: every entry, as a learner's. */
  private int keepLast;

  /** The whole length of the outputs kept in part (their tail), by entry index. */
  private final java.util.Map<Integer, Integer> wholeLengths = new java.util.HashMap<>();

  /**
   * @param budget the session's memory group the kept output is charged to; null for none (a real
   *     engine's session)
   */
  Transcript(Cgroup budget, long limit) {
    this.budget = budget;
    this.limit = limit;
  }

  /** Adds an entry, its output cut to what the budget keeps; returns the entry's index. */
  int add(TranscriptEntry e) {
    String full = e.output() == null ? "" : e.output();
    String output = full;
    boolean counted = true;
    while (kept + output.length() > limit || !charge(output.length())) {
      if (oldest < first + entries.size()) {
        dropOldest();
        continue;
      }
      // Nothing older gives way: keep the tail that fits, after the note that says so.
      long room = Math.min(limit, budget == null ? limit : budget.room());
      int keep = (int) Math.max(0, Math.min(full.length(), room - NOTE_CHARS));
      output = cut(full.substring(full.length() - keep), full.length() - keep);
      if (keep == 0 || !charge(output.length())) {
        output = cut("", full.length());
        counted = false;
      }
      break;
    }
    entries.add(output.equals(e.output()) ? e : e.withOutput(output));
    int index = first + entries.size() - 1;
    if (counted) {
      kept += output.length();
      if (!output.equals(full)) {
        wholeLengths.put(index, full.length());
      }
    } else {
      oldest = index + 1;
    }
    if (keepLast > 0 && entries.size() >= 2 * keepLast) {
      letGo(entries.size() - keepLast);
    }
    return index;
  }

  /**
   * Keeps only the last {@code n} to {@code 2n} entries from now on (the older ones let go {@code
   * n} at a time, their output's charge given back): for a benchmark's session, which types
   * millions of lines that no one replays. A learner's session never calls this and keeps every
   * command (grading replays them).
   */
  void keepLast(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("keep at least one entry: " + n);
    }
    keepLast = n;
    if (entries.size() >= 2 * n) {
      letGo(entries.size() - n);
    }
  }

  /** Lets the first {@code count} entries go, giving back the output they held. */
  private void letGo(int count) {
    while (oldest < first + count) {
      dropOldest();
    }
    entries.subList(0, count).clear();
    first += count;
  }

  /**
   * The exit code of an entry whose command ended after it was recorded (an attaching run); nothing
   * when that entry was let go ({@link #keepLast}).
   */
  void exitCode(int index, int code) {
    if (index < first) {
      return;
    }
    TranscriptEntry e = entries.get(index - first);
    entries.set(index - first, e.withExitCode(code));
  }

  List<TranscriptEntry> entries() {
    return List.copyOf(entries);
  }

  /** Gives the charged memory back (the session ends). */
  void release() {
    if (budget != null) {
      budget.unchargeMemory(kept);
    }
    kept = 0;
  }

  /** The longest {@link #cut} note: what an output kept in part gives up for it. */
  private static final int NOTE_CHARS = 80;

  /** How an output that was cut reads: a note of how many characters are gone, then the rest. */
  static String cut(String rest, long dropped) {
    return "[ddlab: bản ghi phiên đã bỏ " + dropped + " ký tự đầu ra của lệnh này]\n" + rest;
  }

  /**
   * The oldest output still kept gives way: the entry keeps only the note (a few characters per
   * entry, not counted, as its command is not).
   */
  private void dropOldest() {
    TranscriptEntry e = entries.get(oldest - first);
    String output = e.output();
    Integer whole = wholeLengths.remove(oldest);
    if (!output.isEmpty()) {
      kept -= output.length();
      if (budget != null) {
        budget.unchargeMemory(output.length());
      }
      entries.set(oldest - first, e.withOutput(note(whole != null ? whole : output.length())));
    }
    oldest++;
  }

  /** The last note {@link #note} made, and the length of output it says was dropped. */
  private String lastNote;

  private long lastNoteDropped = -1;

  /**
   * The note of a dropped output of {@code dropped} characters: the last one made while the length
   * is the same (a listing typed again and again drops an output per line; ~200 bytes of note each
   * made a session of {@code ddlab bench}'s hold ~300 bytes a typed line).
   */
  private String note(long dropped) {
    if (dropped != lastNoteDropped) {
      lastNote = cut("", dropped);
      lastNoteDropped = dropped;
    }
    return lastNote;
  }

  private boolean charge(long chars) {
    return budget == null || chars == 0 || budget.tryCharge(chars);
  }
}

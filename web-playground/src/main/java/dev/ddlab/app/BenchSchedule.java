package dev.ddlab.app;

import java.util.List;
import java.util.function.IntConsumer;

/**
 * The order in which a fork of {@code ddlab bench} measures its figures: every figure set up and
 * warmed up first, in turn; then every figure's short rounds in turn until the JIT is quiet over
 * all of them; then the measured rounds interleaved, round r of every figure, then round r + 1, so
 * that each figure's rounds are spread over the whole measuring part of the fork and a slow spell
 * of the machine takes one round of many figures rather than every round of one.
 *
 * <p>Why (7 Dec, session 13): one fork measuring the shell pair in 150 consecutive rounds (load
 * 7–9) had its thread CPU per pair at 29–31 µs for tens of rounds, then 46–64 µs for tens of
 * rounds, then 29–31 again, with no compilation at the changes and the same code: a spell of the
 * machine, which a figure measured in nine consecutive rounds (3.6 s) met whole or not at all, so
 * that the median of five forks moved with how many forks' figures a spell caught
 * (docs/design/containers.md). Each figure keeps its state set up (its node, its session) until
 * every figure has been measured.
 */
final class BenchSchedule {
  private BenchSchedule() {}

  /** A figure measured in rounds, one at a time, on state it keeps until it is closed. */
  interface Subject {
    /** Sets the figure's state up and warms it up (at least its least warm-up, JIT quiet). */
    void warm();

    /** One short, unmeasured round, after every figure was warmed up (the JIT settling). */
    void settle();

    /** The next measured round. */
    void round();
  }

  /**
   * Warms up every subject in order, settles the JIT over all of them ({@code settle}: runs one
   * short round of every subject per call, until quiet), then runs {@code rounds} passes of one
   * measured round of every subject, in order, calling {@code afterPass} with each pass's index
   * after it.
   */
  static void interleave(
      List<? extends Subject> subjects, int rounds, Runnable settle, IntConsumer afterPass) {
    for (Subject s : subjects) {
      s.warm();
    }
    if (!subjects.isEmpty()) {
      settle.run();
    }
    for (int r = 0; r < rounds; r++) {
      for (Subject s : subjects) {
        s.round();
      }
      afterPass.accept(r);
    }
  }

  /** One settling pass: a short round of every subject. */
  static Runnable settlePass(List<? extends Subject> subjects) {
    return () -> subjects.forEach(Subject::settle);
  }
}

package dev.ddlab.fuzz;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Pattern;

/**
 * Feeds a {@link FuzzTarget} mutated inputs, seed after seed, and checks every answer: no Java
 * exception escapes, no "internal error", no Java exception text in what the user sees (errors in
 * the tool's own words), a bounded virtual time per input, an exit status 0–255, and no input that
 * runs longer than the hang limit in wall time. Inputs whose outcome (exit status and the shape of
 * the first output line) was not seen before join the corpus, so it grows towards new behaviour.
 */
final class Fuzzer {
  /**
   * The longest virtual time one input may take: the session settles within 48 h, or 7 days for a
   * host sleep to a known time (TerminalSession.SLEEP_LIMIT).
   */
  static final long VIRTUAL_LIMIT_NANOS = Duration.ofDays(7).plusHours(1).toNanos();

  static final int CORPUS_LIMIT = 50_000;

  /**
   * Seeds whose inputs are written to {@code ddlab.fuzz.dump.dir} (default {@code target}), one
   * file {@code fuzz-TARGET-seed-N.txt} each, an input a record ended by a NUL and a newline, so a
   * slow or failing input can be replayed in a plain JVM with the lines typed before it ({@code
   * ddlab.fuzz.dump=155,36}): what a seed types depends on the corpus its thread grew before it.
   */
  static final Set<Long> DUMP = dumpSeeds(System.getProperty("ddlab.fuzz.dump", ""));

  private static Set<Long> dumpSeeds(String list) {
    Set<Long> seeds = new HashSet<>();
    for (String s : list.split(",")) {
      if (!s.isBlank()) {
        seeds.add(Long.parseLong(s.trim()));
      }
    }
    return Set.copyOf(seeds);
  }

  /** Java's words: an exception class, a stack frame. */
  private static final Pattern JAVA_TEXT =
      Pattern.compile(
          "\\b(?:java|javax|jdk|sun|dev\\.ddlab|com\\.fasterxml|picocli)\\.[\\w.$]*(?:Exception|Error)\\b"
              + "|\\n\\s+at [\\w.$]+\\([\\w.]+:\\d+\\)"
              + "|Exception in thread");

  /** One problem found. */
  record Finding(String target, long seed, int index, String input, String problem) {
    @Override
    public String toString() {
      return String.format(
          Locale.ROOT,
          "[%s seed %d, input %d] %s%n    input: %s",
          target,
          seed,
          index,
          problem,
          input);
    }
  }

  /** What a run did. */
  static final class Report {
    final String target;
    long lines;
    long seeds;
    long nonZero;
    int corpusStart;
    int corpusEnd;
    long uncaught;
    long internal;
    long foreign;
    long unbounded;
    long hangs;
    double seconds;
    final Set<String> outcomes = new HashSet<>();
    final Map<String, Finding> findings = new LinkedHashMap<>();

    /** The inputs that took the most wall time, slowest first (where a run spends its time). */
    final List<Slow> slowest = new ArrayList<>();

    /** Wall time spent on the inputs made from each corpus line (the line itself and mutations). */
    final Map<String, Long> byBase = new java.util.HashMap<>();

    /** The corpus lines whose inputs took the most wall time in all, most first. */
    List<String> costliestBases(int n) {
      return byBase.entrySet().stream()
          .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
          .limit(n)
          .map(e -> String.format(Locale.ROOT, "%,9.1f ms  %s", e.getValue() / 1e6, e.getKey()))
          .toList();
    }

    Report(String target) {
      this.target = target;
    }

    long problems() {
      return uncaught + internal + foreign + unbounded + hangs;
    }

    String summary() {
      return String.format(
          Locale.ROOT,
          "fuzz %s: %,d lines over %,d seeds in %.1f s (%,.0f lines/s): %d uncaught exceptions,"
              + " %d internal errors, %d hangs, %d unbounded in virtual time, %d errors not in the"
              + " tool's words; %,d non-zero exits, %,d distinct outcomes, corpus %,d → %,d lines",
          target,
          lines,
          seeds,
          seconds,
          lines / Math.max(seconds, 1e-9),
          uncaught,
          internal,
          hangs,
          unbounded,
          foreign,
          nonZero,
          outcomes.size(),
          corpusStart,
          corpusEnd);
    }
  }

  /** One input and the wall time it took. */
  record Slow(long seed, int index, String input, long nanos) {
    @Override
    public String toString() {
      return String.format(
          Locale.ROOT, "%,8.1f ms  seed %d, input %d: %s", nanos / 1e6, seed, index, input);
    }
  }

  /** How many of the slowest inputs a report keeps. */
  static final int SLOWEST = 12;

  /** Keeps {@code s} among the {@link #SLOWEST} slowest inputs of {@code r}. */
  private static void timed(Report r, Slow s) {
    List<Slow> l = r.slowest;
    if (l.size() == SLOWEST && l.get(SLOWEST - 1).nanos() >= s.nanos()) {
      return;
    }
    int at = 0;
    while (at < l.size() && l.get(at).nanos() >= s.nanos()) {
      at++;
    }
    l.add(at, s);
    if (l.size() > SLOWEST) {
      l.remove(SLOWEST);
    }
  }

  private Fuzzer() {}

  /**
   * Runs {@code lines} inputs over seeds {@code firstSeed, firstSeed+1, …}, {@code perSeed} inputs
   * to each fresh subject, on {@code threads} threads (thread k takes every k-th seed and grows its
   * own corpus, so what each seed sees does not depend on timing).
   */
  static Report run(
      FuzzTarget target, long firstSeed, long lines, int perSeed, Duration hang, int threads) {
    long t0 = System.nanoTime();
    List<Report> parts = new ArrayList<>();
    List<Thread> runners = new ArrayList<>();
    for (int k = 0; k < threads; k++) {
      long share = lines / threads + (k < lines % threads ? 1 : 0);
      long first = firstSeed + k;
      Report part = new Report(target.name());
      parts.add(part);
      Thread t = new Thread(() -> runPart(target, first, threads, share, perSeed, hang, part));
      t.start();
      runners.add(t);
    }
    for (Thread t : runners) {
      try {
        t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    Report r = new Report(target.name());
    for (Report p : parts) {
      r.lines += p.lines;
      r.seeds += p.seeds;
      r.nonZero += p.nonZero;
      r.corpusStart = p.corpusStart;
      r.corpusEnd += p.corpusEnd - p.corpusStart;
      r.uncaught += p.uncaught;
      r.internal += p.internal;
      r.foreign += p.foreign;
      r.unbounded += p.unbounded;
      r.hangs += p.hangs;
      r.outcomes.addAll(p.outcomes);
      p.findings.forEach(r.findings::putIfAbsent);
      p.slowest.forEach(x -> timed(r, x));
      p.byBase.forEach((k, v) -> r.byBase.merge(k, v, Long::sum));
    }
    r.corpusEnd += r.corpusStart;
    r.seconds = (System.nanoTime() - t0) / 1e9;
    return r;
  }

  private static void runPart(
      FuzzTarget target,
      long firstSeed,
      int step,
      long lines,
      int perSeed,
      Duration hang,
      Report r) {
    List<String> corpus = new ArrayList<>(target.corpus());
    r.corpusStart = corpus.size();
    long seed = firstSeed;
    while (r.lines < lines) {
      SplittableRandom random = new SplittableRandom(seed);
      Mutator mutator = new Mutator(random, target.dictionary());
      int n = (int) Math.min(perSeed, lines - r.lines);
      if (!runSeed(target, seed, n, corpus, random, mutator, hang, r)) {
        break;
      }
      r.seeds++;
      seed += step;
    }
    r.corpusEnd = corpus.size();
  }

  /** False when a hang stopped the run (the stuck subject cannot be trusted any more). */
  private static boolean runSeed(
      FuzzTarget target,
      long seed,
      int n,
      List<String> corpus,
      SplittableRandom random,
      Mutator mutator,
      Duration hang,
      Report r) {
    String[] current = {null};
    int[] index = {0};
    Throwable[] escaped = {null};
    StringBuilder dump = DUMP.contains(seed) ? new StringBuilder() : null;
    Runnable work =
        () -> {
          try (FuzzTarget.Subject subject = target.open(seed)) {
            for (int i = 0; i < n; i++) {
              String base = corpus.get(random.nextInt(corpus.size()));
              // a fifth of the inputs are the corpus' own, so sessions reach deeper states
              String input =
                  random.nextInt(5) == 0
                      ? base
                      : mutator.mutate(base, corpus.get(random.nextInt(corpus.size())));
              current[0] = input;
              index[0] = i;
              if (dump != null) {
                dump.append(input).append("\0\n");
              }
              FuzzTarget.Fed fed;
              long started = System.nanoTime();
              try {
                fed = subject.feed(input);
                long took = System.nanoTime() - started;
                timed(r, new Slow(seed, i, input, took));
                r.byBase.merge(
                    base.length() > 120 ? base.substring(0, 120) : base, took, Long::sum);
              } catch (ThreadDeath stopped) {
                throw stopped; // the hang watchdog stopped this worker: it must not go on
              } catch (Throwable t) {
                r.uncaught++;
                find(r, seed, i, input, "uncaught " + describe(t));
                continue;
              } finally {
                r.lines++;
              }
              check(r, seed, i, input, fed, corpus);
            }
          } catch (Throwable t) {
            escaped[0] = t;
          }
        };
    Thread worker = new Thread(work, "fuzz-" + target.name() + "-" + seed);
    worker.setDaemon(true);
    worker.start();
    long limit = hang.toMillis();
    int lastIndex = -1;
    long since = System.nanoTime();
    while (worker.isAlive()) {
      try {
        worker.join(Math.min(limit, 200));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
      if (index[0] != lastIndex) {
        lastIndex = index[0];
        since = System.nanoTime();
      } else if (worker.isAlive() && System.nanoTime() - since > limit * 1_000_000) {
        r.hangs++;
        find(r, seed, index[0], current[0], "hang: no answer after " + limit + " ms of wall time");
        if (dump != null) {
          writeDump(target, seed, dump);
        }
        stop(worker);
        try {
          worker.join(5_000); // the report is read once the worker no longer writes to it
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return false;
      }
    }
    if (dump != null) {
      writeDump(target, seed, dump);
    }
    if (escaped[0] != null) {
      r.uncaught++;
      find(
          r,
          seed,
          index[0],
          "(opening or closing the subject)",
          "uncaught " + describe(escaped[0]));
    }
    return true;
  }

  private static void writeDump(FuzzTarget target, long seed, CharSequence inputs) {
    java.nio.file.Path dir =
        java.nio.file.Path.of(System.getProperty("ddlab.fuzz.dump.dir", "target"));
    try {
      java.nio.file.Files.createDirectories(dir);
      java.nio.file.Files.writeString(
          dir.resolve("fuzz-" + target.name() + "-seed-" + seed + ".txt"), inputs);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void check(
      Report r, long seed, int i, String input, FuzzTarget.Fed fed, List<String> corpus) {
    String out = fed.output() == null ? "" : fed.output();
    if (fed.exitCode() != 0) {
      r.nonZero++;
    }
    if (out.contains("internal error")) {
      r.internal++;
      find(
          r,
          seed,
          i,
          input,
          "internal error: " + firstLine(out.substring(out.indexOf("internal error"))));
    } else if (JAVA_TEXT.matcher(out).find()) {
      r.foreign++;
      var m = JAVA_TEXT.matcher(out);
      m.find();
      find(r, seed, i, input, "Java text in the output: " + firstLine(m.group()));
    }
    if (fed.virtualNanos() > VIRTUAL_LIMIT_NANOS || fed.virtualNanos() < 0) {
      r.unbounded++;
      find(r, seed, i, input, "virtual time " + fed.virtualNanos() / 1e9 + " s for one input");
    }
    if (fed.exitCode() < 0 || fed.exitCode() > 255) {
      r.foreign++;
      find(r, seed, i, input, "exit status " + fed.exitCode());
    }
    String outcome = fed.exitCode() + " " + shape(firstLine(out));
    if (r.outcomes.add(outcome) && corpus.size() < CORPUS_LIMIT) {
      corpus.add(input);
    }
  }

  /** A line with numbers and IDs blurred, so outcomes differ by kind rather than by value. */
  static String shape(String line) {
    String s = line.replaceAll("[0-9a-f]{12,64}", "H").replaceAll("[0-9]+", "N");
    return s.length() > 60 ? s.substring(0, 60) : s;
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    String line = nl < 0 ? s : s.substring(0, nl);
    return line.length() > 200 ? line.substring(0, 200) + "…" : line;
  }

  private static String describe(Throwable t) {
    StringBuilder sb = new StringBuilder(t.toString());
    StackTraceElement[] st = t.getStackTrace();
    for (int k = 0; k < Math.min(6, st.length); k++) {
      sb.append("\n        at ").append(st[k]);
    }
    return sb.toString();
  }

  /** Keeps the first finding of each kind (numbers blurred). */
  private static void find(Report r, long seed, int i, String input, String problem) {
    String key = shape(firstLine(problem));
    if (r.findings.size() < 200) {
      r.findings.putIfAbsent(
          key,
          new Finding(
              r.target,
              seed,
              i,
              input.length() > 300 ? input.substring(0, 300) + "…" : input,
              problem));
    }
  }

  /** A hung simulator line can only be ended by stopping its thread (test harness only). */
  @SuppressWarnings({"deprecation", "removal"})
  private static void stop(Thread worker) {
    try {
      worker.stop();
    } catch (UnsupportedOperationException e) {
      // Java 20+: left behind as a daemon thread
    }
  }
}

package dev.ddlab.sim.shell;

import java.util.List;
import java.util.function.IntConsumer;
import java.util.function.LongPredicate;

/**
 * How a {@link Tool} that reads standard input reads a pipe whose writer is still writing: the
 * tools run to completion over a text, so this decides when to run one and over what, the same for
 * the host's tools and a container's ({@link ToolProgram}).
 *
 * <ul>
 *   <li>line filters ({@code cat}, {@code grep}, {@code cut}, {@code tr}, {@code sed}'s {@code s})
 *       run over each run of whole lines as it arrives, so {@code docker logs -f web | grep GET}
 *       prints as lines come; their status is the best of the runs' ({@code grep}: 0 when any line
 *       matched, 2 on an error), and {@code grep -q} ends at its first match;
 *   <li>{@code head} passes on what it reads until it has its lines or bytes and ends then, so
 *       {@code yes | head -2} ends and its writer dies of SIGPIPE;
 *   <li>the others ({@code wc}, {@code sort}, {@code uniq}, {@code tail}, {@code grep -c} …) read
 *       to the end, keeping what they read (charged with the pipe, as a real {@code sort} holds
 *       it), and run once.
 * </ul>
 */
final class ToolInput {
  /** Runs the tool once, with {@code args}, over {@code input}; {@code done} gets its status. */
  @FunctionalInterface
  interface Run {
    void run(List<String> args, Stdin input, IntConsumer done);
  }

  private enum Mode {
    LINES,
    FIRST,
    /** Its options are wrong: it runs once over no input, at once, and reads nothing. */
    REFUSED,
    COUNT,
    WHOLE
  }

  /** What {@code wc} counted so far (lines, words, bytes). */
  private final long[] counts = new long[3];

  /**
   * Charges what a tool that reads to the end holds (to the shell's memory on the host, the
   * process's in a container); false when the OOM killer killed it for that.
   */
  private LongPredicate holds = n -> true;

  private Mode mode;

  /**
   * {@code grep -m N}: the lines it may still select, then it exits without reading further, as GNU
   * grep and busybox do (so {@code yes | grep -m 2 y} ends and {@code yes} dies of SIGPIPE); -1 for
   * any other tool.
   */
  private long maxCount;

  private final boolean quiet;

  /**
   * What the tool carries from one run to the next: grep's place in the input (line numbers,
   * context), tee's files opened; null for the others.
   */
  private final Object scan;

  private final List<String> args;
  private final long firstLines;
  private final long firstChars;
  private final Run run;
  private final IntConsumer done;
  private final StringBuilder held = new StringBuilder();

  /**
   * What one line of the input a tool reads to the end costs beside its characters: the tool runs
   * over the text split into lines, a Java string each (header, fields, array header: about 48
   * bytes). Charged with the characters, so the memory budget bounds the heap the split takes
   * ({@code yes | tail -n 1}: two characters a line, fifty bytes of heap), not only the text.
   */
  static final long LINE_COST = 48;

  /** The lines in {@link #held} (counted as they come, for {@link #LINE_COST}). */
  private long heldLines;

  private static long newlines(CharSequence s) {
    long n = 0;
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) == '\n') {
        n++;
      }
    }
    return n;
  }

  /**
   * {@code tail -n N} (N lines from the end, standard input only, no other option): the N it keeps
   * as it reads, as coreutils' tail keeps a ring of its last lines, so an endless input costs N
   * lines, not all of it; -1 for any other form (files, {@code -c}, {@code +N}, {@code -f}), which
   * reads to the end as before.
   */
  private final long lastLines;

  private static long tailLast(List<String> args, boolean busybox) {
    if (args.contains("-f")) {
      return -1; // tail -f follows (TailFollow)
    }
    TextTools.Count c = TextTools.count(args, 10, false, busybox);
    boolean ring = c.bad() == null && !c.bytes() && !c.fromStart() && c.files().isEmpty();
    return ring && c.n() <= 9999 ? c.n() : -1;
  }

  /** Drops all but the last {@link #lastLines} lines held (a line still being written counts). */
  private void keepLast() {
    if (lastLines == 0) {
      held.setLength(0);
      return;
    }
    boolean closed = held.length() > 0 && held.charAt(held.length() - 1) == '\n';
    long need = lastLines + (closed ? 1 : 0);
    int i = held.length();
    for (long k = 0; k < need; k++) {
      i = i == 0 ? -1 : held.lastIndexOf("\n", i - 1);
      if (i < 0) {
        return; // fewer lines than that: all are kept
      }
    }
    held.delete(0, i + 1);
  }

  private int status = -1;
  private boolean finished;

  private ToolInput(String name, List<String> args, boolean busybox, Run run, IntConsumer done) {
    this.run = run;
    this.done = done;
    this.args = args;
    long[] head = name.equals("head") ? head(args, busybox) : null;
    if (head == REFUSES) {
      // options head refuses: it says so and exits before it reads (yes | head -f)
      mode = Mode.REFUSED;
      firstLines = -1;
      firstChars = -1;
    } else if (head != null) {
      mode = Mode.FIRST;
      firstLines = head[0];
      firstChars = head[1];
    } else if (name.equals("wc")) {
      mode = Mode.COUNT;
      firstLines = -1;
      firstChars = -1;
    } else {
      mode = lineFilter(name, args) ? Mode.LINES : Mode.WHOLE;
      firstLines = -1;
      firstChars = -1;
    }
    lastLines = mode == Mode.WHOLE && name.equals("tail") ? tailLast(args, busybox) : -1;
    maxCount = mode == Mode.WHOLE && name.endsWith("grep") ? maxCount(args) : -1;
    if (maxCount >= 0) {
      mode = Mode.LINES;
    }
    quiet = mode == Mode.LINES && name.endsWith("grep") && has(args, 'q', "--quiet");
    scan =
        mode != Mode.LINES
            ? null
            : name.endsWith("grep")
                ? new Grep.Scan()
                : name.equals("tee") ? new Tee.Opened() : null;
  }

  /**
   * Feeds {@code in} to the tool named {@code name} as it comes; {@code done} gets the tool's
   * status once it ended (at the end of the input, or earlier when it had enough).
   */
  static void read(
      String name, List<String> args, Stdin in, LongPredicate holds, Run run, IntConsumer done) {
    ToolInput t = of(name, args, false, holds, run, done); // the host's coreutils
    t.refuse();
    in.pump(t::data, t::end, t::finished);
  }

  /**
   * A reader fed from outside (a container process's stdin), which calls the methods itself; {@code
   * busybox}: the tool is busybox's, which takes other counts ({@link TextTools#size}).
   */
  static ToolInput of(
      String name,
      List<String> args,
      boolean busybox,
      LongPredicate holds,
      Run run,
      IntConsumer done) {
    ToolInput t = new ToolInput(name, args, busybox, run, done);
    t.holds = holds;
    return t;
  }

  boolean finished() {
    return finished;
  }

  /** A tool whose options are wrong ({@link Mode#REFUSED}) runs now, over no input. */
  private boolean refuse() {
    if (mode != Mode.REFUSED || finished) {
      return false;
    }
    finished = true;
    run.run(args, new Stdin(""), done);
    return true;
  }

  /** More input arrived. */
  void data(String s) {
    if (finished || refuse()) {
      return;
    }
    if (mode == Mode.FIRST) {
      first(s);
      return;
    }
    held.append(s);
    if (mode == Mode.WHOLE) {
      if (lastLines >= 0) {
        keepLast(); // tail -n N keeps its last N lines, not the input (yes | tail -n 1)
        heldLines = newlines(held);
      } else {
        heldLines += newlines(s);
      }
      if (!holds.test(held.length() + heldLines * LINE_COST)) {
        finished = true; // the OOM killer killed the reader
        held.setLength(0);
      }
      return;
    }
    int nl = held.lastIndexOf("\n");
    if (nl >= 0) {
      String lines = held.substring(0, nl + 1);
      held.delete(0, nl + 1);
      runLines(lines);
    }
  }

  /** The input ended. */
  void end() {
    if (finished || refuse()) {
      return;
    }
    if (mode == Mode.WHOLE) {
      finished = true;
      String input = held.toString();
      held.setLength(0);
      held.trimToSize();
      heldLines = 0;
      run.run(args, new Stdin(input), done);
      return;
    }
    if (mode == Mode.COUNT) {
      count(held.toString());
      held.setLength(0);
      finished = true;
      run.run(args, Stdin.counted(counts), done);
      return;
    }
    if (held.length() > 0 || status < 0) {
      String rest = held.toString();
      held.setLength(0);
      runLines(rest);
    }
    if (!finished) {
      finished = true;
      done.accept(status);
    }
  }

  private void count(String lines) {
    long[] k = TextTools.wcCounts(lines);
    for (int i = 0; i < k.length; i++) {
      counts[i] += k[i];
    }
  }

  private void runLines(String lines) {
    if (mode == Mode.COUNT) {
      count(lines);
      return;
    }
    if (maxCount >= 0) {
      maxLines(lines);
      return;
    }
    run.run(args, scan != null ? Stdin.continuing(lines, scan) : new Stdin(lines), this::best);
    if (quiet && status == 0) {
      finished = true; // grep -q exits at its first match
      done.accept(0);
    }
  }

  /** A run's status joins the others': the best, but an error (2 and over) wins. */
  private void best(int st) {
    status = status < 0 ? st : st >= 2 || status >= 2 ? Math.max(st, status) : Math.min(st, status);
  }

  /**
   * {@code grep -m N}: a run of lines in which it selects nothing goes by in one quiet run ({@code
   * -q}: {@code yes ip | grep -m 2 y} scans each round of {@code yes} once); a run in which it
   * selects a line goes line by line (each run selects at most the one line), until N lines were
   * selected; then it ends with 0 and reads nothing more. {@code -m 0} ends at once with 1. A bad
   * pattern ends it at its first run, as grep checks its pattern before it reads.
   */
  private void maxLines(String lines) {
    int[] probe = {-1};
    if (maxCount > 0) {
      run.run(quietArgs(), new Stdin(lines), st -> probe[0] = st);
    }
    if (probe[0] == 1 || probe[0] >= 2) {
      best(probe[0]);
      if (probe[0] >= 2) {
        finished = true;
        done.accept(status);
      }
      return;
    }
    int i = 0;
    while (!finished && maxCount > 0 && i < lines.length()) {
      int nl = lines.indexOf('\n', i);
      int end = nl < 0 ? lines.length() : nl + 1;
      String line = lines.substring(i, end);
      i = end;
      run.run(
          args,
          new Stdin(line),
          st -> {
            best(st);
            if (st == 0) {
              maxCount--;
            }
          });
    }
    if (!finished && maxCount == 0) {
      if (status < 0) {
        run.run(args, new Stdin(""), st -> status = st); // -m 0: its status without reading a line
      }
      finished = true;
      done.accept(status);
    }
  }

  /** The arguments with {@code -q} first: the run prints nothing, 0 when it selects a line. */
  private List<String> quietArgs() {
    if (quietArgs == null) {
      List<String> q = new java.util.ArrayList<>(args.size() + 1);
      q.add("-q");
      q.addAll(args);
      quietArgs = List.copyOf(q);
    }
    return quietArgs;
  }

  private List<String> quietArgs;

  /**
   * {@code grep -m N}'s N, when the rest of its options let it filter line by line (no count, no
   * line numbers, no context, no files listed); else -1.
   */
  private static long maxCount(List<String> args) {
    List<String> rest = new java.util.ArrayList<>();
    String n = null;
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if ((a.equals("-m") || a.equals("--max-count")) && i + 1 < args.size()) {
        n = args.get(++i);
      } else if (a.startsWith("--max-count=")) {
        n = a.substring("--max-count=".length());
      } else if (a.startsWith("-m") && a.length() > 2) {
        n = a.substring(2);
      } else {
        rest.add(a);
      }
    }
    return n != null
            && n.matches("[0-9]{1,18}")
            && lineFilter("grep", rest)
            && !has(rest, 'n', "--line-number")
            && !has(rest, 'A', "--after-context")
            && !has(rest, 'B', "--before-context")
            && !has(rest, 'C', "--context")
        ? Long.parseLong(n)
        : -1;
  }

  /**
   * {@code head}: what fits in the lines or bytes it has left goes through it at once (it prints as
   * it reads, holding nothing); it ends once it has them all.
   */
  private void first(String s) {
    int n = s.length();
    if (firstChars >= 0) {
      n = (int) Math.min(n, firstChars - taken);
    } else {
      int i = 0;
      while (i < s.length() && lines < firstLines) {
        int nl = s.indexOf('\n', i);
        if (nl < 0) {
          i = s.length();
          break;
        }
        i = nl + 1;
        lines++;
      }
      n = i;
    }
    taken += n;
    if (n > 0) {
      runLines(s.substring(0, n));
    }
    if (firstChars >= 0 ? taken >= firstChars : lines >= firstLines) {
      finished = true;
      done.accept(Math.max(status, 0));
    }
  }

  private long taken;
  private long lines;

  /** {@code head}'s count: {lines, -1} or {-1, chars}; null for what it reads to the end. */
  /** {@link #head}'s answer for options head refuses: it runs at once and reads nothing. */
  private static final long[] REFUSES = {0, -1};

  private static long[] head(List<String> args, boolean busybox) {
    long[] n = {10, -1};
    int stdin = 0;
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (a.equals("-q")) {
        continue; // no headers (TextTools.count takes it too)
      }
      if (a.equals("-") && ++stdin == 1) {
        continue; // standard input named: read as without it
      }
      boolean chars = a.startsWith("-c") || a.startsWith("--bytes=");
      String v;
      if (a.equals("-n") || a.equals("-c")) {
        if (++i >= args.size()) {
          return null;
        }
        v = args.get(i);
      } else if (a.startsWith("--lines=") || a.startsWith("--bytes=")) {
        v = a.substring(a.indexOf('=') + 1);
      } else if (a.startsWith("-n") || a.startsWith("-c")) {
        v = a.substring(2);
      } else if (a.startsWith("-") && a.length() > 1) {
        v = a.substring(1);
        if (!v.matches("[0-9]+")) {
          return REFUSES; // an option no head has: -f, -x …
        }
      } else {
        return null; // a file
      }
      if (v.startsWith("-") && TextTools.size(v.substring(1), busybox) >= 0) {
        return null; // all but the last N: read it all
      }
      long count = TextTools.size(v, busybox);
      if (count < 0) {
        return REFUSES; // not a number it takes: head says so before it reads (head -n foo, -c 1K)
      }
      n = chars ? new long[] {-1, count} : new long[] {count, -1};
    }
    return n;
  }

  private static boolean lineFilter(String name, List<String> args) {
    if (args.contains("-") && !name.equals("cat") && !name.equals("tee")) {
      return false; // "-" among files: read once, at its place among them
    }
    return switch (name) {
      case "cat" -> args.stream().allMatch(a -> a.equals("-"));
      case "cut", "tr", "sed" -> !args.contains("-i");
      case "tee" -> true;
      case "grep", "egrep", "fgrep" ->
          !has(args, 'c', "--count")
              && !has(args, 'l', "--files-with-matches")
              && !has(args, 'L', "--files-without-match")
              && !has(args, 'm', "--max-count"); // line numbers and context: Grep.Scan
      default -> false;
    };
  }

  /** Whether a short option {@code c} (alone or in a cluster) or the long one is given. */
  private static boolean has(List<String> args, char c, String longName) {
    for (String a : args) {
      if (a.startsWith("--") ? a.startsWith(longName) : a.startsWith("-") && a.indexOf(c) > 0) {
        return true;
      }
    }
    return false;
  }
}

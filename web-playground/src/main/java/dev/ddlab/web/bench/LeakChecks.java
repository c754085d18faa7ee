package dev.ddlab.web.bench;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The soak's verdicts, from figures taken before the sessions opened and after they ended: heap
 * back near its start, no thread left that was not there before (pools that grow and shrink on
 * their own are named and left out), no object left on a real daemon. Pure functions of those
 * figures, so they are tested without a clock.
 */
public final class LeakChecks {
  private LeakChecks() {}

  /** One verdict: what was checked, the figures, and whether it holds. */
  public record Check(String name, String figures, boolean pass) {
    public String line() {
      return String.format(Locale.ROOT, "  %-8s %-4s %s", name, pass ? "PASS" : "FAIL", figures);
    }
  }

  /** A check that is not run, with the reason (counts as neither pass nor fail). */
  public static Check skipped(String name, String why) {
    return new Check(name, "skipped: " + why, true);
  }

  /**
   * Heap used after a full GC, after the sessions ended, against before they opened: at most {@code
   * toleranceBytes} more (what caches the JIT and class loading keep).
   */
  public static Check heap(long beforeBytes, long afterBytes, long toleranceBytes) {
    long grown = afterBytes - beforeBytes;
    return new Check(
        "heap",
        String.format(
            Locale.ROOT,
            "%.1f MB before the sessions, %.1f MB after they ended (%+.1f MB; allowed +%.1f MB)",
            mb(beforeBytes),
            mb(afterBytes),
            mb(grown),
            mb(toleranceBytes)),
        grown <= toleranceBytes);
  }

  /**
   * Threads live after the sessions ended that were not before, leaving out those {@code pooled}
   * names (thread pools that keep idle workers for a while).
   */
  public static Check threads(Set<String> before, Set<String> after, Predicate<String> pooled) {
    Set<String> left = new TreeSet<>(after);
    left.removeAll(before);
    left.removeIf(pooled);
    return new Check(
        "threads",
        before.size()
            + " before, "
            + after.size()
            + " after"
            + (left.isEmpty() ? ", none left behind" : "; left behind: " + shown(left)),
        left.isEmpty());
  }

  /** Objects on a real daemon after the sessions ended that were not there before. */
  public static Check objects(Set<String> before, Set<String> after, int sessions) {
    Set<String> left = new TreeSet<>(after);
    left.removeAll(before);
    return new Check(
        "objects",
        sessions
            + " real-engine sessions; "
            + (left.isEmpty() ? "no object left on the daemon" : "left: " + shown(left)),
        left.isEmpty());
  }

  /** Prints each check and the verdict; true when all pass. */
  public static boolean print(List<Check> checks, PrintWriter out) {
    boolean all = true;
    for (Check c : checks) {
      out.println(c.line());
      all &= c.pass();
    }
    out.println("soak: " + (all ? "PASS" : "FAIL"));
    out.flush();
    return all;
  }

  private static String shown(Set<String> names) {
    List<String> first = names.stream().limit(10).toList();
    return String.join(", ", first) + (names.size() > 10 ? " … (" + names.size() + ")" : "");
  }

  private static double mb(long bytes) {
    return bytes / (1024.0 * 1024);
  }
}

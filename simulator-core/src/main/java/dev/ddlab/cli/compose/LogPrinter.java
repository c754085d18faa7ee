package dev.ddlab.cli.compose;

import dev.ddlab.engine.Engine;
import dev.ddlab.engine.dto.ContainerSummary;
import dev.ddlab.engine.dto.LogFrame;
import dev.ddlab.engine.dto.LogsOptions;
import dev.ddlab.go.GoTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * compose's log formatter: each line prefixed with the container's name padded to the longest name
 * and {@code " | "}, the prefix coloured on a terminal (compose's rainbow: cyan, yellow, green,
 * magenta, blue, then their intense variants, in the order containers are attached).
 */
final class LogPrinter {
  private static final String[] RAINBOW = {
    "36", "33", "32", "35", "34", "36;1", "33;1", "32;1", "35;1", "34;1"
  };

  private final int width;
  private final boolean colour;
  private final Map<String, String> colours = new HashMap<>();
  private final Map<String, StringBuilder> partial = new HashMap<>();
  boolean noPrefix;

  LogPrinter(List<String> names, boolean colour) {
    int w = 0;
    for (String n : names) {
      w = Math.max(w, n.length());
    }
    this.width = w;
    this.colour = colour;
    for (int i = 0; i < names.size(); i++) {
      colours.put(names.get(i), RAINBOW[i % RAINBOW.length]);
    }
  }

  String prefix(String name) {
    if (noPrefix) {
      return "";
    }
    String p = name + " ".repeat(Math.max(0, width - name.length())) + " | ";
    if (!colour) {
      return p;
    }
    String c = colours.getOrDefault(name, "36");
    return "\u001b[" + c + "m" + p + "\u001b[0m";
  }

  /** Whole lines of {@code text} with the prefix; an unfinished line waits for the rest. */
  String lines(String name, String text) {
    StringBuilder pending = partial.computeIfAbsent(name, k -> new StringBuilder());
    pending.append(text.replace("\r\n", "\n"));
    StringBuilder out = new StringBuilder();
    int nl;
    while ((nl = pending.indexOf("\n")) >= 0) {
      out.append(prefix(name)).append(pending, 0, nl + 1);
      pending.delete(0, nl + 1);
    }
    return out.toString();
  }

  /** The containers' logs so far, merged by time, prefixed. */
  String history(Engine engine, List<ContainerSummary> cs, String tail, boolean timestamps) {
    return history(engine, cs, tail, timestamps, false);
  }

  /**
   * The containers' logs, merged by time, prefixed; with {@code sinceStart} only what each printed
   * since it last started (what {@code up} would have seen attached from the start).
   */
  String history(
      Engine engine,
      List<ContainerSummary> cs,
      String tail,
      boolean timestamps,
      boolean sinceStart) {
    record Line(long nanos, int order, String name, String text) {}
    List<Line> all = new ArrayList<>();
    int order = 0;
    for (ContainerSummary c : cs) {
      String name = ComposeService.name(c);
      String since =
          sinceStart ? unixTime(engine.containers().inspect(c.id()).state().startedAt()) : null;
      for (LogFrame f :
          engine
              .containers()
              .logs(c.id(), new LogsOptions(true, true, since, null, timestamps, tail))) {
        String text = timestamps ? f.time() + " " + f.text() : f.text();
        all.add(new Line(nanos(f), order++, name, text));
      }
    }
    all.sort(Comparator.comparingLong(Line::nanos).thenComparingInt(Line::order));
    StringBuilder out = new StringBuilder();
    for (Line l : all) {
      out.append(lines(l.name(), l.text()));
    }
    return out.toString();
  }

  /** An RFC 3339 time as the API's Unix seconds with nanoseconds ("1704067200.000000001"). */
  private static String unixTime(String rfc3339) {
    long n = GoTime.parseRfc3339(rfc3339);
    return Math.floorDiv(n, 1_000_000_000L)
        + "."
        + String.format(java.util.Locale.ROOT, "%09d", Math.floorMod(n, 1_000_000_000L));
  }

  /** Sorting key of a log line: its time (0 when the engine gave none that parses). */
  private static long nanos(LogFrame f) {
    try {
      return GoTime.parseRfc3339(f.time());
    } catch (RuntimeException e) {
      return 0;
    }
  }
}

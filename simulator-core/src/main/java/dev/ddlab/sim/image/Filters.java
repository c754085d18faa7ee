package dev.ddlab.sim.image;

import dev.ddlab.engine.EngineException;
import dev.ddlab.sim.clock.VirtualClock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The Engine API's filter arguments for images (api/types/filters), and Go's path.Match. */
final class Filters {
  private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|ms|s|m|h)");

  private Filters() {}

  static void validate(Map<String, List<String>> filters, Set<String> allowed) {
    for (String key : filters.keySet()) {
      if (!allowed.contains(key)) {
        throw EngineException.badRequest("Invalid filter '" + key + "'");
      }
    }
  }

  /** GetBoolOrDefault: null when absent; "true"/"1" and "false"/"0" otherwise an error. */
  static Boolean bool(Map<String, List<String>> filters, String key) {
    List<String> values = filters.get(key);
    if (values == null || values.isEmpty()) {
      return null;
    }
    Boolean result = null;
    for (String v : values) {
      boolean b;
      switch (v.toLowerCase(java.util.Locale.ROOT)) {
        case "true", "1" -> b = true;
        case "false", "0" -> b = false;
        default -> throw EngineException.badRequest("Invalid filter '" + key + "=" + v + "'");
      }
      result = result == null ? b : result || b;
    }
    return result;
  }

  /** MatchKVList: every "key" or "key=value" must be among the labels. */
  static boolean matchLabels(List<String> wanted, Map<String, String> labels) {
    for (String w : wanted) {
      int eq = w.indexOf('=');
      String k = eq < 0 ? w : w.substring(0, eq);
      if (labels == null || !labels.containsKey(k)) {
        return false;
      }
      if (eq >= 0 && !w.substring(eq + 1).equals(labels.get(k))) {
        return false;
      }
    }
    return true;
  }

  /** reference.FamiliarMatch: the pattern against "name:tag", then against "name". */
  static boolean matchesAny(List<String> patterns, Reference r) {
    for (String p : patterns) {
      if (glob(p, r.familiarString()) || glob(p, r.familiarName())) {
        return true;
      }
    }
    return false;
  }

  /** Go's path.Match: '*' and '?' do not cross '/', [classes], backslash escapes. */
  static boolean glob(String pattern, String name) {
    StringBuilder re = new StringBuilder();
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      switch (c) {
        case '*' -> re.append("[^/]*");
        case '?' -> re.append("[^/]");
        case '\\' -> {
          if (i + 1 < pattern.length()) {
            re.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
          }
        }
        case '[' -> {
          int end = pattern.indexOf(']', i + 1);
          if (end < 0) {
            return false; // ErrBadPattern
          }
          String cls = pattern.substring(i + 1, end);
          if (cls.startsWith("^")) {
            cls = "^" + cls.substring(1).replace("\\", "\\\\").replace("[", "\\[");
          } else {
            cls = cls.replace("\\", "\\\\").replace("[", "\\[");
          }
          re.append('[').append(cls).append(']');
          i = end;
        }
        default -> re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    try {
      return Pattern.matches(re.toString(), name);
    } catch (java.util.regex.PatternSyntaxException e) {
      return false;
    }
  }

  /** "until": a Go duration before now, a Unix timestamp, or an RFC 3339 date/time. */
  static long until(List<String> values, VirtualClock clock) {
    String v = values.get(0);
    Matcher m = DURATION.matcher(v);
    if (v.matches("(\\d+(?:\\.\\d+)?(ns|us|ms|s|m|h))+")) {
      double nanos = 0;
      while (m.find()) {
        double n = Double.parseDouble(m.group(1));
        nanos +=
            switch (m.group(2)) {
              case "ns" -> n;
              case "us" -> n * 1e3;
              case "ms" -> n * 1e6;
              case "s" -> n * 1e9;
              case "m" -> n * 60e9;
              default -> n * 3600e9;
            };
      }
      return clock.nowNanos() - (long) nanos;
    }
    try {
      if (v.matches("\\d+(\\.\\d+)?")) {
        return (long) (Double.parseDouble(v) * 1e9);
      }
      if (v.matches("\\d{4}-\\d{2}-\\d{2}")) {
        return LocalDate.parse(v).atStartOfDay().toEpochSecond(ZoneOffset.UTC) * 1_000_000_000L;
      }
      Instant i = Instant.parse(v);
      return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    } catch (RuntimeException e) {
      throw EngineException.badRequest("failed to parse value as time or duration: \"" + v + "\"");
    }
  }
}

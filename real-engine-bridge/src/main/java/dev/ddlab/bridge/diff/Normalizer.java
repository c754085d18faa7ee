package dev.ddlab.bridge.diff;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Rewrites what legitimately differs between two engines running the same script — IDs, digests,
 * times, generated names, addresses, sizes, column padding — into placeholders, so that what is
 * left to compare is behaviour.
 */
public final class Normalizer {
  private record Rule(Pattern pattern, String replacement) {}

  private static final List<Rule> RULES =
      List.of(
          rule("sha256:[0-9a-f]{64}", "sha256:<digest>"),
          rule("\\b[0-9a-f]{64}\\b", "<id>"),
          rule("\\b[0-9a-f]{12}\\b", "<id>"),
          rule(
              "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?(Z|[+-]\\d\\d:\\d\\d)", "<time>"),
          rule("(Less than a second|About a minute|About an hour|an? \\w+|\\d+ \\w+) ago", "<ago>"),
          rule(
              "Up (Less than a second|About a minute|About an hour|\\d+ \\w+)( \\((healthy|unhealthy|health: starting)\\))?",
              "Up <duration>"),
          rule("\\b(\\d{1,3}\\.){3}\\d{1,3}(/\\d+)?\\b", "<ip>"),
          rule("\\b\\d+(\\.\\d+)?([kMG]B|B)\\b", "<size>"),
          rule("\\b[a-z]+_[a-z]+\\b", "<name>"),
          rule(" {2,}", "  "));

  private Normalizer() {}

  private static Rule rule(String regex, String replacement) {
    return new Rule(Pattern.compile(regex), replacement);
  }

  /** The text with volatile parts replaced and trailing blanks of each line dropped. */
  public static String normalize(String text) {
    String s = text.replace("\r\n", "\n");
    for (Rule r : RULES) {
      s = r.pattern().matcher(s).replaceAll(r.replacement());
    }
    return s.lines().map(String::stripTrailing).reduce((a, b) -> a + "\n" + b).orElse("");
  }

  /** The first line of the normalised text ("" when empty). */
  public static String firstLine(String text) {
    String n = normalize(text);
    int nl = n.indexOf('\n');
    return nl < 0 ? n : n.substring(0, nl);
  }
}

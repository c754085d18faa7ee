package dev.ddlab.sim.shell;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * grep: GNU's on the host and in Debian images, busybox's in alpine. Context ({@code -A}, {@code
 * -B}, {@code -C}, GNU's {@code -NUM}) prints the lines around each selected line, {@code name-}
 * and {@code N-} before context lines where a selected one has {@code name:} and {@code N:}, and
 * {@code --} between groups that are not adjacent (across files too). After {@code -m N} GNU grep
 * still prints the trailing context; busybox stops it at the next line it would select. Over an
 * open pipe ({@link ToolInput}) each run of lines continues one {@link Scan}, so line numbers,
 * context and separators are those of the whole input: {@code docker logs -f web | grep -A1 GET}
 * prints as lines come.
 */
final class Grep {
  private Grep() {}

  /** Where grep is in its input: what a run of lines of an open pipe continues. */
  static final class Scan {
    private long lineNo;
    private long matches;
    private int afterLeft;
    private long lastPrinted = -1;
    private boolean printedAny;
    private final ArrayDeque<String> before = new ArrayDeque<>();
  }

  private record Options(
      boolean ignoreCase,
      boolean invert,
      boolean count,
      boolean number,
      boolean quiet,
      boolean onlyMatching,
      boolean listFiles,
      long max,
      int after,
      int before,
      String re,
      List<String> files) {
    boolean context() {
      return after > 0 || before > 0;
    }
  }

  static int run(ToolContext ctx, List<String> args) {
    boolean ignoreCase = false;
    boolean invert = false;
    boolean count = false;
    boolean extended = false;
    boolean number = false;
    boolean quiet = false;
    boolean onlyMatching = false;
    boolean word = false;
    boolean listFiles = false;
    boolean fixed = false;
    long max = -1;
    int after = 0;
    int before = 0;
    String pattern = null;
    List<String> files = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      String longValue = null;
      char longOption = 0;
      for (String[] l :
          new String[][] {
            {"--max-count", "m"},
            {"--after-context", "A"},
            {"--before-context", "B"},
            {"--context", "C"}
          }) {
        if (a.equals(l[0]) && i + 1 < args.size()) {
          longValue = args.get(++i);
        } else if (a.startsWith(l[0] + "=")) {
          longValue = a.substring(l[0].length() + 1);
        }
        if (longValue != null) {
          longOption = l[1].charAt(0);
          break;
        }
      }
      if (longValue != null) {
        int st = valued(ctx, longOption, longValue);
        if (st != 0) {
          return st;
        }
        long v = Long.parseLong(longValue);
        switch (longOption) {
          case 'm' -> max = v;
          case 'A' -> after = (int) Math.min(v, Integer.MAX_VALUE);
          case 'B' -> before = (int) Math.min(v, Integer.MAX_VALUE);
          default -> {
            after = (int) Math.min(v, Integer.MAX_VALUE);
            before = after;
          }
        }
      } else if (a.equals("-e") && i + 1 < args.size()) {
        pattern = args.get(++i);
      } else if (a.startsWith("-") && a.length() > 1 && !a.startsWith("--")) {
        if (!ctx.busybox() && a.substring(1).chars().allMatch(Character::isDigit)) {
          after = a.length() > 10 ? Integer.MAX_VALUE : Integer.parseInt(a.substring(1));
          before = after;
          continue; // GNU's -NUM: -C NUM
        }
        for (int k = 1; k < a.length(); k++) {
          char c = a.charAt(k);
          if ("mABC".indexOf(c) >= 0) {
            String v =
                k + 1 < a.length() ? a.substring(k + 1) : i + 1 < args.size() ? args.get(++i) : "";
            int st = valued(ctx, c, v);
            if (st != 0) {
              return st;
            }
            long n = Long.parseLong(v);
            int ctxLines = (int) Math.min(n, Integer.MAX_VALUE);
            switch (c) {
              case 'm' -> max = n;
              case 'A' -> after = ctxLines;
              case 'B' -> before = ctxLines;
              default -> after = before = ctxLines;
            }
            break;
          }
          switch (c) {
            case 'i' -> ignoreCase = true;
            case 'v' -> invert = true;
            case 'c' -> count = true;
            case 'E' -> extended = true;
            case 'n' -> number = true;
            case 'q' -> quiet = true;
            case 'o' -> onlyMatching = true;
            case 'w' -> word = true;
            case 'l' -> listFiles = true;
            case 'F' -> fixed = true;
            default -> {
              return FileTools.badOption(ctx, String.valueOf(c));
            }
          }
        }
      } else if (a.equals("--color=auto") || a.equals("--color") || a.equals("--colour=auto")) {
        continue;
      } else if (pattern == null) {
        pattern = a;
      } else {
        files.add(a);
      }
    }
    if (pattern == null) {
      ctx.io()
          .errln(
              ctx.busybox()
                  ? ToolErrors.BUSYBOX_BANNER
                  : "Usage: grep [OPTION]... PATTERNS [FILE]...");
      if (!ctx.busybox()) {
        ctx.io().errln("Try 'grep --help' for more information.");
      }
      return 2;
    }
    if (max == 0) {
      return ctx.busybox() ? 0 : 1; // -m 0 reads nothing: GNU grep selected no line, busybox says 0
    }
    String re = fixed ? Pattern.quote(pattern) : extended ? pattern : TextTools.breToJava(pattern);
    if (word) {
      re = "\\b(?:" + re + ")\\b";
    }
    Pattern p;
    try {
      p = Pattern.compile(re, ignoreCase ? Pattern.CASE_INSENSITIVE : 0);
    } catch (PatternSyntaxException e) {
      ctx.io().errln("grep: Unmatched ( or \\(");
      return 2;
    }
    boolean silent = quiet || count || listFiles;
    Options o =
        new Options(
            ignoreCase,
            invert,
            count,
            number,
            quiet,
            onlyMatching,
            listFiles,
            max,
            silent || onlyMatching ? 0 : after,
            silent || onlyMatching ? 0 : before,
            re,
            files);
    int[] status = {0};
    List<TextTools.Input> in = TextTools.inputs(ctx, "grep", files, status);
    boolean prefix = files.size() > 1;
    Stdin stdin = ctx.io().in();
    Scan carried = files.isEmpty() && stdin != null ? stdin.carried(Scan.class) : null;
    boolean any = false;
    boolean printedBefore = false;
    for (TextTools.Input input : in) {
      Scan scan = carried != null ? carried : new Scan();
      if (printedBefore && scan.lastPrinted < 0) {
        scan.printedAny = true; // a group in an earlier file: the next one is set apart by "--"
      }
      scan(ctx, o, p, input, prefix, scan);
      any |= scan.matches > 0;
      printedBefore |= scan.printedAny;
      if (count && !quiet) {
        ctx.io().println((prefix ? input.name() + ":" : "") + scan.matches);
      }
      if (listFiles && scan.matches > 0 && !quiet) {
        ctx.io().println(input.name());
      }
    }
    if (status[0] != 0 && !(quiet && any)) {
      return 2;
    }
    return any ? 0 : 1;
  }

  /** A count option's value: GNU's and busybox's words for one that is not a number. */
  private static int valued(ToolContext ctx, char option, String v) {
    if (v.matches("[0-9]{1,18}")) {
      return 0;
    }
    if (ctx.busybox()) {
      ctx.io().errln("grep: invalid number '" + v + "'");
    } else if (option == 'm') {
      ctx.io().errln("grep: invalid max count");
    } else {
      ctx.io().errln("grep: " + v + ": invalid context length argument");
    }
    return 2;
  }

  /** One input's lines (or the next run of an open pipe's), printed as {@code o} says. */
  private static void scan(
      ToolContext ctx, Options o, Pattern p, TextTools.Input input, boolean prefix, Scan s) {
    String text = input.text();
    boolean silent = o.quiet() || o.count() || o.listFiles();
    if (o.max() >= 0 && s.matches >= o.max() && s.afterLeft == 0) {
      return; // an open pipe's later run after -m was reached (ToolInput does not send it)
    }
    List<String> ls;
    if (!o.invert() && s.afterLeft == 0 && noLineMatches(o.re(), o.ignoreCase(), text)) {
      if (!o.number() && o.before() == 0) {
        return; // nothing to print, and nothing of this text is needed later
      }
      ls = TextTools.lines(text);
      s.lineNo += ls.size();
      for (int k = Math.max(0, ls.size() - o.before()); k < ls.size(); k++) {
        keepBefore(o, s, ls.get(k));
      }
      return;
    }
    ls = TextTools.lines(text);
    for (String line : ls) {
      long n = s.lineNo++;
      Matcher m = p.matcher(line);
      boolean selected = m.find() != o.invert();
      if (o.max() >= 0 && s.matches >= o.max()) {
        if (s.afterLeft == 0 || selected && ctx.busybox()) {
          s.afterLeft = 0;
          return; // -m N reached: GNU prints the trailing context, busybox up to a selected line
        }
        print(ctx, o, s, input, prefix, n, line, '-');
        s.afterLeft--;
        continue;
      }
      if (!selected) {
        if (s.afterLeft > 0) {
          s.afterLeft--;
          print(ctx, o, s, input, prefix, n, line, '-');
        } else {
          keepBefore(o, s, line);
        }
        continue;
      }
      s.matches++;
      if (silent) {
        if (o.quiet()) {
          return;
        }
        continue;
      }
      long first = n - s.before.size();
      for (String b : s.before) {
        print(ctx, o, s, input, prefix, first++, b, '-');
      }
      s.before.clear();
      if (o.onlyMatching() && !o.invert()) {
        String pre = (prefix ? input.name() + ":" : "") + (o.number() ? (n + 1) + ":" : "");
        m.reset();
        while (m.find()) {
          ctx.io().println(pre + m.group());
        }
        s.lastPrinted = n;
        s.printedAny = true;
      } else {
        print(ctx, o, s, input, prefix, n, line, ':');
      }
      s.afterLeft = o.after();
    }
  }

  private static void keepBefore(Options o, Scan s, String line) {
    if (o.before() == 0) {
      return;
    }
    if (s.before.size() == o.before()) {
      s.before.removeFirst();
    }
    s.before.addLast(line);
  }

  /** Line {@code n} (from 0) with its prefixes; {@code --} first when it does not follow on. */
  private static void print(
      ToolContext ctx,
      Options o,
      Scan s,
      TextTools.Input input,
      boolean prefix,
      long n,
      String line,
      char sep) {
    if (o.context() && s.printedAny && (s.lastPrinted < 0 || n > s.lastPrinted + 1)) {
      ctx.io().println("--");
    }
    String pre =
        (prefix ? input.name() + sep : "") + (o.number() ? (n + 1) + String.valueOf(sep) : "");
    ctx.io().println(pre + line);
    s.lastPrinted = n;
    s.printedAny = true;
  }

  /** A pattern without anything a regular expression treats specially. */
  private static final Pattern LITERAL = Pattern.compile("[A-Za-z0-9 _:/,=@%-]+");

  /** Texts shorter than this are split into lines at once: a second pattern would cost more. */
  private static final int WHOLE_TEXT_CHECK = 512;

  /**
   * Whether no line of a long {@code text} can match {@code re}, found by one search of the whole
   * text with {@code ^} and {@code $} at line ends: a line's match is a match there too (the
   * anchors that see only the input's ends, {@code \A \z \Z \G}, and lookbehinds are left to the
   * line by line search). So {@code yes ip | grep y} looks at each round of {@code yes} once.
   */
  static boolean noLineMatches(String re, boolean ignoreCase, String text) {
    if (text.length() < WHOLE_TEXT_CHECK
        || re.contains("\\A")
        || re.contains("\\z")
        || re.contains("\\Z")
        || re.contains("\\G")
        || re.contains("(?<")) {
      return false;
    }
    if (!ignoreCase && LITERAL.matcher(re).matches()) {
      return !text.contains(re); // a plain word: one vectorised search
    }
    int flags = Pattern.MULTILINE | (ignoreCase ? Pattern.CASE_INSENSITIVE : 0);
    return !Pattern.compile(re, flags).matcher(text).find();
  }
}

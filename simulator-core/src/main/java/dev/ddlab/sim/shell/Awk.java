package dev.ddlab.sim.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The part of awk learners use on a pipeline's columns ({@code docker ps | awk '{print $1}'}), the
 * same on the host (mawk) and in alpine (busybox awk): rules {@code [PATTERN] [{ print ITEMS; … }]}
 * where PATTERN is {@code /re/}, {@code !/re/} or {@code NR OP N}, ITEMS are {@code $N}, {@code
 * $NF}, {@code $0}, {@code NR}, {@code NF}, numbers and "strings" (a comma puts OFS, a space
 * nothing between them), {@code -F SEP} the field separator (one character, or a regular
 * expression). awk is a language: any other program is refused in ddlab's words (status 2), not
 * answered wrongly.
 */
final class Awk {
  private Awk() {}

  static final String UNSUPPORTED =
      "awk: ddlab chưa hỗ trợ chương trình awk này (chỉ có [/mẫu/ | NR so sánh số] { print $N, NR,"
          + " NF, \"chuỗi\" }, -F): ";

  private record Rule(
      Pattern re, boolean negate, String nrOp, long nr, List<List<String>> prints) {}

  private static final Pattern RULE =
      Pattern.compile(
          "\\s*(?:(!?)/((?:[^/\\\\]|\\\\.)*)/|NR\\s*(==|!=|>=|<=|>|<)\\s*(\\d+))?\\s*(?:\\{([^{}]*)\\})?\\s*;?");

  private static final Pattern TERM =
      Pattern.compile("\\$(?:\\d+|NF)|NR|NF|\"(?:[^\"\\\\]|\\\\.)*\"|-?\\d+(?:\\.\\d+)?");

  static int run(ToolContext ctx, List<String> args) {
    String fs = null;
    String program = null;
    List<String> files = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (program == null && a.equals("-F") && i + 1 < args.size()) {
        fs = args.get(++i);
      } else if (program == null && a.startsWith("-F") && a.length() > 2) {
        fs = a.substring(2);
      } else if (program == null && a.startsWith("-") && a.length() > 1) {
        ctx.io().errln(UNSUPPORTED + String.join(" ", args));
        return 2;
      } else if (program == null) {
        program = a;
      } else {
        files.add(a);
      }
    }
    if (program == null) {
      ctx.io()
          .errln(
              ctx.busybox()
                  ? ToolErrors.BUSYBOX_BANNER
                  : "usage: mawk [-F value] [-v var=value] [--] 'program text' [file ...]");
      return 2;
    }
    List<Rule> rules = parse(program);
    if (rules == null) {
      ctx.io().errln(UNSUPPORTED + program);
      return 2;
    }
    Pattern split = fs == null ? null : Pattern.compile(separator(fs));
    int[] status = {0};
    long nr = 0;
    for (TextTools.Input in : TextTools.inputs(ctx, "awk", files, status)) {
      for (String line : TextTools.lines(in.text())) {
        nr++;
        String[] fields = fields(line, split);
        for (Rule r : rules) {
          if (!matches(r, line, nr)) {
            continue;
          }
          for (List<String> items : r.prints()) {
            ctx.io().println(print(items, line, fields, nr));
          }
        }
      }
    }
    return status[0];
  }

  /** -F: a tab for "t" and "\t", one character as itself, more as a regular expression. */
  private static String separator(String fs) {
    if (fs.equals("t") || fs.equals("\\t")) {
      return "\t";
    }
    return fs.length() == 1 ? Pattern.quote(fs) : fs;
  }

  private static String[] fields(String line, Pattern split) {
    if (split == null) {
      String t = line.strip();
      return t.isEmpty() ? new String[0] : t.split("[ \\t]+");
    }
    return line.isEmpty() ? new String[0] : split.split(line, -1);
  }

  private static boolean matches(Rule r, String line, long nr) {
    if (r.re() != null) {
      return r.re().matcher(line).find() != r.negate();
    }
    if (r.nrOp() == null) {
      return true;
    }
    return switch (r.nrOp()) {
      case "==" -> nr == r.nr();
      case "!=" -> nr != r.nr();
      case ">=" -> nr >= r.nr();
      case "<=" -> nr <= r.nr();
      case ">" -> nr > r.nr();
      default -> nr < r.nr();
    };
  }

  private static String print(List<String> items, String line, String[] fields, long nr) {
    if (items.isEmpty()) {
      return line;
    }
    StringBuilder out = new StringBuilder();
    for (int k = 0; k < items.size(); k++) {
      if (k > 0) {
        out.append(' ');
      }
      Matcher m = TERM.matcher(items.get(k));
      while (m.find()) {
        String t = m.group();
        if (t.equals("$0")) {
          out.append(line);
        } else if (t.equals("$NF")) {
          out.append(fields.length == 0 ? line : fields[fields.length - 1]);
        } else if (t.startsWith("$")) {
          int n = Integer.parseInt(t.substring(1));
          out.append(n == 0 ? line : n <= fields.length ? fields[n - 1] : "");
        } else if (t.equals("NR")) {
          out.append(nr);
        } else if (t.equals("NF")) {
          out.append(fields.length);
        } else if (t.startsWith("\"")) {
          out.append(t, 1, t.length() - 1);
        } else {
          out.append(t);
        }
      }
    }
    return out.toString();
  }

  /** The rules of {@code program}, or null for anything beyond this subset. */
  private static List<Rule> parse(String program) {
    List<Rule> rules = new ArrayList<>();
    String rest = program.strip();
    while (!rest.isEmpty()) {
      Matcher m = RULE.matcher(rest);
      if (!m.lookingAt()
          || m.end() == 0
          || m.group(2) == null && m.group(3) == null && m.group(5) == null) {
        return null;
      }
      Pattern re = null;
      if (m.group(2) != null) {
        try {
          re = Pattern.compile(m.group(2));
        } catch (PatternSyntaxException e) {
          return null;
        }
      }
      List<List<String>> prints = new ArrayList<>();
      if (m.group(5) == null) {
        prints.add(List.of()); // a pattern alone prints the line
      } else {
        for (String stmt : m.group(5).split("[;\\n]")) {
          String s = stmt.strip();
          if (s.isEmpty()) {
            continue;
          }
          if (!s.equals("print") && !s.startsWith("print ")) {
            return null;
          }
          List<String> items = new ArrayList<>();
          String list = s.substring("print".length()).strip();
          if (!list.isEmpty()) {
            for (String item : list.split(",")) {
              String it = item.strip();
              if (it.isEmpty() || !TERM.matcher(it).replaceAll("").isBlank()) {
                return null; // an expression beyond $N, NR, NF, numbers and strings
              }
              items.add(it);
            }
          }
          prints.add(items);
        }
      }
      rules.add(
          new Rule(
              re,
              "!".equals(m.group(1)),
              m.group(3),
              m.group(4) == null ? 0 : Long.parseLong(m.group(4)),
              prints));
      rest = rest.substring(m.end()).strip();
    }
    return rules.isEmpty() ? null : rules;
  }
}

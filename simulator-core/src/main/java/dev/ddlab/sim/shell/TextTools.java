package dev.ddlab.sim.shell;

import dev.ddlab.fs.FsException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * head, tail, wc, sort, uniq, cut, tr and sed's s command: the filters of pipelines ({@link Grep}).
 */
final class TextTools {
  private TextTools() {}

  /** A tool that reads stdin when given no file operands. */
  private record Filter(Tool body, int optionsWithValue) implements Tool {
    @Override
    public int run(ToolContext ctx, List<String> args) {
      return body.run(ctx, args);
    }

    @Override
    public boolean readsStdin(List<String> args) {
      List<String> files = operandsOf(args, optionsWithValue);
      return files.isEmpty() || files.contains("-");
    }
  }

  static void install(Map<String, Tool> tools) {
    tools.put("grep", new Filter(Grep::run, 1));
    tools.put("egrep", new Filter((c, a) -> Grep.run(c, prepend("-E", a)), 1));
    tools.put("head", EndlessReads.head(new Filter(TextTools::head, 0)));
    tools.put("tail", new TailFollow(new Filter(TextTools::tail, 0)));
    tools.put("wc", new Filter(TextTools::wc, 0));
    tools.put("sort", new Filter(TextTools::sort, 0));
    tools.put("uniq", new Filter(TextTools::uniq, 0));
    tools.put("cut", new Filter(TextTools::cut, 0));
    tools.put("tr", new Filter(TextTools::tr, 99));
    tools.put("sed", new Filter(TextTools::sed, 1));
    tools.put("yes", Yes.tool());
    tools.put("seq", Seq.tool());
    tools.put(
        "awk",
        new Tool() { // reads standard input when no file follows its program
          @Override
          public int run(ToolContext ctx, List<String> args) {
            return Awk.run(ctx, args);
          }

          @Override
          public boolean readsStdin(List<String> args) {
            int operands = 0;
            for (int i = 0; i < args.size(); i++) {
              String a = args.get(i);
              if (a.equals("-F") || a.equals("-v") || a.equals("-f")) {
                i++;
              } else if (!a.startsWith("-") || a.equals("-")) {
                operands++;
              }
            }
            return operands <= 1;
          }
        });
    tools.put(
        "tee",
        new Tool() { // reads standard input whatever its operands: they are where it writes
          @Override
          public int run(ToolContext ctx, List<String> args) {
            return Tee.run(ctx, args);
          }

          @Override
          public boolean readsStdin(List<String> args) {
            return true;
          }
        });
  }

  private static List<String> prepend(String first, List<String> rest) {
    List<String> l = new ArrayList<>();
    l.add(first);
    l.addAll(rest);
    return l;
  }

  /** Operands after dropping options; the first non-option is the pattern for grep/sed. */
  private static List<String> operandsOf(List<String> args, int patternCount) {
    List<String> ops = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (a.startsWith("-") && a.length() > 1) {
        if (a.equals("-n")
            || a.equals("-d")
            || a.equals("-f")
            || a.equals("-c")
            || a.equals("-e")
            || a.equals("-k")
            || a.equals("-t")
            || a.equals("-m") && patternCount == 1) { // grep -m N (sort -m takes none)
          i++;
        }
        continue;
      }
      ops.add(a);
    }
    return ops.size() <= patternCount ? List.of() : ops.subList(patternCount, ops.size());
  }

  /** The text of the named inputs ("-" or none: stdin), with per-file errors reported. */
  record Input(String name, String text) {}

  static List<Input> inputs(ToolContext ctx, String tool, List<String> files, int[] status) {
    return inputs(ctx, tool, files, status, Long.MAX_VALUE);
  }

  /** The inputs, of each file at most its first {@code max} bytes ({@code head -c N}). */
  static List<Input> inputs(
      ToolContext ctx, String tool, List<String> files, int[] status, long max) {
    List<Input> in = new ArrayList<>();
    if (files.isEmpty()) {
      in.add(new Input("(standard input)", stdin(ctx)));
      return in;
    }
    for (String f : files) {
      if (f.equals("-")) {
        in.add(new Input("(standard input)", stdin(ctx)));
        continue;
      }
      try {
        in.add(
            new Input(
                f, new String(ctx.fs().read(FileTools.path(ctx, f), max), StandardCharsets.UTF_8)));
      } catch (FsException e) {
        ctx.io().errln(tool + ": " + f + ": " + e.getMessage());
        status[0] = 2;
      }
    }
    return in;
  }

  private static String stdin(ToolContext ctx) {
    String in = ctx.io().stdin();
    return in == null ? "" : in;
  }

  static List<String> lines(String text) {
    if (text.isEmpty()) {
      return List.of();
    }
    String t = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    return List.of(t.split("\n", -1));
  }

  /** POSIX basic regular expressions: + ? | ( ) { } are literal unless escaped. */
  static String breToJava(String bre) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < bre.length(); i++) {
      char c = bre.charAt(i);
      if (c == '\\' && i + 1 < bre.length()) {
        char n = bre.charAt(++i);
        if ("+?|(){}".indexOf(n) >= 0) {
          sb.append(n);
        } else {
          sb.append('\\').append(n);
        }
      } else if ("+?|(){}".indexOf(c) >= 0) {
        sb.append('\\').append(c);
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  // ---- head, tail
  // --------------------------------------------------------------------------------

  /** -n or -c: lines, or bytes (with {@code bytes}). */
  record Count(long n, boolean fromStart, boolean bytes, List<String> files, String bad) {}

  static Count count(List<String> args, long dflt, boolean head, boolean busybox) {
    long n = dflt;
    boolean fromStart = false;
    boolean bytes = false;
    List<String> files = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      String v = null;
      boolean c = false;
      if ((a.equals("-n") || a.equals("-c")) && i + 1 < args.size()) {
        c = a.equals("-c");
        v = args.get(++i);
      } else if (a.startsWith("-n") || a.startsWith("-c")) {
        c = a.startsWith("-c");
        v = a.substring(2);
      } else if (a.startsWith("--lines=")) {
        v = a.substring(8);
      } else if (a.startsWith("--bytes=")) {
        c = true;
        v = a.substring(8);
      } else if (a.matches("-\\d+")) {
        v = a.substring(1);
      } else if (a.startsWith("-") && a.length() > 1) {
        if (a.equals("-q") || a.equals("-f") && !head) {
          continue; // tail -f follows (TailFollow); -q: no headers
        }
        return new Count(n, false, false, files, a.substring(1));
      } else {
        files.add(a);
      }
      if (v != null) {
        bytes = c;
        if (v.startsWith("+")) {
          fromStart = true;
          v = v.substring(1);
        }
        n = size(v.startsWith("-") ? v.substring(1) : v, busybox);
        if (n < 0) {
          return new Count(n, false, c, files, (c ? "c " : "n ") + v);
        }
      }
    }
    return new Count(n, fromStart, bytes, files, null);
  }

  /**
   * A count as head and tail read it, -1 if bad. coreutils (xstrtoumax): blanks and a {@code +}
   * before the digits, then {@code b} (512) or {@code K k M m G T P E Z Y} (powers of 1024;
   * coreutils 9.1 has no R, Q), each of these but {@code b} with an optional {@code B} or {@code D}
   * (powers of 1000: {@code 1KB} and {@code 1kB} are 1000) or {@code iB} ({@code 1KiB} is 1024);
   * too large is the largest. busybox ({@code xatoul_sfx}): digits and {@code b} 512, {@code k}
   * 1024 or {@code m} 1048576 only.
   */
  static long size(String v, boolean busybox) {
    java.util.regex.Matcher m =
        (busybox ? BUSYBOX_SIZE : GNU_SIZE).matcher(busybox ? v : v.stripLeading());
    if (!m.matches()) {
      return -1;
    }
    String unit = m.group(2);
    long per = 1;
    if (unit.equals("b")) {
      per = 512;
    } else if (!unit.isEmpty()) {
      int power = "KMGTPEZY".indexOf(Character.toUpperCase(unit.charAt(0))) + 1;
      long base = unit.endsWith("B") && !unit.endsWith("iB") || unit.endsWith("D") ? 1000 : 1024;
      for (int i = 0; i < power; i++) {
        per = per > Long.MAX_VALUE / base ? Long.MAX_VALUE : per * base;
      }
    }
    try {
      return Math.multiplyExact(Long.parseLong(m.group(1)), per);
    } catch (NumberFormatException | ArithmeticException e) {
      return busybox ? -1 : Long.MAX_VALUE; // coreutils takes a count too large as the largest
    }
  }

  private static final Pattern GNU_SIZE =
      Pattern.compile("\\+?([0-9]+)(|b|[KkMmGTPEZY](?:B|D|iB)?)");
  private static final Pattern BUSYBOX_SIZE = Pattern.compile("([0-9]+)(|b|k|m)");

  static int head(ToolContext ctx, List<String> args) {
    return headTail(ctx, args, true);
  }

  static int tail(ToolContext ctx, List<String> args) {
    return headTail(ctx, args, false);
  }

  private static int headTail(ToolContext ctx, List<String> args, boolean head) {
    String tool = head ? "head" : "tail";
    Count c = count(args, 10, head, ctx.busybox());
    if (c.bad() != null) {
      if (c.bad().startsWith("n ") || c.bad().startsWith("c ")) {
        String what = c.bad().startsWith("n ") ? "lines" : "bytes";
        String number = c.bad().substring(2);
        ctx.io()
            .errln(
                ctx.busybox()
                    ? tool + ": invalid number '" + number + "'"
                    : tool + ": invalid number of " + what + ": '" + number + "'");
        return 1;
      }
      return FileTools.badOption(ctx, c.bad());
    }
    int[] status = {0};
    List<Input> in =
        inputs(ctx, tool, c.files(), status, head && c.bytes() ? c.n() : Long.MAX_VALUE);
    boolean headers = c.files().size() > 1;
    for (int k = 0; k < in.size(); k++) {
      Input input = in.get(k);
      if (headers) {
        ctx.io().println((k > 0 ? "\n" : "") + "==> " + input.name() + " <==");
      }
      if (c.bytes()) {
        ctx.io().out().accept(bytes(input.text(), c, head));
        continue;
      }
      List<String> ls = lines(input.text());
      List<String> sel;
      if (head) {
        sel = ls.subList(0, (int) Math.min(c.n(), ls.size()));
      } else if (c.fromStart()) {
        sel = ls.subList((int) Math.min(Math.max(0, c.n() - 1), ls.size()), ls.size());
      } else {
        sel = ls.subList((int) Math.max(0, ls.size() - c.n()), ls.size());
      }
      for (int i = 0; i < sel.size(); i++) {
        boolean unended = i == sel.size() - 1 && !input.text().endsWith("\n");
        boolean last = head ? sel.size() == ls.size() : true;
        // the input's last line without its newline is passed on so (coreutils and busybox)
        ctx.io().out().accept(unended && last ? sel.get(i) : sel.get(i) + "\n");
      }
    }
    return status[0] == 0 ? 0 : 1;
  }

  /** head -c N, tail -c N, tail -c +N: a slice of the text's UTF-8 bytes. */
  private static String bytes(String text, Count c, boolean head) {
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    int n = (int) Math.min(c.n(), b.length);
    int from;
    int to;
    if (head) {
      from = 0;
      to = n;
    } else if (c.fromStart()) {
      from = (int) Math.min(Math.max(0, c.n() - 1), b.length);
      to = b.length;
    } else {
      from = b.length - n;
      to = b.length;
    }
    return new String(b, from, to - from, StandardCharsets.UTF_8);
  }

  // ---- wc ---------------------------------------------------------------------------------------

  /** {@code wc}'s lines, words and bytes of {@code t}; they add up over texts of whole lines. */
  static long[] wcCounts(String t) {
    long lines = 0;
    long words = 0;
    boolean inWord = false;
    for (int i = 0; i < t.length(); i++) {
      char ch = t.charAt(i);
      lines += ch == '\n' ? 1 : 0;
      boolean space = Character.isWhitespace(ch);
      words += !space && !inWord ? 1 : 0;
      inWord = !space;
    }
    return new long[] {lines, words, t.getBytes(StandardCharsets.UTF_8).length};
  }

  static int wc(ToolContext ctx, List<String> args) {
    FileTools.Opts o =
        FileTools.opts(args, "lwcm", Map.of("--lines", 'l', "--words", 'w', "--bytes", 'c'));
    if (o.bad() != null) {
      return FileTools.badOption(ctx, o.bad());
    }
    boolean l = o.has('l');
    boolean w = o.has('w');
    boolean c = o.has('c') || o.has('m');
    if (!l && !w && !c) {
      l = w = c = true;
    }
    int[] status = {0};
    // a pipe read as it came: counted then, not kept (ToolInput)
    long[] counted = ctx.io().in() == null ? null : ctx.io().in().counts();
    List<Input> in = inputs(ctx, "wc", o.operands(), status);
    List<long[]> counts = new ArrayList<>();
    long[] total = new long[3];
    for (Input input : in) {
      boolean stdin = counted != null && input.name().equals("(standard input)");
      long[] k = stdin ? counted : wcCounts(input.text());
      counts.add(k);
      total[0] += k[0];
      total[1] += k[1];
      total[2] += k[2];
    }
    boolean single = (l ? 1 : 0) + (w ? 1 : 0) + (c ? 1 : 0) == 1;
    boolean fromStdin = o.operands().isEmpty();
    int width;
    if (ctx.busybox()) {
      width = single && fromStdin ? 0 : 7;
    } else if (single && in.size() == 1) {
      width = 0;
    } else if (fromStdin) {
      width = 7;
    } else {
      width = String.valueOf(total[2]).length();
    }
    List<String> names = new ArrayList<>();
    for (Input input : in) {
      // wc names "-" as it was given (grep says "(standard input)")
      names.add(fromStdin ? null : input.name().equals("(standard input)") ? "-" : input.name());
    }
    if (in.size() > 1) {
      counts.add(total);
      names.add("total");
    }
    for (int i = 0; i < counts.size(); i++) {
      long[] k = counts.get(i);
      List<String> cols = new ArrayList<>();
      if (l) {
        cols.add(FileTools.pad(String.valueOf(k[0]), width, true));
      }
      if (w) {
        cols.add(FileTools.pad(String.valueOf(k[1]), width, true));
      }
      if (c) {
        cols.add(FileTools.pad(String.valueOf(k[2]), width, true));
      }
      String line = String.join(" ", cols);
      if (names.get(i) != null) {
        line += " " + names.get(i);
      }
      ctx.io().println(line);
    }
    return status[0] == 0 ? 0 : 1;
  }

  // ---- sort, uniq -----------------------------------------------------------------------------

  static int sort(ToolContext ctx, List<String> args) {
    FileTools.Opts o =
        FileTools.opts(args, "rnuf", Map.of("--reverse", 'r', "--numeric-sort", 'n'));
    if (o.bad() != null) {
      return FileTools.badOption(ctx, o.bad());
    }
    int[] status = {0};
    List<String> all = new ArrayList<>();
    for (Input in : inputs(ctx, "sort", o.operands(), status)) {
      all.addAll(lines(in.text()));
    }
    Comparator<String> cmp =
        o.has('n')
            ? Comparator.comparingDouble(TextTools::leadingNumber).thenComparing(s -> s)
            : o.has('f') ? String.CASE_INSENSITIVE_ORDER : Comparator.naturalOrder();
    if (o.has('r')) {
      cmp = cmp.reversed();
    }
    all.sort(cmp);
    String prev = null;
    for (String s : all) {
      if (o.has('u') && s.equals(prev)) {
        continue;
      }
      ctx.io().println(s);
      prev = s;
    }
    return status[0] == 0 ? 0 : 2;
  }

  private static double leadingNumber(String s) {
    Matcher m = Pattern.compile("^\\s*(-?\\d+(\\.\\d+)?)").matcher(s);
    return m.find() ? Double.parseDouble(m.group(1)) : 0;
  }

  static int uniq(ToolContext ctx, List<String> args) {
    FileTools.Opts o = FileTools.opts(args, "cdui", Map.of("--count", 'c'));
    if (o.bad() != null) {
      return FileTools.badOption(ctx, o.bad());
    }
    int[] status = {0};
    List<Input> in =
        inputs(
            ctx, "uniq", o.operands().isEmpty() ? List.of() : o.operands().subList(0, 1), status);
    List<String> ls = in.isEmpty() ? List.of() : lines(in.get(0).text());
    int i = 0;
    while (i < ls.size()) {
      int j = i;
      while (j < ls.size()
          && (o.has('i') ? ls.get(j).equalsIgnoreCase(ls.get(i)) : ls.get(j).equals(ls.get(i)))) {
        j++;
      }
      int n = j - i;
      boolean show = o.has('d') ? n > 1 : !o.has('u') || n == 1;
      if (show) {
        ctx.io().println(o.has('c') ? String.format("%7d %s", n, ls.get(i)) : ls.get(i));
      }
      i = j;
    }
    return status[0] == 0 ? 0 : 1;
  }

  // ---- cut, tr ----------------------------------------------------------------------------------

  static int cut(ToolContext ctx, List<String> args) {
    String delim = "\t";
    String fields = null;
    String chars = null;
    List<String> files = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (a.startsWith("-d")) {
        delim = a.length() > 2 ? a.substring(2) : i + 1 < args.size() ? args.get(++i) : "\t";
      } else if (a.startsWith("-f")) {
        fields = a.length() > 2 ? a.substring(2) : i + 1 < args.size() ? args.get(++i) : "";
      } else if (a.startsWith("-c") || a.startsWith("-b")) {
        chars = a.length() > 2 ? a.substring(2) : i + 1 < args.size() ? args.get(++i) : "";
      } else {
        files.add(a);
      }
    }
    if (fields == null && chars == null) {
      ctx.io().errln("cut: you must specify a list of bytes, characters, or fields");
      ctx.io().errln("Try 'cut --help' for more information.");
      return 1;
    }
    List<int[]> ranges = ranges(fields != null ? fields : chars);
    if (ranges == null) {
      ctx.io().errln("cut: invalid field value '" + (fields != null ? fields : chars) + "'");
      return 1;
    }
    int[] status = {0};
    for (Input in : inputs(ctx, "cut", files, status)) {
      for (String line : lines(in.text())) {
        if (chars != null) {
          StringBuilder sb = new StringBuilder();
          for (int k = 1; k <= line.length(); k++) {
            if (selected(ranges, k)) {
              sb.append(line.charAt(k - 1));
            }
          }
          ctx.io().println(sb.toString());
          continue;
        }
        if (!line.contains(delim)) {
          ctx.io().println(line);
          continue;
        }
        String[] parts = line.split(Pattern.quote(delim), -1);
        List<String> out = new ArrayList<>();
        for (int k = 1; k <= parts.length; k++) {
          if (selected(ranges, k)) {
            out.add(parts[k - 1]);
          }
        }
        ctx.io().println(String.join(delim, out));
      }
    }
    return status[0] == 0 ? 0 : 1;
  }

  private static List<int[]> ranges(String spec) {
    List<int[]> r = new ArrayList<>();
    try {
      for (String part : spec.split(",")) {
        if (part.contains("-")) {
          String[] ab = part.split("-", -1);
          int a = ab[0].isEmpty() ? 1 : Integer.parseInt(ab[0]);
          int b = ab[1].isEmpty() ? Integer.MAX_VALUE : Integer.parseInt(ab[1]);
          r.add(new int[] {a, b});
        } else {
          int a = Integer.parseInt(part);
          r.add(new int[] {a, a});
        }
      }
    } catch (NumberFormatException e) {
      return null;
    }
    return r;
  }

  private static boolean selected(List<int[]> ranges, int k) {
    for (int[] r : ranges) {
      if (k >= r[0] && k <= r[1]) {
        return true;
      }
    }
    return false;
  }

  static int tr(ToolContext ctx, List<String> args) {
    boolean delete = false;
    boolean squeeze = false;
    List<String> sets = new ArrayList<>();
    for (String a : args) {
      if (a.equals("-d")) {
        delete = true;
      } else if (a.equals("-s")) {
        squeeze = true;
      } else if (a.equals("-ds") || a.equals("-sd")) {
        delete = squeeze = true;
      } else {
        sets.add(a);
      }
    }
    if (sets.isEmpty() || (!delete && !squeeze && sets.size() < 2)) {
      ctx.io()
          .errln(
              sets.isEmpty()
                  ? "tr: missing operand"
                  : "tr: missing operand after '" + sets.get(0) + "'");
      ctx.io().errln("Try 'tr --help' for more information.");
      return 1;
    }
    String from = expandSet(sets.get(0));
    String to = sets.size() > 1 ? expandSet(sets.get(1)) : "";
    String in = stdin(ctx);
    StringBuilder sb = new StringBuilder();
    char last = 0;
    boolean hasLast = false;
    for (char c : in.toCharArray()) {
      int idx = from.indexOf(c);
      char outC;
      if (delete && idx >= 0) {
        continue;
      }
      if (!delete && idx >= 0 && !to.isEmpty()) {
        outC = to.charAt(Math.min(idx, to.length() - 1));
      } else {
        outC = c;
      }
      String squeezeSet = delete ? to : (to.isEmpty() ? from : to);
      if (squeeze && hasLast && last == outC && squeezeSet.indexOf(outC) >= 0) {
        continue;
      }
      sb.append(outC);
      last = outC;
      hasLast = true;
    }
    ctx.io().out().accept(sb.toString());
    return 0;
  }

  /**
   * A set of tr: classes, ranges and backslash escapes ({@code \\n \\t \\r \\a \\b \\f \\v \\\\}
   * and octal {@code \\NNN}, so {@code tr -d '\\000'} names NUL), as GNU tr 9.1 and busybox's read
   * them.
   */
  static String expandSet(String set) {
    String s =
        set.replace("[:lower:]", "a-z")
            .replace("[:upper:]", "A-Z")
            .replace("[:digit:]", "0-9")
            .replace("[:space:]", " \t\n\r");
    StringBuilder chars = new StringBuilder();
    StringBuilder escaped = new StringBuilder(); // 'e' where the char came from an escape
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length()) {
        char n = s.charAt(i + 1);
        int j = i + 1;
        if (n >= '0' && n <= '7') {
          while (j < s.length() && j < i + 4 && s.charAt(j) >= '0' && s.charAt(j) <= '7') {
            j++;
          }
          chars.append((char) (Integer.parseInt(s.substring(i + 1, j), 8) & 0xff));
          i = j - 1;
        } else {
          int k = "ntrabfv".indexOf(n);
          chars.append(k >= 0 ? "\n\t\r\007\b\f\013".charAt(k) : n);
          i++;
        }
        escaped.append('e');
      } else {
        chars.append(c);
        escaped.append(' ');
      }
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < chars.length(); i++) {
      char c = chars.charAt(i);
      if (i + 2 < chars.length() && chars.charAt(i + 1) == '-' && escaped.charAt(i + 1) == ' ') {
        char end = chars.charAt(i + 2);
        for (char k = c; k <= end; k++) {
          sb.append(k);
        }
        i += 2;
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  // ---- sed -----------------------------------------------------------------------------------

  /** sed with s/RE/REPLACEMENT/[gi] commands (several with -e or ';'), -n, p flag and -i. */
  static int sed(ToolContext ctx, List<String> args) {
    List<String> scripts = new ArrayList<>();
    List<String> files = new ArrayList<>();
    boolean quiet = false;
    boolean inPlace = false;
    boolean extended = false;
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (a.equals("-e") && i + 1 < args.size()) {
        scripts.add(args.get(++i));
      } else if (a.equals("-n")) {
        quiet = true;
      } else if (a.equals("-i")) {
        inPlace = true;
      } else if (a.equals("-E") || a.equals("-r")) {
        extended = true;
      } else if (scripts.isEmpty() && !a.startsWith("-")) {
        scripts.add(a);
      } else {
        files.add(a);
      }
    }
    List<Subst> cmds = new ArrayList<>();
    for (String s : scripts) {
      for (String part : s.split(";")) {
        if (part.isBlank()) {
          continue;
        }
        Subst sub = Subst.parse(part.strip(), extended);
        if (sub == null) {
          ctx.io()
              .errln(
                  "sed: -e expression #1, char "
                      + part.length()
                      + ": unknown command: `"
                      + part.strip().charAt(0)
                      + "'");
          return 1;
        }
        cmds.add(sub);
      }
    }
    int[] status = {0};
    for (Input in : inputs(ctx, "sed", files, status)) {
      StringBuilder out = new StringBuilder();
      List<String> lines = lines(in.text());
      int lastStart = -1;
      for (int k = 0; k < lines.size(); k++) {
        String line = lines.get(k);
        if (k == lines.size() - 1) {
          lastStart = out.length();
        }
        boolean printed = false;
        for (Subst s : cmds) {
          Matcher m = s.re().matcher(line);
          if (m.find()) {
            line = s.global() ? m.replaceAll(s.replacement()) : m.replaceFirst(s.replacement());
            if (s.print()) {
              out.append(line).append('\n');
              printed = true;
            }
          }
        }
        if (!quiet) {
          out.append(line).append('\n');
        } else if (!printed) {
          continue;
        }
      }
      if (lastStart >= 0 && out.length() > lastStart && !in.text().endsWith("\n")) {
        out.setLength(out.length() - 1); // GNU sed and busybox keep a last line's missing newline
      }
      if (inPlace && !in.name().equals("(standard input)")) {
        ctx.fs()
            .write(
                FileTools.path(ctx, in.name()),
                out.toString().getBytes(StandardCharsets.UTF_8),
                false);
      } else {
        ctx.io().out().accept(out.toString());
      }
    }
    return status[0] == 0 ? 0 : 2;
  }

  private record Subst(Pattern re, String replacement, boolean global, boolean print) {
    static Subst parse(String cmd, boolean extended) {
      if (cmd.length() < 4 || cmd.charAt(0) != 's') {
        return null;
      }
      char d = cmd.charAt(1);
      List<String> parts = new ArrayList<>();
      StringBuilder cur = new StringBuilder();
      for (int i = 2; i < cmd.length(); i++) {
        char c = cmd.charAt(i);
        if (c == '\\' && i + 1 < cmd.length() && cmd.charAt(i + 1) == d) {
          cur.append(d);
          i++;
        } else if (c == d) {
          parts.add(cur.toString());
          cur.setLength(0);
        } else {
          cur.append(c);
        }
      }
      parts.add(cur.toString());
      if (parts.size() < 3) {
        return null;
      }
      String flags = parts.get(2).toLowerCase(Locale.ROOT);
      String re = extended ? parts.get(0) : breToJava(parts.get(0));
      String repl =
          parts.get(1).replace("$", "\\$").replaceAll("\\\\(\\d)", "\\$$1").replace("&", "$0");
      try {
        return new Subst(
            Pattern.compile(re, flags.contains("i") ? Pattern.CASE_INSENSITIVE : 0),
            repl,
            flags.contains("g"),
            flags.contains("p"));
      } catch (PatternSyntaxException e) {
        return null;
      }
    }
  }
}

package dev.ddlab.dockerfile;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The first pass over a Dockerfile, as BuildKit's {@code parser.Parse}: parser directives at the
 * top ({@code # syntax=}, {@code # escape=}), comments, line continuations with the escape
 * character, empty continuation lines (a warning), and each instruction split the way its kind
 * splits arguments (JSON arrays, whitespace lists, key/value pairs, one string). Unknown
 * instructions pass here and fail in {@link Instructions}, as they do in BuildKit.
 */
public final class DockerfileParser {
  private static final Pattern DIRECTIVE =
      Pattern.compile("^#\\s*([a-zA-Z][a-zA-Z0-9]*)\\s*=\\s*(.+?)\\s*$");
  private static final Pattern WHITESPACE = Pattern.compile("[\\t\\u000B\\f\\r ]+");

  /** The parsed file: its instructions in order, the escape character, directives, warnings. */
  public record Result(List<Node> nodes, char escape, String syntax, List<String> warnings) {}

  private char escape = '\\';
  private Pattern continuation = continuationFor('\\');
  private boolean directivesDone;
  private final Set<String> seen = new HashSet<>();
  private String syntax = "";
  private final boolean heredocs;

  private DockerfileParser(boolean heredocs) {
    this.heredocs = heredocs;
  }

  /** Parses a Dockerfile's text, here-documents included (BuildKit's frontend 1.4+). */
  public static Result parse(String text) {
    return parse(text, true);
  }

  /**
   * Parses a Dockerfile's text; without {@code heredocs} as parsers before BuildKit's frontend 1.4
   * (Docker 20.10's classic builder): a {@code <<EOF} is an argument like any other and the body's
   * lines are instructions.
   */
  public static Result parse(String text, boolean heredocs) {
    return new DockerfileParser(heredocs).run(text);
  }

  private static Pattern continuationFor(char esc) {
    return Pattern.compile(Pattern.quote(String.valueOf(esc)) + "[ \\t]*$");
  }

  private Result run(String text) {
    List<String> lines = splitLines(text);
    List<Node> nodes = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    int i = 0;
    int current = 0;
    while (i < lines.size()) {
      String raw = lines.get(i++);
      if (current == 0 && raw.startsWith("\uFEFF")) {
        raw = raw.substring(1);
      }
      String processed = processLine(raw, true, current + 1);
      current++;
      int start = current;
      String line = processed;
      boolean end = true;
      Matcher m = continuation.matcher(line);
      if (m.find()) {
        line = line.substring(0, m.start());
        end = false;
      }
      if (end && line.isEmpty()) {
        continue;
      }
      boolean emptyContinuation = false;
      while (!end && i < lines.size()) {
        String next = lines.get(i++);
        String p = processLine(next, false, current + 1);
        current++;
        if (isComment(next)) {
          continue;
        }
        if (p.strip().isEmpty()) {
          emptyContinuation = true;
          continue;
        }
        Matcher mc = continuation.matcher(p);
        if (mc.find()) {
          p = p.substring(0, mc.start());
        } else {
          end = true;
        }
        line += p;
      }
      if (emptyContinuation) {
        warnings.add("[WARNING]: Empty continuation line found in:\n    " + line);
      }
      Node node = nodeFromLine(line, start, current);
      if (heredocs && node.canContainHeredoc() && line.contains("<<")) {
        List<Heredoc> docs = new ArrayList<>();
        for (Heredoc h : Heredoc.fromLine(line)) {
          StringBuilder body = new StringBuilder();
          boolean terminated = false;
          while (i < lines.size()) {
            String l = lines.get(i++);
            current++;
            String possible = h.chomp() ? l.replaceFirst("^\t+", "") : l;
            if (possible.equals(h.name())) {
              terminated = true;
              break;
            }
            body.append(l);
            if (i < lines.size() || text.endsWith("\n")) {
              body.append('\n');
            }
          }
          if (!terminated) {
            throw new DockerfileException("unterminated heredoc", start, current);
          }
          docs.add(h.withContent(body.toString()));
        }
        node = node.withHeredocs(docs, current);
      }
      nodes.add(node);
    }
    if (!warnings.isEmpty()) {
      warnings.add("[WARNING]: Empty continuation lines will become errors in a future release.");
    }
    if (nodes.isEmpty()) {
      throw new DockerfileException("file with no instructions", current, 0);
    }
    return new Result(List.copyOf(nodes), escape, syntax, List.copyOf(warnings));
  }

  /** Go's bufio.ScanLines: split on \n, drop one trailing \r, no empty last line. */
  private static List<String> splitLines(String text) {
    List<String> out = new ArrayList<>();
    int from = 0;
    while (from < text.length()) {
      int nl = text.indexOf('\n', from);
      String l = nl < 0 ? text.substring(from) : text.substring(from, nl);
      if (l.endsWith("\r")) {
        l = l.substring(0, l.length() - 1);
      }
      out.add(l);
      if (nl < 0) {
        break;
      }
      from = nl + 1;
    }
    return out;
  }

  private static boolean isComment(String line) {
    return line.stripLeading().startsWith("#");
  }

  /** processLine: maybe strip leading space, check for a directive, drop a whole-line comment. */
  private String processLine(String line, boolean stripLeft, int lineNo) {
    String token = stripLeft ? line.stripLeading() : line;
    possibleDirective(token, lineNo);
    return token.startsWith("#") ? "" : token;
  }

  private void possibleDirective(String line, int lineNo) {
    if (directivesDone) {
      return;
    }
    Matcher m = DIRECTIVE.matcher(line);
    if (!m.matches()) {
      directivesDone = true;
      return;
    }
    String key = m.group(1).toLowerCase(Locale.ROOT);
    if (!key.equals("escape") && !key.equals("syntax")) {
      directivesDone = true;
      return;
    }
    if (!seen.add(key)) {
      throw new DockerfileException(
          "only one " + key + " parser directive can be used", lineNo, lineNo);
    }
    String value = m.group(2);
    if (key.equals("escape")) {
      if (!value.equals("`") && !value.equals("\\")) {
        throw new DockerfileException(
            "invalid escape token '" + value + "' does not match ` or \\", lineNo, lineNo);
      }
      escape = value.charAt(0);
      continuation = continuationFor(escape);
    } else {
      syntax = value;
    }
  }

  private Node nodeFromLine(String line, int start, int end) {
    String trimmed = line.strip();
    String[] parts = WHITESPACE.split(trimmed, 2);
    String cmd = parts[0].toLowerCase(Locale.ROOT);
    List<String> flags = new ArrayList<>();
    String rest = parts.length > 1 ? extractFlags(parts[1], flags) : "";
    List<String> args = new ArrayList<>();
    boolean json = false;
    Node sub = null;
    try {
      switch (cmd) {
        case "add", "copy", "volume" -> json = maybeJsonToList(rest, args);
        case "arg" -> args.addAll(words(rest));
        case "cmd", "entrypoint", "run", "shell" -> json = maybeJson(rest, args);
        case "env" -> nameVal(rest, "ENV", args);
        case "label" -> nameVal(rest, "LABEL", args);
        case "expose", "from" -> whitespaceList(rest, args);
        case "healthcheck" -> json = healthConfig(rest, args);
        case "maintainer", "stopsignal", "user", "workdir" -> {
          if (!rest.isEmpty()) {
            args.add(rest);
          }
        }
        case "onbuild" -> {
          if (!rest.isEmpty()) {
            sub = nodeFromLine(rest, start, end);
          }
        }
        default -> {
          // BuildKit ignores the arguments here; Instructions reports the unknown word.
        }
      }
    } catch (DockerfileException e) {
      throw new DockerfileException(e.getMessage(), start, end);
    }
    return new Node(cmd, flags, args, json, line, start, end, sub);
  }

  /** extractBuilderFlags: leading words that start with "--" (quotes kept together). */
  private static String extractFlags(String rest, List<String> flags) {
    int pos = 0;
    while (true) {
      while (pos < rest.length() && Character.isWhitespace(rest.charAt(pos))) {
        pos++;
      }
      if (!rest.startsWith("--", pos)) {
        return rest.substring(pos);
      }
      StringBuilder w = new StringBuilder();
      char quote = 0;
      while (pos < rest.length()) {
        char c = rest.charAt(pos);
        if (quote == 0 && Character.isWhitespace(c)) {
          break;
        }
        if (quote == 0 && (c == '"' || c == '\'')) {
          quote = c;
        } else if (c == quote) {
          quote = 0;
        } else {
          w.append(c);
        }
        pos++;
      }
      if (w.toString().equals("--")) {
        return rest.substring(pos).stripLeading();
      }
      flags.add(w.toString());
    }
  }

  private static void whitespaceList(String rest, List<String> args) {
    if (rest.isEmpty()) {
      return;
    }
    for (String s : WHITESPACE.split(rest, -1)) {
      args.add(s);
    }
  }

  /** parseJSON: a JSON array of strings, or null when the text is not a JSON array at all. */
  private static List<String> json(String rest) {
    String r = rest.stripLeading();
    if (!r.startsWith("[")) {
      return null;
    }
    List<String> out = Json.stringArray(r);
    if (out == null) {
      return null;
    }
    return out;
  }

  private static boolean maybeJson(String rest, List<String> args) {
    if (rest.isEmpty()) {
      return false;
    }
    List<String> j = json(rest);
    if (j != null) {
      args.addAll(j);
      return true;
    }
    args.add(rest);
    return false;
  }

  private static boolean maybeJsonToList(String rest, List<String> args) {
    List<String> j = json(rest);
    if (j != null) {
      args.addAll(j);
      return true;
    }
    whitespaceList(rest, args);
    return false;
  }

  private static boolean healthConfig(String rest, List<String> args) {
    int sep = 0;
    while (sep < rest.length() && !Character.isWhitespace(rest.charAt(sep))) {
      sep++;
    }
    if (sep == 0) {
      return false;
    }
    int next = sep;
    while (next < rest.length() && Character.isWhitespace(rest.charAt(next))) {
      next++;
    }
    args.add(rest.substring(0, sep));
    return maybeJson(rest.substring(next), args);
  }

  /** ENV/LABEL: the old "KEY value" form or "k=v k2=v2" pairs, flattened to key, value. */
  private void nameVal(String rest, String key, List<String> args) {
    List<String> ws = words(rest);
    if (ws.isEmpty()) {
      return;
    }
    if (!ws.get(0).contains("=")) {
      String[] parts = WHITESPACE.split(rest, 2);
      if (parts.length < 2) {
        throw new DockerfileException(key + " must have two arguments");
      }
      args.add(parts[0]);
      args.add(parts[1]);
      return;
    }
    for (String w : ws) {
      int eq = w.indexOf('=');
      if (eq < 0) {
        throw new DockerfileException(
            "Syntax error - can't find = in "
                + Json.goQuote(w)
                + ". Must be of the form: name=value");
      }
      args.add(w.substring(0, eq));
      args.add(w.substring(eq + 1));
    }
  }

  /** parseWords: space-delimited words, quotes and escapes kept for the later word processing. */
  private List<String> words(String rest) {
    List<String> words = new ArrayList<>();
    StringBuilder sb = new StringBuilder();
    boolean inWord = false;
    boolean blankOk = false;
    char quote = 0;
    int pos = 0;
    int n = rest.length();
    while (pos < n) {
      char ch = rest.charAt(pos);
      if (quote == 0) {
        if (!inWord) {
          if (Character.isWhitespace(ch)) {
            pos++;
            continue;
          }
          inWord = true;
        }
        if (Character.isWhitespace(ch)) {
          if (blankOk || sb.length() > 0) {
            words.add(sb.toString());
          }
          sb.setLength(0);
          blankOk = false;
          inWord = false;
          pos++;
          continue;
        }
        if (ch == '\'' || ch == '"') {
          quote = ch;
          blankOk = true;
          sb.append(ch);
          pos++;
          continue;
        }
        if (ch == escape) {
          if (pos + 1 == n) {
            pos++;
            continue;
          }
          sb.append(ch).append(rest.charAt(pos + 1));
          pos += 2;
          continue;
        }
        sb.append(ch);
        pos++;
      } else {
        if (ch == quote) {
          quote = 0;
          sb.append(ch);
          pos++;
          continue;
        }
        if (ch == escape && quote != '\'') {
          if (pos + 1 == n) {
            pos++;
            quote = 0;
            continue;
          }
          sb.append(ch).append(rest.charAt(pos + 1));
          pos += 2;
          continue;
        }
        sb.append(ch);
        pos++;
      }
    }
    if (inWord || quote != 0) {
      if (blankOk || sb.length() > 0) {
        words.add(sb.toString());
      }
    }
    return words;
  }
}

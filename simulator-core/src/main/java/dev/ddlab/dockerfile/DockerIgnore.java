package dev.ddlab.dockerfile;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A build context's {@code .dockerignore} (moby's {@code dockerignore.ReadAll} and {@code
 * patternmatcher}): one pattern a line, {@code #} comments, {@code !} exceptions, paths cleaned and
 * relative to the context; {@code *} and {@code ?} stay within a path element, {@code **} spans any
 * number of them; a path is excluded when it or one of its parents matches, the last matching
 * pattern deciding.
 */
public final class DockerIgnore {
  private record Rule(String pattern, Pattern regex, boolean exclusion) {}

  private final List<Rule> rules;

  private DockerIgnore(List<Rule> rules) {
    this.rules = rules;
  }

  /** No patterns: nothing is excluded. */
  public static final DockerIgnore NONE = new DockerIgnore(List.of());

  /** Reads a .dockerignore's text. */
  public static DockerIgnore read(String text) {
    List<Rule> rules = new ArrayList<>();
    for (String line : text.split("\n", -1)) {
      String p = line;
      if (p.startsWith("#")) {
        continue;
      }
      p = p.strip();
      if (p.isEmpty()) {
        continue;
      }
      boolean invert = p.startsWith("!");
      if (invert) {
        p = p.substring(1).strip();
      }
      if (!p.isEmpty()) {
        p = clean(p);
        if (p.length() > 1 && p.startsWith("/")) {
          p = p.substring(1);
        }
      }
      rules.add(new Rule(p, regex(p), invert));
    }
    return new DockerIgnore(List.copyOf(rules));
  }

  /** The patterns as read ({@code !} kept), for messages and tests. */
  public List<String> patterns() {
    List<String> out = new ArrayList<>();
    rules.forEach(r -> out.add((r.exclusion ? "!" : "") + r.pattern));
    return out;
  }

  /**
   * Whether a context path (relative, "/"-separated, e.g. {@code node_modules/x/index.js}) is left
   * out of the context.
   */
  public boolean excluded(String path) {
    String file = clean(path);
    if (file.startsWith("/")) {
      file = file.substring(1);
    }
    List<String> parents = new ArrayList<>();
    for (int i = file.indexOf('/'); i >= 0; i = file.indexOf('/', i + 1)) {
      parents.add(file.substring(0, i));
    }
    boolean matched = false;
    for (Rule r : rules) {
      if (r.exclusion != matched) {
        continue; // an exception cannot unmatch what did not match, and vice versa
      }
      boolean m = r.regex.matcher(file).matches();
      if (!m) {
        for (String p : parents) {
          if (r.regex.matcher(p).matches()) {
            m = true;
            break;
          }
        }
      }
      if (m) {
        matched = !r.exclusion;
      }
    }
    return matched;
  }

  /** Go's path.Clean for relative and absolute paths. */
  static String clean(String p) {
    boolean abs = p.startsWith("/");
    List<String> out = new ArrayList<>();
    for (String part : p.split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        if (!out.isEmpty() && !out.get(out.size() - 1).equals("..")) {
          out.remove(out.size() - 1);
        } else if (!abs) {
          out.add("..");
        }
        continue;
      }
      out.add(part);
    }
    String joined = String.join("/", out);
    if (abs) {
      return "/" + joined;
    }
    return joined.isEmpty() ? "." : joined;
  }

  /** patternmatcher's compile: ** spans directories, * and ? do not cross "/". */
  private static Pattern regex(String pattern) {
    StringBuilder re = new StringBuilder("^");
    int n = pattern.length();
    for (int i = 0; i < n; i++) {
      char c = pattern.charAt(i);
      if (c == '*') {
        if (i + 1 < n && pattern.charAt(i + 1) == '*') {
          i++;
          if (i + 1 < n && pattern.charAt(i + 1) == '/') {
            i++; // "**/" matches zero or more directories
            re.append("(.*/)?");
          } else {
            re.append(".*");
          }
        } else {
          re.append("[^/]*");
        }
      } else if (c == '?') {
        re.append("[^/]");
      } else if (c == '\\' && i + 1 < n) {
        re.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
      } else if (c == '[') {
        int end = pattern.indexOf(']', i + 1);
        if (end < 0) {
          re.append(Pattern.quote("["));
        } else {
          String cls = pattern.substring(i + 1, end);
          if (cls.startsWith("^") || cls.startsWith("!")) {
            cls = "^" + cls.substring(1);
          }
          re.append('[').append(cls.replace("\\", "\\\\").replace("[", "\\[")).append(']');
          i = end;
        }
      } else {
        re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    re.append('$');
    try {
      return Pattern.compile(re.toString());
    } catch (java.util.regex.PatternSyntaxException e) {
      return Pattern.compile("(?!)");
    }
  }
}

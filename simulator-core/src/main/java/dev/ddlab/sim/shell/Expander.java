package dev.ddlab.sim.shell;

import dev.ddlab.fs.FileSystem;
import dev.ddlab.fs.FsException;
import dev.ddlab.sim.shell.Ast.Arith;
import dev.ddlab.sim.shell.Ast.CommandSub;
import dev.ddlab.sim.shell.Ast.Literal;
import dev.ddlab.sim.shell.Ast.Param;
import dev.ddlab.sim.shell.Ast.Part;
import dev.ddlab.sim.shell.Ast.Tilde;
import dev.ddlab.sim.shell.Ast.Word;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Word expansion in the POSIX order: tilde, parameters, command substitution (already run, looked
 * up by node), field splitting of unquoted results on {@code $IFS}, pathname expansion ({@code *},
 * {@code ?}, {@code [..]}) of unquoted pattern characters, and quote removal. {@code "$@"} becomes
 * one field per positional parameter.
 */
final class Expander {
  /** What expansion reads from the shell. */
  interface Shell {
    /** A parameter's value ({@code HOME}, {@code ?}, {@code 1}), or null when unset. */
    String param(String name);

    /** The positional parameters, for {@code "$@"}. */
    List<String> positional();

    /** Evaluates the text of a {@code $(( … ))} after its parameters are expanded. */
    String arithmetic(String expression);

    /** {@code set -u}: whether expanding an unset variable is an error. */
    boolean nounset();

    /** bash's {@code ${!prefix@}}: the names of the set variables that start so, sorted. */
    default List<String> variablesStarting(String prefix) {
      return List.of();
    }

    /** {@code ${X=word}}: sets the variable. */
    default void assign(String name, String value) {
      throw new UnsupportedOperationException(name);
    }

    /** {@code set -f}: whether words are left unglobbed. */
    default boolean noglob() {
      return false;
    }

    /**
     * Whether {@code ${#NAME}} counts characters (bash in a UTF-8 locale) rather than bytes, and
     * {@code ${#@}} the parameters rather than the length of their joined text (busybox ash).
     */
    default boolean countsCharacters() {
      return true;
    }
  }

  /** {@code set -u} met an unset variable: the shell's error, then the command line ends. */
  static final class Unbound extends RuntimeException {
    /** What the shell says after the parameter's name, or null for set -u's own words. */
    final String said;

    /** {@code ${1=x}}: a parameter that is not a variable cannot be assigned. */
    final boolean badAssign;

    Unbound(String name) {
      this(name, null);
    }

    Unbound(String name, String said) {
      this(name, said, false);
    }

    Unbound(String name, String said, boolean badAssign) {
      super(name);
      this.said = said;
      this.badAssign = badAssign;
    }
  }

  /**
   * A form the shell has not, or a value it cannot cut: bash's words ({@code ${X!}: bad
   * substitution}, {@code -4: substring expression < 0}, {@code X: invalid indirect expansion});
   * dash and busybox each say their one sentence.
   */
  static final class BadSubstitution extends RuntimeException {
    BadSubstitution(String bashSays) {
      super(bashSays);
    }
  }

  static final String DEFAULT_IFS = " \t\n";

  private final Shell shell;
  private final Map<CommandSub, String> substitutions;
  private final FileSystem fs;
  private final String cwd;

  Expander(Shell shell, Map<CommandSub, String> substitutions, FileSystem fs, String cwd) {
    this.shell = shell;
    this.substitutions = substitutions;
    this.fs = fs;
    this.cwd = cwd;
  }

  /**
   * A field under construction: its text and, in parallel, a glob pattern (quoted chars escaped).
   */
  private static final class Field {
    final StringBuilder text = new StringBuilder();
    final StringBuilder pattern = new StringBuilder();
    boolean hasGlob;

    void append(String s, boolean quoted) {
      text.append(s);
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        boolean special = c == '*' || c == '?' || c == '[' || c == ']' || c == '\\';
        if ((quoted && special) || c == '\\') {
          pattern.append('\\');
        } else if (c == '*' || c == '?' || c == '[') {
          hasGlob = true;
        }
        pattern.append(c);
      }
    }
  }

  /** Expands words into command arguments (splitting and globbing). */
  List<String> fields(List<Word> words) {
    List<String> out = new ArrayList<>();
    for (Word w : words) {
      for (Field f : split(w)) {
        if (f.hasGlob && !shell.noglob() && hasUnescapedGlob(f.pattern.toString())) {
          List<String> matches = glob(f.pattern.toString());
          if (!matches.isEmpty()) {
            out.addAll(matches);
            continue;
          }
        }
        out.add(f.text.toString());
      }
    }
    return out;
  }

  /**
   * The arguments of a declaration utility ({@code export}, {@code local}): a {@code NAME=value}
   * argument is expanded as an assignment is, without splitting or globbing, so {@code export X=$Y}
   * keeps the blanks in {@code $Y}.
   */
  List<String> declarationFields(List<Word> words) {
    List<String> out = new ArrayList<>();
    for (Word w : words) {
      if (!out.isEmpty()
          && w.parts().get(0) instanceof Literal l
          && !l.quoted()
          && l.text().matches("[A-Za-z_][A-Za-z0-9_]*=.*")) {
        out.add(single(w));
      } else {
        out.addAll(fields(List.of(w)));
      }
    }
    return out;
  }

  /** Expands a word to one string (assignments, redirection targets): no splitting, no globbing. */
  String single(Word w) {
    StringBuilder sb = new StringBuilder();
    for (Part p : w.parts()) {
      sb.append(value(p));
    }
    return sb.toString();
  }

  private String value(Part p) {
    if (p instanceof Literal l) {
      return l.text();
    }
    if (p instanceof Tilde t) {
      return tilde(t);
    }
    if (p instanceof Param v) {
      if (Param.BAD.equals(v.op())) {
        throw new BadSubstitution("${" + v.name() + "}: bad substitution");
      }
      String val = param(v.name());
      if (v.op() != null) {
        return operator(v, val);
      }
      if (val == null && shell.nounset() && !SPECIAL.contains(v.name())) {
        throw new Unbound(v.name());
      }
      return val == null ? "" : val;
    }
    if (p instanceof Arith a) {
      return shell.arithmetic(expandParams(a.expression()));
    }
    CommandSub s = (CommandSub) p;
    String out = substitutions.getOrDefault(s, "");
    int end = out.length();
    while (end > 0 && out.charAt(end - 1) == '\n') {
      end--;
    }
    return out.substring(0, end);
  }

  /**
   * POSIX's {@code ${X-w} ${X=w} ${X+w} ${X?w}} (with a colon a null value counts as unset too) and
   * {@code ${X#p} ${X##p} ${X%p} ${X%%p}} (the shortest or longest match of pattern p cut from the
   * start or the end).
   */
  private String operator(Param v, String val) {
    String op = v.op();
    switch (op) {
      case "/", "//", "/#", "/%":
        return ParameterForms.replace(set(v, val), op, this, v.word(), v.word2());
      case ":":
        if (slicesParameters(v)) {
          String ifs = shell.param("IFS");
          String sep =
              v.name().equals("*") && ifs != null
                  ? (ifs.isEmpty() ? "" : ifs.substring(0, 1))
                  : " ";
          return String.join(sep, slice(v));
        }
        return ParameterForms.substring(
            set(v, val), text(v.word()), v.word2() == null ? null : text(v.word2()), shell);
      case "^", "^^", ",", ",,":
        return ParameterForms.changeCase(set(v, val), op, this, v.word());
      default:
        break;
    }
    boolean colon = op.startsWith(":");
    boolean missing = val == null || (colon && val.isEmpty());
    switch (colon ? op.substring(1) : op) {
      case "-":
        return missing ? text(v.word()) : val;
      case "+":
        return missing ? "" : text(v.word());
      case "=":
        if (!missing) {
          return val;
        }
        String w = text(v.word());
        if (!Character.isLetter(v.name().charAt(0)) && v.name().charAt(0) != '_') {
          throw new Unbound(v.name(), null, true);
        }
        shell.assign(v.name(), w);
        return w;
      case "?":
        if (!missing) {
          return val;
        }
        String said = text(v.word());
        throw new Unbound(
            v.name(),
            !said.isEmpty() ? said : colon ? "parameter null or not set" : "parameter not set");
      default:
        return trim(set(v, val), op, v.word());
    }
  }

  /**
   * bash's {@code ${@:off:len}} and {@code ${*:off:len}} take positional parameters ({@code $0} at
   * offset 0); busybox cuts their joined text as it cuts any value.
   */
  private boolean slicesParameters(Param v) {
    return ":".equals(v.op())
        && (v.name().equals("@") || v.name().equals("*"))
        && shell.countsCharacters();
  }

  private List<String> slice(Param v) {
    List<String> withZero = new ArrayList<>();
    withZero.add(shell.param("0"));
    withZero.addAll(shell.positional());
    return ParameterForms.slice(
        withZero, text(v.word()), v.word2() == null ? null : text(v.word2()), shell);
  }

  /** The value a pattern or substring form works on: "" when unset, an error under set -u. */
  private String set(Param v, String val) {
    if (val == null && shell.nounset() && !SPECIAL.contains(v.name())) {
      throw new Unbound(v.name());
    }
    return val == null ? "" : val;
  }

  /** A parameter operator's word: expanded, not split, quotes removed. */
  String text(Word w) {
    StringBuilder sb = new StringBuilder();
    for (Part p : w.parts()) {
      sb.append(value(p));
    }
    return sb.toString();
  }

  /** {@code # ## % %%}: the shortest or longest prefix or suffix matching the word's pattern. */
  private String trim(String val, String op, Word word) {
    java.util.regex.Matcher m = pattern(word).matcher(val);
    boolean longest = op.length() == 2;
    boolean prefix = op.charAt(0) == '#';
    for (int k = 0; k <= val.length(); k++) {
      int cut = prefix == longest ? val.length() - k : k;
      if (prefix ? m.region(0, cut).matches() : m.region(cut, val.length()).matches()) {
        return prefix ? val.substring(cut) : val.substring(0, cut);
      }
    }
    return val;
  }

  /** {@code $name}, {@code ${name}} and the special parameters inside an arithmetic expression. */
  private String expandParams(String expr) {
    if (expr.indexOf('$') < 0) {
      return expr;
    }
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < expr.length()) {
      char c = expr.charAt(i);
      if (c != '$' || i + 1 >= expr.length()) {
        out.append(c);
        i++;
        continue;
      }
      char n = expr.charAt(i + 1);
      int end;
      String name;
      if (n == '{') {
        end = expr.indexOf('}', i + 2);
        if (end < 0) {
          out.append(expr, i, expr.length());
          break;
        }
        name = expr.substring(i + 2, end);
        end++;
      } else if ("?$#!".indexOf(n) >= 0 || Character.isDigit(n)) {
        name = String.valueOf(n);
        end = i + 2;
      } else {
        end = i + 1;
        while (end < expr.length()
            && (Character.isLetterOrDigit(expr.charAt(end)) || expr.charAt(end) == '_')) {
          end++;
        }
        name = expr.substring(i + 1, end);
      }
      String v = name.isEmpty() ? "$" : param(name);
      out.append(v == null ? "" : v);
      i = end;
    }
    return out.toString();
  }

  /** Parameters that {@code set -u} never reports. */
  private static final java.util.Set<String> SPECIAL =
      java.util.Set.of("@", "*", "#", "?", "$", "!", "-", "0");

  private String param(String name) {
    if (name.length() > 1 && name.charAt(0) == '#') {
      return length(name.substring(1));
    }
    List<String> named = prefixNames(name);
    if (named != null) {
      String ifs = shell.param("IFS");
      String sep =
          name.endsWith("*") && ifs != null ? (ifs.isEmpty() ? "" : ifs.substring(0, 1)) : " ";
      return String.join(sep, named);
    }
    if (name.length() > 1 && name.charAt(0) == '!') {
      // bash's ${!X}: the parameter X's value names
      String ref = param(name.substring(1));
      if (ref == null || ref.isEmpty()) {
        throw new BadSubstitution(name.substring(1) + ": invalid indirect expansion");
      }
      return param(ref);
    }
    if (name.equals("@") || name.equals("*")) {
      List<String> args = shell.positional();
      if (args.isEmpty()) {
        return "";
      }
      String ifs = shell.param("IFS");
      String sep =
          name.equals("*") && ifs != null ? (ifs.isEmpty() ? "" : ifs.substring(0, 1)) : " ";
      return String.join(sep, args);
    }
    return shell.param(name);
  }

  /**
   * bash's {@code ${!prefix*}} and {@code ${!prefix@}}: the names of the set variables that start
   * with the prefix, sorted; null for any other name.
   */
  private List<String> prefixNames(String name) {
    if (name.length() < 3
        || name.charAt(0) != '!'
        || (!name.endsWith("*") && !name.endsWith("@"))
        || !name.substring(1, name.length() - 1).matches("[A-Za-z_][A-Za-z0-9_]*")) {
      return null;
    }
    return shell.variablesStarting(name.substring(1, name.length() - 1));
  }

  /**
   * {@code ${#NAME}}: the length of the value, in characters in bash (a UTF-8 locale) and in bytes
   * in busybox ash and dash; {@code ${#@}} and {@code ${#*}} the number of positional parameters in
   * bash, the length of their joined text in ash; {@code ${#NAME[@]}} the number of elements (the
   * shell keeps an array's elements as one spaced word), as bash 5.2 and the private dockerd's
   * busybox print them.
   */
  private String length(String name) {
    boolean characters = shell.countsCharacters();
    if ((name.equals("@") || name.equals("*")) && characters) {
      return String.valueOf(shell.positional().size());
    }
    String v = param(name);
    if (v == null && shell.nounset()) {
      throw new Unbound(name);
    }
    if (v == null || v.isEmpty()) {
      return "0";
    }
    if (name.endsWith("[@]") || name.endsWith("[*]")) {
      return String.valueOf(v.split(" ", -1).length);
    }
    return String.valueOf(
        characters
            ? v.codePointCount(0, v.length())
            : v.getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
  }

  private String tilde(Tilde t) {
    if (t.user().isEmpty()) {
      String home = shell.param("HOME");
      return home == null ? "~" : home;
    }
    return t.user().equals("root") ? "/root" : "/home/" + t.user();
  }

  private List<Field> split(Word w) {
    List<Field> fields = new ArrayList<>();
    String ifs = shell.param("IFS");
    if (ifs == null) {
      ifs = DEFAULT_IFS;
    }
    Field cur = null;
    boolean afterBlank = false;
    for (Part p : w.parts()) {
      boolean quoted = isQuoted(p);
      if (p instanceof Param v
          && quoted
          && (v.name().equals("@") || (v.name().endsWith("@") && prefixNames(v.name()) != null))
          && (v.op() == null || slicesParameters(v))) {
        // "$@" ("${@:2}", "${!prefix@}"): each its own field, joined to the text around it.
        List<String> args =
            !v.name().equals("@")
                ? prefixNames(v.name())
                : v.op() == null ? shell.positional() : slice(v);
        for (int k = 0; k < args.size(); k++) {
          if (k > 0) {
            fields.add(cur);
            cur = null;
          }
          if (cur == null) {
            cur = new Field();
          }
          cur.append(args.get(k), true);
        }
        continue;
      }
      String val = value(p);
      if (p instanceof Literal || p instanceof Tilde || quoted) {
        if (cur == null) {
          cur = new Field();
        }
        cur.append(val, quoted || p instanceof Tilde);
        afterBlank = false;
        continue;
      }
      // An unquoted expansion: IFS white space separates fields (runs of it count once); any
      // other IFS character ends one field, which may be empty.
      for (int i = 0; i < val.length(); i++) {
        char c = val.charAt(i);
        if (ifs.indexOf(c) < 0) {
          if (cur == null) {
            cur = new Field();
          }
          cur.append(String.valueOf(c), false);
          afterBlank = false;
        } else if (isBlank(c)) {
          if (cur != null) {
            fields.add(cur);
            cur = null;
            afterBlank = true;
          }
        } else {
          if (cur != null) {
            fields.add(cur);
          } else if (!afterBlank) {
            fields.add(new Field());
          }
          cur = null;
          afterBlank = false;
        }
      }
    }
    if (cur != null) {
      fields.add(cur);
    }
    return fields;
  }

  /** Whether a part's text is protected from splitting and pattern matching (a tilde's is). */
  private static boolean isQuoted(Part p) {
    if (p instanceof Literal l) {
      return l.quoted();
    }
    if (p instanceof Param v) {
      return v.quoted();
    }
    if (p instanceof CommandSub s) {
      return s.quoted();
    }
    return !(p instanceof Arith a) || a.quoted();
  }

  static boolean isBlank(char c) {
    return c == ' ' || c == '\t' || c == '\n';
  }

  /**
   * A word as a pattern ({@code case}, {@code [[ == ]]}): expanded without splitting or pathname
   * expansion, its quoted characters matching themselves.
   */
  Pattern pattern(Word w) {
    Field f = new Field();
    for (Part p : w.parts()) {
      boolean quoted = isQuoted(p);
      f.append(value(p), quoted);
    }
    return toRegex(f.pattern.toString());
  }

  /**
   * The right side of bash's {@code =~} as a Java regular expression: unquoted text is a POSIX
   * extended regular expression, quoted text matches itself.
   */
  String regex(Word w) {
    StringBuilder re = new StringBuilder();
    for (Part p : w.parts()) {
      boolean quoted = isQuoted(p);
      String v = value(p);
      re.append(quoted ? Pattern.quote(v) : posixClasses(v));
    }
    return re.toString();
  }

  /** {@code [[:digit:]]} and its kin, which Java spells {@code \p{Digit}}. */
  private static String posixClasses(String ere) {
    if (!ere.contains("[:")) {
      return ere;
    }
    String[][] classes = {
      {"alpha", "Alpha"}, {"digit", "Digit"}, {"alnum", "Alnum"}, {"upper", "Upper"},
      {"lower", "Lower"}, {"space", "Space"}, {"punct", "Punct"}, {"xdigit", "XDigit"},
      {"blank", "Blank"}, {"print", "Print"}, {"graph", "Graph"}, {"cntrl", "Cntrl"}
    };
    String out = ere;
    for (String[] c : classes) {
      out = out.replace("[:" + c[0] + ":]", "\\p{" + c[1] + "}");
    }
    return out;
  }

  // ---- pathname expansion -----------------------------------------------------------------------

  private List<String> glob(String pattern) {
    boolean absolute = pattern.startsWith("/");
    String[] segs = pattern.split("/");
    List<String> bases = new ArrayList<>();
    bases.add(absolute ? "/" : "");
    for (String seg : segs) {
      if (seg.isEmpty()) {
        continue;
      }
      List<String> nextBases = new ArrayList<>();
      boolean literal = !hasUnescapedGlob(seg);
      for (String base : bases) {
        String dir = base.isEmpty() ? cwd : dev.ddlab.fs.Paths.resolve(cwd, base);
        if (literal) {
          String name = unescape(seg);
          String candidate = join(base, name);
          if (fs.stat(dev.ddlab.fs.Paths.resolve(cwd, candidate)).isPresent()
              || fs.lstat(dev.ddlab.fs.Paths.resolve(cwd, candidate)).isPresent()) {
            nextBases.add(candidate);
          }
          continue;
        }
        Pattern re = toRegex(seg);
        List<String> names;
        try {
          names = fs.isDirectory(dir) ? fs.list(dir) : List.of();
        } catch (FsException e) {
          names = List.of();
        }
        for (String n : names) {
          if (n.startsWith(".") && !seg.startsWith(".")) {
            continue;
          }
          if (re.matcher(n).matches()) {
            nextBases.add(join(base, n));
          }
        }
      }
      bases = nextBases;
      if (bases.isEmpty()) {
        return List.of();
      }
    }
    if (pattern.endsWith("/")) {
      List<String> dirs = new ArrayList<>();
      for (String b : bases) {
        if (fs.isDirectory(dev.ddlab.fs.Paths.resolve(cwd, b))) {
          dirs.add(b + "/");
        }
      }
      return dirs;
    }
    return bases;
  }

  private static String join(String base, String name) {
    if (base.isEmpty()) {
      return name;
    }
    return base.endsWith("/") ? base + name : base + "/" + name;
  }

  private static boolean hasUnescapedGlob(String seg) {
    for (int i = 0; i < seg.length(); i++) {
      char c = seg.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '*' || c == '?' || c == '[' && closes(seg, i)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether the {@code [} at {@code open} starts a bracket expression: a {@code ]} follows it after
   * at least one character. A lone {@code [} (the test command, {@code [ $i -lt 20 ]}) matches only
   * itself, so it is not looked up among the directory's names: a busy loop of {@code [} listed the
   * working directory at every round.
   */
  private static boolean closes(String seg, int open) {
    int from = open + 1 < seg.length() && seg.charAt(open + 1) == '!' ? open + 2 : open + 1;
    return seg.indexOf(']', from + 1) > 0;
  }

  private static String unescape(String seg) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < seg.length(); i++) {
      char c = seg.charAt(i);
      if (c == '\\' && i + 1 < seg.length()) {
        sb.append(seg.charAt(++i));
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  static Pattern toRegex(String glob) {
    StringBuilder re = new StringBuilder();
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      switch (c) {
        case '\\' -> {
          if (i + 1 < glob.length()) {
            re.append(Pattern.quote(String.valueOf(glob.charAt(++i))));
          }
        }
        case '*' -> re.append(".*");
        case '?' -> re.append('.');
        case '[' -> {
          int close = glob.indexOf(']', i + 2);
          if (close < 0) {
            re.append("\\[");
          } else {
            String set = glob.substring(i + 1, close);
            if (set.startsWith("!")) {
              set = "^" + set.substring(1);
            }
            // '[' is literal in a glob set but opens a nested class in a Java one.
            re.append('[').append(set.replace("\\", "\\\\").replace("[", "\\[")).append(']');
            i = close;
          }
        }
        default -> re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    try {
      return Pattern.compile(re.toString(), Pattern.DOTALL);
    } catch (PatternSyntaxException e) {
      // A set bash cannot use either ([z-a]): the word matches only itself.
      return Pattern.compile(Pattern.quote(glob));
    }
  }
}

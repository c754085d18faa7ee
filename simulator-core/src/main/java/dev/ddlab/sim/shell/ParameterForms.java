package dev.ddlab.sim.shell;

import dev.ddlab.sim.shell.Ast.Word;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;

/**
 * The parameter forms beyond POSIX's that bash and busybox ash have (dash has none): the
 * replacements {@code ${X/p/r} ${X//p/r} ${X/#p/r} ${X/%p/r}}, the substring {@code ${X:off:len}}
 * and bash's case changes {@code ${X^p} ${X^^p} ${X,p} ${X,,p}}. bash counts characters (a UTF-8
 * locale), busybox bytes.
 */
final class ParameterForms {
  private ParameterForms() {}

  /**
   * {@code / // /# /%}: the first (every, the leading, the trailing) longest match of the pattern
   * replaced by the expanded replacement; an empty pattern replaces nothing, but bash's anchored
   * ones then add the replacement at their end.
   */
  static String replace(String val, String op, Expander ex, Word pattern, Word replacement) {
    String r = replacement == null ? "" : ex.text(replacement);
    if (pattern.parts().isEmpty()) {
      return op.equals("/#") ? r + val : op.equals("/%") ? val + r : val;
    }
    Matcher m = ex.pattern(pattern).matcher(val);
    int len = val.length();
    if (op.equals("/#")) {
      for (int end = len; end >= 0; end--) {
        if (m.region(0, end).matches()) {
          return r + val.substring(end);
        }
      }
      return val;
    }
    if (op.equals("/%")) {
      for (int start = 0; start <= len; start++) {
        if (m.region(start, len).matches()) {
          return val.substring(0, start) + r;
        }
      }
      return val;
    }
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < len) {
      m.region(i, len);
      if (m.lookingAt() && m.end() > i) {
        out.append(r);
        i = m.end();
        if (op.equals("/")) {
          return out.append(val, i, len).toString();
        }
      } else {
        out.append(val.charAt(i++));
      }
    }
    return out.toString();
  }

  /**
   * {@code ${X:off}} and {@code ${X:off:len}}, both arithmetic: a negative offset counts from the
   * end (nothing when it reaches before the start), a negative length leaves that many off the end.
   * bash refuses a length that ends before the offset; busybox then takes the rest.
   */
  static String substring(String val, String offset, String length, Expander.Shell shell) {
    boolean chars = shell.countsCharacters();
    byte[] bytes = chars ? null : val.getBytes(StandardCharsets.UTF_8);
    int n = chars ? val.codePointCount(0, val.length()) : bytes.length;
    long off = Long.parseLong(shell.arithmetic(offset));
    if (off < 0) {
      off += n;
    }
    if (off < 0 || off > n) {
      return "";
    }
    long end = n;
    if (length != null) {
      long l = Long.parseLong(shell.arithmetic(length));
      if (l >= 0) {
        end = Math.min(n, off + l);
      } else if (n + l >= off) {
        end = n + l;
      } else if (chars) {
        throw new Expander.BadSubstitution(length.strip() + ": substring expression < 0");
      }
    }
    if (!chars) {
      return new String(bytes, (int) off, (int) (end - off), StandardCharsets.UTF_8);
    }
    int from = val.offsetByCodePoints(0, (int) off);
    return val.substring(from, val.offsetByCodePoints(from, (int) (end - off)));
  }

  /**
   * bash's {@code ${@:off:len}}: the parameters from {@code off} ({@code withZero} starts with
   * {@code $0}; a negative offset counts back from the last, -1 being it), at most {@code len}.
   */
  static java.util.List<String> slice(
      java.util.List<String> withZero, String offset, String length, Expander.Shell shell) {
    int n = withZero.size();
    long off = Long.parseLong(shell.arithmetic(offset));
    if (off < 0) {
      off += n;
    }
    if (off < 0 || off >= n) {
      return java.util.List.of();
    }
    long end = n;
    if (length != null) {
      long l = Long.parseLong(shell.arithmetic(length));
      if (l < 0) {
        throw new Expander.BadSubstitution(length.strip() + ": substring expression < 0");
      }
      end = Math.min(n, off + l);
    }
    return withZero.subList((int) off, (int) end);
  }

  /**
   * bash's {@code ^ ^^ , ,,}: the first character (every character) that matches the pattern
   * ({@code ?} without one) in upper or lower case.
   */
  static String changeCase(String val, String op, Expander ex, Word pattern) {
    Matcher m = pattern.parts().isEmpty() ? null : ex.pattern(pattern).matcher("");
    boolean upper = op.charAt(0) == '^';
    boolean all = op.length() == 2;
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < val.length()) {
      int cp = val.codePointAt(i);
      String ch = new String(Character.toChars(cp));
      boolean change = m == null || m.reset(ch).matches();
      out.append(
          change
              ? (upper
                  ? ch.toUpperCase(java.util.Locale.ROOT)
                  : ch.toLowerCase(java.util.Locale.ROOT))
              : ch);
      i += ch.length();
      if (!all) {
        return out.append(val, i, val.length()).toString();
      }
    }
    return out.toString();
  }
}

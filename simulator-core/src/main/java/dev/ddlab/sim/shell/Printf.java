package dev.ddlab.sim.shell;

import java.util.List;
import java.util.Locale;

/**
 * {@code printf FORMAT [ARG…]} as the shells' builtins do it: C conversions ({@code %s %b %c %d %i
 * %u %o %x %X %e %f %g %%} with flags, width and precision, {@code *} from the arguments), the
 * format's backslash escapes, and the format used again while arguments remain. A number that is
 * not one is reported in the shell's words and the status is 1. {@code echo -e} shares the escapes.
 */
final class Printf {
  private Printf() {}

  static int run(Interpreter sh, List<String> args, Io io) {
    if (args.isEmpty()) {
      io.errln(
          sh.dialect() == Dialect.BASH
              ? "printf: usage: printf [-v var] format [arguments]"
              : ErrorPlace.name(sh) + ": usage: printf FORMAT [ARGUMENT...]");
      return 2;
    }
    String format = args.get(0);
    List<String> values = args.subList(1, args.size());
    StringBuilder out = new StringBuilder();
    int[] next = {0};
    boolean[] bad = {false};
    do {
      int used = next[0];
      if (!once(sh, format, values, next, out, bad, io)) {
        break; // \c: stop printing
      }
      if (next[0] == used) {
        break; // the format takes no argument: printed once
      }
    } while (next[0] < values.size());
    io.out().accept(out.toString());
    return bad[0] ? 1 : 0;
  }

  /** One pass over the format; false when {@code \c} ended the output. */
  private static boolean once(
      Interpreter sh,
      String f,
      List<String> values,
      int[] next,
      StringBuilder out,
      boolean[] bad,
      Io io) {
    for (int i = 0; i < f.length(); i++) {
      char c = f.charAt(i);
      if (c == '\\') {
        if (i + 1 < f.length() && f.charAt(i + 1) == 'c') {
          return false;
        }
        i = escape(f, i, out, false);
        continue;
      }
      if (c != '%' || i + 1 >= f.length()) {
        out.append(c);
        continue;
      }
      if (f.charAt(i + 1) == '%') {
        out.append('%');
        i++;
        continue;
      }
      int start = i;
      StringBuilder spec = new StringBuilder("%");
      i++;
      while (i < f.length() && "-+ #0".indexOf(f.charAt(i)) >= 0) {
        spec.append(f.charAt(i++));
      }
      i = number(sh, f, i, spec, values, next, bad, io);
      if (i < f.length() && f.charAt(i) == '.') {
        spec.append('.');
        i = number(sh, f, i + 1, spec, values, next, bad, io);
      }
      while (i < f.length() && "hlLqjzt".indexOf(f.charAt(i)) >= 0) {
        i++; // length modifiers change nothing here
      }
      if (i >= f.length()) {
        out.append(f, start, f.length());
        return true;
      }
      char conv = f.charAt(i);
      String arg = next[0] < values.size() ? values.get(next[0]++) : null;
      switch (conv) {
        case 's' -> out.append(fmt(spec + "s", arg == null ? "" : arg));
        case 'b' -> {
          StringBuilder b = new StringBuilder();
          String s = arg == null ? "" : arg;
          for (int k = 0; k < s.length(); k++) {
            if (s.charAt(k) == '\\' && k + 1 < s.length() && s.charAt(k + 1) == 'c') {
              out.append(fmt(spec + "s", b));
              return false;
            }
            k = s.charAt(k) == '\\' ? escape(s, k, b, true) : append(b, s.charAt(k), k);
          }
          out.append(fmt(spec + "s", b));
        }
        case 'c' -> out.append(fmt(spec + "s", arg == null || arg.isEmpty() ? "" : arg.charAt(0)));
        case 'd', 'i', 'u', 'o', 'x', 'X' -> {
          long v = integer(sh, arg, bad, io);
          char javaConv = conv == 'i' || conv == 'u' ? 'd' : conv;
          String js = spec.toString().replace(" ", "");
          String text = fmt(js + javaConv, v);
          if (spec.indexOf(" ") >= 0 && v >= 0 && javaConv == 'd') {
            text = " " + text;
          }
          out.append(text);
        }
        case 'e', 'E', 'f', 'F', 'g', 'G' -> {
          double v = real(sh, arg, bad, io);
          out.append(fmt(spec.toString() + (conv == 'F' ? 'f' : conv), v));
        }
        default -> {
          io.errln(
              sh.dialect() == Dialect.BASH
                  ? "bash: printf: `" + conv + "': invalid format character"
                  : ErrorPlace.name(sh) + ": printf: %" + conv + ": invalid directive");
          bad[0] = true;
          return false;
        }
      }
    }
    return true;
  }

  /** One conversion through Java's Formatter; a spec it does not take prints the bare value. */
  private static String fmt(String spec, Object value) {
    try {
      return String.format(Locale.ROOT, spec, value);
    } catch (java.util.IllegalFormatException e) {
      return String.valueOf(value);
    }
  }

  private static int append(StringBuilder b, char c, int k) {
    b.append(c);
    return k;
  }

  /** Digits or {@code *} (the next argument) of a width or precision, added to {@code spec}. */
  private static int number(
      Interpreter sh,
      String f,
      int i,
      StringBuilder spec,
      List<String> values,
      int[] next,
      boolean[] bad,
      Io io) {
    if (i < f.length() && f.charAt(i) == '*') {
      String arg = next[0] < values.size() ? values.get(next[0]++) : null;
      long n = integer(sh, arg, bad, io);
      if (n < 0 && spec.charAt(spec.length() - 1) != '.') {
        spec.append('-');
        n = -n;
      }
      spec.append(Math.max(0, Math.min(n, 10_000)));
      return i + 1;
    }
    int j = i;
    while (j < f.length() && Character.isDigit(f.charAt(j)) && j - i < 5) {
      j++;
    }
    spec.append(f, i, j);
    if (j == i && spec.charAt(spec.length() - 1) == '.') {
      spec.append('0');
    }
    return j;
  }

  private static long integer(Interpreter sh, String arg, boolean[] bad, Io io) {
    if (arg == null || arg.isEmpty()) {
      return 0;
    }
    if ((arg.startsWith("'") || arg.startsWith("\"")) && arg.length() > 1) {
      return arg.codePointAt(1);
    }
    String t = arg.strip();
    try {
      if (t.matches("[+-]?0[xX][0-9a-fA-F]+")) {
        boolean neg = t.startsWith("-");
        long v = Long.parseLong(t.replaceFirst("^[+-]?0[xX]", ""), 16);
        return neg ? -v : v;
      }
      if (t.matches("[+-]?0[0-7]+")) {
        return Long.parseLong(t, 8);
      }
      return Long.parseLong(t);
    } catch (NumberFormatException e) {
      invalid(sh, arg, bad, io);
      return leadingDigits(t);
    }
  }

  private static double real(Interpreter sh, String arg, boolean[] bad, Io io) {
    if (arg == null || arg.isEmpty()) {
      return 0;
    }
    try {
      return Double.parseDouble(arg.strip());
    } catch (NumberFormatException e) {
      invalid(sh, arg, bad, io);
      return leadingDigits(arg.strip());
    }
  }

  /** The number at the start of a word that is not all number ({@code 12abc} → 12), as C's. */
  private static long leadingDigits(String t) {
    int j = t.startsWith("-") || t.startsWith("+") ? 1 : 0;
    int k = j;
    while (k < t.length() && Character.isDigit(t.charAt(k)) && k - j < 18) {
      k++;
    }
    return k == j ? 0 : Long.parseLong(t.substring(0, k));
  }

  private static void invalid(Interpreter sh, String arg, boolean[] bad, Io io) {
    bad[0] = true;
    io.errln(
        switch (sh.dialect()) {
          case BASH -> "bash: printf: " + arg + ": invalid number";
          case DASH ->
              ErrorPlace.name(sh)
                  + ": "
                  + ErrorPlace.dash(sh)
                  + ": printf: "
                  + arg
                  + ": expected numeric value";
          default -> ErrorPlace.name(sh) + ": invalid number '" + arg + "'";
        });
  }

  /**
   * The backslash escape at {@code s[k]} appended to {@code out}; returns the index of its last
   * character. {@code \n \t \r \a \b \f \v \e \\}, octal ({@code \NNN}, or {@code \0NNN} when
   * {@code zeroOctal}, as echo -e and %b read it) and {@code \xHH}; anything else stays as written.
   */
  static int escape(String s, int k, StringBuilder out, boolean zeroOctal) {
    if (k + 1 >= s.length()) {
      out.append('\\');
      return k;
    }
    char n = s.charAt(k + 1);
    switch (n) {
      case 'n' -> out.append('\n');
      case 't' -> out.append('\t');
      case 'r' -> out.append('\r');
      case 'a' -> out.append('\007');
      case 'b' -> out.append('\b');
      case 'f' -> out.append('\f');
      case 'v' -> out.append('\013');
      case 'e' -> out.append('\033');
      case '\\' -> out.append('\\');
      case '"' -> out.append('"');
      case 'x' -> {
        int j = k + 2;
        while (j < s.length() && j < k + 4 && Character.digit(s.charAt(j), 16) >= 0) {
          j++;
        }
        if (j == k + 2) {
          out.append("\\x");
          return k + 1;
        }
        out.append((char) Integer.parseInt(s.substring(k + 2, j), 16));
        return j - 1;
      }
      default -> {
        if (n >= '0' && n <= '7' && (!zeroOctal || n == '0')) {
          int from = zeroOctal && n == '0' ? k + 2 : k + 1;
          int j = from;
          while (j < s.length() && j < from + 3 && s.charAt(j) >= '0' && s.charAt(j) <= '7') {
            j++;
          }
          out.append(j == from ? '\0' : (char) (Integer.parseInt(s.substring(from, j), 8) & 0xff));
          return j - 1;
        }
        out.append('\\').append(n);
      }
    }
    return k + 1;
  }
}

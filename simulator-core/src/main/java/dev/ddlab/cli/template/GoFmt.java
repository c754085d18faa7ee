package dev.ddlab.cli.template;

import java.util.List;

/** The part of Go's fmt.Sprintf that templates use: %v %s %d %q %t %x %X %f %g %e %c %%. */
public final class GoFmt {
  private GoFmt() {}

  public static String sprintf(String format, List<Object> args) {
    StringBuilder out = new StringBuilder();
    int argi = 0;
    int i = 0;
    while (i < format.length()) {
      char c = format.charAt(i);
      if (c != '%') {
        out.append(c);
        i++;
        continue;
      }
      i++;
      if (i >= format.length()) {
        out.append("%!(NOVERB)");
        break;
      }
      boolean minus = false;
      boolean plus = false;
      boolean zero = false;
      boolean sharp = false;
      boolean space = false;
      for (; i < format.length(); i++) {
        char f = format.charAt(i);
        if (f == '-') {
          minus = true;
        } else if (f == '+') {
          plus = true;
        } else if (f == '0') {
          zero = !minus;
        } else if (f == '#') {
          sharp = true;
        } else if (f == ' ') {
          space = true;
        } else {
          break;
        }
      }
      int width = -1;
      int start = i;
      while (i < format.length() && Character.isDigit(format.charAt(i))) {
        i++;
      }
      if (i > start) {
        width = Integer.parseInt(format.substring(start, i));
      }
      int precision = -1;
      if (i < format.length() && format.charAt(i) == '.') {
        i++;
        start = i;
        while (i < format.length() && Character.isDigit(format.charAt(i))) {
          i++;
        }
        precision = i > start ? Integer.parseInt(format.substring(start, i)) : 0;
      }
      if (i >= format.length()) {
        out.append("%!(NOVERB)");
        break;
      }
      char verb = format.charAt(i++);
      if (verb == '%') {
        out.append('%');
        continue;
      }
      if (argi >= args.size()) {
        out.append("%!").append(verb).append("(MISSING)");
        continue;
      }
      Object arg = args.get(argi++);
      String s = formatOne(verb, arg, precision, plus, sharp, space);
      if (width > s.length()) {
        String pad =
            (zero && !minus && verb != 's' && verb != 'v' && verb != 'q' ? "0" : " ")
                .repeat(width - s.length());
        if (minus) {
          s = s + pad;
        } else if (pad.startsWith("0") && (s.startsWith("-") || s.startsWith("+"))) {
          s = s.charAt(0) + pad + s.substring(1);
        } else {
          s = pad + s;
        }
      }
      out.append(s);
    }
    if (argi < args.size()) {
      out.append("%!(EXTRA ");
      for (int k = argi; k < args.size(); k++) {
        if (k > argi) {
          out.append(", ");
        }
        Object a = args.get(k);
        out.append(Values.typeName(a)).append('=').append(Values.print(a));
      }
      out.append(')');
    }
    return out.toString();
  }

  private static String bad(char verb, Object arg) {
    return "%!" + verb + "(" + Values.typeName(arg) + "=" + Values.print(arg) + ")";
  }

  private static String formatOne(
      char verb, Object arg, int precision, boolean plus, boolean sharp, boolean space) {
    switch (verb) {
      case 'v':
        if (sharp && arg instanceof String s) {
          return goQuote(s);
        }
        return arg == null ? "<nil>" : Values.print(arg);
      case 's':
        if (arg instanceof Long || arg instanceof Integer || arg instanceof Boolean) {
          return bad(verb, arg);
        }
        String s = arg == null ? "%!s(<nil>)" : Values.print(arg);
        return precision >= 0 && s.length() > precision ? s.substring(0, precision) : s;
      case 'q':
        if (arg instanceof String str) {
          return goQuote(str);
        }
        if (arg instanceof List<?> list) {
          StringBuilder sb = new StringBuilder("[");
          for (int k = 0; k < list.size(); k++) {
            if (k > 0) {
              sb.append(' ');
            }
            sb.append(goQuote(String.valueOf(list.get(k))));
          }
          return sb.append(']').toString();
        }
        if (arg instanceof Long l) {
          return "'" + new String(Character.toChars(l.intValue())) + "'";
        }
        return bad(verb, arg);
      case 'd':
        if (arg instanceof Long || arg instanceof Integer) {
          long v = ((Number) arg).longValue();
          return (plus && v >= 0 ? "+" : space && v >= 0 ? " " : "") + v;
        }
        return bad(verb, arg);
      case 'c':
        if (arg instanceof Long l) {
          return new String(Character.toChars(l.intValue()));
        }
        return bad(verb, arg);
      case 't':
        if (arg instanceof Boolean b) {
          return b.toString();
        }
        return bad(verb, arg);
      case 'x':
      case 'X':
        String hex;
        if (arg instanceof Long || arg instanceof Integer) {
          hex = Long.toHexString(((Number) arg).longValue());
        } else if (arg instanceof String str) {
          StringBuilder sb = new StringBuilder();
          for (byte b : str.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            sb.append(String.format("%02x", b & 0xff));
          }
          hex = sb.toString();
        } else {
          return bad(verb, arg);
        }
        return verb == 'X' ? hex.toUpperCase() : hex;
      case 'f':
      case 'F':
      case 'e':
      case 'g':
        if (!(arg instanceof Double) && !(arg instanceof Long && false)) {
          if (!(arg instanceof Double)) {
            return bad(verb, arg);
          }
        }
        double d = (Double) arg;
        if (verb == 'g') {
          return precision < 0 ? Values.formatFloat(d) : String.format("%." + precision + "g", d);
        }
        if (verb == 'e') {
          return String.format("%." + (precision < 0 ? 6 : precision) + "e", d);
        }
        return String.format("%." + (precision < 0 ? 6 : precision) + "f", d);
      default:
        return "%!" + verb + "(" + Values.typeName(arg) + "=" + Values.print(arg) + ")";
    }
  }

  /** strconv.Quote: a double-quoted Go string literal. */
  public static String goQuote(String s) {
    return dev.ddlab.go.GoStrconv.quote(s);
  }
}

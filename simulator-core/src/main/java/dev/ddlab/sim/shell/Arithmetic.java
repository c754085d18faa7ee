package dev.ddlab.sim.shell;

import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Shell arithmetic ({@code $(( … ))}): 64-bit integers, variables by bare name (unset or empty is
 * 0), C's operators with their precedence ({@code ?:}, {@code ||}, {@code &&}, bitwise,
 * comparisons, shifts, {@code + - * / %}, bash's {@code **}, unary {@code + - ! ~}, {@code ++} and
 * {@code --}) and assignments ({@code =}, {@code +=} …). Parameters written with {@code $} are
 * expanded before evaluation, as the shell does.
 */
final class Arithmetic {
  /** An expression the shell refuses; the message is what the dialect prints after its name. */
  static final class Error extends RuntimeException {
    Error(String message) {
      super(message);
    }
  }

  private final String src;
  private final Dialect dialect;
  private final Function<String, String> vars;
  private final BiConsumer<String, String> assign;
  private int pos;

  private Arithmetic(
      String src,
      Dialect dialect,
      Function<String, String> vars,
      BiConsumer<String, String> assign) {
    this.src = src;
    this.dialect = dialect;
    this.vars = vars;
    this.assign = assign;
  }

  /** Evaluates an expression whose {@code $} parameters are already expanded. */
  static long evaluate(
      String expression,
      Dialect dialect,
      Function<String, String> vars,
      BiConsumer<String, String> assign) {
    Arithmetic a = new Arithmetic(expression, dialect, vars, assign);
    a.skipBlanks();
    if (a.pos >= a.src.length()) {
      return 0;
    }
    long v = a.comma();
    a.skipBlanks();
    if (a.pos < a.src.length()) {
      throw a.syntaxError();
    }
    return v;
  }

  // ---- grammar, lowest precedence first ---------------------------------------------------------

  private long comma() {
    long v = assignment();
    while (eat(",")) {
      v = assignment();
    }
    return v;
  }

  private static final String[] ASSIGN_OPS = {
    "<<=", ">>=", "**=", "+=", "-=", "*=", "/=", "%=", "&=", "^=", "|=", "="
  };

  private long assignment() {
    int save = pos;
    skipBlanks();
    String name = name();
    if (name != null) {
      skipBlanks();
      for (String op : ASSIGN_OPS) {
        if (src.startsWith(op, pos) && !(op.equals("=") && src.startsWith("==", pos))) {
          pos += op.length();
          int at = pos;
          long rhs = assignment();
          long v =
              op.equals("=") ? rhs : apply(op.substring(0, op.length() - 1), get(name), rhs, at);
          assign.accept(name, Long.toString(v));
          return v;
        }
      }
    }
    pos = save;
    return conditional();
  }

  private long conditional() {
    long c = binary(0);
    if (eat("?")) {
      long a = assignment();
      if (!eat(":")) {
        throw syntaxError();
      }
      long b = assignment();
      return c != 0 ? a : b;
    }
    return c;
  }

  /** Binary operators by precedence level, loosest first. */
  private static final String[][] LEVELS = {
    {"||"},
    {"&&"},
    {"|"},
    {"^"},
    {"&"},
    {"==", "!="},
    {"<=", ">=", "<", ">"},
    {"<<", ">>"},
    {"+", "-"},
    {"*", "/", "%"}
  };

  private long binary(int level) {
    if (level == LEVELS.length) {
      return power();
    }
    long v = binary(level + 1);
    while (true) {
      String op = operator(LEVELS[level]);
      if (op == null) {
        return v;
      }
      int at = pos;
      if (op.equals("&&") && v == 0 || op.equals("||") && v != 0) {
        binary(level + 1); // evaluated for syntax; bash skips its side effects, which we accept
        v = op.equals("||") ? 1 : 0;
        continue;
      }
      long rhs = binary(level + 1);
      v = apply(op, v, rhs, at);
    }
  }

  private long power() {
    long base = unary();
    if (dialect == Dialect.BASH && eat("**")) {
      long exp = power();
      if (exp < 0) {
        throw new Error(src.strip() + ": exponent less than 0 (error token is \"" + rest() + "\")");
      }
      return pow(base, exp);
    }
    return base;
  }

  private long unary() {
    skipBlanks();
    if (eat("++") || eat("--")) {
      String op = src.substring(pos - 2, pos);
      skipBlanks();
      String name = name();
      if (name == null) {
        throw syntaxError();
      }
      long v = get(name) + (op.equals("++") ? 1 : -1);
      assign.accept(name, Long.toString(v));
      return v;
    }
    if (eat("!")) {
      return unary() == 0 ? 1 : 0;
    }
    if (eat("~")) {
      return ~unary();
    }
    if (eat("-")) {
      return -unary();
    }
    if (eat("+")) {
      return unary();
    }
    return postfix();
  }

  private long postfix() {
    skipBlanks();
    if (eat("(")) {
      long v = comma();
      if (!eat(")")) {
        throw syntaxError();
      }
      return v;
    }
    String name = name();
    if (name != null) {
      long v = get(name);
      skipBlanks();
      if (src.startsWith("++", pos) || src.startsWith("--", pos)) {
        boolean inc = src.charAt(pos) == '+';
        pos += 2;
        assign.accept(name, Long.toString(v + (inc ? 1 : -1)));
      }
      return v;
    }
    return number();
  }

  private long number() {
    skipBlanks();
    int start = pos;
    while (pos < src.length() && Character.isLetterOrDigit(src.charAt(pos))) {
      pos++;
    }
    String digits = src.substring(start, pos);
    if (digits.isEmpty()) {
      throw syntaxError();
    }
    try {
      if (digits.startsWith("0x") || digits.startsWith("0X")) {
        return Long.parseLong(digits.substring(2), 16);
      }
      if (digits.length() > 1 && digits.startsWith("0")) {
        return Long.parseLong(digits.substring(1), 8);
      }
      return Long.parseLong(digits);
    } catch (NumberFormatException e) {
      pos = start;
      throw dialect == Dialect.BASH
          ? new Error(
              src.strip() + ": value too great for base (error token is \"" + digits + "\")")
          : new Error("arithmetic syntax error");
    }
  }

  // ---- operators --------------------------------------------------------------------------------

  /** {@code a op b}; {@code at} is where the right operand starts (bash's error token). */
  private long apply(String op, long a, long b, int at) {
    if ((op.equals("/") || op.equals("%")) && b == 0) {
      throw dialect == Dialect.BASH
          ? new Error(
              src.strip()
                  + ": division by 0 (error token is \""
                  + src.substring(at).strip()
                  + "\")")
          : new Error("divide by zero");
    }
    return switch (op) {
      case "+" -> a + b;
      case "-" -> a - b;
      case "*" -> a * b;
      case "/" -> a / b;
      case "%" -> a % b;
      case "<<" -> a << b;
      case ">>" -> a >> b;
      case "<" -> a < b ? 1 : 0;
      case "<=" -> a <= b ? 1 : 0;
      case ">" -> a > b ? 1 : 0;
      case ">=" -> a >= b ? 1 : 0;
      case "==" -> a == b ? 1 : 0;
      case "!=" -> a != b ? 1 : 0;
      case "&" -> a & b;
      case "^" -> a ^ b;
      case "|" -> a | b;
      case "&&" -> a != 0 && b != 0 ? 1 : 0;
      case "||" -> a != 0 || b != 0 ? 1 : 0;
      case "**" -> pow(a, b);
      default -> throw syntaxError();
    };
  }

  /** {@code base ** exp} by squaring, wrapping as 64-bit arithmetic does ({@code 2**64} is 0). */
  private static long pow(long base, long exp) {
    long r = 1;
    for (long b = base, e = exp; e > 0; e >>= 1, b *= b) {
      if ((e & 1) != 0) {
        r *= b;
      }
    }
    return r;
  }

  /** The longest of {@code ops} at the current position that is not the start of a longer one. */
  private String operator(String[] ops) {
    skipBlanks();
    for (String op : ops) {
      if (!src.startsWith(op, pos)) {
        continue;
      }
      String after = src.substring(pos + op.length());
      // "<" is not "<<" or "<=", "&" is not "&&", "*" is not "**" or "*=", "=" never binary here
      boolean longer =
          after.startsWith("=") && !op.endsWith("=")
              || (op.length() == 1 && after.startsWith(op))
              || (op.equals("<") && after.startsWith("<"))
              || (op.equals(">") && after.startsWith(">"));
      if (op.equals("==") || op.equals("!=") || op.equals("<=") || op.equals(">=")) {
        longer = false;
      }
      if (longer) {
        continue;
      }
      pos += op.length();
      return op;
    }
    return null;
  }

  private boolean eat(String s) {
    skipBlanks();
    if (src.startsWith(s, pos)) {
      pos += s.length();
      return true;
    }
    return false;
  }

  private String name() {
    int start = pos;
    if (pos < src.length() && (Character.isLetter(src.charAt(pos)) || src.charAt(pos) == '_')) {
      pos++;
      while (pos < src.length()
          && (Character.isLetterOrDigit(src.charAt(pos)) || src.charAt(pos) == '_')) {
        pos++;
      }
      return src.substring(start, pos);
    }
    return null;
  }

  private long get(String name) {
    String v = vars.apply(name);
    if (v == null || v.isBlank()) {
      return 0;
    }
    try {
      return Long.parseLong(v.strip());
    } catch (NumberFormatException e) {
      // bash evaluates a variable's value as an expression in turn
      return evaluate(v, dialect, vars, assign);
    }
  }

  private void skipBlanks() {
    while (pos < src.length() && Character.isWhitespace(src.charAt(pos))) {
      pos++;
    }
  }

  private String rest() {
    return src.substring(Math.min(pos, src.length())).strip();
  }

  private Error syntaxError() {
    if (dialect != Dialect.BASH) {
      return new Error("arithmetic syntax error");
    }
    String token = rest();
    return token.isEmpty()
        ? new Error(src.strip() + ": syntax error: operand expected (error token is \"\")")
        : new Error(
            src.strip()
                + ": syntax error: invalid arithmetic operator (error token is \""
                + token
                + "\")");
  }
}

package dev.ddlab.sim.shell;

import dev.ddlab.fs.FileNode;
import dev.ddlab.fs.Paths;
import dev.ddlab.sim.shell.Ast.CondAndOr;
import dev.ddlab.sim.shell.Ast.CondBinary;
import dev.ddlab.sim.shell.Ast.CondExpr;
import dev.ddlab.sim.shell.Ast.CondNot;
import dev.ddlab.sim.shell.Ast.CondUnary;
import dev.ddlab.sim.shell.Ast.CondWord;
import dev.ddlab.sim.shell.Ast.Word;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * bash's {@code [[ … ]]}: words are expanded without splitting or globbing; {@code ==} and {@code
 * !=} match the right side as a pattern (quoted parts literally), {@code =~} as a POSIX extended
 * regular expression whose groups land in {@code BASH_REMATCH}; {@code -eq} and its kin evaluate
 * both sides as arithmetic; {@code &&}, {@code ||} and {@code !} short-circuit. A bad regular
 * expression is status 2.
 */
final class Conditional {
  /** An error inside the expression: the status it ends with (2 for a bad regex, else 1). */
  private static final class Failed extends RuntimeException {
    final int status;

    Failed(int status) {
      super(null, null, false, false);
      this.status = status;
    }
  }

  private final Interpreter sh;
  private final Expander ex;
  private final Consumer<String> err;

  private Conditional(Interpreter sh, Expander ex, Consumer<String> err) {
    this.sh = sh;
    this.ex = ex;
    this.err = err;
  }

  /** The status of {@code [[ e ]]}: 0 true, 1 false, 2 a malformed regular expression. */
  static int evaluate(Interpreter sh, CondExpr e, Expander ex, Io io) {
    try {
      return new Conditional(sh, ex, io::errln).test(e) ? 0 : 1;
    } catch (Failed f) {
      return f.status;
    }
  }

  /** Every word of the expression, for the command substitutions to run first. */
  static void words(CondExpr e, List<Word> into) {
    if (e instanceof CondWord w) {
      into.add(w.word());
    } else if (e instanceof CondUnary u) {
      into.add(u.operand());
    } else if (e instanceof CondBinary b) {
      into.add(b.left());
      into.add(b.right());
    } else if (e instanceof CondNot n) {
      words(n.operand(), into);
    } else if (e instanceof CondAndOr a) {
      words(a.left(), into);
      words(a.right(), into);
    }
  }

  private boolean test(CondExpr e) {
    if (e instanceof CondWord w) {
      return !ex.single(w.word()).isEmpty();
    }
    if (e instanceof CondNot n) {
      return !test(n.operand());
    }
    if (e instanceof CondAndOr a) {
      return a.and() ? test(a.left()) && test(a.right()) : test(a.left()) || test(a.right());
    }
    if (e instanceof CondUnary u) {
      return unary(u.op(), ex.single(u.operand()));
    }
    CondBinary b = (CondBinary) e;
    String left = ex.single(b.left());
    return switch (b.op()) {
      case "==", "=" -> ex.pattern(b.right()).matcher(left).matches();
      case "!=" -> !ex.pattern(b.right()).matcher(left).matches();
      case "=~" -> regex(left, b.right());
      case "<" -> left.compareTo(ex.single(b.right())) < 0;
      case ">" -> left.compareTo(ex.single(b.right())) > 0;
      case "-nt", "-ot", "-ef" -> files(left, b.op(), ex.single(b.right()));
      default -> integers(left, b.op(), ex.single(b.right()));
    };
  }

  private boolean unary(String op, String operand) {
    return switch (op) {
      case "-z" -> operand.isEmpty();
      case "-n" -> !operand.isEmpty();
      case "-v" -> sh.var(operand) != null;
      case "-o" -> false;
      default -> TestCommand.file(sh.runtime().fs(), sh.runtime().cwd(), op, operand);
    };
  }

  private boolean regex(String subject, Word pattern) {
    Matcher m;
    try {
      m = Pattern.compile(ex.regex(pattern)).matcher(subject);
    } catch (PatternSyntaxException e) {
      throw new Failed(2);
    }
    for (String k : List.copyOf(sh.variableNames())) {
      if (k.startsWith("BASH_REMATCH")) {
        sh.unset(k);
      }
    }
    if (!m.find()) {
      return false;
    }
    // No arrays here: ${BASH_REMATCH[1]} reads the variable named so, $BASH_REMATCH the match.
    sh.setVar("BASH_REMATCH", m.group());
    for (int g = 0; g <= m.groupCount(); g++) {
      sh.setVar("BASH_REMATCH[" + g + "]", m.group(g) == null ? "" : m.group(g));
    }
    return true;
  }

  private boolean integers(String left, String op, String right) {
    return TestCommand.compare(arithmetic(left), op, arithmetic(right));
  }

  /** bash evaluates the operands of {@code -eq} as arithmetic: {@code x} is the variable x. */
  private long arithmetic(String expression) {
    try {
      return Arithmetic.evaluate(expression, sh.dialect(), sh::var, sh::setVar);
    } catch (Arithmetic.Error e) {
      err.accept(ErrorPlace.name(sh) + ": [[: " + e.getMessage());
      throw new Failed(1);
    }
  }

  private boolean files(String left, String op, String right) {
    Optional<FileNode> a = sh.runtime().fs().stat(Paths.resolve(sh.runtime().cwd(), left));
    Optional<FileNode> b = sh.runtime().fs().stat(Paths.resolve(sh.runtime().cwd(), right));
    return switch (op) {
      case "-nt" -> a.isPresent() && (b.isEmpty() || a.get().mtimeNanos() > b.get().mtimeNanos());
      case "-ot" -> b.isPresent() && (a.isEmpty() || a.get().mtimeNanos() < b.get().mtimeNanos());
      default -> a.isPresent() && b.isPresent() && a.get().equals(b.get());
    };
  }
}

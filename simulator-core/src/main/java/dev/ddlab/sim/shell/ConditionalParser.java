package dev.ddlab.sim.shell;

import dev.ddlab.sim.shell.Ast.CondAndOr;
import dev.ddlab.sim.shell.Ast.CondBinary;
import dev.ddlab.sim.shell.Ast.CondExpr;
import dev.ddlab.sim.shell.Ast.CondNot;
import dev.ddlab.sim.shell.Ast.CondUnary;
import dev.ddlab.sim.shell.Ast.CondWord;
import dev.ddlab.sim.shell.Lexer.Kind;
import dev.ddlab.sim.shell.Lexer.Token;
import java.util.Set;

/**
 * The expression inside bash's {@code [[ … ]]}, for {@link Parser}: {@code ||} over {@code &&} over
 * {@code !}, parentheses, unary and binary operators and lone words, with bash's wording of its
 * errors. The right side of {@code =~} is read by the {@link Lexer} as a regular expression.
 */
final class ConditionalParser {
  private static final Set<String> COND_UNARY =
      Set.of(
          "-a", "-b", "-c", "-d", "-e", "-f", "-g", "-h", "-k", "-p", "-r", "-s", "-t", "-u", "-w",
          "-x", "-G", "-L", "-N", "-O", "-S", "-z", "-n", "-o", "-v");

  private static final Set<String> COND_BINARY =
      Set.of(
          "==", "=", "!=", "=~", "<", ">", "-eq", "-ne", "-lt", "-le", "-gt", "-ge", "-nt", "-ot",
          "-ef");

  private final Lexer lexer;

  private ConditionalParser(Lexer lexer) {
    this.lexer = lexer;
  }

  /** The expression after {@code [[} up to and including its {@code ]]}. */
  static CondExpr parse(Lexer lexer) {
    ConditionalParser p = new ConditionalParser(lexer);
    CondExpr e = p.condOr();
    Token close = p.next();
    if (!close.isWord("]]")) {
      throw ShellSyntaxException.conditional(
          "syntax error in conditional expression: unexpected token `" + close.display() + "'",
          close.display());
    }
    return e;
  }

  private Token peek() {
    return lexer.peek();
  }

  private Token next() {
    return lexer.next();
  }

  private CondExpr condOr() {
    CondExpr left = condAnd();
    while (peek().isOp("||")) {
      next();
      left = new CondAndOr(left, false, condAnd());
    }
    return left;
  }

  private CondExpr condAnd() {
    CondExpr left = condNot();
    while (peek().isOp("&&")) {
      next();
      left = new CondAndOr(left, true, condNot());
    }
    return left;
  }

  private CondExpr condNot() {
    if (peek().isWord("!")) {
      next();
      return new CondNot(condNot());
    }
    return condPrimary();
  }

  private CondExpr condPrimary() {
    Token t = next();
    if (t.isOp("(")) {
      CondExpr inner = condOr();
      Token close = next();
      if (!close.isOp(")")) {
        throw ShellSyntaxException.conditional(
            "unexpected token `" + close.display() + "', expected `)'", close.display());
      }
      return inner;
    }
    if (t.kind() != Kind.WORD || t.text().equals("]]")) {
      throw ShellSyntaxException.conditional(
          "unexpected token `" + t.display() + "' in conditional command", t.display());
    }
    Token op = peek();
    if (COND_UNARY.contains(t.text()) && !isCondBinary(op)) {
      Token operand = next();
      if (operand.kind() != Kind.WORD || operand.text().equals("]]")) {
        throw ShellSyntaxException.conditional(
            "unexpected argument `" + operand.display() + "' to conditional unary operator",
            operand.display());
      }
      return new CondUnary(t.text(), operand.word());
    }
    if (isCondBinary(op)) {
      next();
      if (op.text().equals("=~")) {
        return new CondBinary(t.word(), op.text(), lexer.regexWord());
      }
      Token right = next();
      if (right.kind() != Kind.WORD || right.text().equals("]]")) {
        throw ShellSyntaxException.conditional(
            "unexpected argument `" + right.display() + "' to conditional binary operator",
            right.display());
      }
      return new CondBinary(t.word(), op.text(), right.word());
    }
    if (op.isWord("]]") || op.isOp("&&") || op.isOp("||") || op.isOp(")")) {
      return new CondWord(t.word());
    }
    if (op.kind() == Kind.NEWLINE || op.kind() == Kind.EOF || op.kind() == Kind.OP) {
      throw ShellSyntaxException.conditional(
          "unexpected token `" + op.display() + "', conditional binary operator expected",
          op.display());
    }
    throw ShellSyntaxException.conditional("conditional binary operator expected", op.display());
  }

  private static boolean isCondBinary(Token t) {
    return (t.kind() == Kind.WORD || t.isOp("<") || t.isOp(">")) && COND_BINARY.contains(t.text());
  }
}

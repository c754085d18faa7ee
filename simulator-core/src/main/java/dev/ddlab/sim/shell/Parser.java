package dev.ddlab.sim.shell;

import dev.ddlab.sim.shell.Ast.AndOr;
import dev.ddlab.sim.shell.Ast.Arith;
import dev.ddlab.sim.shell.Ast.Assignment;
import dev.ddlab.sim.shell.Ast.Branch;
import dev.ddlab.sim.shell.Ast.Case;
import dev.ddlab.sim.shell.Ast.CaseItem;
import dev.ddlab.sim.shell.Ast.Command;
import dev.ddlab.sim.shell.Ast.CommandList;
import dev.ddlab.sim.shell.Ast.CommandSub;
import dev.ddlab.sim.shell.Ast.Cond;
import dev.ddlab.sim.shell.Ast.CondAndOr;
import dev.ddlab.sim.shell.Ast.CondBinary;
import dev.ddlab.sim.shell.Ast.CondExpr;
import dev.ddlab.sim.shell.Ast.CondNot;
import dev.ddlab.sim.shell.Ast.CondUnary;
import dev.ddlab.sim.shell.Ast.CondWord;
import dev.ddlab.sim.shell.Ast.Connector;
import dev.ddlab.sim.shell.Ast.For;
import dev.ddlab.sim.shell.Ast.FunctionDef;
import dev.ddlab.sim.shell.Ast.Group;
import dev.ddlab.sim.shell.Ast.HereDoc;
import dev.ddlab.sim.shell.Ast.If;
import dev.ddlab.sim.shell.Ast.Item;
import dev.ddlab.sim.shell.Ast.Literal;
import dev.ddlab.sim.shell.Ast.Loop;
import dev.ddlab.sim.shell.Ast.Param;
import dev.ddlab.sim.shell.Ast.Part;
import dev.ddlab.sim.shell.Ast.Pipeline;
import dev.ddlab.sim.shell.Ast.RedirOp;
import dev.ddlab.sim.shell.Ast.Redirect;
import dev.ddlab.sim.shell.Ast.SimpleCommand;
import dev.ddlab.sim.shell.Ast.Tilde;
import dev.ddlab.sim.shell.Ast.Word;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Recursive-descent parser for the POSIX shell language learners type: words with quoting ({@code
 * '…'}, {@code "…"}, backslash), parameter expansion, command substitution ({@code $( … )} and
 * backquotes), redirections and here-documents, pipelines, {@code &&}, {@code ||}, {@code ;},
 * {@code &}, comments, the compound commands, {@code case}, function definitions and bash's {@code
 * [[ … ]]}. Tokens are read on demand from the input; a command substitution is parsed by a nested
 * parser over the same text, which is how the shell finds its closing parenthesis. A
 * here-document's body is read when the lexer reaches the end of the line that holds its operator.
 *
 * <p>The {@link Dialect} decides the few words only bash (and busybox's bash-compatible ash) know:
 * {@code [[}, {@code function}, {@code ;&} and {@code ;;&}.
 */
public final class Parser {
  private enum Kind {
    WORD,
    OP,
    IO_NUMBER,
    NEWLINE,
    EOF
  }

  private record Token(Kind kind, String text, Word word, int start, int end) {
    boolean isOp(String op) {
      return kind == Kind.OP && text.equals(op);
    }

    boolean isWord(String w) {
      return kind == Kind.WORD && text.equals(w);
    }

    String display() {
      return kind == Kind.NEWLINE || kind == Kind.EOF ? "newline" : text;
    }
  }

  private final String src;
  private int pos;
  private Token peeked;
  private final boolean nested;
  private int subshells;
  private final Dialect dialect;
  private final boolean batch;
  private final List<HereDoc> pendingHeres = new ArrayList<>();

  private Parser(String src, int pos, boolean nested, Dialect dialect, boolean batch) {
    this.src = src;
    this.pos = pos;
    this.nested = nested;
    this.dialect = dialect;
    this.batch = batch;
  }

  /**
   * A redirection's file descriptor; one too large for an int stays out of range (found by
   * FuzzTest: {@code 99999999999>x} threw NumberFormatException).
   */
  private static int ioNumber(String digits) {
    try {
      return Integer.parseInt(digits);
    } catch (NumberFormatException e) {
      return Integer.MAX_VALUE;
    }
  }

  /** Parses a whole input (possibly several lines joined with '\n') as bash reads it. */
  public static CommandList parse(String input) {
    return parse(input, Dialect.BASH, false);
  }

  /**
   * Parses a whole input in {@code dialect}. {@code batch} input is all there is (a {@code -c}
   * string, a script): a here-document whose delimiter never comes then ends with the input, where
   * typed input would ask for more lines.
   */
  public static CommandList parse(String input, Dialect dialect, boolean batch) {
    Parser p = new Parser(input, 0, false, dialect, batch);
    CommandList list = p.parseList();
    Token t = p.peek();
    if (t.kind != Kind.EOF) {
      throw p.unexpected(t, null);
    }
    return list;
  }

  private boolean bashish() {
    return dialect != Dialect.DASH;
  }

  private ShellSyntaxException unexpected(Token t, String expecting) {
    boolean word = t.kind == Kind.WORD && !RESERVED.contains(t.text);
    return ShellSyntaxException.unexpected(t.display(), expecting, word);
  }

  // ---- grammar ------------------------------------------------------------------------------

  private CommandList parseList() {
    return parseList(false);
  }

  /**
   * A list up to the end of input, a {@code )} closing a substitution or subshell, a reserved word
   * that closes a compound command ({@code then}, {@code fi}, {@code done} …, left for the caller)
   * or, {@code inCase}, the {@code ;;} that ends a {@code case} arm.
   */
  private CommandList parseList(boolean inCase) {
    List<Item> items = new ArrayList<>();
    while (true) {
      skipNewlines();
      Token t = peek();
      if (t.kind == Kind.EOF
          || (closesParen() && t.isOp(")"))
          || isReserved(t, CLOSERS)
          || (inCase && endsCaseArm(t))) {
        break;
      }
      if (t.kind == Kind.OP && !startsCommand(t)) {
        throw unexpected(t, inCase ? ";;" : null);
      }
      AndOr andOr = parseAndOr();
      Token sep = peek();
      boolean background = false;
      if (sep.isOp("&")) {
        next();
        background = true;
      } else if (sep.isOp(";")) {
        next();
      } else if (sep.kind == Kind.NEWLINE) {
        next();
      } else if (sep.kind != Kind.EOF
          && !(closesParen() && sep.isOp(")"))
          && !isReserved(sep, CLOSERS)
          && !(inCase && endsCaseArm(sep))) {
        throw unexpected(sep, inCase ? ";;" : null);
      }
      items.add(new Item(andOr, background));
      Token after = peek();
      if (after.isOp(";") || after.isOp("&") || (!inCase && endsCaseArm(after))) {
        throw unexpected(after, null);
      }
    }
    return new CommandList(List.copyOf(items));
  }

  private static boolean endsCaseArm(Token t) {
    return t.isOp(";;") || t.isOp(";&") || t.isOp(";;&");
  }

  private boolean closesParen() {
    return nested || subshells > 0;
  }

  /** A reserved word: an unquoted word in command position spelling one of {@code words}. */
  private static boolean isReserved(Token t, Set<String> words) {
    return t.kind == Kind.WORD && words.contains(t.text);
  }

  private static boolean startsCommand(Token t) {
    return t.isOp("(")
        || t.isOp("<")
        || t.isOp(">")
        || t.isOp(">>")
        || t.isOp(">&")
        || t.isOp("<&")
        || t.isOp(">|")
        || t.isOp("<<")
        || t.isOp("<<-");
  }

  private AndOr parseAndOr() {
    int start = peek().start;
    List<Pipeline> pipelines = new ArrayList<>();
    List<Connector> connectors = new ArrayList<>();
    pipelines.add(parsePipeline());
    while (true) {
      Token t = peek();
      if (t.isOp("&&") || t.isOp("||")) {
        next();
        connectors.add(t.text.equals("&&") ? Connector.AND : Connector.OR);
        skipNewlinesOrIncomplete();
        pipelines.add(parsePipeline());
      } else {
        break;
      }
    }
    return new AndOr(List.copyOf(pipelines), List.copyOf(connectors), source(start));
  }

  private Pipeline parsePipeline() {
    int start = peek().start;
    boolean negated = false;
    if (peek().isWord("!")) {
      next();
      negated = true;
    }
    List<Command> commands = new ArrayList<>();
    commands.add(parseCommand());
    while (peek().isOp("|")) {
      next();
      skipNewlinesOrIncomplete();
      commands.add(parseCommand());
    }
    return new Pipeline(List.copyOf(commands), negated, source(start));
  }

  // ---- compound commands --------------------------------------------------------------------

  /** Words that end a list and so cannot start a command. */
  private static final Set<String> CLOSERS =
      Set.of("then", "elif", "else", "fi", "do", "done", "}", "esac");

  private static final Set<String> RESERVED =
      Set.of(
          "if",
          "then",
          "elif",
          "else",
          "fi",
          "do",
          "done",
          "while",
          "until",
          "for",
          "in",
          "case",
          "esac",
          "{",
          "}",
          "!",
          "[[",
          "]]",
          "function");

  /** What may follow {@code NAME()} in bash: a compound command. */
  private static final Set<String> COMPOUND_STARTS =
      Set.of("{", "if", "while", "until", "for", "case", "[[");

  private Command parseCommand() {
    Token t = peek();
    if (t.isOp("(")) {
      return parseSubshell();
    }
    if (t.kind == Kind.WORD) {
      switch (t.text) {
        case "if":
          return parseIf();
        case "while":
        case "until":
          return parseLoop();
        case "for":
          return parseFor();
        case "case":
          return parseCase();
        case "{":
          return parseBraceGroup();
        case "[[":
          if (bashish()) {
            return parseCond();
          }
          break;
        case "function":
          if (bashish()) {
            return parseFunctionKeyword();
          }
          break;
        default:
          if (CLOSERS.contains(t.text)) {
            throw unexpected(t, null);
          }
      }
      if (functionFollows(t)) {
        return parseFunction();
      }
    }
    return parseSimple();
  }

  private Command parseIf() {
    int start = peek().start;
    next(); // if
    List<Branch> branches = new ArrayList<>();
    CommandList otherwise = null;
    while (true) {
      CommandList condition = parseBody("then");
      expect("then");
      CommandList body = parseBody("fi");
      branches.add(new Branch(condition, body));
      Token t = next();
      if (t.text.equals("elif")) {
        continue;
      }
      if (t.text.equals("else")) {
        otherwise = parseBody("fi");
        expect("fi");
      } else if (!t.text.equals("fi")) {
        throw unexpected(t, "fi");
      }
      break;
    }
    return new If(List.copyOf(branches), otherwise, parseRedirects(), source(start));
  }

  private Command parseLoop() {
    int start = peek().start;
    boolean until = next().text.equals("until");
    CommandList condition = parseBody("do");
    expect("do");
    CommandList body = parseBody("done");
    expect("done");
    return new Loop(condition, body, until, parseRedirects(), source(start));
  }

  private Command parseFor() {
    int start = peek().start;
    next(); // for
    Token name = next();
    if (name.kind == Kind.EOF) {
      throw ShellSyntaxException.incomplete(null);
    }
    if (name.kind != Kind.WORD || !isName(name.text)) {
      if (name.kind == Kind.WORD) {
        throw ShellSyntaxException.badName("for loop variable", name.text);
      }
      throw unexpected(name, null);
    }
    List<Word> words = null;
    skipNewlinesOrIncomplete();
    if (peek().isWord("in")) {
      next();
      words = new ArrayList<>();
      while (peek().kind == Kind.WORD) {
        words.add(next().word);
      }
      words = List.copyOf(words);
      Token sep = peek();
      if (sep.isOp(";") || sep.kind == Kind.NEWLINE) {
        next();
      } else if (sep.kind == Kind.EOF) {
        throw ShellSyntaxException.incompleteExpecting("do");
      } else {
        throw unexpected(sep, "do");
      }
    } else if (peek().isOp(";")) {
      next();
    }
    skipNewlinesOrIncomplete();
    expect("do");
    CommandList body = parseBody("done");
    expect("done");
    return new For(name.text, words, body, parseRedirects(), source(start));
  }

  /**
   * {@code case WORD in [(]PATTERN[|PATTERN]…) LIST ;; … esac}; the last arm may leave out its
   * {@code ;;}, and an arm's list may be empty.
   */
  private Command parseCase() {
    int start = peek().start;
    next(); // case
    Token subject = next();
    if (subject.kind == Kind.EOF) {
      throw ShellSyntaxException.incompleteExpecting("in");
    }
    if (subject.kind != Kind.WORD) {
      throw unexpected(subject, null);
    }
    skipNewlines();
    Token in = next();
    if (in.kind == Kind.EOF) {
      throw ShellSyntaxException.incompleteExpecting("in");
    }
    if (!in.isWord("in")) {
      throw unexpected(in, "in");
    }
    List<CaseItem> items = new ArrayList<>();
    while (true) {
      skipNewlines();
      Token t = peek();
      if (t.kind == Kind.EOF) {
        throw ShellSyntaxException.incompleteExpecting(")");
      }
      if (t.isWord("esac")) {
        next();
        break;
      }
      if (t.isOp("(")) {
        next();
      }
      List<Word> patterns = new ArrayList<>();
      while (true) {
        Token p = next();
        if (p.kind == Kind.EOF) {
          throw ShellSyntaxException.incompleteExpecting(")");
        }
        if (p.kind != Kind.WORD) {
          throw unexpected(p, ")");
        }
        patterns.add(p.word);
        Token sep = next();
        if (sep.kind == Kind.EOF && dialect != Dialect.BASH) {
          throw ShellSyntaxException.incompleteExpecting(")");
        }
        if (sep.isOp(")")) {
          break;
        }
        if (!sep.isOp("|")) {
          throw unexpected(sep, ")");
        }
      }
      CommandList body = parseList(true);
      Token end = peek();
      boolean fallThrough = false;
      boolean testNext = false;
      if (end.isOp(";;") || end.isOp(";&") || end.isOp(";;&")) {
        if (dialect != Dialect.BASH && !end.isOp(";;")) {
          throw ShellSyntaxException.unexpected("&"); // ash and dash read ";;" then "&"
        }
        next();
        fallThrough = end.isOp(";&");
        testNext = end.isOp(";;&");
      } else if (end.kind == Kind.EOF) {
        throw ShellSyntaxException.incompleteExpecting(";;");
      } else if (!end.isWord("esac")) {
        throw unexpected(end, ";;");
      }
      items.add(new CaseItem(List.copyOf(patterns), body, fallThrough, testNext));
    }
    return new Case(subject.word, List.copyOf(items), parseRedirects(), source(start));
  }

  private Command parseBraceGroup() {
    int start = peek().start;
    next(); // {
    CommandList body = parseBody("}");
    expect("}");
    return new Group(body, false, parseRedirects(), source(start));
  }

  private Command parseSubshell() {
    int start = peek().start;
    next(); // (
    subshells++;
    CommandList body;
    try {
      body = parseList();
    } finally {
      subshells--;
    }
    Token close = next();
    if (close.kind == Kind.EOF) {
      throw ShellSyntaxException.incomplete(")");
    }
    if (!close.isOp(")")) {
      throw unexpected(close, ")");
    }
    if (body.isEmpty()) {
      throw ShellSyntaxException.unexpected(")");
    }
    return new Group(body, true, parseRedirects(), source(start));
  }

  /**
   * The list inside a compound command, up to the reserved word that ends it ({@code closer} is
   * what ash and dash say they expect); the input is incomplete when it ends first, and a list that
   * is empty is a syntax error at the word that follows, as bash says.
   */
  private CommandList parseBody(String closer) {
    CommandList body = parseList();
    Token t = peek();
    if (t.kind == Kind.EOF) {
      throw ShellSyntaxException.incompleteExpecting(closer);
    }
    if (body.isEmpty()) {
      throw unexpected(t, null);
    }
    if (!isReserved(t, CLOSERS)) {
      throw unexpected(t, closer);
    }
    return body;
  }

  private void expect(String word) {
    Token t = next();
    if (t.kind == Kind.EOF) {
      throw ShellSyntaxException.incompleteExpecting(word);
    }
    if (t.kind != Kind.WORD || !t.text.equals(word)) {
      throw unexpected(t, word);
    }
  }

  /** Redirections after a compound command ({@code done > log}). */
  private List<Redirect> parseRedirects() {
    List<Redirect> redirects = new ArrayList<>();
    while (true) {
      Token t = peek();
      if (t.kind == Kind.IO_NUMBER) {
        next();
        redirects.add(parseRedirect(ioNumber(t.text)));
      } else if (t.kind == Kind.OP && isRedirectOp(t.text)) {
        redirects.add(parseRedirect(-1));
      } else {
        return List.copyOf(redirects);
      }
    }
  }

  // ---- functions ----------------------------------------------------------------------------

  /** Whether the word {@code t} in command position is followed by {@code ( )}: a definition. */
  private boolean functionFollows(Token t) {
    int i = skipBlanksFrom(t.end);
    if (i >= src.length() || src.charAt(i) != '(') {
      return false;
    }
    i = skipBlanksFrom(i + 1);
    return i < src.length() && src.charAt(i) == ')';
  }

  private int skipBlanksFrom(int i) {
    while (i < src.length() && (src.charAt(i) == ' ' || src.charAt(i) == '\t')) {
      i++;
    }
    return i;
  }

  /** {@code NAME ( ) BODY}. */
  private Command parseFunction() {
    int start = peek().start;
    Token name = next();
    checkFunctionName(name);
    next(); // (
    next(); // )
    return new FunctionDef(name.text, parseFunctionBody(), source(start));
  }

  /** bash's {@code function NAME [( )] BODY}. */
  private Command parseFunctionKeyword() {
    int start = peek().start;
    next(); // function
    Token name = next();
    if (name.kind == Kind.EOF) {
      throw ShellSyntaxException.incomplete(null);
    }
    if (name.kind != Kind.WORD) {
      throw unexpected(name, null);
    }
    checkFunctionName(name);
    if (peek().isOp("(")) {
      next();
      Token close = next();
      if (!close.isOp(")")) {
        throw unexpected(close, ")");
      }
    }
    return new FunctionDef(name.text, parseFunctionBody(), source(start));
  }

  /**
   * bash takes almost any unquoted word as a function name (the fork bomb's {@code :} included);
   * ash and dash only a POSIX name.
   */
  private void checkFunctionName(Token name) {
    boolean plain = name.word.parts().stream().allMatch(p -> p instanceof Literal l && !l.quoted());
    if (!plain || (dialect != Dialect.BASH && !isName(name.text))) {
      throw ShellSyntaxException.badName("function name", name.text);
    }
  }

  /** bash wants a compound command as the body; ash and dash take any command. */
  private Command parseFunctionBody() {
    skipNewlinesOrIncomplete();
    Token t = peek();
    if (dialect == Dialect.BASH
        && !t.isOp("(")
        && !(t.kind == Kind.WORD && COMPOUND_STARTS.contains(t.text))) {
      throw unexpected(t, null);
    }
    return parseCommand();
  }

  // ---- [[ … ]] ------------------------------------------------------------------------------

  private static final Set<String> COND_UNARY =
      Set.of(
          "-a", "-b", "-c", "-d", "-e", "-f", "-g", "-h", "-k", "-p", "-r", "-s", "-t", "-u", "-w",
          "-x", "-G", "-L", "-N", "-O", "-S", "-z", "-n", "-o", "-v");

  private static final Set<String> COND_BINARY =
      Set.of(
          "==", "=", "!=", "=~", "<", ">", "-eq", "-ne", "-lt", "-le", "-gt", "-ge", "-nt", "-ot",
          "-ef");

  private Command parseCond() {
    int start = peek().start;
    next(); // [[
    if (peek().isWord("]]")) {
      throw unexpected(peek(), null);
    }
    CondExpr e = condOr();
    Token close = next();
    if (!close.isWord("]]")) {
      throw ShellSyntaxException.conditional(
          "syntax error in conditional expression: unexpected token `" + close.display() + "'",
          close.display());
    }
    return new Cond(e, parseRedirects(), source(start));
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
    if (t.kind != Kind.WORD || t.text.equals("]]")) {
      throw ShellSyntaxException.conditional(
          "unexpected token `" + t.display() + "' in conditional command", t.display());
    }
    Token op = peek();
    if (COND_UNARY.contains(t.text) && !isCondBinary(op)) {
      Token operand = next();
      if (operand.kind != Kind.WORD || operand.text.equals("]]")) {
        throw ShellSyntaxException.conditional(
            "unexpected argument `" + operand.display() + "' to conditional unary operator",
            operand.display());
      }
      return new CondUnary(t.text, operand.word);
    }
    if (isCondBinary(op)) {
      next();
      if (op.text.equals("=~")) {
        return new CondBinary(t.word, op.text, lexRegexWord());
      }
      Token right = next();
      if (right.kind != Kind.WORD || right.text.equals("]]")) {
        throw ShellSyntaxException.conditional(
            "unexpected argument `" + right.display() + "' to conditional binary operator",
            right.display());
      }
      return new CondBinary(t.word, op.text, right.word);
    }
    if (op.isWord("]]") || op.isOp("&&") || op.isOp("||") || op.isOp(")")) {
      return new CondWord(t.word);
    }
    if (op.kind == Kind.NEWLINE || op.kind == Kind.EOF || op.kind == Kind.OP) {
      throw ShellSyntaxException.conditional(
          "unexpected token `" + op.display() + "', conditional binary operator expected",
          op.display());
    }
    throw ShellSyntaxException.conditional("conditional binary operator expected", op.display());
  }

  private static boolean isCondBinary(Token t) {
    return (t.kind == Kind.WORD || t.isOp("<") || t.isOp(">")) && COND_BINARY.contains(t.text);
  }

  /**
   * The right side of {@code =~}: up to the next blank, with {@code ( ) |} part of the regular
   * expression rather than operators; quoted parts match literally.
   */
  private Word lexRegexWord() {
    if (peeked != null) {
      throw new IllegalStateException("regex after a peeked token");
    }
    skipBlanks();
    int start = pos;
    List<Part> parts = new ArrayList<>();
    while (pos < src.length()) {
      char c = src.charAt(pos);
      if (c == ' ' || c == '\t' || c == '\n') {
        break;
      }
      if (c == '\\' && pos + 1 < src.length()) {
        parts.add(new Literal(String.valueOf(src.charAt(pos + 1)), true));
        pos += 2;
      } else if (c == '\'') {
        int close = src.indexOf('\'', pos + 1);
        if (close < 0) {
          throw ShellSyntaxException.incomplete("'");
        }
        parts.add(new Literal(src.substring(pos + 1, close), true));
        pos = close + 1;
      } else if (c == '"') {
        pos++;
        lexQuoted(parts, false);
      } else if (c == '$') {
        Part p = lexDollar(false);
        parts.add(p == null ? new Literal("$", false) : p);
      } else {
        parts.add(new Literal(String.valueOf(c), false));
        pos++;
      }
    }
    if (parts.isEmpty()) {
      throw ShellSyntaxException.conditional(
          "unexpected argument `newline' to conditional binary operator", "newline");
    }
    return new Word(List.copyOf(mergeLiterals(parts)), src.substring(start, pos));
  }

  // ---- simple commands and redirections ------------------------------------------------------

  private SimpleCommand parseSimple() {
    int start = peek().start;
    List<Assignment> assignments = new ArrayList<>();
    List<Word> words = new ArrayList<>();
    List<Redirect> redirects = new ArrayList<>();
    while (true) {
      Token t = peek();
      if (t.kind == Kind.WORD) {
        next();
        Assignment a = words.isEmpty() ? asAssignment(t.word) : null;
        if (a != null) {
          assignments.add(a);
        } else {
          words.add(t.word);
        }
      } else if (t.kind == Kind.IO_NUMBER) {
        next();
        redirects.add(parseRedirect(ioNumber(t.text)));
      } else if (t.kind == Kind.OP && isRedirectOp(t.text)) {
        redirects.add(parseRedirect(-1));
      } else {
        break;
      }
    }
    if (assignments.isEmpty() && words.isEmpty() && redirects.isEmpty()) {
      Token t = peek();
      if (t.kind == Kind.EOF) {
        throw ShellSyntaxException.incomplete(null);
      }
      throw unexpected(t, null);
    }
    return new SimpleCommand(
        List.copyOf(assignments), List.copyOf(words), List.copyOf(redirects), source(start));
  }

  private static boolean isRedirectOp(String op) {
    return switch (op) {
      case ">", ">>", "<", ">&", "<&", ">|", "<<", "<<-" -> true;
      default -> false;
    };
  }

  private Redirect parseRedirect(int fd) {
    Token op = next();
    if (op.kind != Kind.OP || !isRedirectOp(op.text)) {
      throw unexpected(op, null);
    }
    Token target = next();
    if (target.kind != Kind.WORD) {
      throw unexpected(target, null);
    }
    if (op.text.startsWith("<<")) {
      HereDoc here =
          new HereDoc(delimiter(target.word), op.text.equals("<<-"), quoted(target.word));
      pendingHeres.add(here);
      return new Redirect(fd < 0 ? 0 : fd, RedirOp.HERE, target.word, here);
    }
    RedirOp kind =
        switch (op.text) {
          case ">", ">|" -> RedirOp.OUT;
          case ">>" -> RedirOp.APPEND;
          case "<" -> RedirOp.IN;
          case ">&" -> RedirOp.DUP_OUT;
          default -> RedirOp.DUP_IN;
        };
    int defaultFd = (kind == RedirOp.IN || kind == RedirOp.DUP_IN) ? 0 : 1;
    return new Redirect(fd < 0 ? defaultFd : fd, kind, target.word);
  }

  /** A here-document's delimiter: the word with its quotes removed, not expanded. */
  private static String delimiter(Word w) {
    StringBuilder sb = new StringBuilder();
    for (Part p : w.parts()) {
      if (p instanceof Literal l) {
        sb.append(l.text());
      } else {
        return w.source().replace("\"", "").replace("'", "");
      }
    }
    return sb.toString();
  }

  private static boolean quoted(Word w) {
    return w.parts().stream().anyMatch(p -> p instanceof Literal l && l.quoted());
  }

  /**
   * At the start of the line after a here-document's operator: each pending document takes the
   * lines up to its delimiter. Typed input that ends first is incomplete (the terminal asks for
   * more lines); batch input ends the document there.
   */
  private void readHereBodies() {
    for (HereDoc here : pendingHeres) {
      StringBuilder body = new StringBuilder();
      boolean terminated = false;
      while (pos < src.length()) {
        int nl = src.indexOf('\n', pos);
        boolean last = nl < 0;
        String line = src.substring(pos, last ? src.length() : nl);
        if (here.stripTabs()) {
          int i = 0;
          while (i < line.length() && line.charAt(i) == '\t') {
            i++;
          }
          line = line.substring(i);
        }
        if (line.equals(here.delimiter())) {
          pos = last ? src.length() : nl + 1;
          terminated = true;
          break;
        }
        if (last && !batch) {
          break; // typed input: the delimiter may come on the next line
        }
        pos = last ? src.length() : nl + 1;
        body.append(line);
        if (!last || dialect == Dialect.BASH) {
          body.append('\n'); // bash ends an unterminated last line; ash and dash keep it as is
        }
      }
      if (!terminated && !batch) {
        throw ShellSyntaxException.incomplete(null);
      }
      here.body(hereBody(body.toString(), here.literal()), !terminated);
    }
    pendingHeres.clear();
  }

  /** A document's text as a word: literal, or with {@code $…} and backquotes expanded. */
  private Word hereBody(String text, boolean literal) {
    if (literal) {
      return new Word(List.of(new Literal(text, true)), text);
    }
    Parser p = new Parser(text, 0, false, dialect, true);
    List<Part> parts = new ArrayList<>();
    p.lexQuoted(parts, true);
    return new Word(List.copyOf(parts), text);
  }

  private static Assignment asAssignment(Word w) {
    if (w.parts().isEmpty() || !(w.parts().get(0) instanceof Literal first) || first.quoted()) {
      return null;
    }
    String text = first.text();
    int eq = text.indexOf('=');
    if (eq <= 0 || !isName(text.substring(0, eq))) {
      return null;
    }
    List<Part> value = new ArrayList<>();
    if (eq + 1 < text.length()) {
      value.add(new Literal(text.substring(eq + 1), false));
    }
    value.addAll(w.parts().subList(1, w.parts().size()));
    String src = w.source();
    return new Assignment(
        text.substring(0, eq), new Word(List.copyOf(value), src.substring(src.indexOf('=') + 1)));
  }

  static boolean isName(String s) {
    if (s.isEmpty() || !(Character.isLetter(s.charAt(0)) || s.charAt(0) == '_')) {
      return false;
    }
    for (int i = 1; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!(Character.isLetterOrDigit(c) || c == '_')) {
        return false;
      }
    }
    return true;
  }

  private void skipNewlines() {
    while (peek().kind == Kind.NEWLINE) {
      next();
    }
  }

  /** After {@code |}, {@code &&} or {@code ||} the command may continue on the next line. */
  private void skipNewlinesOrIncomplete() {
    skipNewlines();
    if (peek().kind == Kind.EOF) {
      throw ShellSyntaxException.incomplete(null);
    }
  }

  private String source(int start) {
    int end = peeked != null ? peeked.start : pos;
    return src.substring(start, Math.max(start, end)).strip();
  }

  // ---- tokens -------------------------------------------------------------------------------

  private Token peek() {
    if (peeked == null) {
      peeked = lex();
    }
    return peeked;
  }

  private Token next() {
    Token t = peek();
    peeked = null;
    return t;
  }

  private Token lex() {
    skipBlanks();
    int start = pos;
    if (pos >= src.length()) {
      if (!pendingHeres.isEmpty()) {
        readHereBodies(); // batch input ends its documents; typed input asks for their lines
      }
      return new Token(Kind.EOF, "", null, start, start);
    }
    char c = src.charAt(pos);
    if (c == '#') {
      while (pos < src.length() && src.charAt(pos) != '\n') {
        pos++;
      }
      return lex();
    }
    if (c == '\n') {
      pos++;
      Token newline = new Token(Kind.NEWLINE, "\n", null, start, pos);
      if (!pendingHeres.isEmpty()) {
        readHereBodies();
      }
      return newline;
    }
    String op = operatorAt(pos);
    if (op != null) {
      pos += op.length();
      return new Token(Kind.OP, op, null, start, pos);
    }
    if (Character.isDigit(c)) {
      int i = pos;
      while (i < src.length() && Character.isDigit(src.charAt(i))) {
        i++;
      }
      if (i < src.length() && (src.charAt(i) == '<' || src.charAt(i) == '>')) {
        String digits = src.substring(pos, i);
        pos = i;
        return new Token(Kind.IO_NUMBER, digits, null, start, pos);
      }
    }
    Word w = lexWord();
    return new Token(Kind.WORD, w.source(), w, start, pos);
  }

  private void skipBlanks() {
    while (pos < src.length()) {
      char c = src.charAt(pos);
      if (c == ' ' || c == '\t' || c == '\r') {
        pos++;
      } else if (c == '\\' && pos + 1 < src.length() && src.charAt(pos + 1) == '\n') {
        pos += 2;
      } else {
        break;
      }
    }
  }

  private String operatorAt(int i) {
    char c = src.charAt(i);
    char d = i + 1 < src.length() ? src.charAt(i + 1) : 0;
    switch (c) {
      case '&':
        return d == '&' ? "&&" : "&";
      case '|':
        return d == '|' ? "||" : "|";
      case ';':
        if (d == ';') {
          return i + 2 < src.length() && src.charAt(i + 2) == '&' ? ";;&" : ";;";
        }
        return d == '&' ? ";&" : ";";
      case '>':
        return d == '>' ? ">>" : d == '&' ? ">&" : d == '|' ? ">|" : ">";
      case '<':
        if (d == '<') {
          return i + 2 < src.length() && src.charAt(i + 2) == '-' ? "<<-" : "<<";
        }
        return d == '&' ? "<&" : "<";
      case '(':
        return "(";
      case ')':
        return ")";
      default:
        return null;
    }
  }

  private boolean endsWord(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ';' || c == '&' || c == '|'
        || c == '<' || c == '>' || c == '(' || c == ')';
  }

  private Word lexWord() {
    int start = pos;
    List<Part> parts = new ArrayList<>();
    if (src.charAt(pos) == '~') {
      int i = pos + 1;
      while (i < src.length() && isUserChar(src.charAt(i))) {
        i++;
      }
      if (i >= src.length() || endsWord(src.charAt(i)) || src.charAt(i) == '/') {
        parts.add(new Tilde(src.substring(pos + 1, i)));
        pos = i;
      }
    }
    while (pos < src.length()) {
      char c = src.charAt(pos);
      if (endsWord(c)) {
        break;
      }
      if (c == '\\') {
        if (pos + 1 >= src.length()) {
          throw ShellSyntaxException.incomplete(null);
        }
        char n = src.charAt(pos + 1);
        pos += 2;
        if (n != '\n') {
          parts.add(new Literal(String.valueOf(n), true));
        }
      } else if (c == '\'') {
        int close = src.indexOf('\'', pos + 1);
        if (close < 0) {
          throw ShellSyntaxException.incomplete("'");
        }
        parts.add(new Literal(src.substring(pos + 1, close), true));
        pos = close + 1;
      } else if (c == '"') {
        pos++;
        int before = parts.size();
        lexQuoted(parts, false);
        if (parts.size() == before) {
          parts.add(new Literal("", true));
        }
      } else if (c == '$') {
        Part p = lexDollar(false);
        parts.add(p == null ? new Literal("$", false) : p);
      } else if (c == '`') {
        parts.add(lexBackquote(false));
      } else {
        int run = pos + 1;
        while (run < src.length() && isPlain(src.charAt(run))) {
          run++;
        }
        parts.add(new Literal(src.substring(pos, run), false));
        pos = run;
      }
    }
    return new Word(List.copyOf(mergeLiterals(parts)), src.substring(start, pos));
  }

  /** A character that {@link #lexWord} takes literally and that cannot start anything else. */
  private boolean isPlain(char c) {
    return !endsWord(c) && c != '\\' && c != '\'' && c != '"' && c != '$' && c != '`';
  }

  private static boolean isUserChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.';
  }

  private static List<Part> mergeLiterals(List<Part> parts) {
    List<Part> out = new ArrayList<>();
    for (Part p : parts) {
      if (!out.isEmpty()
          && p instanceof Literal l
          && out.get(out.size() - 1) instanceof Literal prev
          && prev.quoted() == l.quoted()) {
        out.set(out.size() - 1, new Literal(prev.text() + l.text(), l.quoted()));
      } else {
        out.add(p);
      }
    }
    return out;
  }

  /**
   * The inside of double quotes, up to the closing quote; or, {@code hereDoc}, a here-document's
   * whole body, where a backslash quotes only {@code $}, a backquote, itself and a newline.
   */
  private void lexQuoted(List<Part> parts, boolean hereDoc) {
    StringBuilder lit = new StringBuilder();
    while (true) {
      if (pos >= src.length()) {
        if (hereDoc) {
          break;
        }
        throw ShellSyntaxException.incomplete("\"");
      }
      char c = src.charAt(pos);
      if (c == '"' && !hereDoc) {
        pos++;
        break;
      }
      if (c == '\\' && pos + 1 < src.length()) {
        char n = src.charAt(pos + 1);
        if (n == '$' || n == '`' || (n == '"' && !hereDoc) || n == '\\') {
          lit.append(n);
          pos += 2;
          continue;
        }
        if (n == '\n') {
          pos += 2;
          continue;
        }
        lit.append(c);
        pos++;
      } else if (c == '$') {
        Part p = lexDollar(true);
        if (p == null) {
          lit.append('$');
        } else {
          if (lit.length() > 0) {
            parts.add(new Literal(lit.toString(), true));
            lit.setLength(0);
          }
          parts.add(p);
        }
      } else if (c == '`') {
        if (lit.length() > 0) {
          parts.add(new Literal(lit.toString(), true));
          lit.setLength(0);
        }
        parts.add(lexBackquote(true));
      } else {
        lit.append(c);
        pos++;
      }
    }
    if (lit.length() > 0) {
      parts.add(new Literal(lit.toString(), true));
    }
  }

  /** At a '$': returns the expansion, or null (pos advanced past '$') for a literal dollar. */
  /** {@code $(( … ))} from just after its opening parentheses to the matching {@code ))}. */
  private Part lexArithmetic(int from, boolean quoted) {
    int depth = 0;
    for (int j = from; j < src.length(); j++) {
      char c = src.charAt(j);
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        if (depth > 0) {
          depth--;
        } else if (j + 1 < src.length() && src.charAt(j + 1) == ')') {
          pos = j + 2;
          return new Arith(src.substring(from, j), quoted);
        } else {
          throw ShellSyntaxException.unexpected(")");
        }
      }
    }
    throw ShellSyntaxException.incomplete(")");
  }

  private Part lexDollar(boolean quoted) {
    int i = pos + 1;
    if (i >= src.length()) {
      pos = i;
      return null;
    }
    char c = src.charAt(i);
    if (c == '(') {
      if (i + 1 < src.length() && src.charAt(i + 1) == '(') {
        return lexArithmetic(i + 2, quoted);
      }
      Parser sub = new Parser(src, i + 1, true, dialect, batch);
      CommandList body = sub.parseList();
      Token close = sub.next();
      if (close.kind == Kind.EOF) {
        throw ShellSyntaxException.incomplete(")");
      }
      if (!close.isOp(")")) {
        throw ShellSyntaxException.unexpected(close.display());
      }
      // a here-document opened inside $( … ) whose body never came before the ')': bash ends it
      // at once, empty, as a document delimited by end-of-file (found by FuzzTest: an NPE)
      for (HereDoc here : sub.pendingHeres) {
        here.body(hereBody("", here.literal()), true);
      }
      sub.pendingHeres.clear();
      pos = sub.pos;
      return new CommandSub(body, quoted);
    }
    if (c == '{') {
      int close = src.indexOf('}', i + 1);
      if (close < 0) {
        throw ShellSyntaxException.incomplete("}");
      }
      String inner = src.substring(i + 1, close);
      pos = close + 1;
      int colon = inner.indexOf(":-");
      String name = colon >= 0 ? inner.substring(0, colon) : inner;
      String dflt = colon >= 0 ? inner.substring(colon + 2) : null;
      return new Param(name, dflt, quoted);
    }
    if ("?$#!@*-0123456789".indexOf(c) >= 0) {
      pos = i + 1;
      return new Param(String.valueOf(c), null, quoted);
    }
    if (Character.isLetter(c) || c == '_') {
      int j = i;
      while (j < src.length()
          && (Character.isLetterOrDigit(src.charAt(j)) || src.charAt(j) == '_')) {
        j++;
      }
      pos = j;
      return new Param(src.substring(i, j), null, quoted);
    }
    pos = i;
    return null;
  }

  private Part lexBackquote(boolean quoted) {
    StringBuilder body = new StringBuilder();
    int i = pos + 1;
    while (true) {
      if (i >= src.length()) {
        throw ShellSyntaxException.incomplete("`");
      }
      char c = src.charAt(i);
      if (c == '`') {
        break;
      }
      if (c == '\\' && i + 1 < src.length() && "$`\\".indexOf(src.charAt(i + 1)) >= 0) {
        body.append(src.charAt(i + 1));
        i += 2;
        continue;
      }
      body.append(c);
      i++;
    }
    pos = i + 1;
    Parser sub = new Parser(body.toString(), 0, false, dialect, true);
    CommandList list = sub.parseList();
    if (sub.peek().kind != Kind.EOF) {
      throw sub.unexpected(sub.peek(), null);
    }
    return new CommandSub(list, quoted);
  }
}

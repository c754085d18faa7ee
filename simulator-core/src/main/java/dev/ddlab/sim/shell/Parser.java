package dev.ddlab.sim.shell;

import dev.ddlab.sim.shell.Ast.AndOr;
import dev.ddlab.sim.shell.Ast.Assignment;
import dev.ddlab.sim.shell.Ast.Branch;
import dev.ddlab.sim.shell.Ast.Case;
import dev.ddlab.sim.shell.Ast.CaseItem;
import dev.ddlab.sim.shell.Ast.Command;
import dev.ddlab.sim.shell.Ast.CommandList;
import dev.ddlab.sim.shell.Ast.Cond;
import dev.ddlab.sim.shell.Ast.CondExpr;
import dev.ddlab.sim.shell.Ast.Connector;
import dev.ddlab.sim.shell.Ast.For;
import dev.ddlab.sim.shell.Ast.FunctionDef;
import dev.ddlab.sim.shell.Ast.Group;
import dev.ddlab.sim.shell.Ast.HereDoc;
import dev.ddlab.sim.shell.Ast.If;
import dev.ddlab.sim.shell.Ast.Item;
import dev.ddlab.sim.shell.Ast.Literal;
import dev.ddlab.sim.shell.Ast.Loop;
import dev.ddlab.sim.shell.Ast.Part;
import dev.ddlab.sim.shell.Ast.Pipeline;
import dev.ddlab.sim.shell.Ast.RedirOp;
import dev.ddlab.sim.shell.Ast.Redirect;
import dev.ddlab.sim.shell.Ast.SimpleCommand;
import dev.ddlab.sim.shell.Ast.Word;
import dev.ddlab.sim.shell.Lexer.Kind;
import dev.ddlab.sim.shell.Lexer.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Recursive-descent parser for the grammar of the POSIX shell language learners type: lists with
 * {@code ;}, {@code &} and newlines, {@code &&} and {@code ||}, pipelines, simple commands with
 * assignments and redirections (here-documents included), the compound commands, {@code case},
 * function definitions and bash's {@code [[ … ]]} (its expression: {@link ConditionalParser}).
 * Tokens, words with their quoting and expansions, command substitutions and here-document bodies
 * come from the {@link Lexer}, which owns the position in the input; a {@code $( … )} is parsed by
 * a nested parser over a nested lexer, which is how the shell finds its closing parenthesis.
 *
 * <p>The {@link Dialect} decides the few words only bash (and busybox's bash-compatible ash) know:
 * {@code [[}, {@code function}, {@code ;&} and {@code ;;&}.
 */
public final class Parser {
  private final Lexer lexer;
  private final boolean nested;
  private int subshells;

  private Parser(Lexer lexer, boolean nested) {
    this.lexer = lexer;
    this.nested = nested;
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
    return parse(new Lexer(input, 0, dialect, batch));
  }

  /** A whole input read by {@code lexer}: a list, then the end of the input. */
  private static CommandList parse(Lexer lexer) {
    Parser p = new Parser(lexer, false);
    CommandList list = p.parseList();
    Token t = p.peek();
    if (t.kind() != Kind.EOF) {
      throw p.unexpected(t, null);
    }
    return list;
  }

  /**
   * The list inside {@code $( … )}, read by {@code lexer} from just after its opening parenthesis;
   * the closing parenthesis is left for the lexer.
   */
  static CommandList substitution(Lexer lexer) {
    return new Parser(lexer, true).parseList();
  }

  private Dialect dialect() {
    return lexer.dialect();
  }

  private boolean bashish() {
    return dialect() != Dialect.DASH;
  }

  private ShellSyntaxException unexpected(Token t, String expecting) {
    boolean word = t.kind() == Kind.WORD && !RESERVED.contains(t.text());
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
      if (t.kind() == Kind.EOF
          || (closesParen() && t.isOp(")"))
          || isReserved(t, CLOSERS)
          || (inCase && endsCaseArm(t))) {
        break;
      }
      if (t.kind() == Kind.OP && !startsCommand(t)) {
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
      } else if (sep.kind() == Kind.NEWLINE) {
        next();
      } else if (sep.kind() != Kind.EOF
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
    return t.kind() == Kind.WORD && words.contains(t.text());
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
        || t.isOp("<<-")
        || t.isOp("<<<");
  }

  private AndOr parseAndOr() {
    int start = peek().start();
    List<Pipeline> pipelines = new ArrayList<>();
    List<Connector> connectors = new ArrayList<>();
    pipelines.add(parsePipeline());
    while (true) {
      Token t = peek();
      if (t.isOp("&&") || t.isOp("||")) {
        next();
        connectors.add(t.text().equals("&&") ? Connector.AND : Connector.OR);
        skipNewlinesOrIncomplete();
        pipelines.add(parsePipeline());
      } else {
        break;
      }
    }
    return new AndOr(List.copyOf(pipelines), List.copyOf(connectors), source(start));
  }

  private Pipeline parsePipeline() {
    int start = peek().start();
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
    if (t.kind() == Kind.WORD) {
      switch (t.text()) {
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
          if (CLOSERS.contains(t.text())) {
            throw unexpected(t, null);
          }
      }
      if (lexer.functionFollows(t)) {
        return parseFunction();
      }
    }
    return parseSimple();
  }

  private Command parseIf() {
    int start = peek().start();
    next(); // if
    List<Branch> branches = new ArrayList<>();
    CommandList otherwise = null;
    while (true) {
      CommandList condition = parseBody("then");
      expect("then");
      CommandList body = parseBody("fi");
      branches.add(new Branch(condition, body));
      Token t = next();
      if (t.text().equals("elif")) {
        continue;
      }
      if (t.text().equals("else")) {
        otherwise = parseBody("fi");
        expect("fi");
      } else if (!t.text().equals("fi")) {
        throw unexpected(t, "fi");
      }
      break;
    }
    return new If(List.copyOf(branches), otherwise, parseRedirects(), source(start));
  }

  private Command parseLoop() {
    int start = peek().start();
    boolean until = next().text().equals("until");
    CommandList condition = parseBody("do");
    expect("do");
    CommandList body = parseBody("done");
    expect("done");
    return new Loop(condition, body, until, parseRedirects(), source(start));
  }

  private Command parseFor() {
    int start = peek().start();
    next(); // for
    Token name = next();
    if (name.kind() == Kind.EOF) {
      throw ShellSyntaxException.incomplete(null);
    }
    if (name.kind() != Kind.WORD || !isName(name.text())) {
      if (name.kind() == Kind.WORD) {
        throw ShellSyntaxException.badName("for loop variable", name.text());
      }
      throw unexpected(name, null);
    }
    List<Word> words = null;
    skipNewlinesOrIncomplete();
    if (peek().isWord("in")) {
      next();
      words = new ArrayList<>();
      while (peek().kind() == Kind.WORD) {
        words.add(next().word());
      }
      words = List.copyOf(words);
      Token sep = peek();
      if (sep.isOp(";") || sep.kind() == Kind.NEWLINE) {
        next();
      } else if (sep.kind() == Kind.EOF) {
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
    return new For(name.text(), words, body, parseRedirects(), source(start));
  }

  /**
   * {@code case WORD in [(]PATTERN[|PATTERN]…) LIST ;; … esac}; the last arm may leave out its
   * {@code ;;}, and an arm's list may be empty.
   */
  private Command parseCase() {
    int start = peek().start();
    next(); // case
    Token subject = next();
    if (subject.kind() == Kind.EOF) {
      throw ShellSyntaxException.incompleteExpecting("in");
    }
    if (subject.kind() != Kind.WORD) {
      throw unexpected(subject, null);
    }
    skipNewlines();
    Token in = next();
    if (in.kind() == Kind.EOF) {
      throw ShellSyntaxException.incompleteExpecting("in");
    }
    if (!in.isWord("in")) {
      throw unexpected(in, "in");
    }
    List<CaseItem> items = new ArrayList<>();
    while (true) {
      skipNewlines();
      Token t = peek();
      if (t.kind() == Kind.EOF) {
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
        if (p.kind() == Kind.EOF) {
          throw ShellSyntaxException.incompleteExpecting(")");
        }
        if (p.kind() != Kind.WORD) {
          throw unexpected(p, ")");
        }
        patterns.add(p.word());
        Token sep = next();
        if (sep.kind() == Kind.EOF && dialect() != Dialect.BASH) {
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
        if (dialect() != Dialect.BASH && !end.isOp(";;")) {
          throw ShellSyntaxException.unexpected("&"); // ash and dash read ";;" then "&"
        }
        next();
        fallThrough = end.isOp(";&");
        testNext = end.isOp(";;&");
      } else if (end.kind() == Kind.EOF) {
        throw ShellSyntaxException.incompleteExpecting(";;");
      } else if (!end.isWord("esac")) {
        throw unexpected(end, ";;");
      }
      items.add(new CaseItem(List.copyOf(patterns), body, fallThrough, testNext));
    }
    return new Case(subject.word(), List.copyOf(items), parseRedirects(), source(start));
  }

  private Command parseBraceGroup() {
    int start = peek().start();
    next(); // {
    CommandList body = parseBody("}");
    expect("}");
    return new Group(body, false, parseRedirects(), source(start));
  }

  private Command parseSubshell() {
    int start = peek().start();
    next(); // (
    subshells++;
    CommandList body;
    try {
      body = parseList();
    } finally {
      subshells--;
    }
    Token close = next();
    if (close.kind() == Kind.EOF) {
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
    if (t.kind() == Kind.EOF) {
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
    if (t.kind() == Kind.EOF) {
      throw ShellSyntaxException.incompleteExpecting(word);
    }
    if (t.kind() != Kind.WORD || !t.text().equals(word)) {
      throw unexpected(t, word);
    }
  }

  /** Redirections after a compound command ({@code done > log}). */
  private List<Redirect> parseRedirects() {
    List<Redirect> redirects = new ArrayList<>();
    while (true) {
      Token t = peek();
      if (t.kind() == Kind.IO_NUMBER) {
        next();
        redirects.add(parseRedirect(ioNumber(t.text())));
      } else if (t.kind() == Kind.OP && isRedirectOp(t.text())) {
        redirects.add(parseRedirect(-1));
      } else {
        return List.copyOf(redirects);
      }
    }
  }

  // ---- functions ----------------------------------------------------------------------------

  /** {@code NAME ( ) BODY}. */
  private Command parseFunction() {
    int start = peek().start();
    Token name = next();
    checkFunctionName(name);
    next(); // (
    next(); // )
    return new FunctionDef(name.text(), parseFunctionBody(), source(start));
  }

  /** bash's {@code function NAME [( )] BODY}. */
  private Command parseFunctionKeyword() {
    int start = peek().start();
    next(); // function
    Token name = next();
    if (name.kind() == Kind.EOF) {
      throw ShellSyntaxException.incomplete(null);
    }
    if (name.kind() != Kind.WORD) {
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
    return new FunctionDef(name.text(), parseFunctionBody(), source(start));
  }

  /**
   * bash takes almost any unquoted word as a function name (the fork bomb's {@code :} included);
   * ash and dash only a POSIX name.
   */
  private void checkFunctionName(Token name) {
    boolean plain =
        name.word().parts().stream().allMatch(p -> p instanceof Literal l && !l.quoted());
    if (!plain || (dialect() != Dialect.BASH && !isName(name.text()))) {
      throw ShellSyntaxException.badName("function name", name.text());
    }
  }

  /** bash wants a compound command as the body; ash and dash take any command. */
  private Command parseFunctionBody() {
    skipNewlinesOrIncomplete();
    Token t = peek();
    if (dialect() == Dialect.BASH
        && !t.isOp("(")
        && !(t.kind() == Kind.WORD && COMPOUND_STARTS.contains(t.text()))) {
      throw unexpected(t, null);
    }
    return parseCommand();
  }

  // ---- [[ … ]] ------------------------------------------------------------------------------

  private Command parseCond() {
    int start = peek().start();
    next(); // [[
    if (peek().isWord("]]")) {
      throw unexpected(peek(), null);
    }
    CondExpr e = ConditionalParser.parse(lexer);
    return new Cond(e, parseRedirects(), source(start));
  }

  // ---- simple commands and redirections ------------------------------------------------------

  private SimpleCommand parseSimple() {
    int start = peek().start();
    List<Assignment> assignments = new ArrayList<>();
    List<Word> words = new ArrayList<>();
    List<Redirect> redirects = new ArrayList<>();
    while (true) {
      Token t = peek();
      if (t.kind() == Kind.WORD) {
        next();
        Assignment a = words.isEmpty() ? asAssignment(t.word()) : null;
        if (a != null) {
          assignments.add(a);
        } else {
          words.add(t.word());
        }
      } else if (t.kind() == Kind.IO_NUMBER) {
        next();
        redirects.add(parseRedirect(ioNumber(t.text())));
      } else if (t.kind() == Kind.OP && isRedirectOp(t.text())) {
        redirects.add(parseRedirect(-1));
      } else {
        break;
      }
    }
    if (assignments.isEmpty() && words.isEmpty() && redirects.isEmpty()) {
      Token t = peek();
      if (t.kind() == Kind.EOF) {
        throw ShellSyntaxException.incomplete(null);
      }
      throw unexpected(t, null);
    }
    return new SimpleCommand(
        List.copyOf(assignments),
        List.copyOf(words),
        List.copyOf(redirects),
        source(start),
        lexer.line(start));
  }

  private static boolean isRedirectOp(String op) {
    return switch (op) {
      case ">", ">>", "<", ">&", "<&", ">|", "<<", "<<-", "<<<" -> true;
      default -> false;
    };
  }

  private Redirect parseRedirect(int fd) {
    Token op = next();
    if (op.kind() != Kind.OP || !isRedirectOp(op.text())) {
      throw unexpected(op, null);
    }
    if (op.text().equals("<<<") && dialect() != Dialect.BASH) {
      throw ShellSyntaxException.worded( // ash and dash read << and then a redirection
          dialect() == Dialect.DASH
              ? "Syntax error: redirection unexpected"
              : "syntax error: unexpected redirection",
          op.text());
    }
    Token target = next();
    if (target.kind() != Kind.WORD) {
      throw unexpected(target, null);
    }
    if (op.text().equals("<<<")) {
      return new Redirect(fd < 0 ? 0 : fd, RedirOp.HERE_STRING, target.word());
    }
    if (op.text().startsWith("<<")) {
      HereDoc here = lexer.hereDocument(target.word(), op.text().equals("<<-"));
      return new Redirect(fd < 0 ? 0 : fd, RedirOp.HERE, target.word(), here);
    }
    RedirOp kind =
        switch (op.text()) {
          case ">" -> RedirOp.OUT;
          case ">|" -> RedirOp.CLOBBER;
          case ">>" -> RedirOp.APPEND;
          case "<" -> RedirOp.IN;
          case ">&" -> RedirOp.DUP_OUT;
          default -> RedirOp.DUP_IN;
        };
    int defaultFd = (kind == RedirOp.IN || kind == RedirOp.DUP_IN) ? 0 : 1;
    return new Redirect(fd < 0 ? defaultFd : fd, kind, target.word());
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
    while (peek().kind() == Kind.NEWLINE) {
      next();
    }
  }

  /** After {@code |}, {@code &&} or {@code ||} the command may continue on the next line. */
  private void skipNewlinesOrIncomplete() {
    skipNewlines();
    if (peek().kind() == Kind.EOF) {
      throw ShellSyntaxException.incomplete(null);
    }
  }

  private String source(int start) {
    return lexer.source(start);
  }

  private Token peek() {
    return lexer.peek();
  }

  private Token next() {
    return lexer.next();
  }
}

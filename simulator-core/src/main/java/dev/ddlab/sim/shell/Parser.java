package dev.ddlab.sim.shell;

import dev.ddlab.sim.shell.Ast.AndOr;
import dev.ddlab.sim.shell.Ast.Arith;
import dev.ddlab.sim.shell.Ast.Assignment;
import dev.ddlab.sim.shell.Ast.Branch;
import dev.ddlab.sim.shell.Ast.Command;
import dev.ddlab.sim.shell.Ast.CommandList;
import dev.ddlab.sim.shell.Ast.CommandSub;
import dev.ddlab.sim.shell.Ast.Connector;
import dev.ddlab.sim.shell.Ast.For;
import dev.ddlab.sim.shell.Ast.Group;
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
 * Recursive-descent parser for the POSIX shell subset learners type: words with quoting ({@code
 * '…'}, {@code "…"}, backslash), parameter expansion, command substitution ({@code $( … )} and
 * backquotes), redirections, pipelines, {@code &&}, {@code ||}, {@code ;}, {@code &} and comments.
 * Tokens are read on demand from the input; a command substitution is parsed by a nested parser
 * over the same text, which is how the shell finds its closing parenthesis.
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

    String display() {
      return kind == Kind.NEWLINE || kind == Kind.EOF ? "newline" : text;
    }
  }

  private final String src;
  private int pos;
  private Token peeked;
  private final boolean nested;
  private int subshells;

  private Parser(String src, int pos, boolean nested) {
    this.src = src;
    this.pos = pos;
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

  /** Parses a whole input (possibly several lines joined with '\n'). */
  public static CommandList parse(String input) {
    Parser p = new Parser(input, 0, false);
    CommandList list = p.parseList();
    Token t = p.peek();
    if (t.kind != Kind.EOF) {
      throw ShellSyntaxException.unexpected(t.display());
    }
    return list;
  }

  // ---- grammar ------------------------------------------------------------------------------

  private CommandList parseList() {
    return parseList(Set.of());
  }

  /**
   * A list up to the end of input, a {@code )} closing a substitution or subshell, or one of the
   * reserved words in {@code terminators} ({@code then}, {@code fi}, {@code done} …) in command
   * position, which is left for the caller.
   */
  private CommandList parseList(Set<String> terminators) {
    List<Item> items = new ArrayList<>();
    while (true) {
      skipNewlines();
      Token t = peek();
      if (t.kind == Kind.EOF || (closesParen() && t.isOp(")")) || isReserved(t, terminators)) {
        break;
      }
      if (t.kind == Kind.OP && !startsCommand(t)) {
        throw ShellSyntaxException.unexpected(t.text);
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
          && !isReserved(sep, terminators)) {
        throw ShellSyntaxException.unexpected(sep.display());
      }
      items.add(new Item(andOr, background));
      Token after = peek();
      if (after.isOp(";") || after.isOp("&") || after.isOp(";;")) {
        throw ShellSyntaxException.unexpected(after.text);
      }
    }
    return new CommandList(List.copyOf(items));
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
        || t.isOp(">|");
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
    if (peek().kind == Kind.WORD && peek().text.equals("!")) {
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

  private static final Set<String> THEN = Set.of("then");
  private static final Set<String> IF_BODY_END = Set.of("elif", "else", "fi");
  private static final Set<String> FI = Set.of("fi");
  private static final Set<String> DO = Set.of("do");
  private static final Set<String> DONE = Set.of("done");
  private static final Set<String> BRACE_END = Set.of("}");

  /** Words that end a list and so cannot start a command. */
  private static final Set<String> CLOSERS =
      Set.of("then", "elif", "else", "fi", "do", "done", "}", "in");

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
        case "{":
          return parseBraceGroup();
        default:
          if (CLOSERS.contains(t.text) && !t.text.equals("in")) {
            throw ShellSyntaxException.unexpected(t.text);
          }
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
      CommandList condition = parseBody(THEN, "then");
      expect("then");
      CommandList body = parseBody(IF_BODY_END, "fi");
      branches.add(new Branch(condition, body));
      Token t = next();
      if (t.text.equals("elif")) {
        continue;
      }
      if (t.text.equals("else")) {
        otherwise = parseBody(FI, "fi");
        expect("fi");
      }
      break;
    }
    return new If(List.copyOf(branches), otherwise, parseRedirects(), source(start));
  }

  private Command parseLoop() {
    int start = peek().start;
    boolean until = next().text.equals("until");
    CommandList condition = parseBody(DO, "do");
    expect("do");
    CommandList body = parseBody(DONE, "done");
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
      throw ShellSyntaxException.unexpected(name.display());
    }
    List<Word> words = null;
    skipNewlinesOrIncomplete();
    if (peek().kind == Kind.WORD && peek().text.equals("in")) {
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
        throw ShellSyntaxException.incomplete(null);
      } else {
        throw ShellSyntaxException.unexpected(sep.display());
      }
    } else if (peek().isOp(";")) {
      next();
    }
    skipNewlinesOrIncomplete();
    expect("do");
    CommandList body = parseBody(DONE, "done");
    expect("done");
    return new For(name.text, words, body, parseRedirects(), source(start));
  }

  private Command parseBraceGroup() {
    int start = peek().start;
    next(); // {
    CommandList body = parseBody(BRACE_END, "}");
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
      throw ShellSyntaxException.incomplete(null);
    }
    if (!close.isOp(")")) {
      throw ShellSyntaxException.unexpected(close.display());
    }
    if (body.isEmpty()) {
      throw ShellSyntaxException.unexpected(")");
    }
    return new Group(body, true, parseRedirects(), source(start));
  }

  /**
   * The list inside a compound command, up to one of {@code terminators}; the input is incomplete
   * when it ends first, and a list that is empty is a syntax error at the terminator, as bash says.
   */
  private CommandList parseBody(Set<String> terminators, String closer) {
    CommandList body = parseList(terminators);
    Token t = peek();
    if (t.kind == Kind.EOF) {
      throw ShellSyntaxException.incomplete(null);
    }
    if (!isReserved(t, terminators)) {
      throw ShellSyntaxException.unexpected(t.display());
    }
    if (body.isEmpty()) {
      throw ShellSyntaxException.unexpected(t.text);
    }
    return body;
  }

  private void expect(String word) {
    Token t = next();
    if (t.kind == Kind.EOF) {
      throw ShellSyntaxException.incomplete(null);
    }
    if (t.kind != Kind.WORD || !t.text.equals(word)) {
      throw ShellSyntaxException.unexpected(t.display());
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
      throw ShellSyntaxException.unexpected(t.display());
    }
    return new SimpleCommand(
        List.copyOf(assignments), List.copyOf(words), List.copyOf(redirects), source(start));
  }

  private static boolean isRedirectOp(String op) {
    return switch (op) {
      case ">", ">>", "<", ">&", "<&", ">|", "<<" -> true;
      default -> false;
    };
  }

  private Redirect parseRedirect(int fd) {
    Token op = next();
    if (op.kind != Kind.OP || !isRedirectOp(op.text)) {
      throw ShellSyntaxException.unexpected(op.display());
    }
    if (op.text.equals("<<")) {
      // Here-documents need multi-line input that learners do not type at these prompts.
      throw ShellSyntaxException.unexpected("<<");
    }
    Token target = next();
    if (target.kind != Kind.WORD) {
      throw ShellSyntaxException.unexpected(target.display());
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
      return new Token(Kind.NEWLINE, "\n", null, start, pos);
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
        return d == ';' ? ";;" : ";";
      case '>':
        return d == '>' ? ">>" : d == '&' ? ">&" : d == '|' ? ">|" : ">";
      case '<':
        return d == '<' ? "<<" : d == '&' ? "<&" : "<";
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
        lexDoubleQuoted(parts);
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

  private void lexDoubleQuoted(List<Part> parts) {
    StringBuilder lit = new StringBuilder();
    while (true) {
      if (pos >= src.length()) {
        throw ShellSyntaxException.incomplete("\"");
      }
      char c = src.charAt(pos);
      if (c == '"') {
        pos++;
        break;
      }
      if (c == '\\' && pos + 1 < src.length()) {
        char n = src.charAt(pos + 1);
        if (n == '$' || n == '`' || n == '"' || n == '\\') {
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
      Parser sub = new Parser(src, i + 1, true);
      CommandList body = sub.parseList();
      Token close = sub.next();
      if (close.kind == Kind.EOF) {
        throw ShellSyntaxException.incomplete(")");
      }
      if (!close.isOp(")")) {
        throw ShellSyntaxException.unexpected(close.display());
      }
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
    Parser sub = new Parser(body.toString(), 0, false);
    CommandList list = sub.parseList();
    if (sub.peek().kind != Kind.EOF) {
      throw ShellSyntaxException.unexpected(sub.peek().display());
    }
    return new CommandSub(list, quoted);
  }
}

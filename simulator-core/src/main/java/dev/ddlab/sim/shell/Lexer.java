package dev.ddlab.sim.shell;

import dev.ddlab.sim.shell.Ast.Arith;
import dev.ddlab.sim.shell.Ast.CommandList;
import dev.ddlab.sim.shell.Ast.CommandSub;
import dev.ddlab.sim.shell.Ast.HereDoc;
import dev.ddlab.sim.shell.Ast.Literal;
import dev.ddlab.sim.shell.Ast.Param;
import dev.ddlab.sim.shell.Ast.Part;
import dev.ddlab.sim.shell.Ast.Tilde;
import dev.ddlab.sim.shell.Ast.Word;
import java.util.ArrayList;
import java.util.List;

/**
 * The shell's tokens, read on demand for {@link Parser}: operators, {@code IO_NUMBER}s, newlines
 * and words, and the inside of a word: quoting ({@code '…'}, {@code "…"}, backslash), tildes,
 * parameter expansion, command substitution ({@code $( … )} and backquotes), arithmetic ({@code $((
 * … ))}) and, at the end of the line that holds their operators, the bodies of here-documents. It
 * owns the position in the input. A {@code $( … )} is read by a nested lexer over the same text
 * whose tokens a nested {@link Parser} takes, which is how the shell finds its closing parenthesis;
 * a backquoted command is parsed as an input of its own.
 */
final class Lexer {
  enum Kind {
    WORD,
    OP,
    IO_NUMBER,
    NEWLINE,
    EOF
  }

  record Token(Kind kind, String text, Word word, int start, int end) {
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
  private final Dialect dialect;
  private final boolean batch;
  private final List<HereDoc> pendingHeres = new ArrayList<>();

  /**
   * A lexer over {@code src} from {@code pos}. {@code batch} input is all there is (a {@code -c}
   * string, a script): a here-document whose delimiter never comes then ends with the input, where
   * typed input would ask for more lines.
   */
  Lexer(String src, int pos, Dialect dialect, boolean batch) {
    this.src = src;
    this.pos = pos;
    this.dialect = dialect;
    this.batch = batch;
  }

  Dialect dialect() {
    return dialect;
  }

  Token peek() {
    if (peeked == null) {
      peeked = lex();
    }
    return peeked;
  }

  Token next() {
    Token t = peek();
    peeked = null;
    return t;
  }

  /** The input from {@code start} up to the next token, blanks stripped: a node's source text. */
  // line(): the last offset asked about and its line, so one parse counts each newline about once
  private int lineOffset;

  private int lineAt = 1;

  /** The 1-based line of {@code offset} in the input: bash's line number of a command there. */
  int line(int offset) {
    if (offset < lineOffset) {
      lineOffset = 0;
      lineAt = 1;
    }
    int end = Math.min(offset, src.length());
    for (int i = lineOffset; i < end; i++) {
      if (src.charAt(i) == '\n') {
        lineAt++;
      }
    }
    lineOffset = Math.max(lineOffset, end);
    return lineAt;
  }

  String source(int start) {
    int end = peeked != null ? peeked.start : pos;
    return src.substring(start, Math.max(start, end)).strip();
  }

  /** Whether the word {@code t} in command position is followed by {@code ( )}: a definition. */
  boolean functionFollows(Token t) {
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
          char e = i + 2 < src.length() ? src.charAt(i + 2) : 0;
          return e == '-' ? "<<-" : e == '<' ? "<<<" : "<<";
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
        parts.add(lexSingleQuoted());
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

  /** At a {@code '}: the text up to the next one, all of it quoted. */
  private Literal lexSingleQuoted() {
    int close = src.indexOf('\'', pos + 1);
    if (close < 0) {
      throw ShellSyntaxException.incomplete("'");
    }
    Literal text = new Literal(src.substring(pos + 1, close), true);
    pos = close + 1;
    return text;
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

  /** At a '$': returns the expansion, or null (pos advanced past '$') for a literal dollar. */
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
      Lexer sub = new Lexer(src, i + 1, dialect, batch);
      CommandList body = Parser.substitution(sub);
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
      int close = braceEnd(i + 1);
      String inner = src.substring(i + 1, close);
      pos = close + 1;
      return braced(inner, quoted);
    }
    if ("?$#!@*-0123456789".indexOf(c) >= 0) {
      pos = i + 1;
      return new Param(String.valueOf(c), quoted);
    }
    if (Character.isLetter(c) || c == '_') {
      int j = i;
      while (j < src.length()
          && (Character.isLetterOrDigit(src.charAt(j)) || src.charAt(j) == '_')) {
        j++;
      }
      pos = j;
      return new Param(src.substring(i, j), quoted);
    }
    pos = i;
    return null;
  }

  /** The operators of {@code ${NAME op word}}, the two-character ones first. */
  private static final String[] PARAM_OPS = {
    ":-", ":=", ":+", ":?", "##", "%%", "-", "=", "+", "?", "#", "%"
  };

  /**
   * The '}' that closes the {@code ${} opened before {@code from}: nested {@code ${…}} and quoted
   * text are skipped.
   */
  private int braceEnd(int from) {
    int depth = 0;
    for (int k = from; k < src.length(); k++) {
      char ch = src.charAt(k);
      if (ch == '\\') {
        k++;
      } else if (ch == '\'') {
        int q = src.indexOf('\'', k + 1);
        if (q < 0) {
          break;
        }
        k = q;
      } else if (ch == '$' && k + 1 < src.length() && src.charAt(k + 1) == '{') {
        depth++;
        k++;
      } else if (ch == '}') {
        if (depth == 0) {
          return k;
        }
        depth--;
      }
    }
    throw ShellSyntaxException.incomplete("}");
  }

  /**
   * The inside of {@code ${…}}: a name ({@code ${#NAME}} its length, bash's {@code ${!NAME}} the
   * parameter it names), then one of {@link #PARAM_OPS} and its word, a replacement {@code / // /#
   * /%}, a substring {@code :off:len}, or bash's case changes {@code ^ ^^ , ,,}. A form the dialect
   * has not (dash: none of the last three; busybox ash: no case changes, indirection or arrays; any
   * other text) is {@link Param#BAD}: each shell says "bad substitution" when it is expanded.
   * busybox has no anchors: its {@code ${X/#p/r}} replaces the pattern {@code #p}.
   */
  private Param braced(String inner, boolean quoted) {
    boolean bash = dialect == Dialect.BASH;
    if (inner.length() > 1 && (inner.charAt(0) == '#' || inner.charAt(0) == '!')) {
      int m = nameLength(inner.substring(1));
      if (m > 0 && inner.charAt(0) == '#') {
        return m == inner.length() - 1 ? new Param(inner, quoted) : bad(inner, quoted);
      }
      if (m > 0) {
        String rest = inner.substring(1 + m);
        if (!bash) {
          return bad(inner, quoted);
        }
        // ${!prefix*} and ${!prefix@}: the names that start so (Expander)
        return rest.isEmpty() || rest.equals("*") || rest.equals("@")
            ? new Param(inner, quoted)
            : operator(inner.substring(0, 1 + m), rest, inner, quoted);
      }
    }
    int n = nameLength(inner);
    if (n == 0) {
      return bad(inner, quoted);
    }
    return n == inner.length()
        ? new Param(inner, quoted)
        : operator(inner.substring(0, n), inner.substring(n), inner, quoted);
  }

  /** {@code ${name rest}}: the operator {@code rest} starts with, and its words. */
  private Param operator(String name, String rest, String inner, boolean quoted) {
    for (String op : PARAM_OPS) {
      if (rest.startsWith(op)) {
        String word = rest.substring(op.length());
        return new Param(name, op, paramWord(word), quoted);
      }
    }
    char c = rest.charAt(0);
    if (rest.equals(":")) {
      return emptyOffset(inner, quoted);
    }
    if (dialect == Dialect.DASH || (c != '/' && c != ':' && dialect != Dialect.BASH)) {
      return bad(inner, quoted);
    }
    if (c == '/' || c == ':') {
      String op = String.valueOf(c);
      if (c == '/' && rest.length() > 1 && rest.charAt(1) == '/') {
        op = "//";
      } else if (c == '/'
          && rest.length() > 1
          && "#%".indexOf(rest.charAt(1)) >= 0
          && dialect == Dialect.BASH) {
        op = rest.substring(0, 2);
      }
      String words = rest.substring(op.length());
      int split = unquotedIndex(words, c);
      return split < 0
          ? new Param(name, op, paramWord(words), null, quoted)
          : new Param(
              name,
              op,
              paramWord(words.substring(0, split)),
              paramWord(words.substring(split + 1)),
              quoted);
    }
    if (c == '^' || c == ',') {
      String op =
          rest.length() > 1 && rest.charAt(1) == c ? rest.substring(0, 2) : rest.substring(0, 1);
      return new Param(name, op, paramWord(rest.substring(op.length())), quoted);
    }
    return bad(inner, quoted);
  }

  /**
   * {@code ${X:}}: bash's bad substitution when expanded; dash and busybox read a {@code :} that no
   * operator follows as a brace never closed, a syntax error before anything runs (dash 0.5.12 and
   * busybox 1.35 here, busybox 1.36 on the private dockerd).
   */
  private Param emptyOffset(String inner, boolean quoted) {
    return switch (dialect) {
      case BASH -> bad(inner, quoted);
      case DASH ->
          throw ShellSyntaxException.worded(
              quoted ? "Syntax error: Unterminated quoted string" : "Syntax error: Missing '}'",
              "}");
      case ASH ->
          throw ShellSyntaxException.worded(
              quoted ? "syntax error: unterminated quoted string" : "syntax error: missing '}'",
              "}");
    };
  }

  private static Param bad(String inner, boolean quoted) {
    return new Param(inner, Param.BAD, null, null, quoted);
  }

  /**
   * Where {@code ch} first stands in {@code s} outside quotes, backslashes and nested {@code ${…}}
   * or {@code $(…)}: the end of a replacement's pattern or a substring's offset; -1 when nowhere.
   */
  private static int unquotedIndex(String s, char ch) {
    int depth = 0;
    boolean dq = false;
    for (int k = 0; k < s.length(); k++) {
      char c = s.charAt(k);
      if (c == '\\') {
        k++;
      } else if (c == '\'' && !dq) {
        int q = s.indexOf('\'', k + 1);
        k = q < 0 ? s.length() : q;
      } else if (c == '"') {
        dq = !dq;
      } else if (c == '$' && k + 1 < s.length() && "{(".indexOf(s.charAt(k + 1)) >= 0) {
        depth++;
        k++;
      } else if ((c == '}' || c == ')') && depth > 0) {
        depth--;
      } else if (c == ch && depth == 0 && !dq) {
        return k;
      }
    }
    return -1;
  }

  /** How many characters at the start of {@code inner} name a parameter: 0 when none do. */
  private int nameLength(String inner) {
    if (inner.isEmpty()) {
      return 0;
    }
    char c = inner.charAt(0);
    if (Character.isDigit(c)) {
      int k = 1;
      while (k < inner.length() && Character.isDigit(inner.charAt(k))) {
        k++;
      }
      return k;
    }
    if ("?$#!@*-".indexOf(c) >= 0) {
      // ${#} is the count; ${#X} (a length) is one name, as before
      return c == '#' && inner.length() > 1 && nameLength(inner.substring(1)) > 0 ? 0 : 1;
    }
    if (!Character.isLetter(c) && c != '_') {
      return 0;
    }
    int k = 1;
    while (k < inner.length()
        && (Character.isLetterOrDigit(inner.charAt(k)) || inner.charAt(k) == '_')) {
      k++;
    }
    // bash's NAME[index] (arrays are variables named so); the other shells have no arrays
    int close = k < inner.length() && inner.charAt(k) == '[' ? inner.indexOf(']', k) : -1;
    return close > k + 1 && dialect == Dialect.BASH ? close + 1 : k;
  }

  /**
   * The word after a {@code ${NAME op}}: quotes, {@code $…} and backquotes as in a word, blanks
   * kept.
   */
  private Word paramWord(String text) {
    List<Part> parts = new Lexer(text, 0, dialect, true).lexLoose(false, true);
    return new Word(List.copyOf(mergeLiterals(parts)), text);
  }

  /**
   * From here to the end of the text (or, with {@code stopAtBlank}, the next blank): backslashes,
   * quotes, {@code $…} and (with {@code backquotes}) backquotes as in a word, every other character
   * literal, {@code ( ) | ; < >} too. A parameter operator's word and the right side of {@code =~}.
   */
  private List<Part> lexLoose(boolean stopAtBlank, boolean backquotes) {
    List<Part> parts = new ArrayList<>();
    while (pos < src.length()) {
      char c = src.charAt(pos);
      if (stopAtBlank && (c == ' ' || c == '\t' || c == '\n')) {
        break;
      }
      if (c == '\\' && pos + 1 < src.length()) {
        parts.add(new Literal(String.valueOf(src.charAt(pos + 1)), true));
        pos += 2;
      } else if (c == '\'') {
        parts.add(lexSingleQuoted());
      } else if (c == '"') {
        pos++;
        lexQuoted(parts, false);
      } else if (c == '$') {
        Part p = lexDollar(false);
        parts.add(p == null ? new Literal("$", false) : p);
      } else if (c == '`' && backquotes) {
        parts.add(lexBackquote(false));
      } else {
        parts.add(new Literal(String.valueOf(c), false));
        pos++;
      }
    }
    return parts;
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
    return new CommandSub(Parser.parse(body.toString(), dialect, true), quoted);
  }

  // ---- here-documents ----------------------------------------------------------------------

  /**
   * A here-document whose operator ({@code <<}, or {@code <<-} when {@code stripTabs}) and
   * delimiter {@code word} the grammar just read; its body is read at the end of the line.
   */
  HereDoc hereDocument(Word word, boolean stripTabs) {
    HereDoc here = new HereDoc(delimiter(word), stripTabs, quoted(word));
    pendingHeres.add(here);
    return here;
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
    Lexer body = new Lexer(text, 0, dialect, true);
    List<Part> parts = new ArrayList<>();
    body.lexQuoted(parts, true);
    return new Word(List.copyOf(parts), text);
  }

  /**
   * The right side of {@code =~}: up to the next blank, with {@code ( ) |} part of the regular
   * expression rather than operators; quoted parts match literally.
   */
  Word regexWord() {
    if (peeked != null) {
      throw new IllegalStateException("regex after a peeked token");
    }
    skipBlanks();
    int start = pos;
    List<Part> parts = lexLoose(true, false);
    if (parts.isEmpty()) {
      throw ShellSyntaxException.conditional(
          "unexpected argument `newline' to conditional binary operator", "newline");
    }
    return new Word(List.copyOf(mergeLiterals(parts)), src.substring(start, pos));
  }
}

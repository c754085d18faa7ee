package dev.ddlab.cli.template;

import dev.ddlab.cli.template.Lexer.Kind;
import dev.ddlab.cli.template.Lexer.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Recursive-descent parser following Go's text/template/parse, with its error texts. */
final class Parser {
  private final String name;
  private final List<Token> tokens;
  private final Set<String> funcs;
  private int index;
  private final List<List<String>> vars = new ArrayList<>();

  Parser(String name, String text, Set<String> funcs) {
    this.name = name;
    this.tokens = new Lexer(text).lex();
    this.funcs = funcs;
  }

  Node.ListNode parse() {
    vars.add(new ArrayList<>(List.of("$")));
    List<Node> nodes = new ArrayList<>();
    while (peek().kind() != Kind.EOF) {
      Node n = textOrAction();
      if (n instanceof EndMarker e) {
        throw error(e.token, "unexpected {{" + e.keyword + "}}");
      }
      nodes.add(n);
    }
    return new Node.ListNode(0, nodes);
  }

  /** A pseudo-node returned when {{end}} or {{else}} closes a list. */
  private record EndMarker(int pos, String keyword, Token token) implements Node {}

  private Token next() {
    Token t = tokens.get(index);
    if (index < tokens.size() - 1) {
      index++;
    }
    if (t.kind() == Kind.ERROR) {
      throw error(t, t.text());
    }
    return t;
  }

  private Token peek() {
    Token t = tokens.get(index);
    if (t.kind() == Kind.ERROR) {
      throw error(t, t.text());
    }
    return t;
  }

  private void backup() {
    index--;
  }

  private Token nextNonSpace() {
    Token t;
    do {
      t = next();
    } while (t.kind() == Kind.SPACE);
    return t;
  }

  private Token peekNonSpace() {
    Token t = nextNonSpace();
    backup();
    return t;
  }

  TemplateException error(Token t, String message) {
    return new TemplateException("template: " + name + ":" + t.line() + ": " + message);
  }

  private TemplateException unexpected(Token t, String context) {
    if (t.kind() == Kind.ERROR) {
      return error(t, t.text());
    }
    return error(t, "unexpected " + t + " in " + context);
  }

  private Node textOrAction() {
    Token t = nextNonSpace();
    switch (t.kind()) {
      case TEXT:
        return new Node.Text(t.pos(), t.text());
      case LEFT_DELIM:
        return action();
      default:
        throw unexpected(t, "input");
    }
  }

  private Node action() {
    Token t = nextNonSpace();
    if (t.kind() == Kind.KEYWORD) {
      switch (t.text()) {
        case "if":
          return control(t, "if");
        case "range":
          return control(t, "range");
        case "with":
          return control(t, "with");
        case "else":
          return elseControl(t);
        case "end":
          expectRightDelim("end");
          return new EndMarker(t.pos(), "end", t);
        case "break":
          expectRightDelim("break");
          return new Node.Break(t.pos());
        case "continue":
          expectRightDelim("continue");
          return new Node.Continue(t.pos());
        default:
          throw error(t, "unsupported action {{" + t.text() + "}}");
      }
    }
    backup();
    Token first = peek();
    Node.Pipe pipe = pipeline("command", Kind.RIGHT_DELIM);
    return new Node.Action(first.pos(), first.line(), pipe);
  }

  private void expectRightDelim(String context) {
    Token t = nextNonSpace();
    if (t.kind() != Kind.RIGHT_DELIM) {
      throw unexpected(t, context);
    }
  }

  private Node elseControl(Token elseToken) {
    Token p = peekNonSpace();
    if (p.kind() == Kind.KEYWORD && (p.text().equals("if") || p.text().equals("with"))) {
      // {{else if …}}: the rest is a nested control closed by the shared {{end}}.
      return new EndMarker(elseToken.pos(), "else " + p.text(), elseToken);
    }
    expectRightDelim("else");
    return new EndMarker(elseToken.pos(), "else", elseToken);
  }

  private Node.Control control(Token keyword, String kind) {
    vars.add(new ArrayList<>(vars.get(vars.size() - 1)));
    try {
      Node.Pipe pipe = pipeline(kind, Kind.RIGHT_DELIM);
      List<Node> body = new ArrayList<>();
      EndMarker end = itemList(body);
      Node.ListNode elseList = null;
      if (end.keyword.startsWith("else")) {
        if (end.keyword.equals("else if") || end.keyword.equals("else with")) {
          Token inner = nextNonSpace(); // the if/with keyword
          Node.Control nested = control(inner, inner.text());
          elseList = new Node.ListNode(inner.pos(), List.of(nested));
        } else {
          List<Node> elseBody = new ArrayList<>();
          EndMarker e2 = itemList(elseBody);
          if (!e2.keyword.equals("end")) {
            throw error(e2.token, "expected end; found {{" + e2.keyword + "}}");
          }
          elseList = new Node.ListNode(e2.pos, elseBody);
        }
      }
      return new Node.Control(
          keyword.pos(),
          keyword.line(),
          kind,
          pipe,
          new Node.ListNode(keyword.pos(), body),
          elseList);
    } finally {
      vars.remove(vars.size() - 1);
    }
  }

  private EndMarker itemList(List<Node> into) {
    while (true) {
      Token t = peekNonSpace();
      if (t.kind() == Kind.EOF) {
        throw error(t, "unexpected EOF");
      }
      Node n = textOrAction();
      if (n instanceof EndMarker e) {
        return e;
      }
      into.add(n);
    }
  }

  private Node.Pipe pipeline(String context, Kind end) {
    Token start = peekNonSpace();
    List<String> decl = new ArrayList<>();
    boolean isAssign = false;
    // declarations: $x := or $i, $x :=
    Token v = peekNonSpace();
    if (v.kind() == Kind.VARIABLE) {
      int save = index;
      nextNonSpace();
      Token after = nextNonSpace();
      if (after.kind() == Kind.DECLARE || after.kind() == Kind.ASSIGN) {
        decl.add(v.text());
        isAssign = after.kind() == Kind.ASSIGN;
        if (!isAssign) {
          vars.get(vars.size() - 1).add(v.text());
        }
      } else if (after.kind() == Kind.COMMA && context.equals("range")) {
        decl.add(v.text());
        Token v2 = nextNonSpace();
        Token op = nextNonSpace();
        if (v2.kind() != Kind.VARIABLE || (op.kind() != Kind.DECLARE && op.kind() != Kind.ASSIGN)) {
          throw error(v2, "range can only initialize variables");
        }
        decl.add(v2.text());
        isAssign = op.kind() == Kind.ASSIGN;
        vars.get(vars.size() - 1).add(v.text());
        vars.get(vars.size() - 1).add(v2.text());
      } else {
        index = save;
      }
    }
    List<Node.Command> cmds = new ArrayList<>();
    while (true) {
      Token t = nextNonSpace();
      if (t.kind() == end) {
        if (cmds.isEmpty()) {
          throw error(t, "missing value for " + context);
        }
        break;
      }
      switch (t.kind()) {
        case BOOL,
            CHAR,
            DOT,
            FIELD,
            IDENTIFIER,
            NUMBER,
            NIL,
            RAW_STRING,
            STRING,
            VARIABLE,
            LEFT_PAREN -> {
          backup();
          cmds.add(command());
        }
        default -> throw unexpected(t, context);
      }
    }
    return new Node.Pipe(start.pos(), start.line(), isAssign, decl, cmds);
  }

  private Node.Command command() {
    Token first = peekNonSpace();
    List<Node> args = new ArrayList<>();
    while (true) {
      peekNonSpace();
      Node operand = operand();
      if (operand != null) {
        args.add(operand);
      }
      Token t = next();
      switch (t.kind()) {
        case SPACE:
          continue;
        case RIGHT_DELIM, RIGHT_PAREN:
          backup();
          break;
        case PIPE:
          break;
        default:
          throw unexpected(t, "operand");
      }
      break;
    }
    if (args.isEmpty()) {
      throw error(first, "empty command");
    }
    return new Node.Command(first.pos(), args);
  }

  private Node operand() {
    Node node = term();
    if (node == null) {
      return null;
    }
    if (peek().kind() == Kind.FIELD) {
      // text/template's operand: the chain, and the field or variable it becomes, take the
      // position of the first chained field (errors say :1:9 for the .Foo of {{.Config.Foo}})
      int chainPos = peek().pos();
      List<String> fields = new ArrayList<>();
      while (peek().kind() == Kind.FIELD) {
        fields.add(next().text().substring(1));
      }
      if (node instanceof Node.Field f) {
        List<String> all = new ArrayList<>(f.ident());
        all.addAll(fields);
        return new Node.Field(chainPos, all);
      }
      if (node instanceof Node.Variable v) {
        List<String> all = new ArrayList<>(v.ident());
        all.addAll(fields);
        return new Node.Variable(chainPos, all);
      }
      if (node instanceof Node.BoolLit
          || node instanceof Node.StringLit
          || node instanceof Node.NumberLit
          || node instanceof Node.NilLit
          || node instanceof Node.Dot) {
        throw error(tokens.get(index - 1), "unexpected . after term \"" + node + "\"");
      }
      return new Node.Chain(chainPos, node, fields);
    }
    return node;
  }

  private Node term() {
    Token t = nextNonSpace();
    switch (t.kind()) {
      case IDENTIFIER:
        if (!funcs.contains(t.text())) {
          throw error(t, "function \"" + t.text() + "\" not defined");
        }
        return new Node.Identifier(t.pos(), t.text());
      case DOT:
        return new Node.Dot(t.pos());
      case NIL:
        return new Node.NilLit(t.pos());
      case VARIABLE:
        if (!vars.get(vars.size() - 1).contains(t.text())) {
          throw error(t, "undefined variable \"" + t.text() + "\"");
        }
        return new Node.Variable(t.pos(), List.of(t.text()));
      case FIELD:
        return new Node.Field(t.pos(), List.of(t.text().substring(1)));
      case BOOL:
        return new Node.BoolLit(t.pos(), t.text().equals("true"));
      case CHAR:
        return new Node.NumberLit(t.pos(), t.text(), (long) unquoteChar(t));
      case NUMBER:
        return new Node.NumberLit(t.pos(), t.text(), parseNumber(t));
      case LEFT_PAREN:
        return pipeline("parenthesized pipeline", Kind.RIGHT_PAREN);
      case STRING:
        return new Node.StringLit(t.pos(), t.text(), unquote(t));
      case RAW_STRING:
        return new Node.StringLit(t.pos(), t.text(), t.text().substring(1, t.text().length() - 1));
      default:
        backup();
        return null;
    }
  }

  private Object parseNumber(Token t) {
    String s = t.text().replace("_", "");
    try {
      if (s.startsWith("0x") || s.startsWith("0X")) {
        return Long.parseLong(s.substring(2), 16);
      }
      if (s.matches("[+-]?\\d+")) {
        return Long.parseLong(s);
      }
      return Double.parseDouble(s);
    } catch (NumberFormatException e) {
      throw error(t, "bad number syntax: \"" + t.text() + "\"");
    }
  }

  private int unquoteChar(Token t) {
    String body = t.text().substring(1, t.text().length() - 1);
    String s = unescape(body, t);
    if (s.codePointCount(0, s.length()) != 1) {
      throw error(t, "malformed character constant: " + t.text());
    }
    return s.codePointAt(0);
  }

  private String unquote(Token t) {
    return unescape(t.text().substring(1, t.text().length() - 1), t);
  }

  private String unescape(String body, Token t) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < body.length(); i++) {
      char c = body.charAt(i);
      if (c != '\\') {
        sb.append(c);
        continue;
      }
      if (++i >= body.length()) {
        throw error(t, "invalid syntax");
      }
      char e = body.charAt(i);
      switch (e) {
        case 'n' -> sb.append('\n');
        case 't' -> sb.append('\t');
        case 'r' -> sb.append('\r');
        case 'a' -> sb.append('\007');
        case 'b' -> sb.append('\b');
        case 'f' -> sb.append('\f');
        case 'v' -> sb.append('\013');
        case '\\', '"', '\'' -> sb.append(e);
        case 'x' -> {
          sb.append((char) Integer.parseInt(body.substring(i + 1, i + 3), 16));
          i += 2;
        }
        case 'u' -> {
          sb.append((char) Integer.parseInt(body.substring(i + 1, i + 5), 16));
          i += 4;
        }
        default -> throw error(t, "invalid syntax");
      }
    }
    return sb.toString();
  }
}

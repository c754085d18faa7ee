package dev.ddlab.cli.template;

import java.util.List;

/** The parse tree of a template (Go's text/template/parse nodes). */
interface Node {
  /** Byte offset in the template text, for error positions. */
  int pos();

  record Text(int pos, String text) implements Node {}

  record ListNode(int pos, List<Node> nodes) implements Node {}

  record Action(int pos, int line, Pipe pipe) implements Node {
    @Override
    public String toString() {
      return "{{" + pipe + "}}";
    }
  }

  /** if, range and with share one shape; kind says which. */
  record Control(int pos, int line, String kind, Pipe pipe, ListNode list, ListNode elseList)
      implements Node {}

  record Break(int pos) implements Node {}

  record Continue(int pos) implements Node {}

  record Pipe(int pos, int line, boolean isAssign, List<String> decl, List<Command> cmds)
      implements Node {
    @Override
    public String toString() {
      StringBuilder sb = new StringBuilder();
      if (!decl.isEmpty()) {
        sb.append(String.join(", ", decl)).append(isAssign ? " = " : " := ");
      }
      for (int i = 0; i < cmds.size(); i++) {
        if (i > 0) {
          sb.append(" | ");
        }
        sb.append(cmds.get(i));
      }
      return sb.toString();
    }
  }

  record Command(int pos, List<Node> args) implements Node {
    @Override
    public String toString() {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < args.size(); i++) {
        if (i > 0) {
          sb.append(' ');
        }
        Node a = args.get(i);
        if (a instanceof Pipe p) {
          sb.append('(').append(p).append(')');
        } else {
          sb.append(a);
        }
      }
      return sb.toString();
    }
  }

  record Field(int pos, List<String> ident) implements Node {
    @Override
    public String toString() {
      return "." + String.join(".", ident);
    }
  }

  /** $x.A.B: ident[0] is the variable name with its $. */
  record Variable(int pos, List<String> ident) implements Node {
    @Override
    public String toString() {
      return String.join(".", ident);
    }
  }

  record Identifier(int pos, String name) implements Node {
    @Override
    public String toString() {
      return name;
    }
  }

  record Chain(int pos, Node node, List<String> fields) implements Node {
    @Override
    public String toString() {
      String inner = node instanceof Pipe p ? "(" + p + ")" : node.toString();
      return inner + "." + String.join(".", fields);
    }
  }

  record StringLit(int pos, String quoted, String text) implements Node {
    @Override
    public String toString() {
      return quoted;
    }
  }

  record NumberLit(int pos, String text, Object value) implements Node {
    @Override
    public String toString() {
      return text;
    }
  }

  record BoolLit(int pos, boolean value) implements Node {
    @Override
    public String toString() {
      return Boolean.toString(value);
    }
  }

  record NilLit(int pos) implements Node {
    @Override
    public String toString() {
      return "nil";
    }
  }

  record Dot(int pos) implements Node {
    @Override
    public String toString() {
      return ".";
    }
  }
}

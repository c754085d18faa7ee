package dev.ddlab.cli.template;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed Go text/template. {@link #parse} and {@link #execute} throw {@link TemplateException}
 * with Go's own error texts. Data is any mix of String, Long, Double, Boolean, List, Map (a Go map:
 * sorted when printed), {@link GoObject} (a struct) and {@link Nil}; Java null is Go's invalid "no
 * value".
 */
public final class Template {
  private static final Object NO_FINAL = new Object();

  private final String name;
  private final String text;
  private final Node.ListNode root;
  private final Map<String, TemplateFunction> funcs;
  private boolean missingKeyError;

  private Template(String name, String text, Node.ListNode root, Map<String, TemplateFunction> f) {
    this.name = name;
    this.text = text;
    this.root = root;
    this.funcs = f;
  }

  /** Parsed templates by text: a command typed again (each {@code docker ps}) is not re-parsed. */
  private static final Map<String, Template> PARSED = Lru.of(256);

  /**
   * Parses with Go's builtins and docker/cli's basic functions; a template is immutable, so one
   * parsed before is reused.
   */
  public static Template parse(String text) {
    Template t = PARSED.get(text);
    if (t == null) {
      t = parse("", text, Functions.docker());
      PARSED.put(text, t);
    }
    return t;
  }

  public static Template parse(String name, String text, Map<String, TemplateFunction> funcs) {
    Map<String, TemplateFunction> all = new LinkedHashMap<>(Functions.builtins());
    all.putAll(funcs);
    Node.ListNode root = new Parser(name, text, all.keySet()).parse();
    return new Template(name, text, root, all);
  }

  /** The same parse tree with other functions of the same names (docker's header functions). */
  public Template withFunctions(Map<String, TemplateFunction> replacements) {
    // every table asks for its header's variant with the same functions: made once per template
    Variant v = variant;
    if (v != null && v.replacements() == replacements) {
      return v.template();
    }
    Map<String, TemplateFunction> all = new LinkedHashMap<>(funcs);
    all.putAll(replacements);
    Template t = new Template(name, text, root, all);
    t.missingKeyError = missingKeyError;
    variant = new Variant(replacements, t);
    return t;
  }

  /** The last {@link #withFunctions} result and the functions it was made with. */
  private record Variant(Map<String, TemplateFunction> replacements, Template template) {}

  private volatile Variant variant;

  /** Option("missingkey=error"): a missing map key is an error instead of "no value". */
  public Template missingKeyError() {
    Template t = new Template(name, text, root, funcs);
    t.missingKeyError = true;
    return t;
  }

  public String execute(Object data) {
    StringBuilder out = new StringBuilder();
    executeInto(out, data);
    return out.toString();
  }

  /** Executes into out; on error, out keeps what was written before it, as Go's writer does. */
  public void executeInto(StringBuilder out, Object data) {
    State s = new State(out, data);
    try {
      s.walk(data, root);
    } catch (LoopControl e) {
      // break/continue outside range are parse errors in Go; ignore here
    }
  }

  /**
   * Executes this template over one value after another (a listing's rows), reusing one evaluation
   * state instead of making one per value.
   */
  public Executor executor() {
    return new Executor();
  }

  /** {@link #executeInto} for many values in turn; not for use by two threads at once. */
  public final class Executor {
    private final State state = new State(null, null);

    private Executor() {}

    /** {@link #executeInto}{@code (out, data)}. */
    public void executeInto(StringBuilder out, Object data) {
      state.reset(out, data);
      try {
        state.walk(data, root);
      } catch (LoopControl e) {
        // as in Template.executeInto
      }
    }
  }

  private static final class LoopControl extends RuntimeException {
    final boolean isBreak;

    LoopControl(boolean isBreak) {
      super(null, null, false, false);
      this.isBreak = isBreak;
    }
  }

  private final class State {
    private StringBuilder out;
    private final List<Object[]> vars = new ArrayList<>();
    private Node current;

    State(StringBuilder out, Object data) {
      this.out = out;
      vars.add(new Object[] {"$", data});
    }

    /** The state of a new execution over {@code data}. */
    void reset(StringBuilder out, Object data) {
      this.out = out;
      this.current = null;
      vars.clear();
      vars.add(new Object[] {"$", data});
    }

    TemplateException error(String message) {
      int pos = current == null ? 0 : current.pos();
      String before = text.substring(0, Math.min(pos, text.length()));
      int line = 1 + (int) before.chars().filter(c -> c == '\n').count();
      int col = before.length() - (before.lastIndexOf('\n') + 1);
      String where = current == null ? "" : " at <" + abbreviate(current.toString()) + ">";
      return new TemplateException(
          "template: "
              + name
              + ":"
              + line
              + ":"
              + col
              + ": executing \""
              + name
              + "\""
              + where
              + ": "
              + message);
    }

    private String abbreviate(String s) {
      return s.length() > 20 ? s.substring(0, 20) + "..." : s;
    }

    void walk(Object dot, Node node) {
      current = node;
      if (node instanceof Node.Text t) {
        out.append(t.text());
      } else if (node instanceof Node.ListNode l) {
        for (Node n : l.nodes()) {
          walk(dot, n);
        }
      } else if (node instanceof Node.Action a) {
        Object val = evalPipeline(dot, a.pipe());
        if (a.pipe().decl().isEmpty()) {
          current = a.pipe();
          printValue(val);
        }
      } else if (node instanceof Node.Control c) {
        switch (c.kind()) {
          case "if" -> walkIfOrWith(dot, c, false);
          case "with" -> walkIfOrWith(dot, c, true);
          default -> walkRange(dot, c);
        }
      } else if (node instanceof Node.Break) {
        throw new LoopControl(true);
      } else if (node instanceof Node.Continue) {
        throw new LoopControl(false);
      }
    }

    private void printValue(Object val) {
      if (val instanceof GoObject o && !o.isPrintable()) {
        out.append("&").append(Values.print(val));
        return;
      }
      out.append(Values.print(val));
    }

    private void walkIfOrWith(Object dot, Node.Control c, boolean with) {
      int mark = vars.size();
      Object val = evalPipeline(dot, c.pipe());
      boolean truth = Values.truth(val);
      if (truth) {
        walk(with ? val : dot, c.list());
      } else if (c.elseList() != null) {
        walk(dot, c.elseList());
      }
      pop(mark);
    }

    private void walkRange(Object dot, Node.Control c) {
      int mark = vars.size();
      Node.Pipe pipe = c.pipe();
      Object val = evalPipelineNoDecl(dot, pipe);
      current = c;
      List<Object[]> items = new ArrayList<>();
      if (val instanceof List<?> list) {
        for (int i = 0; i < list.size(); i++) {
          items.add(new Object[] {(long) i, list.get(i)});
        }
      } else if (val instanceof Map<?, ?> map) {
        for (Map.Entry<String, Object> e : Values.sorted(map).entrySet()) {
          items.add(new Object[] {e.getKey(), e.getValue()});
        }
      } else if (val instanceof Long n) {
        for (long i = 0; i < n; i++) {
          items.add(new Object[] {i, i});
        }
      } else if (val == null || val instanceof Nil) {
        // nothing to range over
      } else {
        throw error("range can't iterate over " + Values.print(val));
      }
      if (items.isEmpty()) {
        if (c.elseList() != null) {
          walk(dot, c.elseList());
        }
        pop(mark);
        return;
      }
      for (Object[] item : items) {
        int inner = vars.size();
        List<String> decl = pipe.decl();
        if (decl.size() == 1) {
          setVar(decl.get(0), item[1], pipe.isAssign());
        } else if (decl.size() == 2) {
          setVar(decl.get(0), item[0], pipe.isAssign());
          setVar(decl.get(1), item[1], pipe.isAssign());
        }
        try {
          walk(item[1], c.list());
        } catch (LoopControl lc) {
          if (lc.isBreak) {
            pop(inner);
            break;
          }
        }
        pop(inner);
      }
      pop(mark);
    }

    private void setVar(String name, Object value, boolean assign) {
      if (assign) {
        for (int i = vars.size() - 1; i >= 0; i--) {
          if (vars.get(i)[0].equals(name)) {
            vars.get(i)[1] = value;
            return;
          }
        }
      }
      vars.add(new Object[] {name, value});
    }

    private void pop(int mark) {
      while (vars.size() > mark) {
        vars.remove(vars.size() - 1);
      }
    }

    private Object varValue(String name) {
      for (int i = vars.size() - 1; i >= 0; i--) {
        if (vars.get(i)[0].equals(name)) {
          return vars.get(i)[1];
        }
      }
      throw error("undefined variable: " + name);
    }

    Object evalPipelineNoDecl(Object dot, Node.Pipe pipe) {
      Object value = NO_FINAL;
      for (Node.Command cmd : pipe.cmds()) {
        value = evalCommand(dot, cmd, value);
      }
      return value;
    }

    Object evalPipeline(Object dot, Node.Pipe pipe) {
      current = pipe;
      Object value = evalPipelineNoDecl(dot, pipe);
      for (String v : pipe.decl()) {
        setVar(v, value, pipe.isAssign());
      }
      return value;
    }

    private Object evalCommand(Object dot, Node.Command cmd, Object fin) {
      Node first = cmd.args().get(0);
      current = first;
      if (first instanceof Node.Field f) {
        return evalFieldChain(dot, dot, f, f.ident(), cmd.args(), fin);
      }
      if (first instanceof Node.Chain ch) {
        Object recv = evalArg(dot, ch.node());
        current = ch;
        return evalFieldChain(dot, recv, ch, ch.fields(), cmd.args(), fin);
      }
      if (first instanceof Node.Identifier id) {
        return evalFunction(dot, id, cmd.args(), fin);
      }
      if (first instanceof Node.Variable v) {
        Object value = varValue(v.ident().get(0));
        if (v.ident().size() == 1) {
          notAFunction(cmd.args(), fin);
          return value;
        }
        return evalFieldChain(
            dot, value, v, v.ident().subList(1, v.ident().size()), cmd.args(), fin);
      }
      notAFunction(cmd.args(), fin);
      if (first instanceof Node.Pipe p) {
        return evalPipeline(dot, p);
      }
      if (first instanceof Node.NilLit) {
        throw error("nil is not a command");
      }
      return evalArg(dot, first);
    }

    private void notAFunction(List<Node> args, Object fin) {
      if (args.size() > 1 || fin != NO_FINAL) {
        throw error("can't give argument to non-function " + args.get(0));
      }
    }

    private Object evalFieldChain(
        Object dot, Object receiver, Node node, List<String> ident, List<Node> args, Object fin) {
      int n = ident.size();
      for (int i = 0; i < n - 1; i++) {
        receiver = evalField(dot, ident.get(i), node, List.of(), NO_FINAL, receiver);
      }
      return evalField(dot, ident.get(n - 1), node, args, fin, receiver);
    }

    private Object evalField(
        Object dot, String field, Node node, List<Node> args, Object fin, Object receiver) {
      current = node;
      boolean hasArgs = args.size() > 1 || fin != NO_FINAL;
      if (receiver == null) {
        if (missingKeyError) {
          throw error("nil data; no entry for key \"" + field + "\"");
        }
        return null;
      }
      if (receiver instanceof GoObject o) {
        GoObject.Method m = o.methodNamed(field);
        if (m != null) {
          List<Object> values = new ArrayList<>();
          for (int i = 1; i < args.size(); i++) {
            values.add(evalArg(dot, args.get(i)));
          }
          if (fin != NO_FINAL) {
            values.add(fin);
          }
          current = node;
          if (values.size() != m.arity()) {
            throw error(
                "wrong number of args for "
                    + field
                    + ": want "
                    + m.arity()
                    + " got "
                    + values.size());
          }
          return m.body().apply(values);
        }
        if (o.hasField(field)) {
          if (hasArgs) {
            throw error(field + " has arguments but cannot be invoked as function");
          }
          return o.get(field);
        }
        if (missingKeyError) {
          throw error("map has no entry for key \"" + field + "\"");
        }
        if (o.isMapLike()) {
          return null;
        }
        throw error("can't evaluate field " + field + " in type " + o.typeName());
      }
      if (receiver instanceof Map<?, ?> map) {
        if (hasArgs) {
          throw error(field + " is not a method but has arguments");
        }
        if (map.containsKey(field)) {
          return map.get(field);
        }
        if (missingKeyError) {
          throw error("map has no entry for key \"" + field + "\"");
        }
        return null;
      }
      if (receiver == Nil.MAP) {
        if (missingKeyError) {
          throw error("map has no entry for key \"" + field + "\"");
        }
        return null;
      }
      if (receiver == Nil.POINTER) {
        if (missingKeyError) {
          throw error("map has no entry for key \"" + field + "\"");
        }
        throw error("nil pointer evaluating " + Values.typeName(receiver) + "." + field);
      }
      throw error("can't evaluate field " + field + " in type " + Values.typeName(receiver));
    }

    private Object evalFunction(Object dot, Node.Identifier id, List<Node> args, Object fin) {
      String fname = id.name();
      TemplateFunction fn = funcs.get(fname);
      if (fname.equals("and") || fname.equals("or")) {
        boolean isAnd = fname.equals("and");
        List<Node> operands = args.subList(1, args.size());
        int total = operands.size() + (fin != NO_FINAL ? 1 : 0);
        if (total < 1) {
          throw error("wrong number of args for " + fname + ": want at least 1 got 0");
        }
        Object v = null;
        for (int i = 0; i < total; i++) {
          v = i < operands.size() ? evalArg(dot, operands.get(i)) : fin;
          if (Values.truth(v) != isAnd) {
            return v;
          }
        }
        return v;
      }
      List<Object> values = new ArrayList<>();
      for (int i = 1; i < args.size(); i++) {
        values.add(evalArg(dot, args.get(i)));
      }
      if (fin != NO_FINAL) {
        values.add(fin);
      }
      current = id;
      try {
        return fn.apply(values);
      } catch (TemplateFunction.ArgError e) {
        throw error(e.getMessage().replace("%NAME%", fname));
      } catch (TemplateFunction.CallError e) {
        throw error("error calling " + fname + ": " + e.getMessage());
      }
    }

    private Object evalArg(Object dot, Node n) {
      current = n;
      if (n instanceof Node.Dot) {
        return dot;
      }
      if (n instanceof Node.NilLit) {
        return null;
      }
      if (n instanceof Node.Field f) {
        return evalFieldChain(dot, dot, f, f.ident(), List.of(n), NO_FINAL);
      }
      if (n instanceof Node.Variable v) {
        Object value = varValue(v.ident().get(0));
        if (v.ident().size() == 1) {
          return value;
        }
        return evalFieldChain(
            dot, value, v, v.ident().subList(1, v.ident().size()), List.of(n), NO_FINAL);
      }
      if (n instanceof Node.Pipe p) {
        return evalPipeline(dot, p);
      }
      if (n instanceof Node.Identifier id) {
        return evalFunction(dot, id, List.of(id), NO_FINAL);
      }
      if (n instanceof Node.Chain ch) {
        Object recv = evalArg(dot, ch.node());
        return evalFieldChain(dot, recv, ch, ch.fields(), List.of(n), NO_FINAL);
      }
      if (n instanceof Node.StringLit s) {
        return s.text();
      }
      if (n instanceof Node.BoolLit b) {
        return b.value();
      }
      if (n instanceof Node.NumberLit num) {
        return num.value();
      }
      throw error("can't handle " + n + " for arg");
    }
  }
}

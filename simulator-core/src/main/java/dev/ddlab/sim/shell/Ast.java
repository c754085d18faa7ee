package dev.ddlab.sim.shell;

import java.util.List;

/**
 * The syntax tree of one shell input, following the POSIX shell grammar's names (list, and-or,
 * pipeline, command). Only what learners type is modelled: simple commands and the compound
 * commands {@code if}, {@code while}/{@code until}, {@code for}, {@code { …; }} and {@code ( … )};
 * no {@code case}, functions or here-documents.
 */
public final class Ast {
  private Ast() {}

  /** A piece of a word; {@code quoted} parts are neither field-split nor globbed. */
  public sealed interface Part permits Literal, Param, CommandSub, Tilde, Arith {}

  /** Literal text (quotes and backslashes already removed). */
  public record Literal(String text, boolean quoted) implements Part {}

  /** {@code $NAME}, {@code ${NAME}}, {@code ${NAME:-default}}, {@code $?}, {@code $$} … */
  public record Param(String name, String defaultValue, boolean quoted) implements Part {}

  /** {@code $( … )} or backquotes. */
  public record CommandSub(CommandList body, boolean quoted) implements Part {}

  /** {@code $(( expression ))}: the expression's text, evaluated when the word is expanded. */
  public record Arith(String expression, boolean quoted) implements Part {}

  /** An unquoted {@code ~} or {@code ~user} at the start of a word. */
  public record Tilde(String user) implements Part {}

  /** One word as typed; {@code source} is its raw text (for error messages and job listings). */
  public record Word(List<Part> parts, String source) {
    public boolean isPlainLiteral() {
      return parts.stream().allMatch(p -> p instanceof Literal);
    }
  }

  public enum RedirOp {
    OUT(">"),
    APPEND(">>"),
    IN("<"),
    DUP_OUT(">&"),
    DUP_IN("<&");

    public final String symbol;

    RedirOp(String symbol) {
      this.symbol = symbol;
    }
  }

  /** {@code [fd]op target}: {@code > f}, {@code 2>> f}, {@code 2>&1}, {@code < f}. */
  public record Redirect(int fd, RedirOp op, Word target) {}

  /** {@code NAME=value}. */
  public record Assignment(String name, Word value) {}

  /** One stage of a pipeline. */
  public sealed interface Command permits SimpleCommand, If, Loop, For, Group {
    /** Redirections applying to the whole command. */
    List<Redirect> redirects();

    String source();
  }

  public record SimpleCommand(
      List<Assignment> assignments, List<Word> words, List<Redirect> redirects, String source)
      implements Command {}

  /** {@code if} list {@code then} list, each {@code elif} a further branch, {@code else} list. */
  public record If(
      List<Branch> branches, CommandList otherwise, List<Redirect> redirects, String source)
      implements Command {}

  /** A condition and the list it guards. */
  public record Branch(CommandList condition, CommandList body) {}

  /** {@code while} (or {@code until}) list {@code do} list {@code done}. */
  public record Loop(
      CommandList condition,
      CommandList body,
      boolean until,
      List<Redirect> redirects,
      String source)
      implements Command {}

  /**
   * {@code for NAME in WORDS; do … done}; {@code words} is null for {@code for NAME; do}, which
   * walks the positional parameters.
   */
  public record For(
      String name, List<Word> words, CommandList body, List<Redirect> redirects, String source)
      implements Command {}

  /** {@code { list; }}, or {@code ( list )} when {@code subshell}. */
  public record Group(CommandList body, boolean subshell, List<Redirect> redirects, String source)
      implements Command {}

  /** Commands joined by {@code |}; {@code negated} for a leading {@code !}. */
  public record Pipeline(List<Command> commands, boolean negated, String source) {}

  public enum Connector {
    AND,
    OR
  }

  /**
   * Pipelines joined by {@code &&} / {@code ||}: {@code connectors.size() == pipelines.size()-1}.
   */
  public record AndOr(List<Pipeline> pipelines, List<Connector> connectors, String source) {}

  /** One element of a list: run in the background when followed by {@code &}. */
  public record Item(AndOr command, boolean background) {}

  /** Items separated by {@code ;}, {@code &} or newlines. */
  public record CommandList(List<Item> items) {
    public boolean isEmpty() {
      return items.isEmpty();
    }
  }
}

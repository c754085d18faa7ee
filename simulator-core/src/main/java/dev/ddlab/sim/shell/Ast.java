package dev.ddlab.sim.shell;

import java.util.List;

/**
 * The syntax tree of one shell input, following the POSIX shell grammar's names (list, and-or,
 * pipeline, command): simple commands, the compound commands {@code if}, {@code while}/{@code
 * until}, {@code for}, {@code case}, {@code { …; }}, {@code ( … )} and bash's {@code [[ … ]]},
 * function definitions and here-documents.
 */
public final class Ast {
  private Ast() {}

  /** A piece of a word; {@code quoted} parts are neither field-split nor globbed. */
  public sealed interface Part permits Literal, Param, CommandSub, Tilde, Arith {}

  /** Literal text (quotes and backslashes already removed). */
  public record Literal(String text, boolean quoted) implements Part {}

  /**
   * {@code $NAME} or {@code ${NAME}}; with {@code op} one of {@code - = + ? # ## % %%} (each but
   * the four pattern ones also with a leading colon) and its {@code word}, the forms that test,
   * assign or trim ({@code ${X:-default}}, {@code ${f%.*}}); {@code / // /# /%} with the pattern as
   * {@code word} and the replacement as {@code word2} (null without one); {@code :} (a substring)
   * with the offset and the length (null without one); bash's {@code ^ ^^ , ,,} with their pattern.
   * A name {@code !X} is bash's indirection, {@code #X} a length. {@link #BAD} is a form the shell
   * has not: {@code name} is then the text between the braces. op and words are null for a plain
   * one.
   */
  public record Param(String name, String op, Word word, Word word2, boolean quoted)
      implements Part {
    /** The op of a form the dialect has not: expanding it is a "bad substitution". */
    public static final String BAD = "bad";

    public Param(String name, boolean quoted) {
      this(name, null, null, null, quoted);
    }

    public Param(String name, String op, Word word, boolean quoted) {
      this(name, op, word, null, quoted);
    }
  }

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
    /** {@code >|}: {@code >} that overwrites a file under {@code set -C} too. */
    CLOBBER(">|"),
    APPEND(">>"),
    IN("<"),
    DUP_OUT(">&"),
    DUP_IN("<&"),
    /** {@code <<} and {@code <<-}: the target is the document's body. */
    HERE("<<"),
    /**
     * bash's here-string {@code <<< WORD}: the word, expanded without splitting or globbing, and a
     * newline on standard input (busybox ash and dash have none: a syntax error).
     */
    HERE_STRING("<<<");

    public final String symbol;

    RedirOp(String symbol) {
      this.symbol = symbol;
    }
  }

  /**
   * {@code [fd]op target}: {@code > f}, {@code 2>> f}, {@code 2>&1}, {@code < f}; for a
   * here-document, {@code here} holds the body, read from the lines after the command's line.
   */
  public record Redirect(int fd, RedirOp op, Word target, HereDoc here) {
    public Redirect(int fd, RedirOp op, Word target) {
      this(fd, op, target, null);
    }

    /** The word a redirection reads or writes: a file name, or a here-document's body. */
    public Word word() {
      return here != null ? here.body() : target;
    }
  }

  /**
   * A here-document: {@code <<EOF} or {@code <<-EOF} (leading tabs stripped); a quoted delimiter
   * ({@code <<'EOF'}, {@code <<"EOF"}, {@code <<\EOF}) keeps the body literal. The body is filled
   * in by the parser once it reaches the end of the line holding the operator.
   */
  public static final class HereDoc {
    private final String delimiter;
    private final boolean stripTabs;
    private final boolean literal;
    private Word body;
    private boolean unterminated;

    HereDoc(String delimiter, boolean stripTabs, boolean literal) {
      this.delimiter = delimiter;
      this.stripTabs = stripTabs;
      this.literal = literal;
    }

    public String delimiter() {
      return delimiter;
    }

    public boolean stripTabs() {
      return stripTabs;
    }

    public boolean literal() {
      return literal;
    }

    public Word body() {
      return body;
    }

    /** Whether the input ended before the delimiter line (a script's last document). */
    public boolean unterminated() {
      return unterminated;
    }

    void body(Word body, boolean unterminated) {
      this.body = body;
      this.unterminated = unterminated;
    }
  }

  /** {@code NAME=value}. */
  public record Assignment(String name, Word value) {}

  /** One stage of a pipeline. */
  public sealed interface Command
      permits SimpleCommand, If, Loop, For, Group, Case, Cond, FunctionDef {
    /** Redirections applying to the whole command. */
    List<Redirect> redirects();

    String source();
  }

  /** {@code line}: where the command starts in the parsed text, from 1 (bash's "line N:"). */
  public record SimpleCommand(
      List<Assignment> assignments,
      List<Word> words,
      List<Redirect> redirects,
      String source,
      int line)
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

  /** {@code case WORD in PATTERN|PATTERN) LIST ;; … esac}. */
  public record Case(Word subject, List<CaseItem> items, List<Redirect> redirects, String source)
      implements Command {}

  /**
   * One arm of a {@code case}; {@code fallThrough} for bash's {@code ;&} (run the next arm's body
   * too) and {@code testNext} for {@code ;;&} (go on matching the arms after it).
   */
  public record CaseItem(
      List<Word> patterns, CommandList body, boolean fallThrough, boolean testNext) {}

  /** bash's {@code [[ expression ]]}. */
  public record Cond(CondExpr expression, List<Redirect> redirects, String source)
      implements Command {}

  /** An expression inside {@code [[ … ]]}. */
  public sealed interface CondExpr permits CondWord, CondUnary, CondBinary, CondNot, CondAndOr {}

  /** A lone word: true when it expands to a non-empty string. */
  public record CondWord(Word word) implements CondExpr {}

  /** {@code -f FILE}, {@code -z STRING} … */
  public record CondUnary(String op, Word operand) implements CondExpr {}

  /** {@code A == PATTERN}, {@code A =~ REGEX}, {@code A -lt B} … */
  public record CondBinary(Word left, String op, Word right) implements CondExpr {}

  public record CondNot(CondExpr operand) implements CondExpr {}

  /** {@code A && B} ({@code and}) or {@code A || B}. */
  public record CondAndOr(CondExpr left, boolean and, CondExpr right) implements CondExpr {}

  /**
   * {@code NAME() COMMAND} or {@code function NAME COMMAND}: running it defines the function; the
   * body's own redirections apply at every call.
   */
  public record FunctionDef(String name, Command body, String source) implements Command {
    @Override
    public List<Redirect> redirects() {
      return List.of();
    }
  }

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

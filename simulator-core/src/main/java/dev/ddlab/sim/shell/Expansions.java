package dev.ddlab.sim.shell;

import dev.ddlab.sim.shell.Ast.CommandSub;
import dev.ddlab.sim.shell.Ast.Part;
import dev.ddlab.sim.shell.Ast.Word;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * What an {@link Interpreter} does before a command's words can be expanded: it runs their command
 * substitutions (each collecting its output in a charged {@link Pipe}), then hands over an {@link
 * Expander} that reads the shell's parameters ({@code $?}, {@code $$}, {@code $!}, {@code $-},
 * {@code $1} …, variables) and evaluates {@code $(( … ))}. Expansion errors end the command as the
 * shell does: an arithmetic error with status 1, an unset parameter under {@code set -u} with each
 * shell's message.
 */
final class Expansions implements Expander.Shell {
  private final Interpreter sh;

  Expansions(Interpreter sh) {
    this.sh = sh;
  }

  /** What runs once a command's words can be expanded. */
  @FunctionalInterface
  interface Expanded {
    /**
     * @param substitutionStatus the status of the last command substitution, or -1 when none ran
     */
    void run(Expander ex, int substitutionStatus);
  }

  /**
   * Runs the command substitutions in {@code words}, then hands over an expander that knows their
   * output.
   */
  void withExpander(List<Word> words, Io io, IntConsumer done, Expanded then) {
    List<CommandSub> subs = new ArrayList<>();
    for (Word w : words) {
      collect(w.parts(), subs);
    }
    Map<CommandSub, String> results = new IdentityHashMap<>();
    int[] subStatus = {-1};
    runSubstitutions(
        subs,
        0,
        results,
        subStatus,
        io,
        () -> {
          if (sh.exited()) {
            done.accept(sh.lastStatus());
            return;
          }
          Expander ex = new Expander(this, results, sh.runtime().fs(), sh.runtime().cwd());
          try {
            then.run(ex, subStatus[0]);
          } catch (Arithmetic.Error e) {
            io.errln(ErrorPlace.name(sh) + ": " + e.getMessage());
            sh.lastStatus(1);
            done.accept(1);
          } catch (Expander.Unbound e) {
            unbound(e, io, done);
          } catch (Expander.BadSubstitution e) {
            badSubstitution(e, io, done);
          }
        });
  }

  /**
   * {@code set -u} or {@code ${X?}} met an unset parameter: bash's "unbound variable" (a
   * non-interactive bash exits with 127), ash's and dash's "parameter not set" (status 2), or the
   * {@code ${X?word}}'s word; an interactive shell ends the line. {@code ${1=x}}: bash's "cannot
   * assign in this way" (status 1), ash's and dash's "bad variable name".
   */
  private void unbound(Expander.Unbound e, Io io, IntConsumer done) {
    String parameter = e.getMessage();
    boolean positional = Character.isDigit(parameter.charAt(0));
    String name = sh.name();
    String said =
        e.badAssign
            ? sh.dialect() == Dialect.BASH ? "cannot assign in this way" : "bad variable name"
            : e.said != null
                ? e.said
                : sh.dialect() == Dialect.BASH ? "unbound variable" : "parameter not set";
    String shown = (positional && sh.dialect() == Dialect.BASH ? "$" : "") + parameter;
    io.errln(
        switch (sh.dialect()) {
          case BASH, ASH -> name + ": " + shown + ": " + said;
          case DASH -> name + ": 1: " + shown + ": " + said;
        });
    int status = sh.dialect() != Dialect.BASH ? 2 : sh.interactive() || e.badAssign ? 1 : 127;
    end(status, done); // ( set -u; echo $x ) ends the subshell only
  }

  /**
   * A form the shell has not ({@code ${X^}} in busybox, {@code ${X:2}} in dash) or a value it
   * cannot cut: bash's {@code bash: line 1: ${X!}: bad substitution} (status 1), dash's {@code sh:
   * 1: Bad substitution} and busybox's {@code sh: syntax error: bad substitution} (2). A shell out
   * of a terminal ends there; one at a prompt ends the line.
   */
  private void badSubstitution(Expander.BadSubstitution e, Io io, IntConsumer done) {
    io.errln(
        switch (sh.dialect()) {
          case BASH -> ErrorPlace.name(sh) + ": " + e.getMessage();
          case DASH -> sh.name() + ": " + ErrorPlace.dash(sh) + ": Bad substitution";
          case ASH -> sh.name() + ": syntax error: bad substitution";
        });
    end(sh.dialect() == Dialect.BASH ? 1 : 2, done);
  }

  /** An expansion error ends a subshell, a shell out of a terminal, or the line at a prompt. */
  private void end(int status, IntConsumer done) {
    if (sh.inSubshell()) {
      sh.markExited(status);
    } else {
      sh.abort(status);
    }
    done.accept(sh.lastStatus());
  }

  /** The command substitutions of {@code parts}, those in a {@code ${X:-$(…)}}'s word too. */
  private static void collect(List<Part> parts, List<CommandSub> subs) {
    for (Part p : parts) {
      if (p instanceof CommandSub s) {
        subs.add(s);
      } else if (p instanceof Ast.Param v && v.word() != null) {
        collect(v.word().parts(), subs);
        if (v.word2() != null) {
          collect(v.word2().parts(), subs);
        }
      }
    }
  }

  private void runSubstitutions(
      List<CommandSub> subs,
      int i,
      Map<CommandSub, String> results,
      int[] status,
      Io io,
      Runnable then) {
    if (i >= subs.size()) {
      then.run();
      return;
    }
    Pipe out = sh.pipelines().collector();
    CommandSub s = subs.get(i);
    Fds outside = sh.fds(sh.fds().copy()); // $(exec 2>/dev/null) changes only the substitution's
    sh.run(
        s.body(),
        new Io(null, out, io.err(), io.background(), io.job(), true),
        st -> {
          sh.fds(outside);
          sh.pipelines().close(out);
          results.put(s, out.drain());
          status[0] = st;
          sh.lastStatus(st);
          runSubstitutions(subs, i + 1, results, status, io, then);
        });
  }

  @Override
  public String param(String key) {
    return switch (key) {
      case "?" -> String.valueOf(sh.lastStatus());
      case "$" -> String.valueOf(sh.pid());
      case "!" -> sh.jobTable().lastBackgroundPid();
      case "0" -> sh.name();
      case "#" -> String.valueOf(sh.positional().size());
      case "-" -> sh.options().flags(sh.interactive());
      default -> {
        if (!key.isEmpty() && Character.isDigit(key.charAt(0))) {
          int n = parsePositionalIndex(key);
          List<String> positional = sh.positional();
          yield n >= 1 && n <= positional.size() ? positional.get(n - 1) : null;
        }
        yield sh.var(key);
      }
    };
  }

  private static int parsePositionalIndex(String key) {
    try {
      return Integer.parseInt(key);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  @Override
  public List<String> variablesStarting(String prefix) {
    List<String> names = new ArrayList<>();
    for (String n : new java.util.TreeSet<>(sh.variableNames())) {
      if (n.startsWith(prefix) && n.indexOf('[') < 0 && sh.var(n) != null) {
        names.add(n); // an element NAME[i] of the arrays the shell keeps as variables is no name
      }
    }
    return names;
  }

  @Override
  public List<String> positional() {
    return sh.positional();
  }

  /** {@code $(( … ))}: the expression with its parameters expanded, evaluated. */
  @Override
  public String arithmetic(String expression) {
    return Long.toString(Arithmetic.evaluate(expression, sh.dialect(), sh::var, sh::setVar));
  }

  @Override
  public void assign(String name, String value) {
    sh.setVar(name, value);
  }

  @Override
  public boolean nounset() {
    return sh.options().nounset();
  }

  @Override
  public boolean noglob() {
    return sh.options().noglob();
  }

  @Override
  public boolean countsCharacters() {
    return sh.dialect() == Dialect.BASH;
  }
}

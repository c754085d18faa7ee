package dev.ddlab.sim.shell;

import dev.ddlab.fs.FsException;
import dev.ddlab.sim.shell.Ast.Assignment;
import dev.ddlab.sim.shell.Ast.FunctionDef;
import dev.ddlab.sim.shell.Ast.SimpleCommand;
import dev.ddlab.sim.shell.Ast.Word;
import dev.ddlab.sim.shell.Interpreter.AsyncBuiltin;
import dev.ddlab.sim.shell.Interpreter.Builtin;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.IntConsumer;

/**
 * Simple commands of one {@link Interpreter}, as dash's {@code evalcommand}: a command's words
 * expanded, its assignments and redirections applied, then what its name finds, in the shell's
 * order: a function ({@link #call}, its arguments as the positional parameters), a builtin (those
 * that finish at once, and {@code read}, {@code eval}, {@code .} that may finish later), or a
 * program the {@link ShellRuntime} runs. It owns the tables of functions and builtins.
 */
final class SimpleCommands {
  private final Interpreter sh;
  private final Map<String, Builtin> builtins = new TreeMap<>();
  private final Map<String, AsyncBuiltin> asyncBuiltins = new TreeMap<>();
  private final Set<String> runtimeBuiltins = new HashSet<>();
  private Map<String, FunctionDef> functions = new TreeMap<>();

  SimpleCommands(Interpreter sh) {
    this.sh = sh;
  }

  /** The functions defined: the running (sub)shell's ({@link ShellState}). */
  Map<String, FunctionDef> functions() {
    return functions;
  }

  void functions(Map<String, FunctionDef> f) {
    functions = f;
  }

  void builtin(String name, Builtin b) {
    builtins.put(name, b);
  }

  void asyncBuiltin(String name, AsyncBuiltin b) {
    asyncBuiltins.put(name, b);
    runtimeBuiltins.add(name);
  }

  /** A builtin its runtime runs ({@code wait}, {@code fg} on the host). */
  void runtimeBuiltin(String name) {
    runtimeBuiltins.add(name);
  }

  boolean isBuiltin(String name) {
    return builtins.containsKey(name) || runtimeBuiltins.contains(name);
  }

  Set<String> builtinNames() {
    Set<String> names = new TreeSet<>(builtins.keySet());
    names.addAll(runtimeBuiltins);
    return names;
  }

  /** {@code NAME() { …; }}: defines (or redefines) a function. */
  void define(FunctionDef f) {
    functions.put(f.name(), f);
  }

  FunctionDef function(String name) {
    return functions.get(name);
  }

  boolean unsetFunction(String name) {
    return functions.remove(name) != null;
  }

  void run(SimpleCommand cmd, Io io, IntConsumer whenDone) {
    sh.place.at(cmd.line());
    Io own = sh.fds().resolve(io); // what exec made of the streams this command is handed
    List<Word> words = new ArrayList<>();
    cmd.assignments().forEach(a -> words.add(a.value()));
    words.addAll(cmd.words());
    cmd.redirects().forEach(r -> words.add(r.word()));
    sh.withExpander(
        words,
        io,
        whenDone,
        (ex, subStatus) -> {
          List<String> argv =
              isDeclaration(cmd.words())
                  ? ex.declarationFields(cmd.words())
                  : ex.fields(cmd.words());
          Map<String, String> assigned = new LinkedHashMap<>();
          for (Assignment a : cmd.assignments()) {
            assigned.put(a.name(), ex.single(a.value()));
          }
          if (sh.options().xtrace()) {
            List<String> traced = new ArrayList<>();
            assigned.forEach((k, v) -> traced.add(k + "=" + v));
            own.err().accept(sh.options().trace(traced, argv));
          }
          String command = argv.isEmpty() ? "" : argv.get(0);
          FunctionDef fn = functions.get(command);
          Io redirected =
              sh.redirections()
                  .applyOrFail(
                      cmd.redirects(), ex, own, fn == null ? failed(command, whenDone) : whenDone);
          if (redirected == null) {
            return;
          }
          if (fn == null && lastingExec(argv)) {
            sh.fds().last(io, own, redirected); // exec >log 2>&1: for the rest of the shell
            sh.redirections().keep();
            whenDone.accept(0);
            return;
          }
          IntConsumer done = sh.redirections().restoring(whenDone);
          if (argv.isEmpty()) {
            assigned.forEach(sh.vars()::put);
            done.accept(subStatus >= 0 ? subStatus : 0);
            return;
          }
          if (fn != null) {
            call(fn, argv.subList(1, argv.size()), assigned, Fds.keys(io, own, redirected), done);
            return;
          }
          AsyncBuiltin async = asyncBuiltins.get(command);
          if (async != null) {
            Map<String, String> before = sh.vars().assignFor(assigned); // IFS=: read a b
            async.run(
                argv.subList(1, argv.size()),
                redirected,
                st -> {
                  sh.vars().restoreAssigned(before);
                  done.accept(st);
                });
            return;
          }
          Builtin b = builtins.get(command);
          if (b != null) {
            int st;
            int failedWrites = Redirections.writeFailures(redirected);
            // IFS=: read a b: the assignments hold while the builtin runs
            Map<String, String> before = sh.vars().assignFor(assigned);
            try {
              st = b.run(sh, argv.subList(1, argv.size()), redirected);
              if (Redirections.writeFailures(redirected) > failedWrites) {
                throw Redirections.lastWriteError(redirected);
              }
            } catch (FsException e) {
              redirected.errln(builtinError(command, e));
              st = 1;
            } finally {
              sh.vars().restoreAssigned(before);
            }
            done.accept(st);
            return;
          }
          boolean execed =
              redirected.job() != null
                  && redirected.job().exec(cmd, sh.runtime().programsAreTasks());
          // a job's lone host program is the job's own task, counted when the job forked
          if ((!execed || sh.runtime().programsAreTasks()) && sh.jobTable().forkRefused()) {
            sh.jobTable().forkFailed(redirected);
            done.accept(sh.lastStatus());
            return;
          }
          Map<String, String> env = sh.environment();
          env.putAll(assigned);
          int failedWrites = Redirections.writeFailures(redirected);
          sh.jobTable()
              .programStarted(
                  sh.runtime()
                      .run(
                          argv,
                          env,
                          redirected,
                          redirected.background(),
                          sh.resumer(
                              st -> {
                                if (Redirections.writeFailures(redirected) > failedWrites) {
                                  // write(2) failed under the program: it reports it and fails.
                                  redirected.errln(
                                      command
                                          + ": write error: "
                                          + Redirections.lastWriteError(redirected).getMessage());
                                  done.accept(1);
                                } else {
                                  done.accept(st);
                                }
                              })));
        });
  }

  /**
   * POSIX's special builtins: a redirection of theirs that fails ends a shell out of a terminal.
   */
  private static final Set<String> SPECIAL =
      Set.of(
          ":",
          ".",
          "break",
          "continue",
          "eval",
          "exec",
          "exit",
          "export",
          "readonly",
          "return",
          "set",
          "shift",
          "times",
          "trap",
          "unset");

  /**
   * {@code done} for a redirection that failed: dash and busybox end a shell that reads no terminal
   * when the command is a special builtin ({@code exec 3>/nonexistent/x}, {@code : >&9}); bash (not
   * in POSIX mode) goes on, as bash 5.2, dash 0.5.12 and busybox 1.35/1.36 do.
   */
  private IntConsumer failed(String command, IntConsumer done) {
    if (sh.dialect() == Dialect.BASH || !SPECIAL.contains(command)) {
      return done;
    }
    return st -> {
      if (!sh.interactive()) {
        sh.exitShell(st);
      }
      done.accept(st);
    };
  }

  /** {@code exec} with redirections only ({@code exec >log 2>&1}, {@code exec 3>&-}). */
  private boolean lastingExec(List<String> argv) {
    return !argv.isEmpty()
        && argv.get(0).equals("exec")
        && asyncBuiltins.containsKey("exec")
        && (argv.size() == 1 || (argv.size() == 2 && argv.get(1).equals("--")));
  }

  /**
   * A builtin's failed file call: a failed write of its output as each shell words it (bash's
   * {@code bash: echo: write error: No space left on device}, busybox's {@code sh: write error:
   * …}), anything else as {@code bash: cmd: reason}.
   */
  private String builtinError(String command, FsException e) {
    if (e.errno() == FsException.Errno.EBADF && sh.dialect() == Dialect.DASH) {
      return sh.name()
          + ": "
          + ErrorPlace.dash(sh)
          + ": "
          + command
          + ": "
          + command
          + ": I/O error";
    }
    if (e.errno() == FsException.Errno.ENOSPC
        || e.errno() == FsException.Errno.EPIPE
        || e.errno() == FsException.Errno.EBADF) {
      return sh.dialect() == Dialect.ASH
          ? sh.name() + ": write error: " + e.getMessage()
          : sh.name() + ": " + command + ": write error: " + e.getMessage();
    }
    return sh.name() + ": " + command + ": " + e.getMessage();
  }

  private static final Set<String> DECLARATIONS =
      Set.of("export", "local", "readonly", "declare", "typeset");

  private static boolean isDeclaration(List<Word> words) {
    return !words.isEmpty()
        && words.get(0).parts().size() == 1
        && words.get(0).parts().get(0) instanceof Ast.Literal l
        && !l.quoted()
        && DECLARATIONS.contains(l.text());
  }

  /**
   * Calls a function: its arguments become the positional parameters, assignments before its name
   * last as long as the call, and {@code local} names are restored when it returns.
   */
  private void call(
      FunctionDef fn, List<String> args, Map<String, String> assigned, Io io, IntConsumer done) {
    if (sh.vars().nesting() >= Interpreter.MAX_FUNCTION_NESTING) {
      io.errln(
          sh.name()
              + ": "
              + fn.name()
              + ": maximum function nesting level exceeded ("
              + Interpreter.MAX_FUNCTION_NESTING
              + ")");
      sh.abort(1);
      done.accept(1);
      return;
    }
    ShellVars.Frame frame = sh.vars().enter(args, assigned);
    sh.runCommand(
        fn.body(),
        io,
        st ->
            sh.queue()
                .step(
                    () -> {
                      int status = sh.takeReturn() ? sh.lastStatus() : st;
                      sh.vars().leave(frame);
                      sh.lastStatus(status);
                      done.accept(status);
                    }));
  }

  /**
   * Runs {@code argv} as a command line would (builtins first), for {@code sudo} and {@code ssh}.
   */
  void runArgv(List<String> argv, Io io, IntConsumer done) {
    if (argv.isEmpty()) {
      done.accept(0);
      return;
    }
    Builtin b = builtins.get(argv.get(0));
    if (b != null) {
      done.accept(b.run(sh, argv.subList(1, argv.size()), io));
      return;
    }
    sh.runtime().run(argv, sh.environment(), io, io.background(), sh.resumer(done));
  }
}

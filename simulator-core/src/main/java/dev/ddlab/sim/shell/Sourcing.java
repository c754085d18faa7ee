package dev.ddlab.sim.shell;

import dev.ddlab.fs.FsException;
import dev.ddlab.fs.Paths;
import dev.ddlab.sim.shell.Ast.CommandList;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * {@code eval ARG…} and {@code . FILE [ARG…]} ({@code source} in bash and ash; dash has only {@code
 * .}): text parsed and run in the shell itself, so its assignments, functions, {@code cd} and
 * {@code exit} are the shell's own. A sourced file's arguments are its positional parameters while
 * it runs. Errors as bash 5.2, busybox 1.36 ash and dash 0.5.12 word them; in ash and dash an error
 * of these special builtins ends a non-interactive shell.
 */
final class Sourcing {
  private final Interpreter sh;

  Sourcing(Interpreter sh) {
    this.sh = sh;
  }

  void run(String command, List<String> args, Io io, IntConsumer done) {
    if (command.equals("eval")) {
      String text = String.join(" ", args);
      runText(text, "eval", io, done);
      return;
    }
    if (args.isEmpty()) {
      if (sh.dialect() == Dialect.BASH) {
        io.errln(ErrorPlace.name(sh) + ": " + command + ": filename argument required");
        io.errln(command + ": usage: " + command + " filename [arguments]");
      }
      done.accept(sh.dialect() == Dialect.DASH ? 0 : 2);
      return;
    }
    String file = args.get(0);
    String text;
    try {
      text =
          new String(
              sh.runtime().fs().read(Paths.resolve(sh.runtime().cwd(), file)),
              StandardCharsets.UTF_8);
    } catch (FsException e) {
      io.errln(
          switch (sh.dialect()) {
            case BASH -> ErrorPlace.name(sh) + ": " + file + ": " + e.getMessage();
            case ASH ->
                sh.name()
                    + ": "
                    + command
                    + ": line 0: can't open '"
                    + file
                    + "': "
                    + e.getMessage();
            case DASH -> Builtins.prefix(sh, command) + "cannot open " + file + ": No such file";
          });
      done.accept(Builtins.specialError(sh, sh.dialect() == Dialect.BASH ? 1 : 2));
      return;
    }
    if (args.size() == 1) {
      runText(text, command, io, done);
      return;
    }
    List<String> caller = sh.positional();
    sh.positional(List.copyOf(args.subList(1, args.size())));
    runText(
        text,
        command,
        io,
        st -> {
          sh.positional(caller);
          done.accept(st);
        });
  }

  private void runText(String text, String builtin, Io io, IntConsumer done) {
    if (text.isBlank()) {
      done.accept(0);
      return;
    }
    CommandList list;
    try {
      list = Parser.parse(text, sh.dialect(), true);
    } catch (ShellSyntaxException e) {
      String message =
          switch (sh.dialect()) {
            case BASH -> sh.dialect().syntaxError(sh.name() + ": " + builtin, e);
            case ASH -> sh.dialect().syntaxError(sh.name() + ": " + builtin + ": line 0", e);
            case DASH ->
                sh.dialect()
                    .syntaxError(sh.name(), e)
                    .replaceFirst(": 1: ", ": 1: " + builtin + ": ");
          };
      io.errln(message);
      done.accept(Builtins.specialError(sh, 2));
      return;
    }
    if (depth >= Interpreter.MAX_FUNCTION_NESTING) {
      // a file that sources itself (or an eval of itself): the real shell's stack overflows
      // (SIGSEGV, 139); the simulator stops at the depth it allows functions
      sh.abort(139);
      done.accept(139);
      return;
    }
    depth++;
    sh.run(
        list,
        io,
        st -> {
          depth--;
          done.accept(st);
        });
  }

  /** How deep {@code eval} and {@code .} are nested in each other now. */
  private int depth;
}

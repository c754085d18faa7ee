package dev.ddlab.sim.shell;

import dev.ddlab.fs.Paths;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * The {@code exec} builtin with a command: the shell's process becomes the command, so what follows
 * never runs and the command keeps the shell's PID (an entrypoint script's {@code exec "$@"} leaves
 * the server as PID 1, which {@code docker stop}'s SIGTERM reaches). A runtime that cannot replace
 * its process (the host's shell; a command whose output is redirected) runs the command and the
 * shell then exits with its status, which is what a learner sees of it. A command that cannot run
 * ends a non-interactive shell with 127 or 126, in each shell's words (bash 5.2, busybox 1.36 ash,
 * dash 0.5.12 as seen here and on the private dockerd). Without a command, {@code exec}'s
 * redirections last for the rest of the shell ({@code exec >log 2>&1}): {@link SimpleCommands}
 * keeps them in the shell's {@link Fds} and this builtin is not reached.
 */
final class ExecBuiltin {
  private ExecBuiltin() {}

  static void run(Interpreter sh, List<String> args, Io io, IntConsumer done) {
    List<String> argv = args;
    if (!argv.isEmpty() && argv.get(0).equals("--")) {
      argv = argv.subList(1, argv.size());
    } else if (!argv.isEmpty()
        && argv.get(0).length() > 1
        && argv.get(0).startsWith("-")
        && sh.dialect() != Dialect.DASH) {
      String opt = argv.get(0);
      if (sh.dialect() == Dialect.BASH && !opt.matches("-[cla]+")) {
        io.errln(sh.name() + ": exec: " + opt.substring(0, 2) + ": invalid option");
        io.errln("exec: usage: exec [-cl] [-a name] [command [argument ...]] [redirection ...]");
      } else {
        io.errln(sh.name() + ": exec: " + opt + ": not simulated by ddlab");
      }
      done.accept(2);
      return;
    }
    if (argv.isEmpty()) {
      done.accept(0);
      return;
    }
    String name = argv.get(0);
    int status = runnable(sh, name);
    if (status != 0) {
      io.errln(cannotRun(sh, name, status));
      if (!sh.interactive()) {
        sh.exitShell(status);
      }
      done.accept(status);
      return;
    }
    Map<String, String> env = sh.environment();
    if (sh.runtime().replaceWith(argv, env, io)) {
      return; // the shell is gone: nothing after it runs, its status is the command's
    }
    IntConsumer then =
        sh.resumer(
            st -> {
              sh.exitShell(st);
              done.accept(st);
            });
    if (sh.isBuiltin(name) && !sh.runtime().programsAreTasks()) {
      sh.runArgv(argv, io, then); // the host's /usr/bin/echo, printf, true: as the builtins
    } else {
      sh.runtime().run(argv, env, io, io.background(), then);
    }
  }

  /** 0 when {@code name} names something to run, else the status of exec's failure. */
  private static int runnable(Interpreter sh, String name) {
    if (!name.contains("/")) {
      return sh.runtime().has(name) ? 0 : 127;
    }
    return PathExec.of(sh.runtime().fs(), Paths.resolve(sh.runtime().cwd(), name)).status;
  }

  private static String cannotRun(Interpreter sh, String name, int status) {
    String why = status == 127 ? "not found" : "Permission denied";
    return switch (sh.dialect()) {
      case BASH ->
          status == 127
              ? sh.name() + ": exec: " + name + ": not found"
              : sh.name()
                  + ": "
                  + name
                  + ": Permission denied\n"
                  + sh.name()
                  + ": exec: "
                  + name
                  + ": cannot execute: Permission denied";
      case ASH -> sh.name() + ": exec: " + ErrorPlace.ash(sh) + name + ": " + why;
      case DASH -> sh.name() + ": " + ErrorPlace.dash(sh) + ": exec: " + name + ": " + why;
    };
  }
}

package dev.ddlab.sim.shell;

import dev.ddlab.fs.FsException;
import dev.ddlab.fs.Paths;
import dev.ddlab.sim.runtime.Executables;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntConsumer;

/**
 * {@code bash} and {@code sh} (dash, as Ubuntu's /bin/sh) run as commands on the host: {@code -c
 * STRING [NAME [ARG…]]} ({@code $0} is NAME, {@code $1…} the args) or a script file with its
 * arguments, in a new shell process with the exported environment and the working directory (a
 * {@code cd} or variable there stays there). Options before them ({@code -e}, {@code -x}, {@code -o
 * NAME}) act as {@code set} would ({@link ShellInvocation}). A nested interactive shell ({@code
 * bash} alone) is not simulated: the learner is told so, in Vietnamese. Words as bash 5.2 and dash
 * 0.5.12 print them here.
 */
final class HostShells {
  private HostShells() {}

  static final String NESTED =
      "ddlab: chưa mô phỏng shell lồng nhau; hãy dùng %s -c 'LỆNH' hoặc %s TỆP_SCRIPT";

  static final String INTERPRETER =
      "ddlab: chưa mô phỏng trình thông dịch %s trên máy host; script này cần nó";

  /** Where Ubuntu keeps the programs the host's commands stand for ({@code /bin/echo hi}). */
  private static final Set<String> BIN_DIRS =
      Set.of("/bin", "/usr/bin", "/usr/local/bin", "/sbin", "/usr/sbin");

  /**
   * A command given as a path on the host ({@code ./run.sh}, {@code /bin/echo}), as bash and dash
   * exec it: a file that is not there, a directory or a file without the execute bit fails in the
   * shell's words (127, 126); a text file runs as a script of the shell its {@code #!} line names
   * ({@code sh}, {@code dash}, {@code bash}, directly or through {@code /usr/bin/env}) and, with no
   * such line, of the shell that ran it (ENOEXEC), with the path as {@code $0}. The host's own
   * programs are not files in its filesystem: a path in a bin directory naming one of them runs it.
   */
  static int file(
      HostShell parent,
      List<String> argv,
      Map<String, String> env,
      Io io,
      boolean background,
      IntConsumer done) {
    Interpreter sh = parent.interpreter();
    String name = argv.get(0);
    String path = Paths.resolve(parent.cwd(), name);
    PathExec stat = PathExec.of(parent.node().fs(), path);
    String program = Paths.name(path);
    if (stat == PathExec.MISSING
        && BIN_DIRS.contains(Paths.parent(path))
        && parent.runtime().has(program)) {
      List<String> own = new ArrayList<>(argv);
      own.set(0, program);
      if (sh.isBuiltin(program) && Tools.get(program) == null) {
        sh.runArgv(own, io, done); // /bin/echo, /usr/bin/printf: as the builtins
        return 0;
      }
      return parent.runtime().run(own, env, io, background, done);
    }
    boolean bash = sh.dialect() == Dialect.BASH;
    String why = stat == PathExec.RUNS ? null : stat.why(sh.dialect());
    int status = stat.status;
    String shell = bash ? "bash" : "sh";
    if (why == null) {
      String line = firstLine(parent, path);
      if (line.startsWith("#!")) {
        String[] words = line.substring(2).strip().split("\\s+");
        String interpreter =
            words.length > 1 && Paths.name(words[0]).equals("env") ? words[1] : words[0];
        shell = Paths.name(interpreter);
        if (!Set.of("sh", "dash", "bash").contains(shell)) {
          boolean there = parent.node().fs().exists(interpreter);
          if (there) {
            io.errln(String.format(INTERPRETER, interpreter));
            done.accept(126);
            return 0;
          }
          why = bash ? "cannot execute: required file not found" : "not found";
          status = 127;
        }
      }
    }
    if (why != null) {
      io.errln(cannotRun(sh, name, why));
      done.accept(status);
      return 0;
    }
    return run(parent, shell, argv, env, io, background, done);
  }

  /**
   * A command the host's shell cannot run, in its words: bash {@code bash: line 1: foo: command not
   * found} (the line out of a terminal), dash {@code sh: 1: foo: not found}; {@code why} null for
   * "not found".
   */
  static String cannotRun(Interpreter sh, String command, String why) {
    if (sh.dialect() == Dialect.BASH) {
      return ErrorPlace.name(sh)
          + ": "
          + command
          + ": "
          + (why == null ? "command not found" : why);
    }
    return sh.name()
        + ": "
        + ErrorPlace.dash(sh)
        + ": "
        + command
        + ": "
        + (why == null ? "not found" : why);
  }

  /** The file's first line (its #! line, as the kernel reads it); "" if unreadable. */
  private static String firstLine(HostShell parent, String path) {
    try {
      return Executables.firstLine(parent.node().fs().read(path));
    } catch (FsException e) {
      return "";
    }
  }

  static int run(
      HostShell parent,
      String name,
      List<String> args,
      Map<String, String> env,
      Io io,
      boolean background,
      IntConsumer done) {
    Dialect dialect = name.equals("bash") ? Dialect.BASH : Dialect.DASH;
    String shell = name; // $0 and the name errors start with: bash, sh (dash) or dash
    ShellInvocation inv = ShellInvocation.read(dialect, shell, args);
    if (inv.error != null) {
      io.errln(inv.error);
      done.accept(inv.status);
      return 0;
    }
    String text = inv.command;
    if (text == null && inv.script != null) {
      String a = inv.script;
      try {
        text =
            new String(
                parent.node().fs().read(Paths.resolve(parent.cwd(), a)), StandardCharsets.UTF_8);
      } catch (FsException e) {
        if (dialect == Dialect.BASH) {
          io.errln("bash: " + a + ": " + e.getMessage());
          done.accept(127);
        } else {
          io.errln(shell + ": 0: cannot open " + a + ": No such file");
          done.accept(2);
        }
        return 0;
      }
    }
    if (text == null) {
      io.errln(String.format(NESTED, shell, shell));
      done.accept(1);
      return 0;
    }
    start(parent, dialect, shell, env, text, inv, io, background, done);
    return 0;
  }

  private static void start(
      HostShell parent,
      Dialect dialect,
      String shell,
      Map<String, String> env,
      String text,
      ShellInvocation inv,
      Io io,
      boolean background,
      IntConsumer done) {
    HostShell child = parent.child(dialect, shell, env);
    IntConsumer end = JobControl.once(done);
    Runnable unregister = JobControl.onKill(io, background, st -> child.endForeground(st));
    if (!background) {
      parent.onForegroundInterrupt(() -> child.endForeground(130));
    }
    child.runBatch(
        text,
        inv,
        io,
        st -> {
          unregister.run();
          end.accept(st);
        });
  }
}

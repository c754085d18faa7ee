package dev.ddlab.sim.shell;

import dev.ddlab.fs.FsException;
import dev.ddlab.fs.Paths;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
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

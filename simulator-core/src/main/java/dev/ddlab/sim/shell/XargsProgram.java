package dev.ddlab.sim.shell;

import dev.ddlab.sim.runtime.Proc;
import dev.ddlab.sim.runtime.Program;
import java.util.List;

/**
 * xargs as a container process ({@link Xargs}): busybox's in alpine, GNU's where the image's xargs
 * is not busybox (Debian's findutils). It reads its input to the end, then runs each command line
 * as a child process of its own, one after the other, found on its {@code $PATH}, writing where
 * xargs writes, its standard input at its end (as both xargs give /dev/null to their commands).
 */
final class XargsProgram implements Program {
  private ToolInput input;

  @Override
  public void start(Proc proc) {
    List<String> args = proc.argv().subList(1, proc.argv().size());
    String argv0 = proc.argv().get(0);
    String path =
        argv0.contains("/")
            ? dev.ddlab.fs.Paths.resolve(proc.cwd(), argv0)
            : ShellProgram.lookPath(proc.fs(), argv0, proc.env().get("PATH"));
    boolean busybox =
        (path != null && ShellProgram.isBusybox(proc.fs(), path))
            || (path == null && proc.fs().exists("/bin/busybox"));
    Io io = new Io(null, proc::out, proc::err, false, null);
    input =
        ToolInput.of(
            "xargs",
            args,
            busybox,
            proc::rss,
            (runArgs, text, done) ->
                Xargs.run(
                    runArgs,
                    text.rest(),
                    io,
                    busybox,
                    name ->
                        name.contains("/")
                            ? Xargs.byPath(proc.fs(), proc.cwd(), name)
                            : ShellProgram.lookPath(proc.fs(), name, proc.env().get("PATH")) != null
                                ? null
                                : Xargs.NOT_FOUND,
                    (argv, st) -> run(proc, argv, st),
                    done),
            proc::exit);
  }

  /**
   * One command line as a child process; its status ({@link Xargs#KILLED} plus the signal's number
   * when a signal killed it), or 127 when it cannot start.
   */
  private static void run(Proc proc, List<String> argv, java.util.function.IntConsumer done) {
    boolean[] ended = {false};
    Proc[] spawned = {null};
    int[] endedStarting = {-1}; // the status of a child that ended before spawn returned it
    Proc child =
        proc.spawn(
            argv,
            proc.env(),
            new Proc.ProcIo(null, null, true),
            st -> {
              ended[0] = true;
              if (spawned[0] == null) {
                endedStarting[0] = st;
              } else {
                done.accept(status(spawned[0], st));
              }
            });
    spawned[0] = child;
    if (child == null) {
      if (!ended[0]) {
        proc.err("xargs: " + argv.get(0) + ": No such file or directory\n");
        done.accept(127);
      } else {
        done.accept(endedStarting[0]);
      }
      return;
    }
    if (endedStarting[0] >= 0) {
      done.accept(status(child, endedStarting[0]));
    } else if (!ended[0]) {
      child.closeInput();
    }
  }

  private static int status(Proc child, int st) {
    return child.signaled() ? Xargs.KILLED + st - 128 : st;
  }

  @Override
  public void stdin(Proc proc, String line) {
    input.data(line + "\n");
  }

  @Override
  public void stdinData(Proc proc, String data) {
    input.data(data);
  }

  @Override
  public void stdinClosed(Proc proc) {
    input.end();
  }
}

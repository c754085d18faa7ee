package dev.ddlab.sim.shell;

import java.time.Duration;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * yes: its arguments (or "y") as a line, over and over, until something stops it. It writes a
 * buffer of lines per round and lets {@link #ROUND} of CPU time pass between rounds (800 KB a
 * virtual second: slower than Linux, so one learner's {@code yes} costs the server little), so it
 * streams to a terminal as time passes and stops with Ctrl-C (130); into a pipe it waits while the
 * pipe is full and dies of SIGPIPE (141) once its reader has exited (see {@link Pipe}); into a file
 * it stops at the first failed write (a full disk: coreutils' {@code yes: standard output: No space
 * left on device}, alpine's busybox {@code yes: (null): No space left on device}, status 1). So
 * {@code yes > file} and {@code yes | head -c 100000000 > /dev/null} end instead of filling the
 * server's heap.
 */
final class Yes implements Tool.Later {
  /** What one round writes: coreutils fills a buffer of this size (BUFSIZ) before writing. */
  static final int BUFFER = 8192;

  /** The CPU time a round takes. */
  static final Duration ROUND = Duration.ofMillis(10);

  static Tool tool() {
    return Tool.later(new Yes());
  }

  private Yes() {}

  @Override
  public void run(ToolContext ctx, List<String> args, IntConsumer done) {
    String line = (args.isEmpty() ? "y" : String.join(" ", args)) + "\n";
    String buffer = line.repeat(Math.max(1, BUFFER / line.length()));
    round(ctx, buffer, done);
  }

  private static void round(ToolContext ctx, String buffer, IntConsumer done) {
    ctx.io().out().accept(buffer);
    EndlessReads.afterWrite(
        ctx,
        ROUND,
        failure -> {
          ctx.io().errln("yes: " + (ctx.busybox() ? "(null)" : "standard output") + ": " + failure);
          return 1;
        },
        done,
        () -> round(ctx, buffer, done));
  }
}

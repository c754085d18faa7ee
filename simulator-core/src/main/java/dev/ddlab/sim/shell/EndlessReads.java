package dev.ddlab.sim.shell;

import dev.ddlab.fs.FileNode;
import dev.ddlab.fs.FsException;
import dev.ddlab.sim.runtime.OutputEnd;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.IntConsumer;
import java.util.function.UnaryOperator;

/**
 * Reading a device that never ends ({@code /dev/zero}, {@code /dev/full}, {@code /dev/random},
 * {@code /dev/urandom}) as the kernel gives it: as much as the reader asks for. {@code cat
 * /dev/zero | head -c 100000 | wc -c} is 100000 and {@code head -c 200000 /dev/urandom} gives
 * 200000 bytes, where one read "to the end" of such a device gives a bounded slab. The reader
 * writes what it reads in rounds of {@link #ROUND_BYTES}, ten milliseconds of CPU time each (as
 * {@code yes} does), so its heap stays bounded: into a pipe it waits while the pipe is full and
 * dies of SIGPIPE (141) once its reader has gone; into a file it stops at the first failed write
 * ({@code cat: write error: No space left on device}, 1); {@code cat /dev/zero > /dev/null} runs
 * until Ctrl-C (130), a signal, or the line's CPU budget (124 in a script).
 */
final class EndlessReads {
  /** What one round reads and writes: 64 KiB, a pipe's capacity. */
  static final int ROUND_BYTES = 64 * 1024;

  /** The CPU time a round takes: 6.4 MB a virtual second, slow enough to cost the server little. */
  static final Duration ROUND = Duration.ofMillis(10);

  private static final String ZEROS = "\0".repeat(ROUND_BYTES);

  private EndlessReads() {}

  /** Whether {@code path} (symbolic links followed) is a device whose reads never end. */
  static boolean endless(ToolContext ctx, String path) {
    FileNode n;
    try {
      n = ctx.fs().stat(path).orElse(null);
    } catch (FsException e) {
      return false;
    }
    return n != null && n.isCharDevice() && n.major() == 1 && zeros(n) | random(n);
  }

  private static boolean zeros(FileNode n) {
    return n.minor() == 5 || n.minor() == 7;
  }

  private static boolean random(FileNode n) {
    return n.minor() == 8 || n.minor() == 9;
  }

  /**
   * Copies the device at {@code path} to the tool's standard output in rounds: at most {@code
   * bytes} bytes, and up to and including its {@code lines}-th newline when {@code lines} is not
   * negative; each round's text is written through {@code shape} ({@code cat -n} numbers it; dd's
   * {@code of=} writes it itself and gives "", or null after a failed write: status 1). Reports 0
   * when the limit is reached, 141 when the reader went, 1 after a failed write.
   */
  static void copy(
      ToolContext ctx,
      String path,
      long bytes,
      long lines,
      UnaryOperator<String> shape,
      String tool,
      IntConsumer done) {
    FileNode device = ctx.fs().stat(path).orElseThrow();
    round(ctx, path, random(device), bytes, lines, shape, tool, done);
  }

  private static void round(
      ToolContext ctx,
      String path,
      boolean random,
      long bytes,
      long lines,
      UnaryOperator<String> shape,
      String tool,
      IntConsumer done) {
    int n = (int) Math.min(ROUND_BYTES, bytes);
    String text =
        random
            ? new String(ctx.fs().read(path, n), StandardCharsets.US_ASCII)
            : ZEROS.substring(0, n);
    long linesLeft = lines;
    boolean last = n == bytes;
    if (lines >= 0) {
      int at = -1;
      while (linesLeft > 0 && (at = text.indexOf('\n', at + 1)) >= 0) {
        linesLeft--;
      }
      if (linesLeft == 0) {
        text = text.substring(0, at + 1);
        last = true;
      }
    }
    if (!text.isEmpty()) {
      String shaped = shape.apply(text);
      if (shaped == null) {
        done.accept(1); // the shape failed and said so (dd's of= on a full disk)
        return;
      }
      if (!shaped.isEmpty()) {
        ctx.io().out().accept(shaped);
      }
    }
    long left = bytes - n;
    long linesAfter = linesLeft;
    afterWrite(
        ctx,
        ROUND,
        failure -> {
          if (ctx.busybox() && tool.equals("head")) {
            // busybox's head reports its stdout at exit and still exits 0 (private dockerd: head
            // -c 10 /dev/zero > /dev/full)
            ctx.io().errln("head: standard output: " + failure);
            return 0;
          }
          ctx.io().errln(tool + ": write error: " + failure);
          return 1;
        },
        done,
        last ? null : () -> round(ctx, path, random, left, linesAfter, shape, tool, done));
  }

  /**
   * What a tool that writes in rounds ({@code yes}, a copy of an endless device) does after each
   * write: it dies of SIGPIPE (141) once its reader has gone; after a failed write (a full disk)
   * {@code failed} reports it in the tool's words and gives the status; with no {@code next} round
   * it is done (0); else {@code next} runs after {@code round} of CPU time, once a full pipe has
   * room (see {@link Pipe}).
   */
  static void afterWrite(
      ToolContext ctx,
      Duration round,
      java.util.function.ToIntFunction<String> failed,
      IntConsumer done,
      Runnable next) {
    OutputEnd end = ctx.stdoutEnd();
    if (end != null && end.broken()) {
      done.accept(128 + 13); // SIGPIPE
      return;
    }
    String failure = end == null ? null : end.failure();
    if (failure != null) {
      end.reported();
      done.accept(failed.applyAsInt(failure));
      return;
    }
    if (next == null) {
      done.accept(0);
      return;
    }
    Runnable later = () -> ctx.compute(round, next);
    if (end == null) {
      later.run();
    } else {
      end.whenWritable(later); // a full pipe: it waits for its reader
    }
  }

  /**
   * {@code head} over {@code body}: {@code head -c N DEVICE} and {@code head -n N DEVICE} of one
   * endless device copy its bytes in rounds; every other use is {@code body}'s.
   */
  static Tool head(Tool body) {
    return new Tool() {
      @Override
      public int run(ToolContext ctx, List<String> args) {
        return body.run(ctx, args);
      }

      @Override
      public void run(ToolContext ctx, List<String> args, IntConsumer done) {
        TextTools.Count c = TextTools.count(args, 10, true, ctx.busybox());
        if (c.bad() != null
            || c.fromStart()
            || c.files().size() != 1
            || c.files().get(0).equals("-")
            || allButLast(args)
            || !endless(ctx, FileTools.path(ctx, c.files().get(0)))) {
          body.run(ctx, args, done);
          return;
        }
        copy(
            ctx,
            FileTools.path(ctx, c.files().get(0)),
            c.bytes() ? c.n() : Long.MAX_VALUE,
            c.bytes() ? -1 : c.n(),
            UnaryOperator.identity(),
            "head",
            done);
      }

      @Override
      public boolean readsStdin(List<String> args) {
        return body.readsStdin(args);
      }
    };
  }

  /**
   * {@code head -c -N}, {@code head -n -N}: all but the last N, which an endless file never has.
   */
  private static boolean allButLast(List<String> args) {
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (a.matches("-[nc]-.*|--(lines|bytes)=-.*")
          || (a.equals("-n") || a.equals("-c"))
              && i + 1 < args.size()
              && args.get(i + 1).startsWith("-")) {
        return true;
      }
    }
    return false;
  }
}

package dev.ddlab.sim.shell;

import dev.ddlab.engine.Attachment;
import dev.ddlab.sim.runtime.OutputEnd;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * Streaming docker commands ({@code docker logs -f}, {@code docker events}, {@code docker stats})
 * whose output is a pipe rather than the terminal: {@code docker logs -f web | grep GET}. Their
 * {@link Attachment} is read as the terminal reads an attached one, whenever virtual time moves
 * (the session calls {@link #pump} after each step, as it reads its attached stream), and what it
 * printed is written into the pipe. The docker CLI's next write after the reader exited fails with
 * EPIPE and kills it (141, as {@code docker logs -f x | head -1} ends on the private dockerd); the
 * stream then closes. A job killing it ({@code timeout 3 docker events | …}) or Ctrl-C closes it
 * too.
 */
final class PipedStreams {
  private final List<Stream> streams = new ArrayList<>();

  /**
   * One docker command's stream, the stdio of its stage, what learns of its status, and what the
   * command prints when its write meets a pipe whose reader is gone (null: it dies of SIGPIPE).
   */
  private record Stream(Attachment a, Io io, String brokenPipe, IntConsumer done) {}

  /** The streams whose pipe is full: read again when its reader has taken enough. */
  private final List<Stream> waiting = new ArrayList<>();

  private void end(Stream s, int status) {
    streams.remove(s);
    waiting.remove(s);
    s.a().close();
    s.done().accept(status);
  }

  /** The reader is gone: the write was EPIPE, and SIGPIPE, unless the CLI catches it. */
  private void broken(Stream s) {
    if (s.brokenPipe() == null) {
      end(s, 128 + 13);
      return;
    }
    s.io().err().accept(s.brokenPipe() + "\n");
    end(s, 1);
  }

  private void pump(Stream s) {
    Io io = s.io();
    if (waiting.contains(s)) {
      return; // its pipe is full: the stream holds what comes, and the process waits
    }
    if (io.out() instanceof OutputEnd e && e.broken()) {
      broken(s);
      return;
    }
    // asked before the read: a real stream's last frames may come between a read and the question,
    // and the close below would drop them
    boolean over = s.a().isClosed();
    String errors = s.a().readStderr();
    if (!errors.isEmpty()) {
      io.err().accept(errors); // stderr does not go down the pipe
    }
    String text = s.a().read();
    if (!text.isEmpty()) {
      if (s.brokenPipe() != null && io.out() instanceof Pipe p && p.readerClosed()) {
        broken(s); // a CLI that catches SIGPIPE: its write fails with EPIPE
        return;
      }
      io.out().accept(text);
      if (io.out() instanceof OutputEnd e && e.broken()) {
        broken(s);
        return;
      }
    }
    if (over) {
      Integer code = s.a().exitCode();
      end(s, code == null ? 0 : code);
    } else if (!text.isEmpty() && io.out() instanceof OutputEnd e) {
      // back-pressure: while the pipe is full the stream is not read (a simulated one then holds
      // its process back), and it is read again once the reader has made room
      waiting.add(s);
      boolean[] later = {false};
      e.whenWritable(
          () -> {
            if (waiting.remove(s) && later[0]) {
              pump(s);
            }
          });
      later[0] = true;
    }
  }

  /**
   * Streams {@code a} into {@code io}'s output until it closes, the pipe's reader exits or its job
   * is killed; Ctrl-C ({@code foregroundStop} registers how) closes it.
   */
  void add(
      Attachment a, Io io, String brokenPipe, Consumer<Runnable> foregroundStop, IntConsumer done) {
    IntConsumer end = JobControl.once(done);
    a.splitStderr();
    Stream[] self = new Stream[1];
    Runnable unregister = io.job() == null ? () -> {} : io.job().onKill(st -> end(self[0], st));
    self[0] =
        new Stream(
            a,
            io,
            brokenPipe,
            st -> {
              unregister.run();
              end.accept(st);
            });
    streams.add(self[0]);
    foregroundStop.accept(
        () -> {
          // Ctrl-C: the stream stops; the line ends with 130 and its stages are abandoned
          streams.remove(self[0]);
          waiting.remove(self[0]);
          a.close();
        });
    pump(self[0]); // what it has now (docker logs -f prints the logs so far at once)
  }

  /**
   * Waits, in its engine's own time and at most {@code max}, for a stream that virtual time does
   * not move (a real daemon's) and whose pipe has room, until it has something or ended: the
   * session does this when its line waits for nothing else.
   *
   * @return the nanoseconds of the engine's time it waited, or -1 when there is no such stream or
   *     nothing came
   */
  long await(Duration max) {
    for (Stream s : streams) {
      if (!waiting.contains(s) && !s.a().inSessionTime()) {
        return s.a().awaitOutput(max);
      }
    }
    return -1;
  }

  /** Moves what each stream printed since into its pipe (after each step of virtual time). */
  void pump() {
    for (Stream s : List.copyOf(streams)) {
      pump(s);
    }
  }
}

package dev.ddlab.bridge.real;

import dev.ddlab.bridge.stream.InputQueue;
import dev.ddlab.bridge.stream.StdStream;
import dev.ddlab.engine.Attachment;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * An {@link Attachment} over a real daemon's attach or exec stream: a reader thread collects the
 * output (demultiplexed without a TTY, raw with one), {@link #write} feeds the hijacked
 * connection's stdin, and the exit code is asked from the daemon once the stream ends. The daemon
 * itself watches for the detach keys (Ctrl-P Ctrl-Q) and ends the stream when it sees them.
 *
 * <p>The reader holds at most {@link #CAPACITY} for its client: once that much waits unread, it
 * stops taking the daemon's stream until the client reads or closes, so the socket's buffers fill
 * and the daemon's copy, then the process's write, wait, as with docker/cli on a terminal that does
 * not keep up ({@code docker run busybox yes} on a server held everything it printed before 7 Dec).
 * {@link #follow} reads as it waits, so a caller that means to read everything gets it all.
 */
final class StreamAttachment implements Attachment {
  private static final String DETACH = "\u0010\u0011";

  /** What the reader holds unread before it stops taking the stream: a pipe's 64 KiB. */
  static final int CAPACITY = 64 * 1024;

  private final Closeable response;
  private final InputQueue stdin;
  private final Function<Boolean, Integer> exitProbe;
  private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
  private final CountDownLatch ended = new CountDownLatch(1);
  private volatile boolean detachRequested;
  private volatile boolean closed;
  private Integer exitCode;
  private boolean exitKnown;
  private final ResizeTarget resizeTarget;

  /** Where {@link #resize} goes (container or exec resize endpoint). */
  interface ResizeTarget {
    void resize(int columns, int rows);
  }

  /**
   * @param exitProbe asked once the stream ended, with whether the detach keys were typed; returns
   *     the exit code, or null when the process still runs (a detach)
   */
  StreamAttachment(
      InputStream body,
      Closeable response,
      boolean multiplexed,
      InputQueue stdin,
      Function<Boolean, Integer> exitProbe,
      ResizeTarget resizeTarget) {
    this.response = response;
    this.stdin = stdin;
    this.exitProbe = exitProbe;
    this.resizeTarget = resizeTarget;
    Thread t = new Thread(() -> pump(body, multiplexed), "ddlab-attach-reader");
    t.setDaemon(true);
    t.start();
  }

  /** An attachment that is over before it starts (exec start with detach). */
  static StreamAttachment finished(Integer exitCode) {
    StreamAttachment a =
        new StreamAttachment(
            InputStream.nullInputStream(), () -> {}, false, null, d -> exitCode, null);
    a.awaitExit(Duration.ofSeconds(5));
    return a;
  }

  private void pump(InputStream body, boolean multiplexed) {
    try (body) {
      if (multiplexed) {
        StdStream.Reader reader = new StdStream.Reader(body);
        for (StdStream.Frame f = reader.next(); f != null; f = reader.next()) {
          append(f.payload(), f.payload().length);
        }
      } else {
        byte[] buf = new byte[8192];
        for (int n = body.read(buf); n >= 0; n = body.read(buf)) {
          append(buf, n);
        }
      }
    } catch (IOException | RuntimeException e) {
      // the daemon or close() ended the connection: the stream is over either way
    } finally {
      ended.countDown();
      synchronized (this) {
        notifyAll(); // a follow waiting for output
      }
    }
  }

  /**
   * Holds what came for the client, waiting first while it would then hold more than {@link
   * #CAPACITY} unread (a frame is at most moby's 32 KiB copy buffer; one larger than the whole
   * capacity is taken once the client has read everything).
   */
  private synchronized void append(byte[] bytes, int n) throws InterruptedIOException {
    while (pending.size() > 0 && pending.size() + n > CAPACITY && !closed) {
      try {
        wait();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException();
      }
    }
    if (!closed) {
      pending.write(bytes, 0, n);
      notifyAll(); // a follow waiting for output
    }
  }

  /** The bytes held unread. */
  synchronized int held() {
    return pending.size();
  }

  /** Whether the reader thread has stopped (the stream ended or was closed). */
  boolean readerEnded() {
    return ended.getCount() == 0;
  }

  @Override
  public synchronized String read() {
    byte[] all = pending.toByteArray();
    int complete = completeUtf8Prefix(all);
    pending.reset();
    pending.write(all, complete, all.length - complete);
    notifyAll(); // the reader thread, if it waits for room
    return new String(all, 0, complete, StandardCharsets.UTF_8);
  }

  /**
   * Reads as it waits: hands {@code out} what comes until the stream ends or {@code max} of wall
   * time passes, so the reader never waits for room longer than one read.
   */
  @Override
  public boolean follow(Duration max, Consumer<String> out) {
    long deadline = System.nanoTime() + max.toNanos();
    while (true) {
      boolean over = awaitOutput(deadline);
      boolean finished = readerEnded() || closed; // then this read takes the last of it
      String text = read();
      if (!text.isEmpty()) {
        out.accept(text);
      }
      if (finished) {
        return exitCode() != null;
      }
      if (over) {
        return false;
      }
    }
  }

  /** Waits until something is held, the stream ended or the deadline; true at the deadline. */
  private synchronized boolean awaitOutput(long deadline) {
    while (pending.size() == 0 && !readerEnded() && !closed) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return true;
      }
      try {
        TimeUnit.NANOSECONDS.timedWait(this, left);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return true;
      }
    }
    return deadline - System.nanoTime() <= 0;
  }

  /** Length of the prefix that ends on a whole UTF-8 character. */
  static int completeUtf8Prefix(byte[] b) {
    int n = b.length;
    for (int back = 1; back <= Math.min(3, n); back++) {
      int c = b[n - back] & 0xff;
      if ((c & 0xc0) == 0x80) {
        continue; // continuation byte: look further back for the lead byte
      }
      int need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
      return need > back ? n - back : n;
    }
    return n;
  }

  @Override
  public void write(String input) {
    if (stdin == null || closed) {
      return;
    }
    if (input.contains(DETACH)) {
      detachRequested = true;
    }
    stdin.offer(input.getBytes(StandardCharsets.UTF_8));
  }

  /** The end of a piped stdin: the connection is half-closed once what was written is sent. */
  @Override
  public void closeInput() {
    if (stdin != null && !closed) {
      stdin.close();
    }
  }

  @Override
  public void resize(int columns, int rows) {
    if (resizeTarget != null && !closed) {
      resizeTarget.resize(columns, rows);
    }
  }

  @Override
  public boolean awaitExit(Duration max) {
    try {
      if (!ended.await(max.toMillis(), TimeUnit.MILLISECONDS)) {
        return false;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
    return exitCode() != null;
  }

  @Override
  public boolean isClosed() {
    return closed || ended.getCount() == 0;
  }

  @Override
  public synchronized Integer exitCode() {
    if (ended.getCount() > 0) {
      return null;
    }
    if (!exitKnown) {
      exitCode = closed ? null : exitProbe.apply(detachRequested);
      exitKnown = true;
    }
    return exitCode;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    synchronized (this) {
      notifyAll(); // the reader, if it waits for room, drops what comes from now on
    }
    if (stdin != null) {
      stdin.close();
    }
    try {
      response.close();
    } catch (IOException e) {
      // already gone
    }
  }
}

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
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Iterator;
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

  /** What came and was not read yet, in arrival order: runs of one stream's bytes. */
  private final ArrayDeque<Run> runs = new ArrayDeque<>();

  /** The bytes {@link #runs} hold. */
  private int held;

  /** Whether the client asked for stderr apart ({@link #splitStderr}). */
  private boolean split;

  /** The start of a character a read ended inside, per stream: the next read begins with it. */
  private byte[] carryOut = new byte[0];

  private byte[] carryErr = new byte[0];

  private final boolean multiplexed;
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
    this.multiplexed = multiplexed;
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
          append(f.stream() == StdStream.STDERR, f.payload(), f.payload().length);
        }
      } else {
        byte[] buf = new byte[8192];
        for (int n = body.read(buf); n >= 0; n = body.read(buf)) {
          append(false, buf, n);
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

  /** Bytes of one stream that came one after the other. */
  private static final class Run {
    final boolean err;
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    Run(boolean err) {
      this.err = err;
    }
  }

  /**
   * Holds what came for the client, waiting first while it would then hold more than {@link
   * #CAPACITY} unread (a frame is at most moby's 32 KiB copy buffer; one larger than the whole
   * capacity is taken once the client has read everything). Each piece keeps its stream from the
   * first frame, as the client may ask for stderr apart only after the process has written.
   */
  private synchronized void append(boolean err, byte[] bytes, int n) throws InterruptedIOException {
    while (held > 0 && held + n > CAPACITY && !closed) {
      try {
        wait();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException();
      }
    }
    if (!closed) {
      Run last = runs.peekLast();
      if (last == null || last.err != err) {
        last = new Run(err);
        runs.add(last);
      }
      last.bytes.write(bytes, 0, n);
      held += n;
      notifyAll(); // a follow waiting for output
    }
  }

  /** The bytes held unread. */
  synchronized int held() {
    return held;
  }

  /** Whether the reader thread has stopped (the stream ended or was closed). */
  boolean readerEnded() {
    return ended.getCount() == 0;
  }

  /**
   * Without a TTY the daemon's stream carries stdout and stderr apart (stdcopy frames): from now on
   * {@link #read} gives stdout and {@link #readStderr} stderr, and {@link #read(Consumer,
   * Consumer)} both in the order they came. With a TTY there is one stream.
   */
  @Override
  public synchronized boolean splitStderr() {
    split = multiplexed;
    return split;
  }

  /** Everything unread (both streams, in order) or, once split, stdout's. */
  @Override
  public synchronized String read() {
    return take(split ? Boolean.FALSE : null);
  }

  @Override
  public synchronized String readStderr() {
    return split ? take(Boolean.TRUE) : "";
  }

  /** Hands on everything unread, each run to its stream's consumer in the order it came. */
  @Override
  public int read(Consumer<String> out, Consumer<String> err) {
    if (!split) {
      String text = read();
      if (!text.isEmpty()) {
        out.accept(text);
      }
      return text.length();
    }
    int n = 0;
    while (true) {
      boolean toErr;
      String text;
      synchronized (this) {
        Run r = runs.poll();
        if (r == null) {
          return n;
        }
        toErr = r.err;
        text = decode(r.err, r);
        notifyAll(); // the reader thread, if it waits for room
      }
      if (!text.isEmpty()) {
        (toErr ? err : out).accept(text);
        n += text.length();
      }
    }
  }

  /**
   * Takes the runs of one stream ({@code err} true or false) or of both (null), as text that ends
   * on a whole character; what is left of a character waits for its stream's next bytes.
   */
  private String take(Boolean err) {
    StringBuilder text = new StringBuilder();
    for (Iterator<Run> i = runs.iterator(); i.hasNext(); ) {
      Run r = i.next();
      if (err == null || r.err == err) {
        i.remove();
        text.append(decode(err != null && err, r)); // merged: one carry, as one stream
      }
    }
    notifyAll(); // the reader thread, if it waits for room
    return text.toString();
  }

  /** {@code r}'s bytes after stderr's or stdout's carry, up to the last whole character. */
  private String decode(boolean errCarry, Run r) {
    byte[] carry = errCarry ? carryErr : carryOut;
    byte[] body = r.bytes.toByteArray();
    held -= body.length;
    byte[] all = carry;
    if (body.length > 0) {
      all = new byte[carry.length + body.length];
      System.arraycopy(carry, 0, all, 0, carry.length);
      System.arraycopy(body, 0, all, carry.length, body.length);
    }
    int complete = completeUtf8Prefix(all);
    byte[] rest = Arrays.copyOfRange(all, complete, all.length);
    if (errCarry) {
      carryErr = rest;
    } else {
      carryOut = rest;
    }
    return new String(all, 0, complete, StandardCharsets.UTF_8);
  }

  /**
   * Reads as it waits: hands {@code out} what comes until the stream ends or {@code max} of wall
   * time passes, so the reader never waits for room longer than one read. Once stderr is apart it
   * comes here too, in its order: nothing is left to fill the buffer behind the caller's back.
   */
  @Override
  public boolean follow(Duration max, Consumer<String> out) {
    return follow(max, out, out);
  }

  /**
   * As {@link #follow(Duration, Consumer)}, stderr to {@code err} once it is apart: both streams
   * are read at each turn, so neither fills the bound while the other is waited for, and whether
   * the stream ended is asked before the turn's read, so the last frames are in it.
   */
  @Override
  public boolean follow(Duration max, Consumer<String> out, Consumer<String> err) {
    long deadline = System.nanoTime() + max.toNanos();
    while (true) {
      boolean over = awaitOutput(deadline);
      boolean finished = readerEnded() || closed; // then this read takes the last of it
      read(out, err);
      if (finished) {
        return exitCode() != null;
      }
      if (over) {
        return false;
      }
    }
  }

  /**
   * Waits in wall time, the daemon's, until something is held or the stream ended, at most {@code
   * max}: a session whose virtual time cannot move a real process waits here for it.
   */
  @Override
  public long awaitOutput(Duration max) {
    long start = System.nanoTime();
    awaitOutput(start + max.toNanos());
    synchronized (this) {
      return held > 0 || readerEnded() || closed ? System.nanoTime() - start : -1;
    }
  }

  /** Waits until something is held, the stream ended or the deadline; true at the deadline. */
  private synchronized boolean awaitOutput(long deadline) {
    while (held == 0 && !readerEnded() && !closed) {
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
